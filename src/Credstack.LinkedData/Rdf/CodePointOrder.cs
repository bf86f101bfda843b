namespace Credstack.LinkedData.Rdf;

/// <summary>
/// Compares UTF-16 text in Unicode code point order, as RDFC-1.0 §4.4 requires for sorting N-Quads.
/// Plain ordinal UTF-16 comparison differs only when a surrogate (an astral character) meets a BMP
/// character in U+E000..U+FFFF: ordinal puts the surrogate first, code point order puts it last.
/// </summary>
internal static class CodePointOrder
{
    public static int Compare(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        var i = a.CommonPrefixLength(b);
        if (i == a.Length || i == b.Length)
        {
            return a.Length - b.Length;
        }
        return Key(a[i]) - Key(b[i]);
    }

    // Moves surrogates (U+D800..U+DFFF) above U+E000..U+FFFF, keeping every other order.
    private static int Key(char c) =>
        c < 0xD800 ? c
        : c >= 0xE000 ? c - 0x800
        : c + 0x2000;
}
