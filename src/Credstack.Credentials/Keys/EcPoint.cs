using System.Numerics;
using System.Security.Cryptography;

namespace Credstack.Credentials.Keys;

/// <summary>SEC1 point compression for the NIST prime curves (SEC 1 v2 §2.3.3 and §2.3.4).</summary>
internal static class EcPoint
{
    // FIPS 186-4 D.1.2: both curves have a = -3 and p ≡ 3 (mod 4), so a square root is v^((p+1)/4).
    private static readonly BigInteger P256Prime = Parse(
        "ffffffff00000001000000000000000000000000ffffffffffffffffffffffff"
    );
    private static readonly BigInteger P256B = Parse(
        "5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b"
    );
    private static readonly BigInteger P384Prime = Parse(
        "fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffeffffffff0000000000000000ffffffff"
    );
    private static readonly BigInteger P384B = Parse(
        "b3312fa7e23ee7e4988e056be3f82d19181d9c6efe8141120314088f5013875ac656398d8a2ed19d2a85c8edd3ec2aef"
    );

    public static int CoordinateSize(KeyType type) =>
        type switch
        {
            KeyType.P256 => 32,
            KeyType.P384 => 48,
            KeyType.P521 => 66,
            _ => throw new ArgumentOutOfRangeException(nameof(type)),
        };

    public static ECCurve Curve(KeyType type) =>
        type switch
        {
            KeyType.P256 => ECCurve.NamedCurves.nistP256,
            KeyType.P384 => ECCurve.NamedCurves.nistP384,
            KeyType.P521 => ECCurve.NamedCurves.nistP521,
            _ => throw new ArgumentOutOfRangeException(nameof(type)),
        };

    public static byte[] Compress(ReadOnlySpan<byte> x, ReadOnlySpan<byte> y)
    {
        var result = new byte[1 + x.Length];
        result[0] = (byte)(0x02 | (y[^1] & 1));
        x.CopyTo(result.AsSpan(1));
        return result;
    }

    /// <summary>Returns (x, y) of a compressed point, or throws <see cref="KeyFormatException"/>.</summary>
    public static (byte[] X, byte[] Y) Decompress(KeyType type, ReadOnlySpan<byte> compressed)
    {
        var (prime, b) = type switch
        {
            KeyType.P256 => (P256Prime, P256B),
            KeyType.P384 => (P384Prime, P384B),
            _ => throw new KeyFormatException($"point decompression is not supported for {type}"),
        };
        var size = CoordinateSize(type);
        if (compressed.Length != size + 1 || (compressed[0] != 0x02 && compressed[0] != 0x03))
        {
            throw new KeyFormatException(
                $"a compressed {type} point has {size + 1} bytes and starts with 0x02 or 0x03"
            );
        }
        var x = new BigInteger(compressed[1..], isUnsigned: true, isBigEndian: true);
        if (x >= prime)
        {
            throw new KeyFormatException(
                $"the {type} point's x coordinate is not below the field prime"
            );
        }
        // y² = x³ - 3x + b (mod p)
        var rhs = (BigInteger.ModPow(x, 3, prime) - (3 * x) + b) % prime;
        if (rhs.Sign < 0)
        {
            rhs += prime;
        }
        var y = BigInteger.ModPow(rhs, (prime + 1) / 4, prime);
        if (BigInteger.ModPow(y, 2, prime) != rhs)
        {
            throw new KeyFormatException($"the {type} point is not on the curve");
        }
        if ((y.IsEven ? 0 : 1) != (compressed[0] & 1))
        {
            y = prime - y;
        }
        return (compressed[1..].ToArray(), ToFixed(y, size));
    }

    private static byte[] ToFixed(BigInteger value, int size)
    {
        var result = new byte[size];
        var bytes = value.ToByteArray(isUnsigned: true, isBigEndian: true);
        bytes.CopyTo(result, size - bytes.Length);
        return result;
    }

    private static BigInteger Parse(string hex) =>
        new(Convert.FromHexString(hex), isUnsigned: true, isBigEndian: true);
}
