using Credstack.Credentials.Keys;

namespace Credstack.Credentials.DataIntegrity;

/// <summary>
/// Signs the hash data of a Data Integrity proof with an issuer's private key (Ed25519 for the EdDSA suites,
/// P-256 or P-384 for the ECDSA suites).
/// </summary>
public interface IProofSigner
{
    /// <summary>The verification method id written into <c>proof.verificationMethod</c>.</summary>
    string VerificationMethod { get; }

    /// <summary>
    /// The private key's type. It must suit the cryptosuite, and for the ECDSA suites it chooses the hash
    /// (VC DI ECDSA §3.2.3: SHA-256 for P-256, SHA-384 for P-384). Ed25519 unless the signer says otherwise.
    /// </summary>
    KeyType KeyType => KeyType.Ed25519;

    /// <summary>Signs <paramref name="data"/> and returns the raw signature.</summary>
    byte[] Sign(ReadOnlySpan<byte> data);
}

/// <summary>An <see cref="IProofSigner"/> over a <see cref="SigningKey"/> (which the caller keeps and disposes).</summary>
/// <param name="key">The private key.</param>
/// <param name="verificationMethod">The verification method id that resolves to the key's public half.</param>
public sealed class ProofSigner(SigningKey key, string verificationMethod) : IProofSigner
{
    /// <inheritdoc />
    public string VerificationMethod { get; } = verificationMethod;

    /// <summary>The key.</summary>
    public SigningKey Key { get; } = key;

    /// <inheritdoc />
    public KeyType KeyType => Key.Type;

    /// <inheritdoc />
    public byte[] Sign(ReadOnlySpan<byte> data) => Key.Sign(data);

    /// <summary>A signer whose verification method is the key's <c>did:key</c> (Ed25519, P-256 or P-384).</summary>
    public static ProofSigner ForDidKey(SigningKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var multikey = key.PublicKey.ToMultikey();
        return new ProofSigner(key, $"did:key:{multikey}#{multikey}");
    }
}
