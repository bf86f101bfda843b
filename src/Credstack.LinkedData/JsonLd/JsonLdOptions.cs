using System.Text.Json.Nodes;

namespace Credstack.LinkedData.JsonLd;

/// <summary>Options of the JSON-LD processor (JSON-LD 1.1 API §9.2 JsonLdOptions, plus Credstack's limits and safe mode).</summary>
public sealed record JsonLdOptions
{
    /// <summary>The base IRI of the document (the <c>base</c> option); null for none.</summary>
    public string? Base { get; init; }

    /// <summary><c>json-ld-1.1</c> (default) or <c>json-ld-1.0</c>.</summary>
    public string ProcessingMode { get; init; } = "json-ld-1.1";

    /// <summary>The loader for remote contexts. Defaults to the offline loader of bundled contexts.</summary>
    public IDocumentLoader? DocumentLoader { get; init; }

    /// <summary>A context to apply before the document's own (the <c>expandContext</c> option).</summary>
    public JsonNode? ExpandContext { get; init; }

    /// <summary>Whether toRdf emits triples whose predicate is a blank node (the <c>produceGeneralizedRdf</c> option).</summary>
    public bool ProduceGeneralizedRdf { get; init; }

    /// <summary>How toRdf encodes <c>@direction</c>: null, <c>i18n-datatype</c> or <c>compound-literal</c>.</summary>
    public string? RdfDirection { get; init; }

    /// <summary>
    /// Safe mode, for signers: instead of silently dropping a property or keeping a relative IRI that
    /// the RDF (and so a signature) would not cover, fail with <see cref="JsonLdErrorCodes.SafeModeViolation"/>
    /// naming the property.
    /// </summary>
    public bool SafeMode { get; init; }

    /// <summary>The deepest nesting of JSON objects and arrays accepted (input and contexts).</summary>
    public int MaxDepth { get; init; } = 128;

    /// <summary>The most remote contexts that may be loaded while processing one document.</summary>
    public int MaxRemoteContexts { get; init; } = 32;
}
