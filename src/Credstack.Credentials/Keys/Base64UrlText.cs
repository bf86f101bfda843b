using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;

namespace Credstack.Credentials.Keys;

/// <summary>
/// Strict base64url without padding (RFC 7515 §2, RFC 4648 §5): no whitespace, no <c>=</c>, no characters
/// outside the URL-safe alphabet. The framework decoder skips whitespace, so check first.
/// </summary>
internal static class Base64UrlText
{
    public static string Encode(ReadOnlySpan<byte> data) => Base64Url.EncodeToString(data);

    public static bool TryDecode(ReadOnlySpan<char> text, [NotNullWhen(true)] out byte[]? bytes)
    {
        bytes = null;
        if (text.Length % 4 == 1)
        {
            return false;
        }
        foreach (var c in text)
        {
            if (
                !(
                    (c >= 'A' && c <= 'Z')
                    || (c >= 'a' && c <= 'z')
                    || (c >= '0' && c <= '9')
                    || c == '-'
                    || c == '_'
                )
            )
            {
                return false;
            }
        }
        var buffer = new byte[Base64Url.GetMaxDecodedLength(text.Length)];
        int written;
        try
        {
            if (!Base64Url.TryDecodeFromChars(text, buffer, out written))
            {
                return false;
            }
        }
        catch (FormatException)
        {
            // The framework throws (rather than returning false) for some final quanta.
            return false;
        }
        bytes = written == buffer.Length ? buffer : buffer.AsSpan(0, written).ToArray();
        return true;
    }
}
