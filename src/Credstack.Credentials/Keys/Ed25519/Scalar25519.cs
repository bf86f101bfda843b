using System.Buffers.Binary;
using System.Numerics;

namespace Credstack.Credentials.Keys.Ed25519;

/// <summary>
/// Scalars modulo the group order L = 2^252 + 27742317777372353535851937790883648493 (RFC 8032 §5.1):
/// the canonical check of S, the reduction of a SHA-512 output, and signed radix-2^w recoding.
/// </summary>
internal static class Scalar25519
{
    private const ulong Mask52 = (1UL << 52) - 1;

    public static readonly BigInteger L =
        (BigInteger.One << 252) + BigInteger.Parse("27742317777372353535851937790883648493");

    // L, R = 2^260 mod L and RR = 2^520 mod L in radix 2^52 (Montgomery reduction with R = 2^260).
    private static readonly ulong[] L52 = ToLimbs52(L);
    private static readonly ulong[] R52 = ToLimbs52(BigInteger.ModPow(2, 260, L));
    private static readonly ulong[] RR52 = ToLimbs52(BigInteger.ModPow(2, 520, L));
    private static readonly ulong LFactor = ComputeLFactor(L52[0]);

    private static readonly byte[] LBytes = ToBytes32(L);

    /// <summary>Whether 32 little-endian bytes are below L (libsodium <c>sc25519_is_canonical</c>;
    /// RFC 8032 §5.1.7 step 1: "If ... S ... is not in the range 0 ≤ s &lt; L, the signature is invalid").</summary>
    public static bool IsCanonical(ReadOnlySpan<byte> s)
    {
        for (int i = 31; i >= 0; i--)
        {
            if (s[i] != LBytes[i])
            {
                return s[i] < LBytes[i];
            }
        }
        return false; // equal to L
    }

    /// <summary>A 64-byte little-endian integer (a SHA-512 output) modulo L, as 32 bytes
    /// (libsodium <c>sc25519_reduce</c>; here by Montgomery reduction in radix 2^52).</summary>
    public static void Reduce512(ReadOnlySpan<byte> wide, Span<byte> result)
    {
        Span<ulong> w = stackalloc ulong[8];
        for (int i = 0; i < 8; i++)
        {
            w[i] = BinaryPrimitives.ReadUInt64LittleEndian(wide[(8 * i)..]);
        }
        Span<ulong> lo = stackalloc ulong[5];
        Span<ulong> hi = stackalloc ulong[5];
        lo[0] = w[0] & Mask52;
        lo[1] = ((w[0] >> 52) | (w[1] << 12)) & Mask52;
        lo[2] = ((w[1] >> 40) | (w[2] << 24)) & Mask52;
        lo[3] = ((w[2] >> 28) | (w[3] << 36)) & Mask52;
        lo[4] = ((w[3] >> 16) | (w[4] << 48)) & Mask52;
        hi[0] = (w[4] >> 4) & Mask52;
        hi[1] = ((w[4] >> 56) | (w[5] << 8)) & Mask52;
        hi[2] = ((w[5] >> 44) | (w[6] << 20)) & Mask52;
        hi[3] = ((w[6] >> 32) | (w[7] << 32)) & Mask52;
        hi[4] = w[7] >> 20;
        // lo·R/R = lo and hi·RR/R = hi·2^260 (mod L), each below L after one conditional subtraction.
        Span<ulong> a = stackalloc ulong[5];
        Span<ulong> b = stackalloc ulong[5];
        MontgomeryMul(lo, R52, a);
        MontgomeryMul(hi, RR52, b);
        Span<ulong> sum = stackalloc ulong[5];
        ulong carry = 0;
        for (int i = 0; i < 5; i++)
        {
            carry = a[i] + b[i] + (carry >> 52);
            sum[i] = carry & Mask52;
        }
        SubL(sum, a);
        ulong r0 = a[0] | (a[1] << 52);
        ulong r1 = (a[1] >> 12) | (a[2] << 40);
        ulong r2 = (a[2] >> 24) | (a[3] << 28);
        ulong r3 = (a[3] >> 36) | (a[4] << 16);
        BinaryPrimitives.WriteUInt64LittleEndian(result, r0);
        BinaryPrimitives.WriteUInt64LittleEndian(result[8..], r1);
        BinaryPrimitives.WriteUInt64LittleEndian(result[16..], r2);
        BinaryPrimitives.WriteUInt64LittleEndian(result[24..], r3);
    }

