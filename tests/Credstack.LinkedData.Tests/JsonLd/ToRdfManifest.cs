using System.Text.Json.Nodes;
using Credstack.Tests.Shared;

namespace Credstack.LinkedData.Tests.JsonLd;

/// <summary>One entry of the JSON-LD 1.1 toRdf manifest.</summary>
internal sealed record ToRdfEntry(
    string Id,
    string Kind,
    string Input,
    string? Expect,
    string? ExpectErrorCode,
    JsonObject Option
)
{
    public string? OptionString(string name) =>
        Option.TryGetPropertyValue(name, out var v)
        && v is JsonValue value
        && value.TryGetValue(out string? s)
            ? s
            : null;

    public bool OptionBool(string name) =>
        Option.TryGetPropertyValue(name, out var v)
        && v is JsonValue value
        && value.TryGetValue(out bool b)
        && b;
}

/// <summary>
/// The toRdf manifest of the W3C JSON-LD 1.1 API test suite (shared/vectors/json-ld-api/tests), with the
/// entries this processor does not claim to support set apart with their reason.
/// </summary>
internal static class ToRdfManifest
{
    private static readonly Lazy<Loaded> Data = new(Load);

    public static string TestsRoot =>
        SharedData.PathOf("vectors", "json-ld-api", "tests") + Path.DirectorySeparatorChar;

    public static IReadOnlyDictionary<string, ToRdfEntry> Entries => Data.Value.Entries;

    /// <summary>Entries out of scope, with the reason.</summary>
    public static IReadOnlyDictionary<string, string> Excluded => Data.Value.Excluded;

    /// <summary>In-scope entry ids, in manifest order.</summary>
    public static IReadOnlyList<string> InScopeIds => Data.Value.InScope;

    /// <summary>The ids of the VC/OB/CLR subset (shared/vectors/json-ld-api/toRdf-vc-subset.json).</summary>
    public static IReadOnlyList<string> VcSubsetIds => Data.Value.VcSubset;

    private sealed record Loaded(
        Dictionary<string, ToRdfEntry> Entries,
        Dictionary<string, string> Excluded,
        List<string> InScope,
        List<string> VcSubset
    );

    private static Loaded Load()
    {
        var manifest = JsonNode.Parse(
            File.ReadAllText(
                SharedData.PathOf("vectors", "json-ld-api", "tests", "toRdf-manifest.jsonld")
            )
        )!;
        var entries = new Dictionary<string, ToRdfEntry>(StringComparer.Ordinal);
        var excluded = new Dictionary<string, string>(StringComparer.Ordinal);
        var inScope = new List<string>();
        foreach (var node in manifest["sequence"]!.AsArray())
        {
            var types = node!["@type"]!.AsArray();
            var kind = types[0]!.GetValue<string>();
            var entry = new ToRdfEntry(
                node["@id"]!.GetValue<string>(),
                kind,
                node["input"]!.GetValue<string>(),
                node["expect"]?.GetValue<string>(),
                node["expectErrorCode"]?.GetValue<string>(),
                node["option"] as JsonObject ?? []
            );
            entries.Add(entry.Id, entry);
            if (
                string.Equals(
                    entry.OptionString("specVersion"),
                    "json-ld-1.0",
                    StringComparison.Ordinal
                )
            )
            {
                excluded.Add(
                    entry.Id,
                    "specVersion json-ld-1.0: a JSON-LD 1.0-only behaviour, which a 1.1 processor need not run"
                );
            }
            else if (!entry.Input.EndsWith(".jsonld", StringComparison.Ordinal))
            {
                excluded.Add(entry.Id, "HTML input: Credstack processes JSON documents only");
            }
            else
            {
                inScope.Add(entry.Id);
            }
        }
        var subset = JsonNode.Parse(
            File.ReadAllText(SharedData.PathOf("vectors", "json-ld-api", "toRdf-vc-subset.json"))
        )!["tests"]!.AsArray();
        var vc = new List<string>();
        foreach (var id in subset)
        {
            vc.Add(id!.GetValue<string>());
        }
        return new Loaded(entries, excluded, inScope, vc);
    }
}
