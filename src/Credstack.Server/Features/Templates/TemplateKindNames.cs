namespace Credstack.Server.Features.Templates;

/// <summary>The wire names of <see cref="TemplateKind"/>.</summary>
internal static class TemplateKindNames
{
    public const string Help = "must be one of micro-credential, certificate, badge.";

    public static string ToName(this TemplateKind kind) =>
        kind switch
        {
            TemplateKind.MicroCredential => "micro-credential",
            TemplateKind.Certificate => "certificate",
            _ => "badge",
        };

    public static bool TryParse(string? name, out TemplateKind kind)
    {
        switch (name?.Trim().ToLowerInvariant())
        {
            case "micro-credential":
                kind = TemplateKind.MicroCredential;
                return true;
            case "certificate":
                kind = TemplateKind.Certificate;
                return true;
            case "badge":
                kind = TemplateKind.Badge;
                return true;
            default:
                kind = TemplateKind.Badge;
                return false;
        }
    }
}
