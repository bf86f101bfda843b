using System.Security.Cryptography;

namespace Credstack.Credentials.Keys;

/// <summary>An ECDSA public key on P-256, P-384 or P-521, held as one imported <see cref="ECDsa"/> object.</summary>
internal sealed class EcVerificationKey : VerificationKey
{
    private readonly ECDsa _key;
    private readonly byte[] _x;
    private readonly byte[] _y;

    private EcVerificationKey(KeyType type, ECDsa key, byte[] x, byte[] y)
    {
        Type = type;
        _key = key;
        _x = x;
        _y = y;
    }

    public override KeyType Type { get; }

    public static EcVerificationKey FromCompressed(KeyType type, ReadOnlySpan<byte> point)
    {
        var (x, y) = EcPoint.Decompress(type, point);
        return FromCoordinates(type, x, y);
    }

    public static EcVerificationKey FromCoordinates(KeyType type, byte[] x, byte[] y)
    {
        var size = EcPoint.CoordinateSize(type);
        if (x.Length != size || y.Length != size)
        {
            throw new KeyFormatException($"{type} coordinates have {size} bytes each");
        }
        ECDsa? key = null;
        try
        {
            key = ECDsa.Create();
            key.ImportParameters(
                new ECParameters
                {
                    Curve = EcPoint.Curve(type),
                    Q = new ECPoint { X = x, Y = y },
                }
            );
            return new EcVerificationKey(type, key, x, y);
        }
        catch (CryptographicException e)
        {
            key?.Dispose();
            throw new KeyFormatException($"the {type} public key is not a point on the curve", e);
        }
    }

    internal static EcVerificationKey FromECDsa(KeyType type, ECDsa privateKey)
    {
        var p = privateKey.ExportParameters(false);
        return FromCoordinates(type, p.Q.X!, p.Q.Y!);
    }

    private HashAlgorithmName Hash =>
        Type switch
        {
            KeyType.P256 => HashAlgorithmName.SHA256,
            KeyType.P384 => HashAlgorithmName.SHA384,
            _ => HashAlgorithmName.SHA512,
        };

    public override bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        if (signature.Length != 2 * _x.Length)
        {
            return false;
        }
        try
        {
            return _key.VerifyData(
                data,
                signature,
                Hash,
                DSASignatureFormat.IeeeP1363FixedFieldConcatenation
            );
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    public override string ToMultikey()
    {
        var code = Type switch
        {
            KeyType.P256 => Multicodec.P256Public,
            KeyType.P384 => Multicodec.P384Public,
            _ => throw new NotSupportedException(
                "Multikey has no P-521 encoding in Credstack; use a JWK"
            ),
        };
        return Multibase.EncodeBase58Btc(Multicodec.Prefix(code, EcPoint.Compress(_x, _y)));
    }

    internal override IEnumerable<(string Name, string Value)> JwkMembers()
    {
        yield return ("crv", Jwk.CurveName(Type));
        yield return ("kty", "EC");
        yield return ("x", Base64UrlText.Encode(_x));
        yield return ("y", Base64UrlText.Encode(_y));
    }
}
