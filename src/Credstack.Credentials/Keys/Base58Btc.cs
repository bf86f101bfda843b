using System.Diagnostics.CodeAnalysis;

namespace Credstack.Credentials.Keys;

/// <summary>Base58 with the Bitcoin alphabet (the multibase <c>z</c> encoding).</summary>
public static class Base58Btc
{
    /// <summary>The longest text <see cref="TryDecode"/> accepts: the algorithm is quadratic, so bound the work.</summary>
    public const int MaxEncodedLength = 8192;

    private const string Alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

    private static readonly sbyte[] Map = BuildMap();

    // 58^5: five base58 digits fit in one 32-bit limb, so the conversions work on 32-bit words, five
    // digits per pass instead of one.
    private const uint Radix5 = 656_356_768;

    /// <summary>Encodes bytes as base58btc text (without the multibase prefix).</summary>
    public static string Encode(ReadOnlySpan<byte> data) => Encode(data, null);

    /// <summary>Encodes bytes as base58btc text after <paramref name="prefix"/> (a multibase prefix), in one string.</summary>
    internal static string Encode(ReadOnlySpan<byte> data, char? prefix)
    {
        var zeros = 0;
        while (zeros < data.Length && data[zeros] == 0)
        {
            zeros++;
        }
        var rest = data[zeros..];
        if (rest.Length <= SmallMaxBytes)
        {
            return EncodeSmall(rest, zeros, prefix);
        }
        // The number as big-endian 32-bit words (the first holds the 1 to 4 leading bytes).
        var wordCount = (rest.Length + 3) / 4;
        Span<uint> words = wordCount <= 256 ? stackalloc uint[wordCount] : new uint[wordCount];
        var position = 0;
        for (var w = 0; w < wordCount; w++)
        {
            var take = w == 0 ? rest.Length - ((wordCount - 1) * 4) : 4;
            uint value = 0;
            for (var t = 0; t < take; t++)
            {
                value = (value << 8) | rest[position++];
            }
            words[w] = value;
        }
        // log(256) / log(58) ≈ 1.37 digits per byte, plus one partial group of five.
        var maxDigits = (rest.Length * 138 / 100) + 6;
        Span<char> digits = maxDigits <= 1024 ? stackalloc char[maxDigits] : new char[maxDigits];
        var count = 0;
        var start = 0;
        while (start < wordCount)
        {
            // Divide the number by 58^5; the remainder gives the next five digits (least significant first).
            ulong remainder = 0;
            for (var w = start; w < wordCount; w++)
            {
                var current = (remainder << 32) | words[w];
                var quotient = current / Radix5;
                words[w] = (uint)quotient;
                remainder = current - (quotient * Radix5);
            }
            while (start < wordCount && words[start] == 0)
            {
                start++;
            }
            // remainder < 58^5 < 2^32: 32-bit arithmetic for the digits.
            var group = (uint)remainder;
            for (var d = 0; d < 5; d++)
            {
                var next = group / 58;
                digits[count++] = Alphabet[(int)(group - (next * 58))];
                group = next;
            }
        }
        // The last group may carry leading zero digits that are not part of the number.
        while (count > 0 && digits[count - 1] == '1')
        {
            count--;
        }
        var p = prefix is null ? 0 : 1;
        var length = p + zeros + count;
        Span<char> chars = length <= 1024 ? stackalloc char[length] : new char[length];
        if (prefix is { } c)
        {
            chars[0] = c;
        }
        chars.Slice(p, zeros).Fill('1');
        for (var i = 0; i < count; i++)
        {
            chars[p + zeros + i] = digits[count - 1 - i];
        }
        return new string(chars);
    }

    // Inputs of up to 64 bytes (signatures, keys, hashes) are converted with a table instead of repeated
    // division: the number is cut into 24-bit limbs, and limb p times 2^(24p), written in base 58^5, is
    // a sum of table rows. The 18 sums are independent multiply-adds; one carry pass then normalizes
    // them (the long division above has a dependent division per word per five digits).
    private const int SmallMaxBytes = 64;
    private const int SmallLimbs = (SmallMaxBytes + 2) / 3; // 22 limbs of 24 bits
    private const int SmallGroups = 18; // 58^90 > 2^512: 18 groups of five digits

    // SmallTable[p * SmallGroups + j]: digit group j (base 58^5, least significant first) of 2^(24p).
    private static readonly uint[] SmallTable = BuildSmallTable();

