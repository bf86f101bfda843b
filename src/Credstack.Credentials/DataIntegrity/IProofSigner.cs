namespace Credstack.Credentials.DataIntegrity;

/// <summary>Signs the hash data of a Data Integrity proof with an issuer's private key (Ed25519 for the EdDSA suites).</summary>
public interface IProofSigner
{
    /// <summary>The verification method id written into <c>proof.verificationMethod</c>.</summary>
    string VerificationMethod { get; }

    /// <summary>Signs <paramref name="data"/> and returns the raw signature.</summary>
    byte[] Sign(ReadOnlySpan<byte> data);
}

/// <summary>Checks a raw signature with a public key resolved from a verification method.</summary>
public interface IProofVerificationKey
{
    /// <summary>Whether <paramref name="signature"/> is a valid signature of <paramref name="data"/>.</summary>
    bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature);
}
