using System.Text.Json;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using Credstack.LinkedData.Canonicalization;
using Credstack.LinkedData.Json;
using Credstack.LinkedData.JsonLd;
using Credstack.LinkedData.Rdf;

namespace Credstack.Benchmarks;

/// <summary>
/// The linked-data path that every eddsa-rdfc-2022 sign and verify runs, on a realistic Open Badges 3.0
/// credential (Data/ob3-realistic.json: 3,337 bytes compact, 69 quads).
/// <see cref="JsonLdToCanonicalNQuads"/> is the headline figure (target: 50 µs, i.e. 20,000/s on one
/// core); the others split it into its stages. Contexts come from the bundled loader, already warm.
/// </summary>
[SimpleJob(warmupCount: 3, iterationCount: 5)]
[MemoryDiagnoser]
public class LinkedDataBenchmarks
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 128 };

    private readonly JsonLdOptions _options = new();
    private readonly RdfcOptions _rdfcOptions = new();
    private string _json = "";
    private JsonNode? _document;
    private JsonNode? _parsed;
    private JsonArray _expanded = [];
    private IReadOnlyList<Quad> _dataset = [];

    [GlobalSetup]
    public void Setup()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Data", "ob3-realistic.json");
        if (!File.Exists(path))
        {
            throw new FileNotFoundException("the benchmark credential is missing", path);
        }
        _json = File.ReadAllText(path);
        _document = JsonNode.Parse(_json, documentOptions: DocumentOptions);
        // Every node built (JsonText.Parse builds the whole tree), as a caller's parsed document is.
        _parsed = JsonText.Parse(_json, DocumentOptions);
        // Also warms the bundled loader, so no iteration pays for parsing the contexts.
        _expanded = JsonLdProcessor.Expand(_document, _options);
        _dataset = JsonLdProcessor.ToRdfFromExpanded(_expanded, _options);
        var canonical = RdfCanonicalizer.Canonicalize(_dataset, _rdfcOptions).NQuads;
        if (canonical.Length == 0)
        {
            throw new InvalidOperationException("the credential canonicalized to an empty dataset");
        }
    }

    /// <summary>JSON-LD 1.1 expansion of the parsed credential.</summary>
    [Benchmark]
    public JsonArray Expand() => JsonLdProcessor.Expand(_document, _options);

    /// <summary>Deserialize JSON-LD to RDF from the ready expanded form (JSON-LD 1.1 API §8.1).</summary>
    [Benchmark]
    public IReadOnlyList<Quad> ToRdf() => JsonLdProcessor.ToRdfFromExpanded(_expanded, _options);

    /// <summary>RDFC-1.0 on the ready dataset, including the canonical N-Quads string.</summary>
    [Benchmark]
    public string Canonicalize() => RdfCanonicalizer.Canonicalize(_dataset, _rdfcOptions).NQuads;

    /// <summary>
    /// RDFC-1.0 on the ready dataset, the canonical N-Quads text only (the last stage of
    /// <see cref="JsonLdToCanonicalNQuads"/>; quick harness case <c>Parts.RdfcToNQuads</c>).
    /// </summary>
    public string CanonicalNQuadsOnly() =>
        RdfCanonicalizer.ToCanonicalNQuads(_dataset, _rdfcOptions);

    /// <summary>
    /// The whole path: JSON text → parse (<see cref="JsonText.Parse(string, JsonDocumentOptions)"/>, the
    /// parser for a caller with text) → expand → toRdf → RDFC-1.0 → canonical N-Quads (the text only, as
    /// a signer or verifier needs it: <see cref="RdfCanonicalizer.ToCanonicalNQuads"/>).
    /// </summary>
    [Benchmark]
    public string JsonLdToCanonicalNQuads()
    {
        var document = JsonText.Parse(_json, DocumentOptions);
        var dataset = JsonLdProcessor.ToRdf(document, _options);
        return RdfCanonicalizer.ToCanonicalNQuads(dataset, _rdfcOptions);
    }

    /// <summary>
    /// The same path from the parsed document (a JSON-LD document in memory, as a signer or verifier holds
    /// it, and as jsonld.js's <c>canonize(doc)</c> takes it for the reference figure in
    /// <c>PERFORMANCE.md</c>): expand → toRdf → RDFC-1.0 → canonical N-Quads text. Expansion never modifies
    /// its input, so every call sees the same document.
    /// </summary>
    [Benchmark]
    public string ParsedJsonLdToCanonicalNQuads()
    {
        var dataset = JsonLdProcessor.ToRdf(_parsed, _options);
        return RdfCanonicalizer.ToCanonicalNQuads(dataset, _rdfcOptions);
    }

    /// <summary>
    /// <see cref="JsonLdToCanonicalNQuads"/> with the text parsed by <see cref="JsonNode.Parse(string, JsonNodeOptions?, JsonDocumentOptions)"/>
    /// (a lazily built tree, as the case measured before 2026-11-30's ldtree2 round).
    /// </summary>
    [Benchmark]
    public string JsonLdToCanonicalNQuadsLazyParse()
    {
        var document = JsonNode.Parse(_json, documentOptions: DocumentOptions);
        var dataset = JsonLdProcessor.ToRdf(document, _options);
        return RdfCanonicalizer.ToCanonicalNQuads(dataset, _rdfcOptions);
    }
}