    private static uint[] BuildSmallTable()
    {
        var table = new uint[SmallLimbs * SmallGroups];
        for (var p = 0; p < SmallLimbs; p++)
        {
            var value = System.Numerics.BigInteger.One << (24 * p);
            for (var j = 0; j < SmallGroups; j++)
            {
                table[(p * SmallGroups) + j] = (uint)(value % Radix5);
                value /= Radix5;
            }
        }
        return table;
    }

    private static string EncodeSmall(ReadOnlySpan<byte> rest, int zeros, char? prefix)
    {
        // Limbs of 24 bits, least significant first. Each product is below 2^24 * 58^5 < 2^53.3, and
        // 22 of them sum to below 2^57.8: no sum overflows.
        Span<ulong> sums = stackalloc ulong[SmallGroups];
        sums.Clear();
        var limbs = (rest.Length + 2) / 3;
        var table = SmallTable;
        for (var p = 0; p < limbs; p++)
        {
            var end = rest.Length - (3 * p);
            var limb = (ulong)rest[end - 1];
            if (end >= 2)
            {
                limb |= (ulong)rest[end - 2] << 8;
            }
            if (end >= 3)
            {
                limb |= (ulong)rest[end - 3] << 16;
            }
            if (limb == 0)
            {
                continue;
            }
            // 2^(24p) < 58^(5(j+1)) from j = 24p / log2(58^5) on: the rest of the row is zeros.
            var row = table.AsSpan(p * SmallGroups, Math.Min(SmallGroups, ((24 * p) / 29) + 1));
            for (var j = 0; j < row.Length; j++)
            {
                sums[j] += limb * row[j];
            }
        }
        Span<char> digits = stackalloc char[SmallGroups * 5];
        ulong carry = 0;
        for (var j = 0; j < SmallGroups; j++)
        {
            var value = sums[j] + carry;
            carry = value / Radix5;
            var group = (uint)(value - (carry * Radix5));
            for (var d = 0; d < 5; d++)
            {
                var next = group / 58;
                digits[(5 * j) + d] = Alphabet[(int)(group - (next * 58))];
                group = next;
            }
        }
        // The most significant digits that are zero are not written.
        var count = digits.Length;
        while (count > 0 && digits[count - 1] == '1')
        {
            count--;
        }
        var offset = prefix is null ? 0 : 1;
        var length = offset + zeros + count;
        // Leading zero bytes are not bounded: only a short text goes on the stack.
        Span<char> chars = length <= 256 ? stackalloc char[256] : new char[length];
        chars = chars[..length];
        if (prefix is { } c)
        {
            chars[0] = c;
        }
        chars.Slice(offset, zeros).Fill('1');
        for (var i = 0; i < count; i++)
        {
            chars[offset + zeros + i] = digits[count - 1 - i];
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
        var body = text[zeros..];
        // The number as little-endian 32-bit words: log(58) / log(2^32) ≈ 0.184 words per digit.
        var maxWords = (body.Length * 733 / 4000) + 2;
        Span<uint> words = maxWords <= 512 ? stackalloc uint[maxWords] : new uint[maxWords];
        var wordCount = 0;
        var i = 0;
        var group = body.Length % 5;
        if (group == 0)
        {
            group = 5;
        }
        while (i < body.Length)
        {
            // Take up to five digits at a time: number = number * 58^k + (those digits).
            ulong multiplier = 1;
            ulong carry = 0;
            for (var t = 0; t < group; t++, i++)
            {
                var c = body[i];
                if (c >= 128 || Map[c] < 0)
                {
                    return false;
                }
                carry = (carry * 58) + (ulong)Map[c];
                multiplier *= 58;
            }
            group = 5;
            for (var w = 0; w < wordCount; w++)
            {
                var current = (words[w] * multiplier) + carry;
                words[w] = (uint)current;
                carry = current >> 32;
            }
            while (carry != 0)
            {
                words[wordCount++] = (uint)carry;
                carry >>= 32;
            }
        }
        var significant = 0;
        if (wordCount > 0)
        {
            var top = words[wordCount - 1];
            var topBytes =
                top >= 1u << 24 ? 4
                : top >= 1u << 16 ? 3
                : top >= 1u << 8 ? 2
                : 1;
            significant = ((wordCount - 1) * 4) + topBytes;
        }
        bytes = new byte[zeros + significant];
        // Big-endian bytes after the leading zero bytes.
        for (var b = 0; b < significant; b++)
        {
            bytes[^(b + 1)] = (byte)(words[b >> 2] >> (8 * (b & 3)));
        }
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