    /// <summary>a·b/2^260 mod L for a·b &lt; 2^260·L (result below L).</summary>
    private static void MontgomeryMul(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b, Span<ulong> r)
    {
        Span<UInt128> z = stackalloc UInt128[9];
        z.Clear();
        for (int i = 0; i < 5; i++)
        {
            for (int j = 0; j < 5; j++)
            {
                z[i + j] += Math.BigMul(a[i], b[j]);
            }
        }
        Span<ulong> n = stackalloc ulong[5];
        UInt128 carry = 0;
        for (int i = 0; i < 9; i++)
        {
            UInt128 sum = carry + z[i];
            for (int j = Math.Max(0, i - 4); j < Math.Min(i, 5); j++)
            {
                sum += Math.BigMul(n[j], L52[i - j]);
            }
            if (i < 5)
            {
                ulong p = unchecked((ulong)sum * LFactor) & Mask52;
                sum += Math.BigMul(p, L52[0]);
                n[i] = p;
            }
            else
            {
                r[i - 5] = (ulong)sum & Mask52;
            }
            carry = sum >> 52;
        }
        // The result (below 2L) has its top limb in the final carry.
        Span<ulong> t = stackalloc ulong[5];
        t[0] = r[0];
        t[1] = r[1];
        t[2] = r[2];
        t[3] = r[3];
        t[4] = (ulong)carry;
        SubL(t, r);
    }

    /// <summary>r = a − L if a ≥ L, else a (a below 2L, radix 2^52).</summary>
    private static void SubL(ReadOnlySpan<ulong> a, Span<ulong> r)
    {
        Span<ulong> d = stackalloc ulong[5];
        ulong borrow = 0;
        for (int i = 0; i < 5; i++)
        {
            borrow = a[i] - (L52[i] + (borrow >> 63));
            d[i] = borrow & Mask52;
        }
        ulong addBack = (borrow >> 63) != 0 ? ulong.MaxValue : 0;
        ulong carry = 0;
        for (int i = 0; i < 5; i++)
        {
            carry = (carry >> 52) + d[i] + (L52[i] & addBack);
            r[i] = carry & Mask52;
        }
    }

    /// <summary>
    /// Signed radix-2^w digits of a scalar below 2^253: d[i] in [−2^(w−1), 2^(w−1)) (fits an sbyte for w ≤ 8),
    /// Σ d[i]·2^(w·i) = s.
    /// </summary>
    public static void Recode(ReadOnlySpan<byte> s, int w, Span<sbyte> digits)
    {
        Span<ulong> words = stackalloc ulong[5];
        for (int i = 0; i < 4; i++)
        {
            words[i] = BinaryPrimitives.ReadUInt64LittleEndian(s[(8 * i)..]);
        }
        words[4] = 0;
        int half = 1 << (w - 1);
        ulong windowMask = (1UL << w) - 1;
        int carry = 0;
        for (int i = 0; i < digits.Length; i++)
        {
            int bit = i * w;
            int word = bit >> 6;
            int shift = bit & 63;
            ulong bits = words[word] >> shift;
            if (shift + w > 64 && word < 4)
            {
                bits |= words[word + 1] << (64 - shift);
            }
            int v = (int)(bits & windowMask) + carry;
            if (v >= half)
            {
                digits[i] = (sbyte)(v - (1 << w));
                carry = 1;
            }
            else
            {
                digits[i] = (sbyte)v;
                carry = 0;
            }
        }
    }

    private static ulong[] ToLimbs52(BigInteger v)
    {
        var limbs = new ulong[5];
        var mask = new BigInteger(Mask52);
        for (int i = 0; i < 5; i++)
        {
            limbs[i] = (ulong)(v & mask);
            v >>= 52;
        }
        return limbs;
    }

    private static ulong ComputeLFactor(ulong l0)
    {
        // Newton iteration for l0^-1 mod 2^64 (l0 odd), then −l0^-1 mod 2^52.
        ulong inv = l0;
        for (int i = 0; i < 6; i++)
        {
            inv *= 2 - (l0 * inv);
        }
        return (0 - inv) & Mask52;
    }

    private static byte[] ToBytes32(BigInteger v)
    {
        var bytes = new byte[32];
        v.TryWriteBytes(bytes, out _, isUnsigned: true, isBigEndian: false);
        return bytes;
    }
}
