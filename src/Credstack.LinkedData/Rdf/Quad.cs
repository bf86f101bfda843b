namespace Credstack.LinkedData.Rdf;

/// <summary>An RDF quad; <see cref="Graph"/> is <see cref="RdfTerm.DefaultGraph"/> for triples of the default graph.</summary>
public readonly record struct Quad(
    RdfTerm Subject,
    RdfTerm Predicate,
    RdfTerm Object,
    RdfTerm Graph
)
{
    /// <summary>A triple in the default graph.</summary>
    public Quad(RdfTerm subject, RdfTerm predicate, RdfTerm @object)
        : this(subject, predicate, @object, RdfTerm.DefaultGraph) { }

    /// <inheritdoc />
    public override string ToString() => NQuads.FormatQuad(this);
}
