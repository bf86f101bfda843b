using NSec.Cryptography;

namespace Credstack.Credentials.Keys;

/// <summary>An Ed25519 public key held as an NSec <see cref="PublicKey"/> (imported once).</summary>
internal sealed class Ed25519VerificationKey : VerificationKey
{
    private readonly PublicKey _key;
    private readonly byte[] _raw;

    private Ed25519VerificationKey(PublicKey key, byte[] raw)
    {
        _key = key;
        _raw = raw;
    }

    public override KeyType Type => KeyType.Ed25519;

    /// <summary>The 32 raw public key bytes (RFC 8032 §5.1.5).</summary>
    public ReadOnlySpan<byte> RawKey => _raw;

    internal PublicKey NSecKey => _key;

    public static Ed25519VerificationKey Create(ReadOnlySpan<byte> raw)
    {
        if (raw.Length != 32)
        {
            throw new KeyFormatException($"an Ed25519 public key has 32 bytes, not {raw.Length}");
        }
        if (
            !PublicKey.TryImport(
                SignatureAlgorithm.Ed25519,
                raw,
                KeyBlobFormat.RawPublicKey,
                out var key
            ) || key is null
        )
        {
            throw new KeyFormatException("the bytes are not a valid Ed25519 public key");
        }
        return new Ed25519VerificationKey(key, raw.ToArray());
    }

    internal static Ed25519VerificationKey FromNSec(PublicKey key) =>
        new(key, key.Export(KeyBlobFormat.RawPublicKey));

    public override bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature) =>
        signature.Length == 64 && SignatureAlgorithm.Ed25519.Verify(_key, data, signature);

    public override string ToMultikey() =>
        Multibase.EncodeBase58Btc(Multicodec.Prefix(Multicodec.Ed25519Public, _raw));

    internal override IEnumerable<(string Name, string Value)> JwkMembers()
    {
        yield return ("crv", "Ed25519");
        yield return ("kty", "OKP");
        yield return ("x", Base64UrlText.Encode(_raw));
    }
}
