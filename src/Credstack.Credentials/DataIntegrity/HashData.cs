namespace Credstack.Credentials.DataIntegrity;

/// <summary>The intermediate values of a proof computation, as the vc-di-eddsa test vectors list them.</summary>
/// <param name="CanonicalDocument">The transformed document: canonical N-Quads or JCS.</param>
/// <param name="CanonicalProofConfig">The canonical proof configuration.</param>
/// <param name="Bytes">SHA-256(canonical proof configuration) ‖ SHA-256(canonical document).</param>
public sealed record HashData(string CanonicalDocument, string CanonicalProofConfig, byte[] Bytes);
