using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json.Nodes;

namespace Credstack.Credentials.Status;

/// <summary>
/// A parsed <c>credentialStatus</c> entry pointing into a status list: a <c>BitstringStatusListEntry</c>
/// (Bitstring Status List v1.0 §2.1) or an older <c>StatusList2021Entry</c>.
/// </summary>
public sealed record BitstringStatusListEntry
{
    /// <summary>The <c>type</c> of a Bitstring Status List v1.0 entry.</summary>
    public const string EntryType = "BitstringStatusListEntry";

    /// <summary>The <c>type</c> of a Status List 2021 entry.</summary>
    public const string StatusList2021EntryType = "StatusList2021Entry";

    /// <summary>Which specification the entry follows.</summary>
    public required StatusEntryKind Kind { get; init; }

    /// <summary>The optional entry <c>id</c>.</summary>
    public string? Id { get; init; }

    /// <summary>The <c>statusPurpose</c>, see <see cref="StatusPurposes"/>.</summary>
    public required string StatusPurpose { get; init; }

    /// <summary>The <c>statusListIndex</c>: the entry's position in the list.</summary>
    public required long StatusListIndex { get; init; }

    /// <summary>The <c>statusListCredential</c> URL.</summary>
    public required string StatusListCredential { get; init; }

    /// <summary>The <c>statusSize</c> in bits (1 when absent).</summary>
    public int StatusSize { get; init; } = 1;

    /// <summary>The <c>statusMessage</c> values, empty when absent.</summary>
    public ImmutableArray<StatusMessage> StatusMessages { get; init; } = [];

    /// <summary>The <c>statusReference</c> URLs, empty when absent.</summary>
    public ImmutableArray<string> StatusReferences { get; init; } = [];

    /// <summary>
    /// True when <c>statusListIndex</c> was a JSON number rather than the base-10 string §2.1 requires. Tolerated
    /// because deployed issuers (and the 1EdTech validator's own samples) write numbers.
    /// </summary>
    public bool IndexWasNumber { get; init; }

    /// <summary>True when <paramref name="credentialStatus"/> is an object whose type is a status list entry type read here.</summary>
    /// <param name="credentialStatus">One <c>credentialStatus</c> value.</param>
    /// <returns>Whether <see cref="Parse"/> applies.</returns>
    public static bool IsStatusListEntry(JsonNode? credentialStatus) =>
        credentialStatus is JsonObject o
        && (
            JsonRead.HasType(o["type"], EntryType)
            || JsonRead.HasType(o["type"], StatusList2021EntryType)
        );

    /// <summary>Parses and validates one <c>credentialStatus</c> entry (§2.1).</summary>
    /// <param name="credentialStatus">The entry object.</param>
    /// <returns>The entry, or an error whose code is one of the <c>status.entry.*</c> <see cref="StatusErrors"/>.</returns>
    public static StatusResult<BitstringStatusListEntry> Parse(JsonNode? credentialStatus)
    {
        if (credentialStatus is not JsonObject entry)
        {
            return Fail(StatusErrors.EntryNotObject, "credentialStatus is not a JSON object");
        }

        StatusEntryKind kind;
        if (JsonRead.HasType(entry["type"], EntryType))
        {
            kind = StatusEntryKind.BitstringStatusList;
        }
        else if (JsonRead.HasType(entry["type"], StatusList2021EntryType))
        {
            kind = StatusEntryKind.StatusList2021;
        }
        else
        {
            return Fail(
                StatusErrors.EntryType,
                "credentialStatus.type is neither BitstringStatusListEntry nor StatusList2021Entry"
            );
        }

        string? id = null;
        if (entry["id"] is { } idNode)
        {
            id = JsonRead.String(idNode);
            if (id is null)
            {
                return Fail(StatusErrors.EntryId, "credentialStatus.id is not a string");
            }
        }

        var purpose = JsonRead.String(entry["statusPurpose"]);
        if (string.IsNullOrEmpty(purpose))
        {
            return Fail(
                StatusErrors.EntryPurpose,
                "credentialStatus.statusPurpose is missing or not a non-empty string"
            );
        }

        if (
            !TryReadIndex(
                entry["statusListIndex"],
                out var index,
                out var indexWasNumber,
                out var indexError
            )
        )
        {
            return Fail(StatusErrors.EntryIndex, indexError);
        }

        var listCredential = JsonRead.String(entry["statusListCredential"]);
        if (!JsonRead.IsAbsoluteUrl(listCredential))
        {
            return Fail(
                StatusErrors.EntryListCredential,
                "credentialStatus.statusListCredential is missing or not an absolute URL"
            );
        }

        var statusSize = 1;
        if (entry["statusSize"] is { } sizeNode)
        {
            // §2.1: statusSize, if present, MUST be an integer greater than zero.
            if (
                !JsonRead.TryGetInt64(sizeNode, out var size)
                || size < 1
                || size > BitstringStatusList.MaximumStatusSize
            )
            {
                return Fail(
                    StatusErrors.EntryStatusSize,
                    $"credentialStatus.statusSize must be an integer from 1 to {BitstringStatusList.MaximumStatusSize}"
                );
            }
            statusSize = (int)size;
        }

        var messages = ImmutableArray<StatusMessage>.Empty;
        if (entry["statusMessage"] is { } messageNode)
        {
            var read = ReadMessages(messageNode, statusSize);
            if (!read.IsSuccess)
            {
                return new StatusResult<BitstringStatusListEntry>(read.Error);
            }
            messages = read.Value;
        }
        else if (statusSize > 1)
        {
            // §2.1: if statusSize is greater than 1, statusMessage MUST be present.
            return Fail(
                StatusErrors.EntryStatusMessage,
                "credentialStatus.statusMessage must be present when statusSize is greater than 1"
            );
        }

        var references = ImmutableArray.CreateBuilder<string>();
        if (JsonRead.String(entry["statusReference"]) is { } reference)
        {
            references.Add(reference);
        }
        else if (entry["statusReference"] is JsonArray referenceArray)
        {
            foreach (var item in referenceArray)
            {
                if (JsonRead.String(item) is { } text)
                {
                    references.Add(text);
                }
            }
        }

        return new StatusResult<BitstringStatusListEntry>(
            new BitstringStatusListEntry
            {
                Kind = kind,
                Id = id,
                StatusPurpose = purpose,
                StatusListIndex = index,
                StatusListCredential = listCredential!,
                StatusSize = statusSize,
                StatusMessages = messages,
                StatusReferences = references.ToImmutable(),
                IndexWasNumber = indexWasNumber,
            }
        );
    }

