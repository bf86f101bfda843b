using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Credstack.Credentials.Keys;

/// <summary>
/// A private key that signs: Ed25519 (through NSec/libsodium), ECDSA P-256/P-384 or RSA (RS256) through
/// System.Security.Cryptography. The key object is imported once; signing reuses it. Dispose to release it.
/// <see cref="ToString"/> and exception messages never contain secret material.
/// </summary>
public abstract class SigningKey : IDisposable
{
    private protected SigningKey() { }

    /// <summary>The key's kind.</summary>
    public abstract KeyType Type { get; }

    /// <summary>The JWS algorithm this key signs with: EdDSA, ES256, ES384 or RS256.</summary>
    public string Algorithm => Jwk.AlgorithmOf(Type);

    /// <summary>The matching public key.</summary>
    public abstract VerificationKey PublicKey { get; }

    /// <summary>The size of a signature in bytes (64 for Ed25519 and P-256, the modulus size for RSA).</summary>
    public abstract int SignatureSize { get; }

    /// <summary>True once disposed.</summary>
    protected bool IsDisposed { get; private set; }

    /// <summary>Signs <paramref name="data"/>; ECDSA signatures are r‖s (IEEE P1363), as JWS and Data Integrity use.</summary>
    public byte[] Sign(ReadOnlySpan<byte> data)
    {
        var signature = new byte[SignatureSize];
        var n = Sign(data, signature);
        return n == signature.Length ? signature : signature[..n];
    }

    /// <summary>Signs into <paramref name="destination"/> (at least <see cref="SignatureSize"/> bytes); returns the length.</summary>
    public abstract int Sign(ReadOnlySpan<byte> data, Span<byte> destination);

    /// <summary>The secret key as Multikey <c>secretKeyMultibase</c> text (Ed25519 and P-256 only).</summary>
    public abstract string ExportSecretMultikey();

    /// <summary>The key as a private JWK (with <c>d</c>, and for RSA the CRT members). Handle with care.</summary>
    public abstract JsonObject ExportPrivateJwk();

    /// <summary>The kind and the public key: never secret material.</summary>
    public override string ToString() => $"{Type} signing key for {PublicKey}";

    /// <summary>Generates a new key. RSA keys have <paramref name="rsaBits"/> bits (at least 2048).</summary>
    public static SigningKey Generate(KeyType type, int rsaBits = 2048) =>
        type switch
        {
            KeyType.Ed25519 => Ed25519SigningKey.Generate(),
            KeyType.P256 or KeyType.P384 or KeyType.P521 => EcSigningKey.Generate(type),
            KeyType.Rsa => RsaSigningKey.Generate(rsaBits),
            _ => throw new ArgumentOutOfRangeException(nameof(type)),
        };

    /// <summary>Reads an Ed25519 key from its 32-byte seed (RFC 8032 §5.1.5 private key).</summary>
    /// <exception cref="KeyFormatException">The seed does not have 32 bytes.</exception>
    public static SigningKey FromEd25519Seed(ReadOnlySpan<byte> seed) =>
        Ed25519SigningKey.Import(seed);

    /// <summary>Reads Multikey <c>secretKeyMultibase</c> text (ed25519-priv or p256-priv).</summary>
    /// <exception cref="KeyFormatException">The text is not a supported secret Multikey.</exception>
    public static SigningKey FromSecretMultikey(string secretKeyMultibase)
    {
        if (
            secretKeyMultibase is null
            || !Multibase.TryDecode(secretKeyMultibase, out var bytes)
            || secretKeyMultibase[0] != 'z'
        )
        {
            throw new KeyFormatException(
                "a secret Multikey is base58btc multibase text starting with 'z'"
            );
        }
        try
        {
            if (!Multicodec.TryReadPrefix(bytes, out var code, out var n))
            {
                throw new KeyFormatException(
                    "the secret Multikey does not start with a multicodec prefix"
                );
            }
            return code switch
            {
                Multicodec.Ed25519Secret => Ed25519SigningKey.Import(bytes.AsSpan(n)),
                Multicodec.P256Secret => EcSigningKey.FromPrivateScalar(
                    KeyType.P256,
                    bytes.AsSpan(n)
                ),
                _ => throw new KeyFormatException(
                    $"unsupported secret multicodec key type 0x{code:x}"
                ),
            };
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    /// <summary>Reads a private JWK (OKP Ed25519, EC P-256/P-384/P-521, RSA) with its <c>d</c> member.</summary>
    /// <exception cref="KeyFormatException">The JWK is malformed, public-only or unsupported.</exception>
    public static SigningKey FromJwk(JsonElement jwk)
    {
        if (jwk.ValueKind != JsonValueKind.Object)
        {
            throw new KeyFormatException("a JWK is a JSON object");
        }
        if (!jwk.TryGetProperty("d", out _))
        {
            throw new KeyFormatException("the JWK has no private member 'd'");
        }
        var type = Jwk.ReadType(jwk);
        SigningKey key = type switch
        {
            KeyType.Ed25519 => Ed25519SigningKey.ImportJwk(jwk),
            KeyType.Rsa => RsaSigningKey.ImportJwk(jwk),
            _ => EcSigningKey.ImportJwk(type, jwk),
        };
        // The public members of a private JWK must describe the same key.
        var stated = Jwk.ReadPublic(jwk, allowPrivate: true);
        if (!stated.SameKeyAs(key.PublicKey))
        {
            key.Dispose();
            throw new KeyFormatException("the JWK's public members do not match its private key");
        }
        return key;
    }

    /// <summary>Releases the key.</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the key object.</summary>
    protected virtual void Dispose(bool disposing) => IsDisposed = true;
}
