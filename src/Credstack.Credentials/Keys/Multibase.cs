using System.Diagnostics.CodeAnalysis;

namespace Credstack.Credentials.Keys;

/// <summary>
/// Multibase text (draft-multiformats-multibase): a one-character prefix naming the base. Credentials use
/// <c>z</c> (base58btc) for keys and signatures and <c>u</c> (base64url without padding) for some values.
/// </summary>
public static class Multibase
{
    /// <summary>The prefix of base58btc multibase text.</summary>
    public const char Base58BtcPrefix = 'z';

    /// <summary>The prefix of base64url (no padding) multibase text.</summary>
    public const char Base64UrlPrefix = 'u';

    /// <summary>Encodes bytes as <c>z</c> + base58btc.</summary>
    public static string EncodeBase58Btc(ReadOnlySpan<byte> data) =>
        Base58Btc.Encode(data, Base58BtcPrefix);

    /// <summary>Encodes bytes as <c>u</c> + base64url without padding.</summary>
    public static string EncodeBase64Url(ReadOnlySpan<byte> data) =>
        "u" + Base64UrlText.Encode(data);

    /// <summary>Decodes <c>z</c> or <c>u</c> multibase text; false on another prefix or a malformed body.</summary>
    public static bool TryDecode(ReadOnlySpan<char> text, [NotNullWhen(true)] out byte[]? bytes)
    {
        bytes = null;
        if (text.IsEmpty)
        {
            return false;
        }
        return text[0] switch
        {
            Base58BtcPrefix => Base58Btc.TryDecode(text[1..], out bytes),
            Base64UrlPrefix => Base64UrlText.TryDecode(text[1..], out bytes),
            _ => false,
        };
    }
}
