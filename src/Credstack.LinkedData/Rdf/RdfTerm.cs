namespace Credstack.LinkedData.Rdf;

/// <summary>The kind of an RDF term (RDF 1.1 Concepts §3).</summary>
public enum RdfTermKind
{
    /// <summary>An absolute IRI.</summary>
    Iri,

    /// <summary>A blank node; <see cref="RdfTerm.Value"/> is its label without the <c>_:</c> prefix.</summary>
    BlankNode,

    /// <summary>A literal with a datatype IRI and, for <c>rdf:langString</c>, a language tag.</summary>
    Literal,

    /// <summary>The default graph (only in the graph position of a quad).</summary>
    DefaultGraph,
}

/// <summary>
/// An RDF term. IRIs and blank nodes carry their identifier in <see cref="Value"/> (blank node labels
/// without <c>_:</c>); literals carry their lexical form, datatype IRI and optional language tag.
/// </summary>
public readonly record struct RdfTerm
{
    /// <summary>The xsd:string datatype IRI.</summary>
    public const string XsdString = "http://www.w3.org/2001/XMLSchema#string";

    /// <summary>The rdf:langString datatype IRI.</summary>
    public const string RdfLangString = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString";

    // Packed into two references (16 bytes; a quad is 64): _extra is null for an IRI, the datatype
    // string of a literal, a LanguageTag for an rdf:langString literal, or a KindMarker for a blank
    // node or the default graph. default(RdfTerm) stays an IRI with a null value, as before.
    private readonly string _value;
    private readonly object? _extra;

    private RdfTerm(string value, object? extra)
    {
        _value = value;
        _extra = extra;
    }

    private sealed class KindMarker(RdfTermKind kind)
    {
        public RdfTermKind Kind { get; } = kind;
    }

    private sealed record LanguageTag(string Language);

    private static readonly KindMarker BlankNodeMarker = new(RdfTermKind.BlankNode);
    private static readonly KindMarker DefaultGraphMarker = new(RdfTermKind.DefaultGraph);

    /// <summary>The term's kind.</summary>
    public RdfTermKind Kind =>
        _extra switch
        {
            null => RdfTermKind.Iri,
            KindMarker marker => marker.Kind,
            _ => RdfTermKind.Literal,
        };

    /// <summary>The IRI, blank node label (without <c>_:</c>) or literal lexical form.</summary>
    public string Value => _value;

    /// <summary>The datatype IRI of a literal; null for other kinds.</summary>
    public string? Datatype =>
        _extra switch
        {
            string datatype => datatype,
            LanguageTag => RdfLangString,
            _ => null,
        };

    /// <summary>The language tag of an <c>rdf:langString</c> literal.</summary>
    public string? Language => (_extra as LanguageTag)?.Language;

    /// <summary>The default graph term.</summary>
    public static RdfTerm DefaultGraph { get; } = new(string.Empty, DefaultGraphMarker);

    /// <summary>True for IRIs.</summary>
    public bool IsIri => _extra is null;

    /// <summary>True for blank nodes.</summary>
    public bool IsBlankNode => ReferenceEquals(_extra, BlankNodeMarker);

    /// <summary>True for literals.</summary>
    public bool IsLiteral => _extra is string or LanguageTag;

    /// <summary>True for the default graph.</summary>
    public bool IsDefaultGraph => ReferenceEquals(_extra, DefaultGraphMarker);

    /// <summary>An IRI term.</summary>
    public static RdfTerm Iri(string iri) => new(iri, null);

    /// <summary>A blank node; a leading <c>_:</c> is removed.</summary>
    public static RdfTerm BlankNode(string label) =>
        new(label.StartsWith("_:", StringComparison.Ordinal) ? label[2..] : label, BlankNodeMarker);

    /// <summary>A literal; a language tag makes it an <c>rdf:langString</c>.</summary>
    public static RdfTerm Literal(
        string lexicalForm,
        string? datatype = null,
        string? language = null
    ) => new(lexicalForm, language is null ? datatype ?? XsdString : new LanguageTag(language));

    /// <inheritdoc />
    public override string ToString() => NQuads.FormatTerm(this);
}
