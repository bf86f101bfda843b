using Credstack.LinkedData.Rdf;

namespace Credstack.LinkedData.Canonicalization;

/// <summary>RDF Dataset Canonicalization (RDFC-1.0, W3C Recommendation).</summary>
public static class RdfCanonicalizer
{
    /// <summary>
    /// Canonicalizes a dataset (RDFC-1.0 §4.4), returning the canonical N-Quads, the relabelled quads
    /// in canonical order and the issued-identifier map. Duplicate quads are removed (a dataset is a
    /// set). Throws <see cref="RdfCanonicalizationException"/> when the work limit is exceeded (a
    /// "poison" graph).
    /// </summary>
    public static CanonicalizationResult Canonicalize(
        IEnumerable<Quad> quads,
        RdfcOptions? options = null
    )
    {
        ArgumentNullException.ThrowIfNull(quads);
        return Rdfc10.Canonicalize(quads, options ?? RdfcOptions.Default);
    }
}
