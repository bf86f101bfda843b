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

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static UInt128 M(ulong a, ulong b) => Math.BigMul(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Lo(UInt128 x) => (ulong)x;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Shr51(UInt128 x) => ((ulong)x >> 51) | ((ulong)(x >> 64) << 13);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static FieldElement51 Reduce(UInt128 r0, UInt128 r1, UInt128 r2, UInt128 r3, UInt128 r4)
    {
        r1 += Shr51(r0);
        ulong l0 = Lo(r0) & Mask;
        r2 += Shr51(r1);
        ulong l1 = Lo(r1) & Mask;
        r3 += Shr51(r2);
        ulong l2 = Lo(r2) & Mask;
        r4 += Shr51(r3);
        ulong l3 = Lo(r3) & Mask;
        ulong c = Shr51(r4);
        ulong l4 = Lo(r4) & Mask;
        l0 += c * 19;
        l1 += l0 >> 51;
        l0 &= Mask;
        return new(l0, l1, l2, l3, l4);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FieldElement51 Mul(in FieldElement51 a, in FieldElement51 b)
    {
        ulong a0 = a.L0,
            a1 = a.L1,
            a2 = a.L2,
            a3 = a.L3,
            a4 = a.L4;
        ulong b0 = b.L0,
            b1 = b.L1,
            b2 = b.L2,
            b3 = b.L3,
            b4 = b.L4;
        ulong b1_19 = b1 * 19,
            b2_19 = b2 * 19,
            b3_19 = b3 * 19,
            b4_19 = b4 * 19;
        UInt128 r0 = M(a0, b0) + M(a1, b4_19) + M(a2, b3_19) + M(a3, b2_19) + M(a4, b1_19);
        UInt128 r1 = M(a0, b1) + M(a1, b0) + M(a2, b4_19) + M(a3, b3_19) + M(a4, b2_19);
        UInt128 r2 = M(a0, b2) + M(a1, b1) + M(a2, b0) + M(a3, b4_19) + M(a4, b3_19);
        UInt128 r3 = M(a0, b3) + M(a1, b2) + M(a2, b1) + M(a3, b0) + M(a4, b4_19);
        UInt128 r4 = M(a0, b4) + M(a1, b3) + M(a2, b2) + M(a3, b1) + M(a4, b0);
        return Reduce(r0, r1, r2, r3, r4);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FieldElement51 Square(in FieldElement51 a)
    {
        ulong a0 = a.L0,
            a1 = a.L1,
            a2 = a.L2,
            a3 = a.L3,
            a4 = a.L4;
        ulong d0 = a0 * 2,
            d1 = a1 * 2,
            d2 = a2 * 2,
            d3 = a3 * 2;
        ulong a3_19 = a3 * 19,
            a4_19 = a4 * 19;
        UInt128 r0 = M(a0, a0) + M(d1, a4_19) + M(d2, a3_19);
        UInt128 r1 = M(d0, a1) + M(a3, a3_19) + M(d2, a4_19);
        UInt128 r2 = M(d0, a2) + M(a1, a1) + M(d3, a4_19);
        UInt128 r3 = M(d0, a3) + M(d1, a2) + M(a4, a4_19);
        UInt128 r4 = M(d0, a4) + M(d1, a3) + M(a2, a2);
        return Reduce(r0, r1, r2, r3, r4);
    }

    /// <summary>a^(2^n), n ≥ 1.</summary>
    public static FieldElement51 SquareTimes(in FieldElement51 a, int n)
    {
        var r = Square(a);
        for (int i = 1; i < n; i++)
        {
            r = Square(r);
        }
        return r;
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
