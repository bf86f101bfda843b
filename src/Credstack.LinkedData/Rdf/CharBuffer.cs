namespace Credstack.LinkedData.Rdf;

/// <summary>
/// A growable character buffer with span access, used to compose N-Quads lines without allocating a
/// string per line (RDFC-1.0 sorts and hashes the lines as spans).
/// </summary>
internal sealed class CharBuffer
{
    private char[] _chars;

    public CharBuffer(int capacity = 256) => _chars = new char[Math.Max(capacity, 16)];

    public int Length { get; private set; }

    /// <summary>The underlying array; valid up to <see cref="Length"/>, and only until the next append.</summary>
    public char[] RawChars => _chars;

    public ReadOnlySpan<char> AsSpan() => _chars.AsSpan(0, Length);

    public ReadOnlySpan<char> AsSpan(int start, int length) => _chars.AsSpan(start, length);

    public void Clear() => Length = 0;

    public void Truncate(int length) => Length = length;

    public void Append(char c)
    {
        if (Length == _chars.Length)
        {
            Grow(1);
        }
        _chars[Length++] = c;
    }

    public void Append(ReadOnlySpan<char> text)
    {
        if (Length + text.Length > _chars.Length)
        {
            Grow(text.Length);
        }
        text.CopyTo(_chars.AsSpan(Length));
        Length += text.Length;
    }

    public void Append(int value)
    {
        if (Length + 11 > _chars.Length)
        {
            Grow(11);
        }
        value.TryFormat(
            _chars.AsSpan(Length),
            out var written,
            default,
            System.Globalization.CultureInfo.InvariantCulture
        );
        Length += written;
    }

    private void Grow(int needed)
    {
        var size = Math.Max(_chars.Length * 2, Length + needed);
        Array.Resize(ref _chars, size);
    }
}
