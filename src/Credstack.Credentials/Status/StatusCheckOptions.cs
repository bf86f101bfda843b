namespace Credstack.Credentials.Status;

/// <summary>Options for <see cref="StatusListChecker"/>.</summary>
public sealed record StatusCheckOptions
{
    /// <summary>The default options: tolerant of short lists, 16 MiB decompression limit, no validity-period check.</summary>
    public static StatusCheckOptions Default { get; } = new();

    /// <summary>
    /// The minimum number of entries (§3.2 step 2 <c>minimumNumberOfEntries</c>); a shorter list is refused with
    /// <see cref="StatusErrors.ListTooShort"/>. The default, 0, accepts short lists as deployed issuers publish
    /// them; set <see cref="BitstringStatusList.MinimumLength"/> for the spec's strict check.
    /// </summary>
    public int MinimumNumberOfEntries { get; init; }

    /// <summary>The decompression limit for <c>encodedList</c>.</summary>
    public int MaxUncompressedBytes { get; init; } =
        BitstringStatusList.DefaultMaxUncompressedBytes;

    /// <summary>When set, the list credential's <c>validFrom</c>/<c>validUntil</c> must include this time.</summary>
    public DateTimeOffset? Now { get; init; }
}
