using System.Collections.Immutable;
using System.Text.Json.Nodes;

namespace Credstack.Credentials.Status;

/// <summary>
/// The status-relevant parts of a fetched status list credential: a <c>BitstringStatusListCredential</c>
/// (Bitstring Status List v1.0 §2.2) or a <c>StatusList2021Credential</c>. Proof verification happens elsewhere.
/// </summary>
public sealed record StatusListCredential
{
    /// <summary>The credential <c>type</c> of a Bitstring Status List v1.0 list.</summary>
    public const string CredentialType = "BitstringStatusListCredential";

    /// <summary>The <c>credentialSubject.type</c> of a Bitstring Status List v1.0 list.</summary>
    public const string SubjectType = "BitstringStatusList";

    /// <summary>The credential <c>type</c> of a Status List 2021 list.</summary>
    public const string StatusList2021CredentialType = "StatusList2021Credential";

    /// <summary>The <c>credentialSubject.type</c> of a Status List 2021 list.</summary>
    public const string StatusList2021SubjectType = "StatusList2021";

    /// <summary>Which specification the list follows.</summary>
    public required StatusEntryKind Kind { get; init; }

    /// <summary>The credential <c>id</c>, if any.</summary>
    public string? Id { get; init; }

    /// <summary>The issuer id, if any.</summary>
    public string? Issuer { get; init; }

    /// <summary>The <c>credentialSubject.statusPurpose</c> values (§2.2: one or more strings).</summary>
    public required ImmutableArray<string> StatusPurposes { get; init; }

    /// <summary>The <c>credentialSubject.encodedList</c>.</summary>
    public required string EncodedList { get; init; }

    /// <summary><c>validFrom</c> (or VC 1.1 <c>issuanceDate</c>), if present and parseable.</summary>
    public DateTimeOffset? ValidFrom { get; init; }

    /// <summary><c>validUntil</c> (or VC 1.1 <c>expirationDate</c>), if present and parseable.</summary>
    public DateTimeOffset? ValidUntil { get; init; }

    /// <summary><c>credentialSubject.ttl</c> in milliseconds, if present.</summary>
    public long? Ttl { get; init; }

    /// <summary>Reads a status list credential.</summary>
    /// <param name="credential">The fetched credential (its proof already checked by the caller).</param>
    /// <returns>The list credential, or an error whose code is one of the <c>status.list.*</c> <see cref="StatusErrors"/>.</returns>
    public static StatusResult<StatusListCredential> Parse(JsonObject credential)
    {
        ArgumentNullException.ThrowIfNull(credential);
        StatusEntryKind kind;
        string subjectType;
        if (JsonRead.HasType(credential["type"], CredentialType))
        {
            kind = StatusEntryKind.BitstringStatusList;
            subjectType = SubjectType;
        }
        else if (JsonRead.HasType(credential["type"], StatusList2021CredentialType))
        {
            kind = StatusEntryKind.StatusList2021;
            subjectType = StatusList2021SubjectType;
        }
        else
        {
            return Fail(
                StatusErrors.ListCredentialType,
                "the status list credential's type includes neither BitstringStatusListCredential nor StatusList2021Credential"
            );
        }

        var subjectNode = credential["credentialSubject"];
        if (subjectNode is JsonArray { Count: 1 } single)
        {
            subjectNode = single[0];
        }
        if (subjectNode is not JsonObject subject)
        {
            return Fail(
                StatusErrors.ListSubject,
                "the status list credential needs exactly one credentialSubject object"
            );
        }
        if (!JsonRead.HasType(subject["type"], subjectType))
        {
            return Fail(StatusErrors.ListSubject, $"credentialSubject.type must be {subjectType}");
        }

        var purposes = ImmutableArray.CreateBuilder<string>();
        if (JsonRead.String(subject["statusPurpose"]) is { Length: > 0 } purpose)
        {
            purposes.Add(purpose);
        }
        else if (subject["statusPurpose"] is JsonArray purposeArray)
        {
            foreach (var item in purposeArray)
            {
                if (JsonRead.String(item) is not { Length: > 0 } text)
                {
                    return Fail(
                        StatusErrors.ListPurpose,
                        "credentialSubject.statusPurpose holds a value that is not a string"
                    );
                }
                purposes.Add(text);
            }
        }
        if (purposes.Count == 0)
        {
            return Fail(StatusErrors.ListPurpose, "credentialSubject.statusPurpose is missing");
        }

        var encodedList = JsonRead.String(subject["encodedList"]);
        if (encodedList is null)
        {
            return Fail(
                StatusErrors.ListEncodedList,
                "credentialSubject.encodedList is missing or not a string"
            );
        }

        long? ttl = JsonRead.TryGetInt64(subject["ttl"], out var ttlValue) ? ttlValue : null;
        return new StatusResult<StatusListCredential>(
            new StatusListCredential
            {
                Kind = kind,
                Id = JsonRead.String(credential["id"]),
                Issuer = JsonRead.IdOf(credential["issuer"]),
                StatusPurposes = purposes.ToImmutable(),
                EncodedList = encodedList,
                ValidFrom =
                    JsonRead.Date(credential["validFrom"])
                    ?? JsonRead.Date(credential["issuanceDate"]),
                ValidUntil =
                    JsonRead.Date(credential["validUntil"])
                    ?? JsonRead.Date(credential["expirationDate"]),
                Ttl = ttl,
            }
        );
    }

    /// <summary>True when <paramref name="purpose"/> is one of <see cref="StatusPurposes"/> (ordinal comparison).</summary>
    /// <param name="purpose">An entry's status purpose.</param>
    /// <returns>Whether the list serves that purpose.</returns>
    public bool HasPurpose(string purpose)
    {
        foreach (var p in StatusPurposes)
        {
            if (string.Equals(p, purpose, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Decodes <see cref="EncodedList"/> (§3.4).</summary>
    /// <param name="statusSize">The number of bits per entry.</param>
    /// <param name="maxUncompressedBytes">The decompression limit.</param>
    /// <returns>The bitstring, or an error.</returns>
    public StatusResult<BitstringStatusList> DecodeList(
        int statusSize = 1,
        int maxUncompressedBytes = BitstringStatusList.DefaultMaxUncompressedBytes
    ) => BitstringStatusList.Decode(EncodedList, statusSize, maxUncompressedBytes);

    private static StatusResult<StatusListCredential> Fail(string code, string message) =>
        new(StatusErrors.Create(code, message));
}
