using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Credstack.LinkedData.Json;

/// <summary>JSON Canonicalization Scheme (RFC 8785).</summary>
public static class Jcs
{
    private const int MaxDepth = 256;

    [ThreadStatic]
    private static StringBuilder? t_builder;

    /// <summary>
    /// Serializes a JSON value in its RFC 8785 canonical form. Throws <see cref="ArgumentException"/> when
    /// the value holds a number that I-JSON cannot represent (NaN, an infinity, or out of the double range)
    /// or nests deeper than 256 levels.
    /// </summary>
    public static string Canonicalize(JsonNode? node)
    {
        var sb = RentBuilder();
        Write(sb, node, 0);
        var result = sb.ToString();
        ReturnBuilder(sb);
        return result;
    }

    /// <summary>Serializes a JSON value in its RFC 8785 canonical form, as UTF-8 bytes.</summary>
    public static byte[] CanonicalizeToUtf8(JsonNode? node)
    {
        var sb = RentBuilder();
        Write(sb, node, 0);
        // Encode the builder's chunks directly: no intermediate string.
        var encoder = Encoding.UTF8.GetEncoder();
        var count = 0;
        foreach (var chunk in sb.GetChunks())
        {
            count += encoder.GetByteCount(chunk.Span, flush: false);
        }
        count += encoder.GetByteCount(ReadOnlySpan<char>.Empty, flush: true);
        encoder.Reset();
        var bytes = new byte[count];
        var offset = 0;
        foreach (var chunk in sb.GetChunks())
        {
            offset += encoder.GetBytes(chunk.Span, bytes.AsSpan(offset), flush: false);
        }
        encoder.GetBytes(ReadOnlySpan<char>.Empty, bytes.AsSpan(offset), flush: true);
        ReturnBuilder(sb);
        return bytes;
    }

