using System.Globalization;

namespace Credstack.Credentials.Status;

/// <summary>
/// Every status error code and message in one place; tests assert against these constants.
/// </summary>
public static class StatusErrors
{
    /// <summary>The <c>encodedList</c> is empty or is not base64url (after an optional multibase <c>u</c> prefix).</summary>
    public const string BadMultibase = "status.encodedList.multibase";

    /// <summary>The decoded <c>encodedList</c> bytes are not a GZIP stream or the stream is corrupted or truncated.</summary>
    public const string NotGzip = "status.encodedList.gzip";

    /// <summary>The uncompressed bitstring exceeds the decompression limit (a GZIP bomb, or a list too large to hold).</summary>
    public const string TooLarge = "status.encodedList.tooLarge";

    /// <summary>The uncompressed bitstring is empty.</summary>
    public const string EmptyList = "status.encodedList.empty";

    /// <summary>The list is shorter than the minimum number of entries the caller requires (herd privacy).</summary>
    public const string ListTooShort = "status.list.length";

    /// <summary>The <c>credentialStatus</c> value is not a JSON object.</summary>
    public const string EntryNotObject = "status.entry.notObject";

    /// <summary>The entry's <c>type</c> is missing or is not a status list entry type this library reads.</summary>
    public const string EntryType = "status.entry.type";

    /// <summary>The entry's <c>statusPurpose</c> is missing or is not a non-empty string.</summary>
    public const string EntryPurpose = "status.entry.statusPurpose";

    /// <summary>The entry's <c>statusListIndex</c> is missing, not a base-10 non-negative integer, or too large.</summary>
    public const string EntryIndex = "status.entry.statusListIndex";

    /// <summary>The entry's <c>statusListCredential</c> is missing or not an absolute URL.</summary>
    public const string EntryListCredential = "status.entry.statusListCredential";

    /// <summary>The entry's <c>statusSize</c> is not an integer in the supported range.</summary>
    public const string EntryStatusSize = "status.entry.statusSize";

    /// <summary>The entry's <c>statusMessage</c> is malformed or its length does not match 2^statusSize.</summary>
    public const string EntryStatusMessage = "status.entry.statusMessage";

    /// <summary>The entry's <c>id</c> is present but not a string.</summary>
    public const string EntryId = "status.entry.id";

    /// <summary>The status list credential is not an object or its <c>type</c> lacks the status list credential type.</summary>
    public const string ListCredentialType = "status.list.type";

    /// <summary>The status list credential's <c>credentialSubject</c> is missing, not one object, or has the wrong type.</summary>
    public const string ListSubject = "status.list.credentialSubject";

    /// <summary>The status list credential's <c>encodedList</c> is missing or not a string.</summary>
    public const string ListEncodedList = "status.list.encodedList";

    /// <summary>The status list credential's <c>statusPurpose</c> is missing or malformed.</summary>
    public const string ListPurpose = "status.list.statusPurpose";

    /// <summary>The entry's purpose is not one of the status list credential's purposes (§3.2 step 5).</summary>
    public const string PurposeMismatch = "status.purposeMismatch";

    /// <summary>The entry kind does not match the list kind (a BitstringStatusListEntry against a StatusList2021Credential).</summary>
    public const string KindMismatch = "status.kindMismatch";

    /// <summary>The index times the status size lies outside the bitstring (§3.2 step 10).</summary>
    public const string IndexOutOfRange = "status.index.outOfRange";

    /// <summary>The status list credential's validity period does not include the check time.</summary>
    public const string ListNotValid = "status.list.validity";

    /// <summary>The 1EdTech revocation list document is malformed.</summary>
    public const string RevocationListMalformed = "status.revocationList.malformed";

    /// <summary>The credential has no <c>id</c>, so a 1EdTech revocation list cannot name it.</summary>
    public const string RevocationListNoCredentialId = "status.revocationList.noCredentialId";

    private const string StatusListBase = "https://www.w3.org/ns/credentials/status-list#";
    private const string VcBase = "https://www.w3.org/TR/vc-data-model-2.0/#";

    internal static string SpecErrorTypeOf(string code) =>
        code switch
        {
            IndexOutOfRange => VcBase + "RANGE_ERROR",
            ListTooShort => StatusListBase + "STATUS_LIST_LENGTH_ERROR",
            PurposeMismatch or KindMismatch or ListNotValid => StatusListBase
                + "STATUS_VERIFICATION_ERROR",
            _ => VcBase + "MALFORMED_VALUE_ERROR",
        };

    internal static StatusError Create(string code, string message) => new(code, message);

    internal static StatusError Format(string code, string format, params object?[] args) =>
        new(code, string.Format(CultureInfo.InvariantCulture, format, args));
}
