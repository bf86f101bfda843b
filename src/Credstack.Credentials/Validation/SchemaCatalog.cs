using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Credstack.Credentials.Validation;

/// <summary>
/// The embedded OB 3.0 / CLR 2.0 JSON Schemas, built once and cached. The published schemas are the VC 2.0-era
/// ones; the VC 1.1 variants are derived from them (base context, <c>issuanceDate</c>/<c>expirationDate</c>)
/// because OB 3.0 credentials issued under VC 1.1 are still in circulation (1EdTech's validator accepts them
/// with a warning).
/// </summary>
internal static class SchemaCatalog
{
    /// <summary>A built schema with its JSON (to explain failures with the schema's own values).</summary>
    internal sealed record CompiledSchema(
        JsonSchema Schema,
        CompiledJsonSchema Fast,
        JsonNode Json,
        string File
    );

    private const string ResourcePrefix = "Credstack.Credentials.Validation.Schemas.";
    private const string OpenBadgeFile = "ob_v3p0_achievementcredential_schema.json";
    private const string EndorsementFile = "ob_v3p0_endorsementcredential_schema.json";
    private const string ClrFile = "clr_v2p0_clrcredential_schema.json";

    private static readonly Lazy<CompiledSchema> OpenBadge20 = new(() =>
        Build(OpenBadgeFile, vc11: false)
    );
    private static readonly Lazy<CompiledSchema> OpenBadge11 = new(() =>
        Build(OpenBadgeFile, vc11: true)
    );
    private static readonly Lazy<CompiledSchema> Endorsement20 = new(() =>
        Build(EndorsementFile, vc11: false)
    );
    private static readonly Lazy<CompiledSchema> Endorsement11 = new(() =>
        Build(EndorsementFile, vc11: true)
    );
    private static readonly Lazy<CompiledSchema> Clr20 = new(() => Build(ClrFile, vc11: false));
    private static readonly Lazy<CompiledSchema> Clr11 = new(() => Build(ClrFile, vc11: true));

    /// <summary>The schema for a kind and VC version, or <see langword="null"/> for <see cref="CredentialKind.Unknown"/>.
    /// An unknown VC version uses the VC 2.0 schema (the current one).</summary>
    public static CompiledSchema? For(CredentialKind kind, VcVersion version)
    {
        var vc11 = version == VcVersion.Vc11;
        return kind switch
        {
            CredentialKind.OpenBadge => (vc11 ? OpenBadge11 : OpenBadge20).Value,
            CredentialKind.Endorsement => (vc11 ? Endorsement11 : Endorsement20).Value,
            CredentialKind.Clr => (vc11 ? Clr11 : Clr20).Value,
            _ => null,
        };
    }

    /// <summary>The schema's file name, for messages and tests.</summary>
    public static string FileFor(CredentialKind kind) =>
        kind switch
        {
            CredentialKind.OpenBadge => OpenBadgeFile,
            CredentialKind.Endorsement => EndorsementFile,
            CredentialKind.Clr => ClrFile,
            _ => string.Empty,
        };

    internal static JsonNode LoadNode(string file)
    {
        using var stream =
            typeof(SchemaCatalog).Assembly.GetManifestResourceStream(ResourcePrefix + file)
            ?? throw new InvalidOperationException($"embedded schema {file} is missing");
        return JsonNode.Parse(stream)
            ?? throw new InvalidOperationException($"embedded schema {file} is empty");
    }

    private static CompiledSchema Build(string file, bool vc11)
    {
        var node = LoadNode(file);
        if (vc11)
        {
            node["$id"] = "https://schemas.credstack.invalid/vc11/" + file;
            PatchForVc11(node);
        }
        var element = JsonSerializer.SerializeToElement(node);
        // A private registry per schema: nothing is looked up globally and nothing is ever fetched.
        var options = new BuildOptions { SchemaRegistry = new SchemaRegistry() };
        return new CompiledSchema(
            JsonSchema.Build(element, options),
            CompiledJsonSchema.Compile(node),
            node,
            file
        );
    }

    /// <summary>Turns a VC 2.0-era schema into its VC 1.1 counterpart, everywhere in the tree (embedded
    /// endorsements too): base context v1, <c>issuanceDate</c> required instead of <c>validFrom</c>, and the
    /// date properties renamed.</summary>
    private static void PatchForVc11(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["properties"] is JsonObject properties)
                {
                    Rename(properties, "validFrom", "issuanceDate");
                    Rename(properties, "validUntil", "expirationDate");
                }
                if (obj["required"] is JsonArray required)
                {
                    for (var i = 0; i < required.Count; i++)
                    {
                        if (required[i]?.GetValue<string>() == "validFrom")
                        {
                            required[i] = "issuanceDate";
                        }
                    }
                }
                if (obj["enum"] is JsonArray values)
                {
                    for (var i = 0; i < values.Count; i++)
                    {
                        if (
                            values[i] is JsonValue v
                            && v.TryGetValue<string>(out var s)
                            && s == KnownContexts.Vc2
                        )
                        {
                            values[i] = KnownContexts.Vc1;
                        }
                    }
                }
                foreach (var (_, child) in obj.ToList())
                {
                    PatchForVc11(child);
                }
                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    PatchForVc11(child);
                }
                break;
            default:
                break;
        }
    }

    private static void Rename(JsonObject properties, string from, string to)
    {
        if (properties[from] is { } value)
        {
            properties.Remove(from);
            properties[to] = value;
        }
    }
}