    /// <summary>Appends the RFC 8785 canonical form of <paramref name="node"/> to <paramref name="sb"/>.</summary>
    internal static void Write(StringBuilder sb, JsonNode? node, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new ArgumentException(
                "the JSON value nests too deeply to canonicalize",
                nameof(node)
            );
        }
        switch (node)
        {
            case null:
                sb.Append("null");
                break;
            case JsonObject obj:
                WriteObject(sb, obj, depth);
                break;
            case JsonArray array:
                sb.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(',');
                    }
                    Write(sb, array[i], depth + 1);
                }
                sb.Append(']');
                break;
            case JsonValue value:
                WriteValue(sb, value);
                break;
            default:
                throw new ArgumentException("unsupported JSON node", nameof(node));
        }
    }

    private static void WriteObject(StringBuilder sb, JsonObject obj, int depth)
    {
        var count = obj.Count;
        if (count == 0)
        {
            sb.Append("{}");
            return;
        }
        // RFC 8785 §3.2.3: members sorted by the UTF-16 code units of their names (ordinal order).
        var entries = new KeyValuePair<string, JsonNode?>[count];
        var i = 0;
        foreach (var entry in obj)
        {
            entries[i++] = entry;
        }
        if (count > 1)
        {
            Array.Sort(entries, static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        }
        sb.Append('{');
        for (i = 0; i < count; i++)
        {
            if (i > 0)
            {
                sb.Append(',');
            }
            WriteString(sb, entries[i].Key);
            sb.Append(':');
            Write(sb, entries[i].Value, depth + 1);
        }
        sb.Append('}');
    }

    private static void WriteValue(StringBuilder sb, JsonValue value)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.String:
                WriteString(sb, value.GetValue<string>());
                break;
            case JsonValueKind.True:
                sb.Append("true");
                break;
            case JsonValueKind.False:
                sb.Append("false");
                break;
            case JsonValueKind.Null:
                sb.Append("null");
                break;
            case JsonValueKind.Number:
                if (!TryGetDouble(value, out var d))
                {
                    throw new ArgumentException(
                        $"the number {value.ToJsonString()} cannot be represented as an IEEE 754 double (RFC 8785 §3.2.2.3)",
                        nameof(value)
                    );
                }
                AppendNumber(sb, d);
                break;
            default:
                throw new ArgumentException("unsupported JSON value", nameof(value));
        }
    }

    /// <summary>
    /// Reads a JSON number as a finite double, whatever the node's backing type; false for a non-number,
    /// NaN, an infinity or a literal outside the double range.
    /// </summary>
    internal static bool TryGetDouble(JsonValue value, out double result)
    {
        if (value.TryGetValue(out JsonElement element))
        {
            if (element.ValueKind == JsonValueKind.Number && element.TryGetDouble(out result))
            {
                return double.IsFinite(result);
            }
            result = 0;
            return false;
        }
        if (value.TryGetValue(out result))
        {
            return double.IsFinite(result);
        }
        if (value.TryGetValue(out long l))
        {
            result = l;
            return true;
        }
        if (value.TryGetValue(out int i))
        {
            result = i;
            return true;
        }
        if (value.TryGetValue(out decimal m))
        {
            result = (double)m;
            return true;
        }
        if (value.TryGetValue(out float f))
        {
            result = f;
            return float.IsFinite(f);
        }
        if (value.GetValueKind() == JsonValueKind.Number)
        {
            // Other CLR numeric types (short, ulong, ...): go through their JSON text.
            return double.TryParse(
                    value.ToJsonString(),
                    NumberStyles.Float,
                    CultureInfo.InvariantCulture,
                    out result
                ) && double.IsFinite(result);
        }
        result = 0;
        return false;
    }

    /// <summary>
    /// Appends a double as ECMAScript's Number.prototype.toString does (ECMA-262 §6.1.6.1.20
    /// Number::toString, required by RFC 8785 §3.2.2.3): the shortest round-trip digits, plain
    /// notation for exponents in (-7, 21), otherwise <c>d.ddde±n</c>.
    /// </summary>
    internal static void AppendNumber(StringBuilder sb, double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentException("NaN and infinities have no JSON form", nameof(value));
        }
        if (value == 0)
        {
            // -0 serializes as 0.
            sb.Append('0');
            return;
        }
        if (value < 0)
        {
            sb.Append('-');
            value = -value;
        }
        // .NET's "R" gives the shortest digits that round-trip (as ES requires); re-lay them out.
        Span<char> buffer = stackalloc char[32];
        value.TryFormat(buffer, out var written, "R", CultureInfo.InvariantCulture);
        ReadOnlySpan<char> text = buffer[..written];
        var exponent = 0;
        var ePos = text.IndexOfAny('E', 'e');
        if (ePos >= 0)
        {
            exponent = int.Parse(
                text[(ePos + 1)..],
                NumberStyles.AllowLeadingSign,
                CultureInfo.InvariantCulture
            );
            text = text[..ePos];
        }
        Span<char> digits = stackalloc char[32];
        var k = 0;
        var pointIndex = -1;
        foreach (var c in text)
        {
            if (c == '.')
            {
                pointIndex = k;
            }
            else
            {
                digits[k++] = c;
            }
        }
        if (pointIndex < 0)
        {
            pointIndex = k;
        }
        // value = 0.d1d2...dk × 10^n, with d1 ≠ 0.
        var n = pointIndex + exponent;
        var start = 0;
        while (start < k && digits[start] == '0')
        {
            start++;
            n--;
        }
        var end = k;
        while (end > start && digits[end - 1] == '0')
        {
            end--;
        }
        ReadOnlySpan<char> d = digits[start..end];
        k = d.Length;
        if (k <= n && n <= 21)
        {
            sb.Append(d);
            sb.Append('0', n - k);
        }
        else if (0 < n && n <= 21)
        {
            sb.Append(d[..n]);
            sb.Append('.');
            sb.Append(d[n..]);
        }
        else if (-6 < n && n <= 0)
        {
            sb.Append("0.");
            sb.Append('0', -n);
            sb.Append(d);
        }
        else
        {
            var e = n - 1;
            sb.Append(d[0]);
            if (k > 1)
            {
                sb.Append('.');
                sb.Append(d[1..]);
            }
            sb.Append('e');
            sb.Append(e < 0 ? '-' : '+');
            sb.Append(Math.Abs(e).ToString(CultureInfo.InvariantCulture));
        }
    }

    /// <summary>Appends a JSON string literal escaped as RFC 8785 §3.2.2.2 requires.</summary>
    internal static void WriteString(StringBuilder sb, string value)
    {
        sb.Append('"');
        var runStart = 0;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c >= 0x20 && c != '"' && c != '\\')
            {
                continue;
            }
            sb.Append(value, runStart, i - runStart);
            runStart = i + 1;
            switch (c)
            {
                case '"':
                    sb.Append("\\\"");
                    break;
                case '\\':
                    sb.Append("\\\\");
                    break;
                case '\b':
                    sb.Append("\\b");
                    break;
                case '\t':
                    sb.Append("\\t");
                    break;
                case '\n':
                    sb.Append("\\n");
                    break;
                case '\f':
                    sb.Append("\\f");
                    break;
                case '\r':
                    sb.Append("\\r");
                    break;
                default:
                    sb.Append("\\u00");
                    sb.Append(HexLower[c >> 4]);
                    sb.Append(HexLower[c & 0xF]);
                    break;
            }
        }
        sb.Append(value, runStart, value.Length - runStart);
        sb.Append('"');
    }

    private const string HexLower = "0123456789abcdef";

    private static StringBuilder RentBuilder()
    {
        var sb = t_builder ?? new StringBuilder(256);
        t_builder = null;
        return sb;
    }

    private static void ReturnBuilder(StringBuilder sb)
    {
        if (sb.Capacity <= 16 * 1024)
        {
            sb.Clear();
            t_builder = sb;
        }
    }
}
