using System.Text.Json.Nodes;
using Credstack.LinkedData.Canonicalization;
using Credstack.LinkedData.Json;
using Credstack.LinkedData.JsonLd;
using Credstack.LinkedData.Rdf;

namespace Credstack.LinkedData.Tests.JsonLd;

/// <summary>
/// The W3C JSON-LD 1.1 API toRdf suite (toRdf-manifest.jsonld), one case per manifest entry, and the
/// VC/OB/CLR subset of it (toRdf-vc-subset.json) as its own theory so its pass count shows on its own.
/// </summary>
public sealed class ToRdfTests
{
    public static TheoryData<string> AllEntries()
    {
        var data = new TheoryData<string>();
        foreach (var id in ToRdfManifest.InScopeIds)
        {
            data.Add(id);
        }
        return data;
    }

    public static TheoryData<string> VcSubsetEntries()
    {
        var data = new TheoryData<string>();
        foreach (var id in ToRdfManifest.VcSubsetIds)
        {
            data.Add(id);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(AllEntries))]
    public void ToRdf_ManifestEntry_Conforms(string id) => RunEntry(id);

    [Theory]
    [MemberData(nameof(VcSubsetEntries))]
    public void ToRdfVcSubset_ManifestEntry_Conforms(string id) => RunEntry(id);

    /// <summary>The whole suite again with the input parsed by <see cref="JsonText"/> (one-pass nodes).</summary>
    [Theory]
    [MemberData(nameof(AllEntries))]
    public void ToRdf_ManifestEntryParsedByJsonText_Conforms(string id) =>
        RunEntry(id, parseInOnePass: true);

    [Fact]
    public void Manifest_ExcludedEntries_AreOnlyJsonLd10Ones()
    {
        // 467 entries; those run by a JSON-LD 1.0 processor only are out of scope. There are no HTML
        // inputs in the toRdf manifest.
        Assert.Equal(467, ToRdfManifest.Entries.Count);
        Assert.Equal(
            ToRdfManifest.Entries.Count,
            ToRdfManifest.InScopeIds.Count + ToRdfManifest.Excluded.Count
        );
        foreach (var (id, reason) in ToRdfManifest.Excluded)
        {
            Assert.True(
                string.Equals(
                    ToRdfManifest.Entries[id].OptionString("specVersion"),
                    "json-ld-1.0",
                    StringComparison.Ordinal
                ),
                $"{id} is excluded: {reason}"
            );
        }
    }

    [Fact]
    public void VcSubset_EveryId_IsAnInScopeManifestEntry()
    {
        Assert.Equal(367, ToRdfManifest.VcSubsetIds.Count);
        foreach (var id in ToRdfManifest.VcSubsetIds)
        {
            Assert.True(ToRdfManifest.Entries.ContainsKey(id), $"{id} is not in the manifest");
            Assert.False(ToRdfManifest.Excluded.ContainsKey(id), $"{id} is excluded");
        }
    }

    private static void RunEntry(string id, bool parseInOnePass = false)
    {
        var entry = ToRdfManifest.Entries[id];
        Assert.False(ToRdfManifest.Excluded.ContainsKey(id), $"{id} is out of scope");
        var root = ToRdfManifest.TestsRoot;
        var loader = SuiteDocumentLoader.Instance;
        var inputUrl = SuiteDocumentLoader.BaseIri + entry.Input;
        var text = File.ReadAllText(Path.Combine(root, entry.Input));
        var input = parseInOnePass ? JsonText.Parse(text) : JsonNode.Parse(text);
        var options = new JsonLdOptions
        {
            Base = entry.OptionString("base") ?? inputUrl,
            DocumentLoader = loader,
            ProcessingMode = entry.OptionString("processingMode") ?? "json-ld-1.1",
            ProduceGeneralizedRdf = entry.OptionBool("produceGeneralizedRdf"),
            RdfDirection = entry.OptionString("rdfDirection"),
            ExpandContext = LoadExpandContext(entry, loader),
        };

        switch (entry.Kind)
        {
            case "jld:NegativeEvaluationTest":
                var error = Assert.Throws<JsonLdException>(() =>
                    JsonLdProcessor.ToRdf(input, options)
                );
                Assert.Equal(entry.ExpectErrorCode, error.Code);
                break;
            case "jld:PositiveSyntaxTest":
                JsonLdProcessor.ToRdf(input, options);
                break;
            default:
                var actual = JsonLdProcessor.ToRdf(input, options);
                var expectedText = File.ReadAllText(Path.Combine(root, entry.Expect!));
                if (options.ProduceGeneralizedRdf)
                {
                    // Blank node predicates: outside what the N-Quads reader and RDFC-1.0 accept.
                    var actualText = NQuads.Serialize(actual);
                    Assert.True(
                        GeneralizedDatasetComparer.AreIsomorphic(actualText, expectedText),
                        $"expected (up to blank node labels):\n{expectedText}\nactual:\n{actualText}"
                    );
                    break;
                }
                Assert.Equal(Canonical(NQuads.Parse(expectedText)), Canonical(actual));
                break;
        }
    }

    private static JsonNode? LoadExpandContext(ToRdfEntry entry, SuiteDocumentLoader loader)
    {
        var path = entry.OptionString("expandContext");
        if (path is null)
        {
            return null;
        }
        var document = loader.Load(SuiteDocumentLoader.BaseIri + path).Document;
        // The expandContext option names a document whose @context is the context to apply.
        return document is JsonObject obj && obj.TryGetPropertyValue("@context", out var context)
            ? context
            : document;
    }

    /// <summary>Datasets compare as graphs: both sides are canonicalized (RDFC-1.0) first.</summary>
    private static string Canonical(IReadOnlyList<Quad> quads) =>
        RdfCanonicalizer.Canonicalize(quads).NQuads;
}
