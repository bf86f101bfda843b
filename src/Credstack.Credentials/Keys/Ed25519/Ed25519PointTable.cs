namespace Credstack.Credentials.Keys.Ed25519;

/// <summary>
/// All multiples j·2^(W·i)·P (i &lt; <see cref="Positions"/>, 1 ≤ j ≤ 2^(W−1)) of one point in affine
/// Niels form, so that [s]P for a scalar below 2^253 is one mixed addition per signed radix-2^W digit of
/// s and no doubling (the fixed-base method of ref10's <c>ge25519_scalarmult_base</c>, with a wider
/// window and without its doublings). W = 6 for per-key tables (of −A) and 8 for the static table of B.
/// </summary>
internal sealed class Ed25519PointTable
{
    /// <summary>The window width of per-key tables (of −A): 43 positions × 32 entries, 165,120 bytes.</summary>
    public const int KeyWindow = 6;

    /// <summary>The window width of the one static table of B: 32 positions × 128 entries, 491,520 bytes.</summary>
    public const int BaseWindow = 8;

    private readonly NielsPoint[] _points;

    private Ed25519PointTable(int w, NielsPoint[] points)
    {
        W = w;
        _points = points;
    }

    /// <summary>The window width in bits.</summary>
    public int W { get; }

    /// <summary>Entries per position: the digit magnitudes 1 … 2^(W−1).</summary>
    public int Half => 1 << (W - 1);

    /// <summary>Digits of a scalar below 2^253.</summary>
    public int Positions => PositionsFor(W);

    /// <summary>The table's size in bytes (three field elements of 40 bytes per entry).</summary>
    public int SizeInBytes => _points.Length * 120;

    internal ReadOnlySpan<NielsPoint> Points => _points;

    /// <summary>Signed radix-2^w digits of a scalar below 2^253 (the final carry folds into the top digit).</summary>
    public static int PositionsFor(int w) => ((253 + w - 1) / w) + ((253 % w) == 0 ? 1 : 0);

    public static Ed25519PointTable Build(in EdwardsPoint p, int w)
    {
        int half = 1 << (w - 1);
        int positions = PositionsFor(w);
        int n = positions * half;
        var points = new EdwardsPoint[n];
        var pi = p;
        for (int i = 0; i < positions; i++)
        {
            int o = i * half;
            points[o] = pi;
            for (int j = 1; j < half; j++)
            {
                points[o + j] = EdwardsPoint.Add(points[o + j - 1], pi);
            }
            pi = EdwardsPoint.Double(points[o + half - 1]); // 2·2^(W−1)·P_i = 2^W·P_i
        }
        // Batch inversion of the Z coordinates (Montgomery's trick): one inversion for the table.
        var prefix = new FieldElement51[n];
        var acc = FieldElement51.One;
        for (int k = 0; k < n; k++)
        {
            acc = FieldElement51.Mul(acc, points[k].Z);
            prefix[k] = acc;
        }
        var inv = FieldElement51.Invert(acc);
        var table = new NielsPoint[n];
        for (int k = n - 1; k >= 0; k--)
        {
            var zi = k > 0 ? FieldElement51.Mul(inv, prefix[k - 1]) : inv;
            inv = FieldElement51.Mul(inv, points[k].Z);
            var x = FieldElement51.Mul(points[k].X, zi);
            var y = FieldElement51.Mul(points[k].Y, zi);
            table[k] = new NielsPoint
            {
                YPlusX = FieldElement51.Carry(FieldElement51.Add(y, x)),
                YMinusX = FieldElement51.Carry(FieldElement51.Sub(y, x)),
                XY2D = FieldElement51.Mul(FieldElement51.Mul(x, y), FieldElement51.D2),
            };
        }
        return new Ed25519PointTable(w, table);
    }
}
