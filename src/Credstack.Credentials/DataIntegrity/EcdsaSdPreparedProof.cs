using Credstack.Credentials.Keys;

namespace Credstack.Credentials.DataIntegrity;

/// <summary>
/// An <c>ecdsa-sd-2023</c> derived proof ready for its signature checks: the proof value parsed and the
/// verify data computed (VC DI ECDSA 1.0 §3.5.8 parseDerivedProofValue, §3.5.9 createVerifyData), everything
/// of §3.6.7 "Verify Derived Proof" that needs no issuer key. Made by
/// <see cref="EcdsaSd2023.PrepareDerivedProof"/>, checked by <see cref="EcdsaSd2023.VerifyDerivedProof"/>.
/// </summary>
public sealed record EcdsaSdPreparedProof
{
    internal EcdsaSdPreparedProof(
        string verificationMethod,
        string proofPurpose,
        byte[] proofHash,
        byte[] mandatoryHash,
        byte[] baseSignature,
        byte[] publicKey,
        VerificationKey proofScopedKey,
        IReadOnlyList<byte[]> signatures,
        IReadOnlyList<string> mandatory,
        IReadOnlyList<string> nonMandatory
    )
    {
        VerificationMethod = verificationMethod;
        ProofPurpose = proofPurpose;
        ProofHash = proofHash;
        MandatoryHash = mandatoryHash;
        BaseSignature = baseSignature;
        PublicKey = publicKey;
        ProofScopedKey = proofScopedKey;
        Signatures = signatures;
        Mandatory = mandatory;
        NonMandatory = nonMandatory;
    }

    /// <summary>The verification method id of the issuer's key, to resolve (a P-256 key).</summary>
    public string VerificationMethod { get; }

    /// <summary>The proof purpose.</summary>
    public string ProofPurpose { get; }

    /// <summary>SHA-256 of the RDFC-1.0 canonical proof configuration (the proof without <c>proofValue</c>, with the document's <c>@context</c>).</summary>
    public byte[] ProofHash { get; }

    /// <summary>SHA-256 of the mandatory N-Quads, concatenated in canonical order (§3.4.17 hashMandatoryNQuads).</summary>
    public byte[] MandatoryHash { get; }

    /// <summary>The issuer's signature (P-256, r‖s, 64 bytes) over <see cref="SignData"/>.</summary>
    public byte[] BaseSignature { get; }

    /// <summary>The proof-scoped public key as Multikey bytes: 0x80 0x24 (p256-pub) and the compressed point, 35 bytes.</summary>
    public byte[] PublicKey { get; }

    /// <summary>The proof-scoped key decoded from <see cref="PublicKey"/>; it checks <see cref="Signatures"/>.</summary>
    internal VerificationKey ProofScopedKey { get; }

    /// <summary>One signature (P-256, r‖s, 64 bytes) per non-mandatory N-Quad, in the same order.</summary>
    public IReadOnlyList<byte[]> Signatures { get; }

    /// <summary>The mandatory N-Quads (relabelled, each ending in <c>\n</c>), in canonical order.</summary>
    public IReadOnlyList<string> Mandatory { get; }

    /// <summary>The selectively disclosed (non-mandatory) N-Quads (relabelled, each ending in <c>\n</c>), in canonical order.</summary>
    public IReadOnlyList<string> NonMandatory { get; }

    /// <summary>What the issuer signed (§3.5.1 serializeSignData): <see cref="ProofHash"/> ‖ <see cref="PublicKey"/> ‖ <see cref="MandatoryHash"/>.</summary>
    public byte[] SignData => [.. ProofHash, .. PublicKey, .. MandatoryHash];
}
