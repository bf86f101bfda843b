using System.Security.Cryptography;

namespace Credstack.Credentials.Keys;

/// <summary>An RSA public key (RS256: PKCS #1 v1.5 with SHA-256), at least 2048 bits.</summary>
internal sealed class RsaVerificationKey : VerificationKey
{
    /// <summary>SEC-11 §6.1 (referenced by OB 3.0 §8.2) requires RSA keys of at least 2048 bits.</summary>
    public const int MinimumBits = 2048;

    private const int MaximumBits = 16384;

    private readonly RSA _key;
    private readonly byte[] _n;
    private readonly byte[] _e;

    private RsaVerificationKey(RSA key, byte[] n, byte[] e)
    {
        _key = key;
        _n = n;
        _e = e;
    }

    public override KeyType Type => KeyType.Rsa;

    public static RsaVerificationKey FromParameters(byte[] n, byte[] e)
    {
        var nt = n.AsSpan().TrimStart((byte)0).ToArray();
        var et = e.AsSpan().TrimStart((byte)0).ToArray();
        var bits = nt.Length * 8;
        if (bits < MinimumBits || bits > MaximumBits)
        {
            throw new KeyFormatException(
                $"RSA keys must have between {MinimumBits} and {MaximumBits} bits; this one has about {bits}"
            );
        }
        if (et.Length == 0 || et.Length > 8)
        {
            throw new KeyFormatException("the RSA public exponent is malformed");
        }
        RSA? key = null;
        try
        {
            key = RSA.Create();
            key.ImportParameters(new RSAParameters { Modulus = nt, Exponent = et });
            return new RsaVerificationKey(key, nt, et);
        }
        catch (CryptographicException ex)
        {
            key?.Dispose();
            throw new KeyFormatException("the RSA public key is malformed", ex);
        }
    }

    public static RsaVerificationKey FromPkcs1(ReadOnlySpan<byte> der)
    {
        using var rsa = RSA.Create();
        try
        {
            rsa.ImportRSAPublicKey(der, out var read);
            if (read != der.Length)
            {
                throw new KeyFormatException("trailing bytes after the RSA public key");
            }
        }
        catch (CryptographicException ex)
        {
            throw new KeyFormatException("the RSA public key DER is malformed", ex);
        }
        var p = rsa.ExportParameters(false);
        return FromParameters(p.Modulus!, p.Exponent!);
    }

    internal static RsaVerificationKey FromRsa(RSA privateKey)
    {
        var p = privateKey.ExportParameters(false);
        return FromParameters(p.Modulus!, p.Exponent!);
    }

    public override bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        if (signature.Length != _n.Length)
        {
            return false;
        }
        try
        {
            return _key.VerifyData(
                data,
                signature,
                HashAlgorithmName.SHA256,
                RSASignaturePadding.Pkcs1
            );
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    public override string ToMultikey() =>
        Multibase.EncodeBase58Btc(
            Multicodec.Prefix(Multicodec.RsaPublic, _key.ExportRSAPublicKey())
        );

    internal override IEnumerable<(string Name, string Value)> JwkMembers()
    {
        yield return ("e", Base64UrlText.Encode(_e));
        yield return ("kty", "RSA");
        yield return ("n", Base64UrlText.Encode(_n));
    }
}
