using Credstack.Credentials.Keys.Ed25519;
using NSec.Cryptography;

namespace Credstack.Credentials.Keys;

/// <summary>An Ed25519 public key held as an NSec <see cref="PublicKey"/> (imported once).</summary>
internal sealed class Ed25519VerificationKey : VerificationKey
{
    private readonly PublicKey _key;
    private readonly byte[] _raw;
    private Ed25519VerifierCache.Entry? _entry;
    private Ed25519FastVerifier? _fast;

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
        VerifyDetailed(data, signature, forceTable: false).Valid;

    /// <summary>
    /// Verifies, first through the per-key table (<see cref="Ed25519FastVerifier"/>) once this key has
    /// been used <see cref="Ed25519VerifierCache.BuildThreshold"/> times (or at once when
    /// <paramref name="forceTable"/>), which only ever answers "valid"; any other answer is libsodium's
    /// (NSec), so the result is always libsodium's. <c>ByTable</c> tells which decided (tests).
    /// </summary>
    internal (bool Valid, bool ByTable) VerifyDetailed(
        ReadOnlySpan<byte> data,
        ReadOnlySpan<byte> signature,
        bool forceTable
    )
    {
        if (signature.Length != 64)
        {
            return (false, false);
        }
        var fast = _fast;
        if (fast is null)
        {
            var entry = _entry ??= Ed25519VerifierCache.GetEntry(_raw);
            fast = entry.Use(forceTable);
            _fast = fast;
        }
        else if (_entry is { Referenced: false } used)
        {
            used.Referenced = true; // keeps the key's cache entry through the next eviction sweep
        }
        if (fast is not null && fast.Verify(data, signature))
        {
            return (true, true);
        }
        return (SignatureAlgorithm.Ed25519.Verify(_key, data, signature), false);
    }

    public override string ToMultikey() =>
        Multibase.EncodeBase58Btc(Multicodec.Prefix(Multicodec.Ed25519Public, _raw));

    internal override IEnumerable<(string Name, string Value)> JwkMembers()
    {
        yield return ("crv", "Ed25519");
        yield return ("kty", "OKP");
        yield return ("x", Base64UrlText.Encode(_raw));
    }
}
