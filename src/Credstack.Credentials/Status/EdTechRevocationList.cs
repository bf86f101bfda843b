using System.Text.Json;
using System.Text.Json.Nodes;

namespace Credstack.Credentials.Status;

/// <summary>
/// The 1EdTech Revocation List Status Method (VCRL 1.0), used by OB 3.0 / CLR 2.0 credentials whose
/// <c>credentialStatus.type</c> is <c>1EdTechRevocationList</c>: the entry's <c>id</c> is a URL returning a JSON
/// document whose <c>revokedCredentials</c> array lists revoked credentials by <c>id</c>. A listed credential is
/// revoked when its <c>revoked</c> flag is true or omitted (the behaviour of the 1EdTech reference validator).
/// </summary>
public static class EdTechRevocationList
{
    /// <summary>The <c>credentialStatus.type</c> of the method.</summary>
    public const string EntryType = "1EdTechRevocationList";

    /// <summary>True when a <c>credentialStatus</c> object uses this method.</summary>
    /// <param name="credentialStatus">One <c>credentialStatus</c> value.</param>
    /// <returns>Whether its type is <see cref="EntryType"/>.</returns>
    public static bool IsEntry(JsonNode? credentialStatus) =>
        credentialStatus is JsonObject o && JsonRead.HasType(o["type"], EntryType);

    /// <summary>The URL to fetch the revocation list from: the entry's <c>id</c>.</summary>
    /// <param name="credentialStatus">The <c>1EdTechRevocationList</c> entry.</param>
    /// <returns>The URL, or an error when the entry has no absolute URL id.</returns>
    public static StatusResult<Uri> ListUrlOf(JsonNode? credentialStatus)
    {
        if (!IsEntry(credentialStatus))
        {
            return new(
                StatusErrors.Create(
                    StatusErrors.EntryType,
                    "credentialStatus.type is not 1EdTechRevocationList"
                )
            );
        }
        var id = JsonRead.String(credentialStatus!["id"]);
        return id is not null && Uri.TryCreate(id, UriKind.Absolute, out var url)
            ? new(url)
            : new(
                StatusErrors.Create(
                    StatusErrors.EntryId,
                    "credentialStatus.id is missing or not an absolute URL"
                )
            );
    }

    /// <summary>Looks a credential up in a fetched revocation list document.</summary>
    /// <param name="credentialId">The credential's <c>id</c>.</param>
    /// <param name="revocationList">The fetched document.</param>
    /// <returns>Whether the credential is revoked (and why), or an error for a malformed document.</returns>
    public static StatusResult<RevocationCheckResult> Check(
        string? credentialId,
        JsonNode? revocationList
    )
    {
        if (string.IsNullOrEmpty(credentialId))
        {
            return new(
                StatusErrors.Create(
                    StatusErrors.RevocationListNoCredentialId,
                    "the credential has no id, so a revocation list cannot name it"
                )
            );
        }
        if (revocationList is not JsonObject document)
        {
            return Malformed("the revocation list is not a JSON object");
        }
        var revoked = document["revokedCredentials"];
        if (revoked is null)
        {
            // Nothing revoked yet: an empty list may leave the property out.
            return new(new RevocationCheckResult(false, null));
        }
        if (revoked is not JsonArray array)
        {
            return Malformed("revokedCredentials is not an array");
        }
        foreach (var item in array)
        {
            if (JsonRead.String(item) is { } plainId)
            {
                if (string.Equals(plainId, credentialId, StringComparison.Ordinal))
                {
                    return new(new RevocationCheckResult(true, null));
                }
                continue;
            }
            if (item is not JsonObject entry)
            {
                return Malformed("a revokedCredentials element is neither an object nor a string");
            }
            if (
                !string.Equals(JsonRead.String(entry["id"]), credentialId, StringComparison.Ordinal)
            )
            {
                continue;
            }
            var flag = entry["revoked"];
            var isRevoked =
                flag is null || (flag is JsonValue v && v.GetValueKind() == JsonValueKind.True);
            if (isRevoked)
            {
                return new(
                    new RevocationCheckResult(true, JsonRead.String(entry["revocationReason"]))
                );
            }
        }
        return new(new RevocationCheckResult(false, null));
    }

    private static StatusResult<RevocationCheckResult> Malformed(string message) =>
        new(StatusErrors.Create(StatusErrors.RevocationListMalformed, message));
}
