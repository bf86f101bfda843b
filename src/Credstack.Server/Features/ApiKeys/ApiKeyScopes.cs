namespace Credstack.Server.Features.ApiKeys;

/// <summary>The space-separated scope list stored on an <see cref="ApiKey"/>.</summary>
internal static class ApiKeyScopes
{
    public static HashSet<string> Parse(string scopes) =>
        new(
            scopes.Split(
                ' ',
                StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries
            ),
            StringComparer.Ordinal
        );

    public static string Format(IEnumerable<string> scopes) =>
        string.Join(' ', scopes.Order(StringComparer.Ordinal));
}
