using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;

namespace Credstack.Credentials.Status;

/// <summary>
/// Bitstring Status List v1.0 §3.2 Validate Algorithm over an entry and an already fetched and proof-verified
/// status list credential (steps 1–4, dereferencing and proof checks, are the caller's).
/// </summary>
public static class StatusListChecker
{
    /// <summary>Checks an entry against a status list credential JSON.</summary>
    /// <param name="entry">The parsed entry.</param>
    /// <param name="statusListCredential">The fetched status list credential.</param>
    /// <param name="options">Options, or null for <see cref="StatusCheckOptions.Default"/>.</param>
    /// <returns>The status, or an error.</returns>
    public static StatusResult<StatusCheckResult> Check(
        BitstringStatusListEntry entry,
        JsonObject statusListCredential,
        StatusCheckOptions? options = null
    )
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(statusListCredential);
        var list = StatusListCredential.Parse(statusListCredential);
        return list.IsSuccess ? Check(entry, list.Value, options) : new(list.Error);
    }

    /// <summary>Checks an entry against a parsed status list credential.</summary>
    /// <param name="entry">The parsed entry.</param>
    /// <param name="statusListCredential">The parsed status list credential.</param>
    /// <param name="options">Options, or null for <see cref="StatusCheckOptions.Default"/>.</param>
    /// <returns>The status, or an error.</returns>
    public static StatusResult<StatusCheckResult> Check(
        BitstringStatusListEntry entry,
        StatusListCredential statusListCredential,
        StatusCheckOptions? options = null
    )
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(statusListCredential);
        options ??= StatusCheckOptions.Default;

        if (entry.Kind != statusListCredential.Kind)
        {
            return Fail(
                StatusErrors.KindMismatch,
                $"a {entry.Kind} entry cannot be checked against a {statusListCredential.Kind} list credential"
            );
        }

        if (options.Now is { } now)
        {
            if (statusListCredential.ValidFrom is { } from && now < from)
            {
                return Fail(
                    StatusErrors.ListNotValid,
                    "the status list credential is not valid yet (validFrom)"
                );
            }
            if (statusListCredential.ValidUntil is { } until && now > until)
            {
                return Fail(
                    StatusErrors.ListNotValid,
                    "the status list credential has expired (validUntil)"
                );
            }
        }

        // §3.2 step 5: the entry's purpose must be one of the list's purposes.
        if (!statusListCredential.HasPurpose(entry.StatusPurpose))
        {
            return Fail(
                StatusErrors.PurposeMismatch,
                $"the entry's statusPurpose '{entry.StatusPurpose}' is not a purpose of the status list ('{string.Join("', '", statusListCredential.StatusPurposes)}')"
            );
        }

        // §2.1 puts statusSize on the entry, §2.2 on the list for the 'message' purpose: honour either, refuse a clash.
        if (
            entry.HasStatusSize
            && statusListCredential.StatusSize is { } listSize
            && listSize != entry.StatusSize
        )
        {
            return Fail(
                StatusErrors.StatusSizeMismatch,
                $"the entry's statusSize {entry.StatusSize} differs from the status list's {listSize}"
            );
        }
        var statusSize = entry.HasStatusSize
            ? entry.StatusSize
            : statusListCredential.StatusSize ?? 1;

        // §3.2 steps 6–8: expand the bitstring.
        var decoded = Decode(statusListCredential, statusSize, options.MaxUncompressedBytes);
        if (!decoded.IsSuccess)
        {
            return new(decoded.Error);
        }
        var bitstring = decoded.Value;

        // §3.2 step 9: herd privacy, only when the caller asks for it.
        if (bitstring.Length < options.MinimumNumberOfEntries)
        {
            return Fail(
                StatusErrors.ListTooShort,
                $"the status list has {bitstring.Length} entries, fewer than the required {options.MinimumNumberOfEntries}"
            );
        }

        // §3.2 step 10: RANGE_ERROR when index × size lies outside the bitstring.
        if (entry.StatusListIndex >= bitstring.Length)
        {
            return Fail(
                StatusErrors.IndexOutOfRange,
                $"statusListIndex {entry.StatusListIndex} is outside the status list of {bitstring.Length} entries"
            );
        }

        var status = bitstring.GetStatus(entry.StatusListIndex);
        // §3.2 step 14: the message only matters for the 'message' purpose, but the §2.1 defaults apply to all.
        return new(
            new StatusCheckResult(
                entry.StatusPurpose,
                entry.StatusListIndex,
                status,
                MessageFor(entry, statusListCredential, status),
                bitstring.IsShorterThanMinimum
            )
        );
    }

    /// <summary>
    /// The decoded bitstrings of list credentials, by instance: a verifier that keeps a parsed list (see
    /// <c>StatusListVerificationCache</c>) checks many entries against it without inflating the GZIP for
    /// each. Only read here (<see cref="BitstringStatusList.GetStatus"/>), never handed out, so sharing is safe.
    /// </summary>
    private static readonly ConditionalWeakTable<StatusListCredential, Decoded> DecodedLists = [];

    private sealed record Decoded(
        int StatusSize,
        int MaxUncompressedBytes,
        StatusResult<BitstringStatusList> Result
    );

    private static StatusResult<BitstringStatusList> Decode(
        StatusListCredential list,
        int statusSize,
        int maxUncompressedBytes
    )
    {
        if (
            DecodedLists.TryGetValue(list, out var cached)
            && cached.StatusSize == statusSize
            && cached.MaxUncompressedBytes == maxUncompressedBytes
        )
        {
            return cached.Result;
        }
        var result = list.DecodeList(statusSize, maxUncompressedBytes);
        DecodedLists.AddOrUpdate(list, new Decoded(statusSize, maxUncompressedBytes, result));
        return result;
    }

    private static string? MessageFor(
        BitstringStatusListEntry entry,
        StatusListCredential list,
        int status
    )
    {
        if (!entry.StatusMessages.IsDefaultOrEmpty || list.StatusMessages.IsDefaultOrEmpty)
        {
            return entry.MessageFor(status);
        }
        foreach (var message in list.StatusMessages)
        {
            if (message.Status == status)
            {
                return message.Message;
            }
        }
        return null;
    }

    private static StatusResult<StatusCheckResult> Fail(string code, string message) =>
        new(StatusErrors.Create(code, message));
}
