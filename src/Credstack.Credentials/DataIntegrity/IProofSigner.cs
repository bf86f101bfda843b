using Credstack.Credentials.Keys;

namespace Credstack.Credentials.DataIntegrity;

/// <summary>Signs the hash data of a Data Integrity proof with an issuer's private key (Ed25519 for the EdDSA suites).</summary>
public interface IProofSigner
{
    /// <summary>The verification method id written into <c>proof.verificationMethod</c>.</summary>
    string VerificationMethod { get; }

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
    public byte[] Sign(ReadOnlySpan<byte> data) => Key.Sign(data);

    /// <summary>A signer whose verification method is the key's <c>did:key</c> (Ed25519 or P-256).</summary>
    public static ProofSigner ForDidKey(SigningKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var multikey = key.PublicKey.ToMultikey();
        return new ProofSigner(key, $"did:key:{multikey}#{multikey}");
    }
}
