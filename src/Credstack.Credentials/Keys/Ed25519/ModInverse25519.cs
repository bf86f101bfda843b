using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Credstack.Credentials.Keys.Ed25519;

/// <summary>
/// Variable-time inversion modulo p = 2^255 − 19 by Bernstein–Yang "safegcd" divsteps, 62 at a time
/// (the variable-time variant as in libsecp256k1's <c>modinv64_var</c>): numbers in five signed limbs of
/// 62 bits. Only for public values (the verifier's final inversion).
/// </summary>
internal static class ModInverse25519
{
    private const long M62 = (long)(ulong.MaxValue >> 2);

    // p in signed62 limbs, and p^-1 mod 2^62.
    private static readonly long[] Modulus = [(1L << 62) - 19, M62, M62, M62, 127];
    private static readonly ulong ModulusInv62 = ComputeInv62();

    private struct Signed62
    {
        public long V0;
        public long V1;
        public long V2;
        public long V3;
        public long V4;
    }

    /// <summary>1/z mod p (0 for 0).</summary>
    public static FieldElement51 Invert(in FieldElement51 z)
    {
        Span<byte> bytes = stackalloc byte[32];
        FieldElement51.ToBytes(z, bytes);
        ulong w0 = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        ulong w1 = BinaryPrimitives.ReadUInt64LittleEndian(bytes[8..]);
        ulong w2 = BinaryPrimitives.ReadUInt64LittleEndian(bytes[16..]);
        ulong w3 = BinaryPrimitives.ReadUInt64LittleEndian(bytes[24..]);
        var g = new Signed62
        {
            V0 = (long)(w0 & (ulong)M62),
            V1 = (long)(((w0 >> 62) | (w1 << 2)) & (ulong)M62),
            V2 = (long)(((w1 >> 60) | (w2 << 4)) & (ulong)M62),
            V3 = (long)(((w2 >> 58) | (w3 << 6)) & (ulong)M62),
            V4 = (long)(w3 >> 56),
        };
        if ((g.V0 | g.V1 | g.V2 | g.V3 | g.V4) == 0)
        {
            return FieldElement51.Zero;
        }
        var d = default(Signed62);
        var e = new Signed62 { V0 = 1 };
        var f = new Signed62
        {
            V0 = Modulus[0],
            V1 = Modulus[1],
            V2 = Modulus[2],
            V3 = Modulus[3],
            V4 = Modulus[4],
        };
        long eta = -1;
        while (true)
        {
            eta = DivSteps62(
                eta,
                (ulong)f.V0,
                (ulong)g.V0,
                out long u,
                out long v,
                out long q,
                out long r
            );
            UpdateDE(ref d, ref e, u, v, q, r);
            UpdateFG(ref f, ref g, u, v, q, r);
            if ((g.V0 | g.V1 | g.V2 | g.V3 | g.V4) == 0)
            {
                break;
            }
        }
        // f is ±1 now (its sign in the top limb, the lower limbs being in [0, 2^62)); d·f is the
        // inverse, brought to [0, p).
        var result = Normalize(d, f.V4 < 0);
        ulong r0 = (ulong)result.V0 | ((ulong)result.V1 << 62);
        ulong r1 = ((ulong)result.V1 >> 2) | ((ulong)result.V2 << 60);
        ulong r2 = ((ulong)result.V2 >> 4) | ((ulong)result.V3 << 58);
        ulong r3 = ((ulong)result.V3 >> 6) | ((ulong)result.V4 << 56);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, r0);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes[8..], r1);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes[16..], r2);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes[24..], r3);
        return FieldElement51.FromBytes(bytes);
    }

    /// <summary>62 divsteps on the low bits of f and g (f odd); the transition matrix [u v; q r]·2^62.</summary>
    private static long DivSteps62(
        long eta,
        ulong f0,
        ulong g0,
        out long tu,
        out long tv,
        out long tq,
        out long tr
    )
    {
        ulong u = 1,
            v = 0,
            q = 0,
            r = 1;
        ulong f = f0,
            g = g0;
        int i = 62;
        while (true)
        {
            int zeros = BitOperations.TrailingZeroCount(g | (ulong.MaxValue << i));
            g >>= zeros;
            u <<= zeros;
            v <<= zeros;
            eta -= zeros;
            i -= zeros;
            if (i == 0)
            {
                break;
            }
            ulong w;
            int limit;
            if (eta < 0)
            {
                eta = -eta;
                ulong tmp = f;
                f = g;
                g = 0 - tmp;
                tmp = u;
                u = q;
                q = 0 - tmp;
                tmp = v;
                v = r;
                r = 0 - tmp;
                limit = Math.Min((int)eta + 1, i);
                ulong m = (ulong.MaxValue >> (64 - limit)) & 63UL;
                w = (f * g * ((f * f) - 2)) & m;
            }
            else
            {
                limit = Math.Min((int)eta + 1, i);
                ulong m = (ulong.MaxValue >> (64 - limit)) & 15UL;
                w = f + (((f + 1) & 4) << 1);
                w = (0 - (w * g)) & m;
            }
            g += f * w;
            q += u * w;
            r += v * w;
        }
        tu = (long)u;
        tv = (long)v;
        tq = (long)q;
        tr = (long)r;
        return eta;
    }

    /// <summary>[d, e] = ([u v; q r]·[d, e] + p·[md, me]) / 2^62, md and me chosen to make it exact.</summary>
    private static void UpdateDE(ref Signed62 d, ref Signed62 e, long u, long v, long q, long r)
    {
        long d0 = d.V0,
            d1 = d.V1,
            d2 = d.V2,
            d3 = d.V3,
            d4 = d.V4;
        long e0 = e.V0,
            e1 = e.V1,
            e2 = e.V2,
            e3 = e.V3,
            e4 = e.V4;
        long sd = d4 >> 63,
            se = e4 >> 63;
        long md = (u & sd) + (v & se);
        long me = (q & sd) + (r & se);
        Int128 cd = (M(u, d0)) + (M(v, e0));
        Int128 ce = (M(q, d0)) + (M(r, e0));
        md -= (long)((ModulusInv62 * (ulong)(long)cd + (ulong)md) & (ulong)M62);
        me -= (long)((ModulusInv62 * (ulong)(long)ce + (ulong)me) & (ulong)M62);
        cd += M(Modulus[0], md);
        ce += M(Modulus[0], me);
        cd >>= 62;
        ce >>= 62;
        cd += (M(u, d1)) + (M(v, e1)) + (M(Modulus[1], md));
        ce += (M(q, d1)) + (M(r, e1)) + (M(Modulus[1], me));
        d.V0 = (long)cd & M62;
        e.V0 = (long)ce & M62;
        cd >>= 62;
        ce >>= 62;
        cd += (M(u, d2)) + (M(v, e2)) + (M(Modulus[2], md));
        ce += (M(q, d2)) + (M(r, e2)) + (M(Modulus[2], me));
        d.V1 = (long)cd & M62;
        e.V1 = (long)ce & M62;
        cd >>= 62;
        ce >>= 62;
        cd += (M(u, d3)) + (M(v, e3)) + (M(Modulus[3], md));
        ce += (M(q, d3)) + (M(r, e3)) + (M(Modulus[3], me));
        d.V2 = (long)cd & M62;
        e.V2 = (long)ce & M62;
        cd >>= 62;
        ce >>= 62;
        cd += (M(u, d4)) + (M(v, e4)) + (M(Modulus[4], md));
        ce += (M(q, d4)) + (M(r, e4)) + (M(Modulus[4], me));
        d.V3 = (long)cd & M62;
        e.V3 = (long)ce & M62;
        cd >>= 62;
        ce >>= 62;
        d.V4 = (long)cd;
        e.V4 = (long)ce;
    }

    /// <summary>[f, g] = [u v; q r]·[f, g] / 2^62 (exact).</summary>
    private static void UpdateFG(ref Signed62 f, ref Signed62 g, long u, long v, long q, long r)
    {
        Int128 cf = (M(u, f.V0)) + (M(v, g.V0));
        Int128 cg = (M(q, f.V0)) + (M(r, g.V0));
        cf >>= 62;
        cg >>= 62;
        long f1 = f.V1,
            f2 = f.V2,
            f3 = f.V3,
            f4 = f.V4,
            g1 = g.V1,
            g2 = g.V2,
            g3 = g.V3,
            g4 = g.V4;
        cf += (M(u, f1)) + (M(v, g1));
        cg += (M(q, f1)) + (M(r, g1));
        f.V0 = (long)cf & M62;
        g.V0 = (long)cg & M62;
        cf >>= 62;
        cg >>= 62;
        cf += (M(u, f2)) + (M(v, g2));
        cg += (M(q, f2)) + (M(r, g2));
        f.V1 = (long)cf & M62;
        g.V1 = (long)cg & M62;
        cf >>= 62;
        cg >>= 62;
        cf += (M(u, f3)) + (M(v, g3));
        cg += (M(q, f3)) + (M(r, g3));
        f.V2 = (long)cf & M62;
        g.V2 = (long)cg & M62;
        cf >>= 62;
        cg >>= 62;
        cf += (M(u, f4)) + (M(v, g4));
        cg += (M(q, f4)) + (M(r, g4));
        f.V3 = (long)cf & M62;
        g.V3 = (long)cg & M62;
        cf >>= 62;
        cg >>= 62;
        f.V4 = (long)cf;
        g.V4 = (long)cg;
    }

    /// <summary>d (in (−2p, p)) negated when <paramref name="negate"/>, then brought to [0, p).</summary>
    private static Signed62 Normalize(Signed62 d, bool negate)
    {
        long r0 = d.V0,
            r1 = d.V1,
            r2 = d.V2,
            r3 = d.V3,
            r4 = d.V4;
        long add = r4 >> 63;
        r0 += Modulus[0] & add;
        r1 += Modulus[1] & add;
        r2 += Modulus[2] & add;
        r3 += Modulus[3] & add;
        r4 += Modulus[4] & add;
        long neg = negate ? -1 : 0;
        r0 = (r0 ^ neg) - neg;
        r1 = (r1 ^ neg) - neg;
        r2 = (r2 ^ neg) - neg;
        r3 = (r3 ^ neg) - neg;
        r4 = (r4 ^ neg) - neg;
        r1 += r0 >> 62;
        r0 &= M62;
        r2 += r1 >> 62;
        r1 &= M62;
        r3 += r2 >> 62;
        r2 &= M62;
        r4 += r3 >> 62;
        r3 &= M62;
        add = r4 >> 63;
        r0 += Modulus[0] & add;
        r1 += Modulus[1] & add;
        r2 += Modulus[2] & add;
        r3 += Modulus[3] & add;
        r4 += Modulus[4] & add;
        r1 += r0 >> 62;
        r0 &= M62;
        r2 += r1 >> 62;
        r1 &= M62;
        r3 += r2 >> 62;
        r2 &= M62;
        r4 += r3 >> 62;
        r3 &= M62;
        return new Signed62
        {
            V0 = r0,
            V1 = r1,
            V2 = r2,
            V3 = r3,
            V4 = r4,
        };
    }

    // The signed 64×64→128 product with one multiplication (Int128's operator multiplies 128 × 128).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Int128 M(long a, long b)
    {
        long high = Math.BigMul(a, b, out long low);
        return new Int128((ulong)high, (ulong)low);
    }

    private static ulong ComputeInv62()
    {
        ulong p0 = (ulong)Modulus[0];
        ulong inv = p0;
        for (int i = 0; i < 6; i++)
        {
            inv *= 2 - (p0 * inv);
        }
        return inv & (ulong)M62;
    }
}
