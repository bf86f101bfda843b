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

    private RdfTerm(RdfTermKind kind, string value, string? datatype, string? language)
    {
        Kind = kind;
        Value = value;
        Datatype = datatype;
        Language = language;
    }

    /// <summary>The term's kind.</summary>
    public RdfTermKind Kind { get; }

    /// <summary>The IRI, blank node label (without <c>_:</c>) or literal lexical form.</summary>
    public string Value { get; }

    /// <summary>The datatype IRI of a literal; null for other kinds.</summary>
    public string? Datatype { get; }

    /// <summary>The language tag of an <c>rdf:langString</c> literal.</summary>
    public string? Language { get; }

    /// <summary>The default graph term.</summary>
    public static RdfTerm DefaultGraph { get; } =
        new(RdfTermKind.DefaultGraph, string.Empty, null, null);

    /// <summary>True for IRIs.</summary>
    public bool IsIri => Kind == RdfTermKind.Iri;

    /// <summary>True for blank nodes.</summary>
    public bool IsBlankNode => Kind == RdfTermKind.BlankNode;

    /// <summary>True for literals.</summary>
    public bool IsLiteral => Kind == RdfTermKind.Literal;

    /// <summary>True for the default graph.</summary>
    public bool IsDefaultGraph => Kind == RdfTermKind.DefaultGraph;

    /// <summary>An IRI term.</summary>
    public static RdfTerm Iri(string iri) => new(RdfTermKind.Iri, iri, null, null);

    /// <summary>A blank node; a leading <c>_:</c> is removed.</summary>
    public static RdfTerm BlankNode(string label) =>
        new(
            RdfTermKind.BlankNode,
            label.StartsWith("_:", StringComparison.Ordinal) ? label[2..] : label,
            null,
            null
        );

    /// <summary>A literal; a language tag makes it an <c>rdf:langString</c>.</summary>
    public static RdfTerm Literal(
        string lexicalForm,
        string? datatype = null,
        string? language = null
    ) =>
        new(
            RdfTermKind.Literal,
            lexicalForm,
            language is null ? datatype ?? XsdString : RdfLangString,
            language
        );

    /// <inheritdoc />
    public override string ToString() => NQuads.FormatTerm(this);
}
