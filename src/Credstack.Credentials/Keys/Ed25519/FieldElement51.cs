using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Credstack.Credentials.Keys.Ed25519;

/// <summary>
/// An element of GF(2^255 - 19) (RFC 8032 §5.1) in radix 2^51: five 64-bit limbs, value
/// L0 + L1·2^51 + L2·2^102 + L3·2^153 + L4·2^204. Variable-time: only for public data (verification).
/// </summary>
/// <remarks>
/// Limb bounds (the products are summed in 128 bits): <see cref="Mul"/> and <see cref="Square"/>
/// accept limbs below 2^54 and return limbs below 2^51 + 2^13; <see cref="Add"/> of two such results is
/// below 2^53; <see cref="Sub"/> (a + 4p − b) needs b below 2^53 − 76 and returns limbs below 2^54.
/// </remarks>
internal struct FieldElement51
{
    internal const ulong Mask = (1UL << 51) - 1;

    public ulong L0;
    public ulong L1;
    public ulong L2;
    public ulong L3;
    public ulong L4;

    public FieldElement51(ulong l0, ulong l1, ulong l2, ulong l3, ulong l4)
    {
        L0 = l0;
        L1 = l1;
        L2 = l2;
        L3 = l3;
        L4 = l4;
    }

    public static FieldElement51 Zero => default;

    public static FieldElement51 One => new(1, 0, 0, 0, 0);

    /// <summary>The prime p = 2^255 − 19.</summary>
    public static readonly BigInteger P = (BigInteger.One << 255) - 19;

    /// <summary>d = −121665/121666 (RFC 8032 §5.1).</summary>
    public static readonly FieldElement51 D = FromBigInteger(
        BigInteger.Remainder(P - (121665 * BigInteger.ModPow(121666, P - 2, P)) % P, P)
    );

    /// <summary>2·d.</summary>
    public static readonly FieldElement51 D2 = FromBigInteger(
        BigInteger.Remainder(2 * ToBigInteger(D), P)
    );

    /// <summary>sqrt(−1) = 2^((p−1)/4) (RFC 8032 §5.1.3).</summary>
    public static readonly FieldElement51 SqrtM1 = FromBigInteger(
        BigInteger.ModPow(2, (P - 1) / 4, P)
    );

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FieldElement51 Add(in FieldElement51 a, in FieldElement51 b) =>
        new(a.L0 + b.L0, a.L1 + b.L1, a.L2 + b.L2, a.L3 + b.L3, a.L4 + b.L4);

    /// <summary>a − b computed as a + 4p − b (no borrow while b's limbs are below 2^53 − 76).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FieldElement51 Sub(in FieldElement51 a, in FieldElement51 b) =>
        new(
            a.L0 + 0x1FFFFFFFFFFFB4UL - b.L0,
            a.L1 + 0x1FFFFFFFFFFFFCUL - b.L1,
            a.L2 + 0x1FFFFFFFFFFFFCUL - b.L2,
            a.L3 + 0x1FFFFFFFFFFFFCUL - b.L3,
            a.L4 + 0x1FFFFFFFFFFFFCUL - b.L4
        );

    public static FieldElement51 Negate(in FieldElement51 a) => Sub(Zero, a);

    /// <summary>One carry pass: limbs below 2^51 + 2^18 afterwards for any input limbs.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FieldElement51 Carry(in FieldElement51 a)
    {
        ulong c0 = a.L0 >> 51,
            c1 = a.L1 >> 51,
            c2 = a.L2 >> 51,
            c3 = a.L3 >> 51,
            c4 = a.L4 >> 51;
        return new(
            (a.L0 & Mask) + (c4 * 19),
            (a.L1 & Mask) + c0,
            (a.L2 & Mask) + c1,
            (a.L3 & Mask) + c2,
            (a.L4 & Mask) + c3
        );
    }

    // Each product p = a·b (limbs below 2^54, so p below 2^108) is formed as a·(b·2^10) with one
    // 64×64→128 multiplication: its high word is p >> 54 and its low word >> 10 is p mod 2^54. The
    // parts are summed in plain 64-bit registers (no carries between products); the high parts weigh
    // 2^54 = 8·2^51, one limb up. Products wrapping past 2^255 are summed apart and multiplied by 19
    // once per limb (2^255 ≡ 19 mod p).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Mac(ulong a, ulong bShifted, ref ulong lo, ref ulong hi)
    {
        ulong high = Math.BigMul(a, bShifted, out ulong low);
        lo += low >> 10;
        hi += high;
    }

