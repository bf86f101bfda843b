using Credstack.LinkedData.Rdf;

namespace Credstack.LinkedData.Canonicalization;

/// <summary>The result of RDFC-1.0 canonicalization.</summary>
/// <param name="NQuads">The canonical N-Quads document (sorted lines, each ending in <c>\n</c>).</param>
/// <param name="Quads">The relabelled quads in canonical order.</param>
/// <param name="IssuedIdentifiers">The issued-identifier map: input blank node label (without <c>_:</c>) to canonical label (<c>c14nN</c>).</param>
public sealed record CanonicalizationResult(
    string NQuads,
    IReadOnlyList<Quad> Quads,
    IReadOnlyDictionary<string, string> IssuedIdentifiers
);
