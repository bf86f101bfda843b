using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Credstack.Credentials.Keys;

/// <summary>
/// A public key that verifies signatures: Ed25519, ECDSA (P-256, P-384, P-521) or RSA (RS256). Immutable and
/// safe to share between threads; the underlying key object is imported once and reused for every call.
/// </summary>
public abstract class VerificationKey
{
    private protected VerificationKey() { }

    /// <summary>The key's kind.</summary>
    public abstract KeyType Type { get; }

    /// <summary>The JWS algorithm this key verifies (RFC 7518 §3.1 / RFC 8037 §3.1): EdDSA, ES256, ES384, ES512, RS256.</summary>
    public string Algorithm => Jwk.AlgorithmOf(Type);

    /// <summary>
    /// Verifies <paramref name="signature"/> over <paramref name="data"/>. ECDSA signatures are the fixed-size
    /// r‖s form (IEEE P1363) that JWS and Data Integrity use. False for any malformed signature.
    /// </summary>
    public abstract bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature);

    /// <summary>The key as Multikey <c>publicKeyMultibase</c> text (multicodec prefix + key bytes, base58btc).</summary>
    public abstract string ToMultikey();

    /// <summary>The key as a public JWK (RFC 7517): only the public members, never <c>d</c>.</summary>
    public JsonObject ToJwk()
    {
        var jwk = new JsonObject();
        foreach (var (name, value) in JwkMembers())
        {
            jwk[name] = value;
        }
        return jwk;
    }

    /// <summary>The RFC 7638 JWK thumbprint (SHA-256 of the required members in lexicographic order), base64url.</summary>
    public string Thumbprint()
    {
        // RFC 7638 §3.2: the required members only, sorted, no whitespace. Values are base64url or fixed
        // names, so none needs JSON escaping.
        var sb = new StringBuilder("{");
        var first = true;
        foreach (var (name, value) in JwkMembers())
        {
            if (!first)
            {
                sb.Append(',');
            }
            first = false;
            sb.Append('"').Append(name).Append("\":\"").Append(value).Append('"');
        }
        sb.Append('}');
        return Base64UrlText.Encode(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())));
    }

    /// <summary>True when <paramref name="other"/> is the same public key.</summary>
    public bool SameKeyAs(VerificationKey other) =>
        other is not null && other.Type == Type && Thumbprint() == other.Thumbprint();

    /// <summary>The kind and the Multikey (or thumbprint) text: public values only.</summary>
    public override string ToString() =>
        $"{Type} public key {(Type is KeyType.Ed25519 or KeyType.P256 or KeyType.P384 ? ToMultikey() : Thumbprint())}";

    /// <summary>The required public JWK members (RFC 7638 §3.2), in lexicographic order.</summary>
    internal abstract IEnumerable<(string Name, string Value)> JwkMembers();

    /// <summary>Reads an Ed25519 public key from its 32 raw bytes.</summary>
    /// <exception cref="KeyFormatException">The bytes are not an Ed25519 public key.</exception>
    public static VerificationKey FromEd25519(ReadOnlySpan<byte> publicKey) =>
        Ed25519VerificationKey.Create(publicKey);

    /// <summary>Reads Multikey <c>publicKeyMultibase</c> text (Ed25519, P-256, P-384 or RSA).</summary>
    /// <exception cref="KeyFormatException">The text is not a supported Multikey public key.</exception>
    public static VerificationKey FromMultikey(string publicKeyMultibase)
    {
        if (!Multibase.TryDecode(publicKeyMultibase, out var bytes) || publicKeyMultibase[0] != 'z')
        {
            throw new KeyFormatException(
                "a Multikey public key is base58btc multibase text starting with 'z'"
            );
        }
        if (!Multicodec.TryReadPrefix(bytes, out var code, out var n))
        {
            throw new KeyFormatException(
                "the Multikey value does not start with a multicodec prefix"
            );
        }
        var key = bytes.AsSpan(n);
        return code switch
        {
            Multicodec.Ed25519Public => Ed25519VerificationKey.Create(key),
            Multicodec.P256Public => EcVerificationKey.FromCompressed(KeyType.P256, key),
            Multicodec.P384Public => EcVerificationKey.FromCompressed(KeyType.P384, key),
            Multicodec.RsaPublic => RsaVerificationKey.FromPkcs1(key),
            Multicodec.Ed25519Secret or Multicodec.P256Secret => throw new KeyFormatException(
                "the Multikey value is a secret key where a public key is expected"
            ),
            _ => throw new KeyFormatException($"unsupported multicodec key type 0x{code:x}"),
        };
    }

    /// <summary>Like <see cref="FromMultikey"/> but returns false and a message instead of throwing.</summary>
    public static bool TryFromMultikey(
        string publicKeyMultibase,
        [NotNullWhen(true)] out VerificationKey? key,
        [NotNullWhen(false)] out string? error
    )
    {
        try
        {
            key = FromMultikey(publicKeyMultibase);
            error = null;
            return true;
        }
        catch (KeyFormatException e)
        {
            key = null;
            error = e.Message;
            return false;
        }
    }

    /// <summary>Reads a public JWK (OKP Ed25519, EC P-256/P-384/P-521, RSA). A JWK with <c>d</c> is refused.</summary>
    /// <exception cref="KeyFormatException">The JWK is malformed, private or unsupported.</exception>
    public static VerificationKey FromJwk(JsonElement jwk) => Jwk.ReadPublic(jwk);

    /// <summary>Like <see cref="FromJwk"/> but returns false and a message instead of throwing.</summary>
    public static bool TryFromJwk(
        JsonElement jwk,
        [NotNullWhen(true)] out VerificationKey? key,
        [NotNullWhen(false)] out string? error
    )
    {
        try
        {
            key = Jwk.ReadPublic(jwk);
            error = null;
            return true;
        }
        catch (KeyFormatException e)
        {
            key = null;
            error = e.Message;
            return false;
        }
        catch (InvalidOperationException)
        {
            // A member that is not well-formed UTF-8 (JsonElement.GetString refuses it only when read).
            key = null;
            error = "the JWK holds text that is not well-formed UTF-8";
            return false;
        }
    }
}