    /// <summary>
    /// Parses every status list entry of a <c>credentialStatus</c> value (one object or an array), skipping entries
    /// of other types (such as <c>1EdTechRevocationList</c>).
    /// </summary>
    /// <param name="credentialStatus">The credential's <c>credentialStatus</c> value.</param>
    /// <returns>One result per status list entry found.</returns>
    public static ImmutableArray<StatusResult<BitstringStatusListEntry>> ParseAll(
        JsonNode? credentialStatus
    )
    {
        var results = ImmutableArray.CreateBuilder<StatusResult<BitstringStatusListEntry>>();
        if (credentialStatus is JsonArray array)
        {
            foreach (var item in array)
            {
                if (IsStatusListEntry(item))
                {
                    results.Add(Parse(item));
                }
            }
        }
        else if (IsStatusListEntry(credentialStatus))
        {
            results.Add(Parse(credentialStatus));
        }
        return results.ToImmutable();
    }

    /// <summary>
    /// The message for a status value: the matching <see cref="StatusMessages"/> entry, or §2.1's defaults
    /// "set" / "unset" when the entry has no <c>statusMessage</c>.
    /// </summary>
    /// <param name="status">The status value read from the list.</param>
    /// <returns>The message, or null when the entry defines messages but none for this value.</returns>
    public string? MessageFor(int status)
    {
        if (StatusMessages.IsDefaultOrEmpty)
        {
            return status == 0 ? "unset" : "set";
        }
        foreach (var message in StatusMessages)
        {
            if (message.Status == status)
            {
                return message.Message;
            }
        }
        return null;
    }

    private static bool TryReadIndex(
        JsonNode? node,
        out long index,
        out bool wasNumber,
        out string error
    )
    {
        index = 0;
        wasNumber = false;
        error = "";
        if (JsonRead.String(node) is { } text)
        {
            // §2.1: an arbitrary size integer >= 0 expressed as a base-10 string.
            if (text.Length == 0 || text.AsSpan().ContainsAnyExceptInRange('0', '9'))
            {
                error = "credentialStatus.statusListIndex is not a base-10 string of digits";
                return false;
            }
            if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out index))
            {
                error = "credentialStatus.statusListIndex is too large for any status list";
                return false;
            }
            return true;
        }
        if (JsonRead.TryGetInt64(node, out index) && index >= 0)
        {
            wasNumber = true;
            return true;
        }
        error = node is null
            ? "credentialStatus.statusListIndex is missing"
            : "credentialStatus.statusListIndex is not a non-negative integer string";
        return false;
    }

    private static StatusResult<ImmutableArray<StatusMessage>> ReadMessages(
        JsonNode node,
        int statusSize
    )
    {
        if (node is not JsonArray array)
        {
            return new(
                StatusErrors.Create(
                    StatusErrors.EntryStatusMessage,
                    "credentialStatus.statusMessage is not an array"
                )
            );
        }
        // §2.1: the array length MUST equal the number of possible values, 2^statusSize.
        var expected = 1 << statusSize;
        if (array.Count != expected)
        {
            return new(
                StatusErrors.Format(
                    StatusErrors.EntryStatusMessage,
                    "credentialStatus.statusMessage has {0} elements; statusSize {1} needs {2}",
                    array.Count,
                    statusSize,
                    expected
                )
            );
        }
        var messages = ImmutableArray.CreateBuilder<StatusMessage>(array.Count);
        var seen = new HashSet<int>();
        foreach (var item in array)
        {
            var status = item is JsonObject o ? JsonRead.String(o["status"]) : null;
            var message = item is JsonObject o2 ? JsonRead.String(o2["message"]) : null;
            if (
                status is null
                || message is null
                || !status.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
                || !int.TryParse(
                    status.AsSpan(2),
                    NumberStyles.AllowHexSpecifier,
                    CultureInfo.InvariantCulture,
                    out var value
                )
                || value >= expected
                || !seen.Add(value)
            )
            {
                return new(
                    StatusErrors.Create(
                        StatusErrors.EntryStatusMessage,
                        "each credentialStatus.statusMessage element needs a distinct in-range 'status' (\"0x...\") and a 'message' string"
                    )
                );
            }
            messages.Add(new StatusMessage(value, message));
        }
        return new(messages.MoveToImmutable());
    }

    private static StatusResult<BitstringStatusListEntry> Fail(string code, string message) =>
        new(StatusErrors.Create(code, message));
}
