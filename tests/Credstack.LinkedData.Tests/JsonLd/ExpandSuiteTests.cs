using System.Text.Json.Nodes;
using Credstack.LinkedData.JsonLd;

namespace Credstack.LinkedData.Tests.JsonLd;

/// <summary>
/// The W3C JSON-LD 1.1 expansion suite (expand-manifest.jsonld), one test case per manifest entry.
/// Entries for JSON-LD 1.0 only (specVersion json-ld-1.0) are out of scope for a JSON-LD 1.1 processor and
/// reported as skipped.
/// </summary>
public sealed class ExpandSuiteTests
{
    private const string OutOfScope =
        "specVersion json-ld-1.0 only: behaviour a JSON-LD 1.1 processor does not implement";

    private static readonly Lazy<Dictionary<string, JsonObject>> Entries = new(LoadEntries);

    /// <summary>
    /// Entries that deliberately fail, with the reason. Each still runs and must fail the same way.
    /// </summary>
    private static readonly Dictionary<string, string> KnownFailures = new(StringComparer.Ordinal)
    { };

    public static TheoryData<string> InScope() => Ids(inScope: true);

    public static TheoryData<string> Skipped() => Ids(inScope: false);

    [Theory]
    [MemberData(nameof(InScope))]
    public void Expand_ManifestEntry_MatchesExpectation(string id)
    {
        var entry = Entries.Value[id];
        if (KnownFailures.TryGetValue(id, out var reason))
        {
            Assert.False(
                Passes(entry, out _),
                $"{id} is listed as a known failure ({reason}) but passes"
            );
            return;
        }
        Assert.True(Passes(entry, out var message), message);
    }

    [Theory(Skip = OutOfScope)]
    [MemberData(nameof(Skipped))]
    public void Expand_JsonLd10OnlyEntry_IsOutOfScope(string id) => Assert.NotNull(id);

    [Fact]
    public void Manifest_HasEntries() => Assert.True(Entries.Value.Count > 300);

    private static bool Passes(JsonObject entry, out string message)
    {
        var id = (string)entry["@id"]!;
        var inputPath = (string)entry["input"]!;
        var input = JsonNode.Parse(
            File.ReadAllText(Path.Combine(SuiteDocumentLoader.Folder, inputPath))
        );
        var option = entry["option"] as JsonObject;
        var options = new JsonLdOptions
        {
            Base = option?["base"] is { } b ? (string)b! : SuiteDocumentLoader.BaseIri + inputPath,
            ProcessingMode = option?["processingMode"] is { } m ? (string)m! : "json-ld-1.1",
            ExpandContext = option?["expandContext"] is { } c
                ? JsonValue.Create(SuiteDocumentLoader.BaseIri + (string)c!)
                : null,
            DocumentLoader = SuiteDocumentLoader.Instance,
        };
        var types = entry["@type"]!.AsArray();
        var negative = false;
        foreach (var t in types)
        {
            negative |= (string?)t == "jld:NegativeEvaluationTest";
        }
        if (negative)
        {
            var expectedCode = (string)entry["expectErrorCode"]!;
            try
            {
                var result = JsonLdProcessor.Expand(input, options);
                message = $"{id}: expected error '{expectedCode}', got {result.ToJsonString()}";
                return false;
            }
            catch (JsonLdException e)
            {
                message = $"{id}: expected error '{expectedCode}', got '{e.Code}': {e.Detail}";
                return e.Code == expectedCode;
            }
        }
        var expected = JsonNode.Parse(
            File.ReadAllText(Path.Combine(SuiteDocumentLoader.Folder, (string)entry["expect"]!))
        );
        try
        {
            var actual = JsonLdProcessor.Expand(input, options);
            message =
                $"{id}: expected {expected?.ToJsonString()}\n   actual {actual.ToJsonString()}";
            return JsonLdComparer.AreEqual(expected, actual);
        }
        catch (JsonLdException e)
        {
            message = $"{id}: unexpected error '{e.Code}': {e.Detail}";
            return false;
        }
    }

    private static TheoryData<string> Ids(bool inScope)
    {
        var data = new TheoryData<string>();
        foreach (var (id, entry) in Entries.Value)
        {
            if (IsInScope(entry) == inScope)
            {
                data.Add(id);
            }
        }
        return data;
    }

    private static bool IsInScope(JsonObject entry) =>
        entry["option"]?["specVersion"] is not { } version || (string?)version != "json-ld-1.0";

    private static Dictionary<string, JsonObject> LoadEntries()
    {
        var manifest = JsonNode.Parse(
            File.ReadAllText(Path.Combine(SuiteDocumentLoader.Folder, "expand-manifest.jsonld"))
        )!;
        var entries = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var entry in manifest["sequence"]!.AsArray())
        {
            entries[(string)entry!["@id"]!] = entry.AsObject();
        }
        return entries;
    }
}
