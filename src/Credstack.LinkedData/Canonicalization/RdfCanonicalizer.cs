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

    /// <summary>
    /// Canonicalizes a dataset (RDFC-1.0 §4.4) and returns only the canonical N-Quads, the same text as
    /// <see cref="CanonicalizationResult.NQuads"/>, without building the relabelled quads and the
    /// issued-identifier map. Throws <see cref="RdfCanonicalizationException"/> as
    /// <see cref="Canonicalize"/> does.
    /// </summary>
    public static string ToCanonicalNQuads(IEnumerable<Quad> quads, RdfcOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(quads);
        return Rdfc10.CanonicalizeToNQuads(quads, options ?? RdfcOptions.Default);
    }

    /// <summary>
    /// The SHA-256 of the canonical N-Quads' UTF-8 form (what Data Integrity signs over), written to
    /// <paramref name="destination"/> (32 bytes) without building the N-Quads string.
    /// </summary>
    internal static void CanonicalSha256(
        IEnumerable<Quad> quads,
        Span<byte> destination,
        RdfcOptions? options = null
    ) => Rdfc10.CanonicalSha256(quads, options ?? RdfcOptions.Default, destination);
}
