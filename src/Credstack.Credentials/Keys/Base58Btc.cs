using System.Diagnostics.CodeAnalysis;

namespace Credstack.Credentials.Keys;

/// <summary>Base58 with the Bitcoin alphabet (the multibase <c>z</c> encoding).</summary>
public static class Base58Btc
{
    /// <summary>The longest text <see cref="TryDecode"/> accepts: the algorithm is quadratic, so bound the work.</summary>
    public const int MaxEncodedLength = 8192;

    private const string Alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

    private static readonly sbyte[] Map = BuildMap();

    /// <summary>Encodes bytes as base58btc text (without the multibase prefix).</summary>
    public static string Encode(ReadOnlySpan<byte> data)
    {
        var zeros = 0;
        while (zeros < data.Length && data[zeros] == 0)
        {
            zeros++;
        }
        // log(256) / log(58) ≈ 1.37: an upper bound on the digit count.
        var size = ((data.Length - zeros) * 138 / 100) + 1;
        Span<byte> digits = size <= 512 ? stackalloc byte[size] : new byte[size];
        digits.Clear();
        var length = 0;
        for (var i = zeros; i < data.Length; i++)
        {
            int carry = data[i];
            var j = 0;
            for (var k = size - 1; (carry != 0 || j < length) && k >= 0; k--, j++)
            {
                carry += 256 * digits[k];
                digits[k] = (byte)(carry % 58);
                carry /= 58;
            }
            length = j;
        }
        var start = size - length;
        while (start < size && digits[start] == 0)
        {
            start++;
        }
        var count = zeros + (size - start);
        Span<char> chars = count <= 1024 ? stackalloc char[count] : new char[count];
        chars[..zeros].Fill('1');
        for (var i = start; i < size; i++)
        {
            chars[zeros + i - start] = Alphabet[digits[i]];
        }
        return new string(chars);
    }

    /// <summary>Decodes base58btc text; false on a character outside the alphabet or text that is too long.</summary>
    public static bool TryDecode(ReadOnlySpan<char> text, [NotNullWhen(true)] out byte[]? bytes)
    {
        bytes = null;
        if (text.Length > MaxEncodedLength)
        {
            return false;
        }
        var zeros = 0;
        while (zeros < text.Length && text[zeros] == '1')
        {
            zeros++;
        }
        // log(58) / log(256) ≈ 0.733: an upper bound on the byte count.
        var size = ((text.Length - zeros) * 733 / 1000) + 1;
        var b256 = new byte[size];
        var length = 0;
        for (var i = zeros; i < text.Length; i++)
        {
            var c = text[i];
            if (c >= 128 || Map[c] < 0)
            {
                return false;
            }
            int carry = Map[c];
            var j = 0;
            for (var k = size - 1; (carry != 0 || j < length) && k >= 0; k--, j++)
            {
                carry += 58 * b256[k];
                b256[k] = (byte)(carry & 0xff);
                carry >>= 8;
            }
            length = j;
        }
        var start = size - length;
        while (start < size && b256[start] == 0)
        {
            start++;
        }
        bytes = new byte[zeros + (size - start)];
        b256.AsSpan(start).CopyTo(bytes.AsSpan(zeros));
        return true;
    }

    private static sbyte[] BuildMap()
    {
        var map = new sbyte[128];
        Array.Fill(map, (sbyte)-1);
        for (var i = 0; i < Alphabet.Length; i++)
        {
            map[Alphabet[i]] = (sbyte)i;
        }
        return map;
    }
}
