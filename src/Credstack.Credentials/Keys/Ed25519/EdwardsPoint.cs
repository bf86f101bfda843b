using System.Runtime.CompilerServices;

namespace Credstack.Credentials.Keys.Ed25519;

/// <summary>
/// A point of edwards25519 in extended coordinates (X:Y:Z:T), x = X/Z, y = Y/Z, x·y = T/Z
/// (RFC 8032 §5.1.4; formulas as in ref10/libsodium <c>ge25519_*</c>). Variable-time.
/// </summary>
internal struct EdwardsPoint
{
    public FieldElement51 X;
    public FieldElement51 Y;
    public FieldElement51 Z;
    public FieldElement51 T;

    public static EdwardsPoint Identity =>
        new()
        {
            X = FieldElement51.Zero,
            Y = FieldElement51.One,
            Z = FieldElement51.One,
            T = FieldElement51.Zero,
        };

    /// <summary>
    /// Decodes 32 bytes (RFC 8032 §5.1.3; ref10 <c>ge25519_frombytes</c>). The caller checks that the
    /// y encoding is canonical. False when no x exists.
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<byte> s, out EdwardsPoint p)
    {
        var y = FieldElement51.FromBytes(s);
        var yy = FieldElement51.Square(y);
        var u = FieldElement51.Carry(FieldElement51.Sub(yy, FieldElement51.One)); // y² − 1
        var v = FieldElement51.Add(FieldElement51.Mul(yy, FieldElement51.D), FieldElement51.One); // d·y² + 1
        var v3 = FieldElement51.Mul(FieldElement51.Square(v), v);
        var v7 = FieldElement51.Mul(FieldElement51.Square(v3), v);
        // x = u·v³·(u·v⁷)^((p−5)/8)
        var x = FieldElement51.Mul(
            FieldElement51.Mul(u, v3),
            FieldElement51.Pow22523(FieldElement51.Mul(u, v7))
        );
        var vxx = FieldElement51.Mul(v, FieldElement51.Square(x));
        if (!FieldElement51.AreEqual(vxx, u))
        {
            if (!FieldElement51.AreEqual(vxx, FieldElement51.Negate(u)))
            {
                p = default;
                return false;
            }
            x = FieldElement51.Mul(x, FieldElement51.SqrtM1);
        }
        bool sign = (s[31] >> 7) != 0;
        if (FieldElement51.IsNegative(x) != sign)
        {
            x = FieldElement51.Carry(FieldElement51.Negate(x));
        }
        p = new EdwardsPoint
        {
            X = x,
            Y = FieldElement51.Carry(y),
            Z = FieldElement51.One,
            T = FieldElement51.Mul(x, y),
        };
        return true;
    }

    public static EdwardsPoint Negate(in EdwardsPoint p) =>
        new()
        {
            X = FieldElement51.Carry(FieldElement51.Negate(p.X)),
            Y = p.Y,
            Z = p.Z,
            T = FieldElement51.Carry(FieldElement51.Negate(p.T)),
        };

    /// <summary>
    /// The 32-byte encoding (RFC 8032 §5.1.2; ref10 <c>ge25519_p3_tobytes</c>). The inversion is the
    /// variable-time one: points here are public.
    /// </summary>
    public static void Encode(in EdwardsPoint p, Span<byte> s)
    {
        var zi = ModInverse25519.Invert(p.Z);
        var x = FieldElement51.Mul(p.X, zi);
        var y = FieldElement51.Mul(p.Y, zi);
        FieldElement51.ToBytes(y, s);
        if (FieldElement51.IsNegative(x))
        {
            s[31] |= 0x80;
        }
    }

    /// <summary>2·P (ref10 <c>ge25519_p2_dbl</c> then p1p1 → p3).</summary>
    public static EdwardsPoint Double(in EdwardsPoint p)
    {
        var a = FieldElement51.Square(p.X);
        var b = FieldElement51.Square(p.Y);
        var zz = FieldElement51.Square(p.Z);
        var c = FieldElement51.Add(zz, zz);
        var s = FieldElement51.Square(FieldElement51.Add(p.X, p.Y));
        var yy = FieldElement51.Add(b, a);
        var zzz = FieldElement51.Carry(FieldElement51.Sub(b, a));
        var xx = FieldElement51.Sub(s, yy);
        var tt = FieldElement51.Sub(c, zzz);
        return new EdwardsPoint
        {
            X = FieldElement51.Mul(xx, tt),
            Y = FieldElement51.Mul(yy, zzz),
            Z = FieldElement51.Mul(zzz, tt),
            T = FieldElement51.Mul(xx, yy),
        };
    }

    /// <summary>P + Q for extended points (ref10 <c>ge25519_add</c> with Q cached).</summary>
    public static EdwardsPoint Add(in EdwardsPoint p, in EdwardsPoint q)
    {
        var a = FieldElement51.Mul(FieldElement51.Add(p.Y, p.X), FieldElement51.Add(q.Y, q.X));
        var b = FieldElement51.Mul(FieldElement51.Sub(p.Y, p.X), FieldElement51.Sub(q.Y, q.X));
        var c = FieldElement51.Mul(FieldElement51.Mul(p.T, q.T), FieldElement51.D2);
        var zz = FieldElement51.Mul(p.Z, q.Z);
        var d = FieldElement51.Add(zz, zz);
        var e = FieldElement51.Sub(a, b);
        var h = FieldElement51.Add(a, b);
        var g = FieldElement51.Add(d, c);
        var f = FieldElement51.Sub(d, c);
        return new EdwardsPoint
        {
            X = FieldElement51.Mul(e, f),
            Y = FieldElement51.Mul(g, h),
            Z = FieldElement51.Mul(f, g),
            T = FieldElement51.Mul(e, h),
        };
    }

    /// <summary>
    /// P + Q (or P − Q when <paramref name="subtract"/>) for Q in affine Niels form (ref10
    /// <c>ge25519_madd</c> / <c>ge25519_msub</c>): 7 multiplications.
    /// </summary>
    public static void AddNiels(ref EdwardsPoint p, in NielsPoint q, bool subtract)
    {
        var ypx = FieldElement51.Add(p.Y, p.X);
        var ymx = FieldElement51.Sub(p.Y, p.X);
        FieldElement51 a,
            b;
        if (subtract)
        {
            a = FieldElement51.Mul(ypx, q.YMinusX);
            b = FieldElement51.Mul(ymx, q.YPlusX);
        }
        else
        {
            a = FieldElement51.Mul(ypx, q.YPlusX);
            b = FieldElement51.Mul(ymx, q.YMinusX);
        }
        var c = FieldElement51.Mul(q.XY2D, p.T);
        var d = FieldElement51.Add(p.Z, p.Z);
        var e = FieldElement51.Sub(a, b);
        var h = FieldElement51.Add(a, b);
        FieldElement51 g,
            f;
        if (subtract)
        {
            g = FieldElement51.Sub(d, c);
            f = FieldElement51.Add(d, c);
        }
        else
        {
            g = FieldElement51.Add(d, c);
            f = FieldElement51.Sub(d, c);
        }
        p.X = FieldElement51.Mul(e, f);
        p.Y = FieldElement51.Mul(g, h);
        p.Z = FieldElement51.Mul(f, g);
        p.T = FieldElement51.Mul(e, h);
    }
}

/// <summary>An affine point as (y + x, y − x, 2·d·x·y), limbs below 2^52 (ref10 <c>ge25519_precomp</c>).</summary>
internal struct NielsPoint
{
    public FieldElement51 YPlusX;
    public FieldElement51 YMinusX;
    public FieldElement51 XY2D;
}
