using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Credstack.Credentials.Keys;

/// <summary>An RSA private key for RS256 (RFC 7518 §3.3), at least 2048 bits.</summary>
internal sealed class RsaSigningKey : SigningKey
{
    private readonly RSA _key;
    private readonly RsaVerificationKey _public;

    private RsaSigningKey(RSA key)
    {
        _key = key;
        _public = RsaVerificationKey.FromRsa(key);
    }

    public override KeyType Type => KeyType.Rsa;

    public override VerificationKey PublicKey => _public;

    public override int SignatureSize => _key.KeySize / 8;

    public static RsaSigningKey Generate(int bits)
    {
        if (bits < RsaVerificationKey.MinimumBits)
        {
            throw new ArgumentOutOfRangeException(
                nameof(bits),
                "RSA keys must have at least 2048 bits"
            );
        }
        return new RsaSigningKey(RSA.Create(bits));
    }

    public static RsaSigningKey ImportJwk(JsonElement jwk)
    {
        var p = new RSAParameters
        {
            Modulus = Jwk.Bytes(jwk, "n"),
            Exponent = Jwk.Bytes(jwk, "e"),
            D = Jwk.Bytes(jwk, "d"),
            P = Jwk.Bytes(jwk, "p"),
            Q = Jwk.Bytes(jwk, "q"),
            DP = Jwk.Bytes(jwk, "dp"),
            DQ = Jwk.Bytes(jwk, "dq"),
            InverseQ = Jwk.Bytes(jwk, "qi"),
        };
        var key = RSA.Create();
        try
        {
            key.ImportParameters(p);
            if (key.KeySize < RsaVerificationKey.MinimumBits)
            {
                throw new KeyFormatException("RSA keys must have at least 2048 bits");
            }
            return new RsaSigningKey(key);
        }
        catch (CryptographicException e)
        {
            key.Dispose();
            throw new KeyFormatException("the RSA private key is invalid", e);
        }
        catch
        {
            key.Dispose();
            throw;
        }
        finally
        {
            Zero(p);
        }
    }

    public override int Sign(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        return _key.SignData(
            data,
            destination,
            HashAlgorithmName.SHA256,
            RSASignaturePadding.Pkcs1
        );
    }

    public override string ExportSecretMultikey() =>
        throw new NotSupportedException(
            "Credstack stores RSA private keys as JWKs, not as Multikeys"
        );

    public override JsonObject ExportPrivateJwk()
    {
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        var p = _key.ExportParameters(true);
        try
        {
            var jwk = _public.ToJwk();
            jwk["d"] = Base64UrlText.Encode(p.D);
            jwk["p"] = Base64UrlText.Encode(p.P);
            jwk["q"] = Base64UrlText.Encode(p.Q);
            jwk["dp"] = Base64UrlText.Encode(p.DP);
            jwk["dq"] = Base64UrlText.Encode(p.DQ);
            jwk["qi"] = Base64UrlText.Encode(p.InverseQ);
            return jwk;
        }
        finally
        {
            Zero(p);
        }
    }

    private static void Zero(RSAParameters p)
    {
        foreach (var part in (byte[]?[])[p.D, p.P, p.Q, p.DP, p.DQ, p.InverseQ])
        {
            if (part is not null)
            {
                CryptographicOperations.ZeroMemory(part);
            }
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !IsDisposed)
        {
            _key.Dispose();
        }
        base.Dispose(disposing);
    }
}
