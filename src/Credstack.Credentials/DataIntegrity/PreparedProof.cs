namespace Credstack.Credentials.DataIntegrity;

/// <summary>
/// A proof ready for its signature check: everything except the public key has been computed
/// (VC Data Integrity §4.4 verify proof, up to the cryptosuite's verification step).
/// </summary>
/// <param name="Type">The proof type.</param>
/// <param name="Cryptosuite">The cryptosuite (for Ed25519Signature2020, the type).</param>
/// <param name="VerificationMethod">The verification method id to resolve.</param>
/// <param name="ProofPurpose">The proof purpose.</param>
/// <param name="HashData">
/// SHA-256(canonical proof configuration) ‖ SHA-256(canonical document); SHA-384 of each for an ECDSA proof
/// with a 96-byte (P-384) signature.
/// </param>
/// <param name="Signature">The decoded proofValue.</param>
/// <param name="Warnings">Remarks that do not fail the proof (legacy suite name).</param>
public sealed record PreparedProof(
    string Type,
    string Cryptosuite,
    string VerificationMethod,
    string ProofPurpose,
    byte[] HashData,
    byte[] Signature,
    IReadOnlyList<ProofProblem> Warnings
);

/// <summary>Why a proof cannot be verified, or a remark about it.</summary>
/// <param name="Code">A code from <see cref="Verification.VerificationCodes"/>.</param>
/// <param name="Message">A plain-language explanation.</param>
public sealed record ProofProblem(string Code, string Message);

/// <summary>What a verifier expects of a proof.</summary>
public sealed record ProofExpectations
{
    /// <summary>The proof purpose the proof must have.</summary>
    public string ProofPurpose { get; init; } = "assertionMethod";

    /// <summary>The challenge a presentation proof must carry, if any.</summary>
    public string? Challenge { get; init; }

    /// <summary>The domain a presentation proof must carry, if any.</summary>
    public string? Domain { get; init; }

    /// <summary>The current time, for <c>expires</c>.</summary>
    public DateTimeOffset? Now { get; init; }
}
