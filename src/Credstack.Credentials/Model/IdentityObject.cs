using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Credstack.Credentials.Model;

/// <summary>
/// An identity of the earner, plain or hashed (OB 3.0 §B.1.11 IdentityObject, §B.3 IdentityHash).
/// </summary>
public sealed record IdentityObject : IJsonLdNode
{
    /// <summary>The <c>type</c> value of an identity object.</summary>
    public const string TypeName = "IdentityObject";

    /// <summary>The <c>identityType</c> of an email address.</summary>
    public const string EmailAddressType = "emailAddress";

    private const string Sha256Prefix = "sha256$";
    private const string Md5Prefix = "md5$";

    /// <summary>Not used by IdentityObject; present for <see cref="IJsonLdNode"/> and kept when read.</summary>
    [JsonPropertyName("id")]
    public string? Id { get; init; }

    /// <summary>The types (<c>type</c>); <c>IdentityObject</c>.</summary>
    [JsonPropertyName("type")]
    public OneOrMany<string>? Type { get; init; }

    /// <summary>Whether <see cref="IdentityHash"/> is hashed.</summary>
    [JsonPropertyName("hashed")]
    public bool? Hashed { get; init; }

    /// <summary>The hash (<c>sha256$hex</c> or <c>md5$hex</c>) or, when not hashed, the plain identity.</summary>
    [JsonPropertyName("identityHash")]
    public string? IdentityHash { get; init; }

    /// <summary>The identity type (e.g. <c>emailAddress</c>).</summary>
    [JsonPropertyName("identityType")]
    public string? IdentityType { get; init; }

    /// <summary>The salt appended to the identity before hashing, if any.</summary>
    [JsonPropertyName("salt")]
    public string? Salt { get; init; }

    /// <inheritdoc />
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; init; }

    /// <summary>
    /// A hashed email identity: <c>sha256$</c> + lowercase hex of SHA-256(UTF-8(email + salt)) (OB 3.0 §B.3
    /// IdentityHash). The email is trimmed and lowercased first so that the earner's capitalisation does not
    /// matter; <see cref="MatchesEmail"/> accepts either form.
    /// </summary>
    /// <param name="email">The earner's email address.</param>
    /// <param name="salt">The salt; a random 128-bit hex salt when <see langword="null"/>.</param>
    /// <returns>The identity object.</returns>
    public static IdentityObject CreateHashedEmail(string email, string? salt = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(email);
        salt ??= Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        return new IdentityObject
        {
            Type = new OneOrMany<string>(TypeName),
            Hashed = true,
            IdentityHash = Sha256Prefix + HashHex(NormalizeEmail(email), salt),
            IdentityType = EmailAddressType,
            Salt = salt,
        };
    }

    /// <summary>
    /// Whether <paramref name="email"/> is the identity this object names: compares the plain value
    /// case-insensitively, or recomputes the <c>sha256$</c> (or legacy <c>md5$</c>) hash with the salt, both for
    /// the email as given and for its normalised (trimmed, lowercased) form. Hex digits may be in either case
    /// (OB 3.0 §B.3).
    /// </summary>
    /// <param name="email">The email address to check.</param>
    /// <returns><see langword="true"/> if it matches.</returns>
    public bool MatchesEmail(string email)
    {
        ArgumentNullException.ThrowIfNull(email);
        if (IdentityHash is null)
        {
            return false;
        }
        if (Hashed != true)
        {
            return string.Equals(
                IdentityHash.Trim(),
                email.Trim(),
                StringComparison.OrdinalIgnoreCase
            );
        }
        var salt = Salt ?? string.Empty;
        var normalized = NormalizeEmail(email);
        if (IdentityHash.StartsWith(Sha256Prefix, StringComparison.OrdinalIgnoreCase))
        {
            var expected = IdentityHash.AsSpan(Sha256Prefix.Length);
            return expected.Equals(HashHex(email, salt), StringComparison.OrdinalIgnoreCase)
                || expected.Equals(HashHex(normalized, salt), StringComparison.OrdinalIgnoreCase);
        }
        if (IdentityHash.StartsWith(Md5Prefix, StringComparison.OrdinalIgnoreCase))
        {
            var expected = IdentityHash.AsSpan(Md5Prefix.Length);
            return expected.Equals(Md5Hex(email, salt), StringComparison.OrdinalIgnoreCase)
                || expected.Equals(Md5Hex(normalized, salt), StringComparison.OrdinalIgnoreCase);
        }
        return false;
    }

    private static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();

    private static string HashHex(string identity, string salt) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity + salt)));

    // OB 3.0 §B.3 still allows 'md5' identity hashes; reading them is needed to check old badges, writing is never done.
#pragma warning disable CA5351
    private static string Md5Hex(string identity, string salt) =>
        Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(identity + salt)));
#pragma warning restore CA5351
}
