using System.Globalization;
using System.Text.Json.Nodes;

namespace Credstack.Credentials.Status;

/// <summary>
/// Builds the unsigned <c>BitstringStatusListCredential</c> of Bitstring Status List v1.0 §2.2 (the Generate
/// Algorithm of §3.1, steps 2–4). Signing is the caller's next step (step 5).
/// </summary>
public static class BitstringStatusListCredentialBuilder
{
    /// <summary>The VC Data Model 2.0 base context.</summary>
    public const string CredentialsV2Context = "https://www.w3.org/ns/credentials/v2";

    /// <summary>Builds the unsigned credential.</summary>
    /// <param name="id">The credential id: the URL the list is published at (the entries' <c>statusListCredential</c>).</param>
    /// <param name="issuer">The issuer id (a DID or URL).</param>
    /// <param name="validFrom">When the list becomes valid.</param>
    /// <param name="statusPurpose">The list's purpose, see <see cref="StatusPurposes"/>.</param>
    /// <param name="list">The bitstring.</param>
    /// <param name="validUntil">When the list stops being valid, if it should.</param>
    /// <param name="ttl">The optional <c>ttl</c> in milliseconds before a refresh should be attempted.</param>
    /// <returns>A new JSON object the caller owns.</returns>
    public static JsonObject Build(
        string id,
        string issuer,
        DateTimeOffset validFrom,
        string statusPurpose,
        BitstringStatusList list,
        DateTimeOffset? validUntil = null,
        long? ttl = null
    )
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentException.ThrowIfNullOrWhiteSpace(issuer);
        ArgumentException.ThrowIfNullOrWhiteSpace(statusPurpose);
        ArgumentNullException.ThrowIfNull(list);
        if (ttl is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(ttl), "ttl must not be negative");
        }

        var subject = new JsonObject
        {
            ["id"] = id + "#list",
            ["type"] = StatusListCredential.SubjectType,
            ["statusPurpose"] = statusPurpose,
            ["encodedList"] = list.Encode(),
        };
        if (ttl is { } ttlValue)
        {
            subject["ttl"] = ttlValue;
        }

        var credential = new JsonObject
        {
            ["@context"] = new JsonArray(CredentialsV2Context),
            ["id"] = id,
            ["type"] = new JsonArray("VerifiableCredential", StatusListCredential.CredentialType),
            ["issuer"] = issuer,
            ["validFrom"] = FormatDate(validFrom),
        };
        if (validUntil is { } until)
        {
            credential["validUntil"] = FormatDate(until);
        }
        credential["credentialSubject"] = subject;
        return credential;
    }

    // VC 2.0 §4.9: an XML Schema dateTimeStamp; UTC with a 'Z' keeps it unambiguous.
    private static string FormatDate(DateTimeOffset date) =>
        date.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
