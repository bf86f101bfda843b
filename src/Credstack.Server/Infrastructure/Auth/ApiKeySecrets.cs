using System.Security.Cryptography;
using System.Text;

namespace Credstack.Server.Infrastructure.Auth;

/// <summary>
/// Makes and hashes API keys and other one-time secrets. A key is <c>csk_</c> followed by 256 random
/// bits in base64url: with that much entropy a plain SHA-256 is a safe stored form (no salt or slow
/// hash needed), and lookups by hash stay a single indexed query.
/// </summary>
internal static class ApiKeySecrets
{
    public const string KeyPrefix = "csk_";

    /// <summary>How many leading characters of a key are stored in clear, to tell keys apart.</summary>
    public const int VisiblePrefixLength = 12;

    public static string NewKey() => KeyPrefix + NewToken();

    /// <summary>256 random bits, base64url without padding (43 characters).</summary>
    public static string NewToken() => Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string secret)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(secret), hash);
        return Convert.ToHexStringLower(hash);
    }

    public static string VisiblePrefix(string key) =>
        key[..Math.Min(VisiblePrefixLength, key.Length)];

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