    /// <summary>
    /// Limb k of the product is lo_k + 8·hi_(k−1) (hi_4 wraps to limb 0 times 8·19). Bounds for limbs
    /// below 2^54: direct lo and hi sums below 2^56.4, wrapped sums times 19 below 2^60.3, so lo_k and
    /// hi_k are below 2^60.4, 8·hi_k below 2^63.4 and 152·hi_4 (no wrapped part) below 2^63.6.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static FieldElement51 Reduce(
        ulong lo0,
        ulong hi0,
        ulong lo1,
        ulong hi1,
        ulong lo2,
        ulong hi2,
        ulong lo3,
        ulong hi3,
        ulong lo4,
        ulong hi4
    )
    {
        ulong t0 = lo0 + (152 * hi4);
        ulong t1 = lo1 + (8 * hi0);
        ulong t2 = lo2 + (8 * hi1);
        ulong t3 = lo3 + (8 * hi2);
        ulong t4 = lo4 + (8 * hi3);
        t1 += t0 >> 51;
        t0 &= Mask;
        t2 += t1 >> 51;
        t1 &= Mask;
        t3 += t2 >> 51;
        t2 &= Mask;
        t4 += t3 >> 51;
        t3 &= Mask;
        t0 += 19 * (t4 >> 51);
        t4 &= Mask;
        t1 += t0 >> 51;
        t0 &= Mask;
        return new(t0, t1, t2, t3, t4);
    }

    // Not inlined: a call is cheap next to 25 products, and inlining it everywhere exhausts the
    // JIT's inlining budget (the helpers below would then become calls).
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static FieldElement51 Mul(in FieldElement51 a, in FieldElement51 b)
    {
        ulong b0 = b.L0 << 10,
            b1 = b.L1 << 10,
            b2 = b.L2 << 10,
            b3 = b.L3 << 10,
            b4 = b.L4 << 10;
        ulong lo0 = 0,
            hi0 = 0;
        Mac(a.L0, b0, ref lo0, ref hi0);
        ulong wlo0 = 0,
            whi0 = 0;
        Mac(a.L1, b4, ref wlo0, ref whi0);
        Mac(a.L2, b3, ref wlo0, ref whi0);
        Mac(a.L3, b2, ref wlo0, ref whi0);
        Mac(a.L4, b1, ref wlo0, ref whi0);
        lo0 += 19 * wlo0;
        hi0 += 19 * whi0;
        ulong lo1 = 0,
            hi1 = 0;
        Mac(a.L0, b1, ref lo1, ref hi1);
        Mac(a.L1, b0, ref lo1, ref hi1);
        ulong wlo1 = 0,
            whi1 = 0;
        Mac(a.L2, b4, ref wlo1, ref whi1);
        Mac(a.L3, b3, ref wlo1, ref whi1);
        Mac(a.L4, b2, ref wlo1, ref whi1);
        lo1 += 19 * wlo1;
        hi1 += 19 * whi1;
        ulong lo2 = 0,
            hi2 = 0;
        Mac(a.L0, b2, ref lo2, ref hi2);
        Mac(a.L1, b1, ref lo2, ref hi2);
        Mac(a.L2, b0, ref lo2, ref hi2);
        ulong wlo2 = 0,
            whi2 = 0;
        Mac(a.L3, b4, ref wlo2, ref whi2);
        Mac(a.L4, b3, ref wlo2, ref whi2);
        lo2 += 19 * wlo2;
        hi2 += 19 * whi2;
        ulong lo3 = 0,
            hi3 = 0;
        Mac(a.L0, b3, ref lo3, ref hi3);
        Mac(a.L1, b2, ref lo3, ref hi3);
        Mac(a.L2, b1, ref lo3, ref hi3);
        Mac(a.L3, b0, ref lo3, ref hi3);
        ulong wlo3 = 0,
            whi3 = 0;
        Mac(a.L4, b4, ref wlo3, ref whi3);
        lo3 += 19 * wlo3;
        hi3 += 19 * whi3;
        ulong lo4 = 0,
            hi4 = 0;
        Mac(a.L0, b4, ref lo4, ref hi4);
        Mac(a.L1, b3, ref lo4, ref hi4);
        Mac(a.L2, b2, ref lo4, ref hi4);
        Mac(a.L3, b1, ref lo4, ref hi4);
        Mac(a.L4, b0, ref lo4, ref hi4);
        return Reduce(lo0, hi0, lo1, hi1, lo2, hi2, lo3, hi3, lo4, hi4);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static FieldElement51 Square(in FieldElement51 a) =>
        SquareCore(a.L0, a.L1, a.L2, a.L3, a.L4);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static FieldElement51 SquareCore(ulong a0, ulong a1, ulong a2, ulong a3, ulong a4)
    {
        ulong s0 = a0 << 10,
            s1 = a1 << 10,
            s2 = a2 << 10,
            s3 = a3 << 10,
            s4 = a4 << 10;
        ulong lo0 = 0,
            hi0 = 0;
        Mac(a0, s0, ref lo0, ref hi0);
        ulong wlo0 = 0,
            whi0 = 0;
        Mac(a1 * 2, s4, ref wlo0, ref whi0);
        Mac(a2 * 2, s3, ref wlo0, ref whi0);
        lo0 += 19 * wlo0;
        hi0 += 19 * whi0;
        ulong lo1 = 0,
            hi1 = 0;
        Mac(a0 * 2, s1, ref lo1, ref hi1);
        ulong wlo1 = 0,
            whi1 = 0;
        Mac(a2 * 2, s4, ref wlo1, ref whi1);
        Mac(a3, s3, ref wlo1, ref whi1);
        lo1 += 19 * wlo1;
        hi1 += 19 * whi1;
        ulong lo2 = 0,
            hi2 = 0;
        Mac(a0 * 2, s2, ref lo2, ref hi2);
        Mac(a1, s1, ref lo2, ref hi2);
        ulong wlo2 = 0,
            whi2 = 0;
        Mac(a3 * 2, s4, ref wlo2, ref whi2);
        lo2 += 19 * wlo2;
        hi2 += 19 * whi2;
        ulong lo3 = 0,
            hi3 = 0;
        Mac(a0 * 2, s3, ref lo3, ref hi3);
        Mac(a1 * 2, s2, ref lo3, ref hi3);
        ulong wlo3 = 0,
            whi3 = 0;
        Mac(a4, s4, ref wlo3, ref whi3);
        lo3 += 19 * wlo3;
        hi3 += 19 * whi3;
        ulong lo4 = 0,
            hi4 = 0;
        Mac(a0 * 2, s4, ref lo4, ref hi4);
        Mac(a1 * 2, s3, ref lo4, ref hi4);
        Mac(a2, s2, ref lo4, ref hi4);
        return Reduce(lo0, hi0, lo1, hi1, lo2, hi2, lo3, hi3, lo4, hi4);
    }

    /// <summary>a^(2^n), n ≥ 1 (the squarings in one loop, the limbs kept in locals).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static FieldElement51 SquareTimes(in FieldElement51 a, int n)
    {
        ulong a0 = a.L0,
            a1 = a.L1,
            a2 = a.L2,
            a3 = a.L3,
            a4 = a.L4;
        for (int i = 0; i < n; i++)
        {
            var r = SquareCore(a0, a1, a2, a3, a4);
            a0 = r.L0;
            a1 = r.L1;
            a2 = r.L2;
            a3 = r.L3;
            a4 = r.L4;
        }
        return new(a0, a1, a2, a3, a4);
    }

    /// <summary>z^(2^250 − 1) and z^11 (the common part of ref10's invert and pow22523 chains).</summary>
    private static FieldElement51 Pow2250Minus1(in FieldElement51 z, out FieldElement51 z11)
    {
        var t0 = Square(z); // 2
        var t1 = SquareTimes(t0, 2); // 8
        t1 = Mul(z, t1); // 9
        z11 = Mul(t0, t1); // 11
        var t2 = Square(z11); // 22
        t1 = Mul(t1, t2); // 31 = 2^5 - 1
        t2 = SquareTimes(t1, 5);
        t1 = Mul(t2, t1); // 2^10 - 1
        t2 = SquareTimes(t1, 10);
        t2 = Mul(t2, t1); // 2^20 - 1
        var t3 = SquareTimes(t2, 20);
        t2 = Mul(t3, t2); // 2^40 - 1
        t2 = SquareTimes(t2, 10);
        t1 = Mul(t2, t1); // 2^50 - 1
        t2 = SquareTimes(t1, 50);
        t2 = Mul(t2, t1); // 2^100 - 1
        t3 = SquareTimes(t2, 100);
        t2 = Mul(t3, t2); // 2^200 - 1
        t2 = SquareTimes(t2, 50);
        return Mul(t2, t1); // 2^250 - 1
    }

    /// <summary>z^(p − 2) = 1/z (0 for 0).</summary>
    public static FieldElement51 Invert(in FieldElement51 z)
    {
        var t = Pow2250Minus1(z, out var z11);
        t = SquareTimes(t, 5); // 2^255 - 32
        return Mul(t, z11); // 2^255 - 21 = p - 2
    }

    /// <summary>z^((p − 5)/8) = z^(2^252 − 3) (RFC 8032 §5.1.3 square root).</summary>
    public static FieldElement51 Pow22523(in FieldElement51 z)
    {
        var t = Pow2250Minus1(z, out _);
        t = SquareTimes(t, 2); // 2^252 - 4
        return Mul(t, z); // 2^252 - 3
    }

    /// <summary>The 255 low bits of 32 little-endian bytes (bit 255 ignored; may be ≥ p).</summary>
    public static FieldElement51 FromBytes(ReadOnlySpan<byte> s)
    {
        ulong w0 = BinaryPrimitives.ReadUInt64LittleEndian(s);
        ulong w1 = BinaryPrimitives.ReadUInt64LittleEndian(s[8..]);
        ulong w2 = BinaryPrimitives.ReadUInt64LittleEndian(s[16..]);
        ulong w3 = BinaryPrimitives.ReadUInt64LittleEndian(s[24..]);
        return new(
            w0 & Mask,
            ((w0 >> 51) | (w1 << 13)) & Mask,
            ((w1 >> 38) | (w2 << 26)) & Mask,
            ((w2 >> 25) | (w3 << 39)) & Mask,
            (w3 >> 12) & Mask
        );
    }

    /// <summary>The canonical (fully reduced, &lt; p) 32-byte little-endian encoding.</summary>
    public static void ToBytes(in FieldElement51 a, Span<byte> s)
    {
        var t = Carry(Carry(a)); // limbs < 2^51 + 2^5·19: value < 2p
        // q = 1 when t ≥ p, i.e. when t + 19 ≥ 2^255.
        ulong q = (t.L0 + 19) >> 51;
        q = (t.L1 + q) >> 51;
        q = (t.L2 + q) >> 51;
        q = (t.L3 + q) >> 51;
        q = (t.L4 + q) >> 51;
        ulong l0 = t.L0 + (19 * q);
        ulong l1 = t.L1 + (l0 >> 51);
        l0 &= Mask;
        ulong l2 = t.L2 + (l1 >> 51);
        l1 &= Mask;
        ulong l3 = t.L3 + (l2 >> 51);
        l2 &= Mask;
        ulong l4 = t.L4 + (l3 >> 51);
        l3 &= Mask;
        l4 &= Mask;
        BinaryPrimitives.WriteUInt64LittleEndian(s, l0 | (l1 << 51));
        BinaryPrimitives.WriteUInt64LittleEndian(s[8..], (l1 >> 13) | (l2 << 38));
        BinaryPrimitives.WriteUInt64LittleEndian(s[16..], (l2 >> 26) | (l3 << 25));
        BinaryPrimitives.WriteUInt64LittleEndian(s[24..], (l3 >> 39) | (l4 << 12));
    }

    /// <summary>Whether the canonical value is odd ("negative" in RFC 8032 §5.1.2).</summary>
    public static bool IsNegative(in FieldElement51 a)
    {
        Span<byte> s = stackalloc byte[32];
        ToBytes(a, s);
        return (s[0] & 1) != 0;
    }

    public static bool IsZero(in FieldElement51 a)
    {
        Span<byte> s = stackalloc byte[32];
        ToBytes(a, s);
        return s.IndexOfAnyExcept((byte)0) < 0;
    }

    public static bool AreEqual(in FieldElement51 a, in FieldElement51 b)
    {
        Span<byte> s = stackalloc byte[32];
        Span<byte> t = stackalloc byte[32];
        ToBytes(a, s);
        ToBytes(b, t);
        return s.SequenceEqual(t);
    }

    /// <summary>Whether 32 bytes encode a field element &lt; p in their low 255 bits (libsodium's
    /// <c>ge25519_is_canonical</c>: non-canonical are 2^255 − 19 … 2^255 − 1, sign bit ignored).</summary>
    public static bool IsCanonicalEncoding(ReadOnlySpan<byte> s)
    {
        if ((s[31] & 0x7f) != 0x7f || s[0] < 0xed)
        {
            return true;
        }
        for (int i = 1; i < 31; i++)
        {
            if (s[i] != 0xff)
            {
                return true;
            }
        }
        return false;
    }

    public static FieldElement51 FromBigInteger(BigInteger v)
    {
        Span<byte> s = stackalloc byte[32];
        s.Clear();
        var value = BigInteger.Remainder(v, P);
        if (value.Sign < 0)
        {
            value += P;
        }
        value.TryWriteBytes(s, out _, isUnsigned: true, isBigEndian: false);
        return FromBytes(s);
    }

    public static BigInteger ToBigInteger(in FieldElement51 a)
    {
        Span<byte> s = stackalloc byte[32];
        ToBytes(a, s);
        return new BigInteger(s, isUnsigned: true, isBigEndian: false);
    }
}
