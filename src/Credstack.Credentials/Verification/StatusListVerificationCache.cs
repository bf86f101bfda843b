using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Credstack.Credentials.DataIntegrity;
using Credstack.Credentials.Status;

namespace Credstack.Credentials.Verification;

/// <summary>
/// Remembers status list credentials whose proof has verified, so that checking many credentials against
/// the same list verifies the list's proof once instead of once per credential. An entry is keyed by the
/// fetched document instance: a fetcher that hands out the same, never modified <see cref="JsonNode"/>
/// while a list is unchanged gets the saving, and a new document (the list changed) is verified in full
/// again. An entry is reused at most <see cref="MaxAge"/> after its check and never after the list proof's
/// <c>expires</c>; the list's <c>validFrom</c>/<c>validUntil</c> and the entry's bit are checked on every
/// use. Share one instance only between verifiers that resolve keys the same way.
/// </summary>
public sealed class StatusListVerificationCache
{
    private readonly ConditionalWeakTable<JsonNode, Entry> _entries = [];

    /// <summary>How long a verified list is trusted without verifying its proof again (5 minutes by default).</summary>
    public TimeSpan MaxAge { get; init; } = TimeSpan.FromMinutes(5);

    internal bool TryGet(
        JsonNode document,
        DateTimeOffset now,
        out StatusListCredential? statusList
    )
    {
        if (
            _entries.TryGetValue(document, out var entry)
            && now >= entry.CheckedAt
            && now - entry.CheckedAt < MaxAge
            && (entry.ProofExpires is not { } expires || now < expires)
        )
        {
            statusList = entry.StatusList;
            return true;
        }
        statusList = null;
        return false;
    }

    /// <summary>Remembers <paramref name="document"/>, whose proofs verified at <paramref name="now"/>.</summary>
    internal void Add(
        JsonNode document,
        JsonObject verified,
        StatusListCredential statusList,
        DateTimeOffset now
    )
    {
        DateTimeOffset? expires = null;
        foreach (var proof in DataIntegrityProofs.GetProofs(verified))
        {
            if (
                proof["expires"] is JsonValue v
                && v.TryGetValue<string>(out var text)
                && DataIntegrityProofs.TryParseDateTime(text, out var at)
                && (expires is null || at < expires)
            )
            {
                expires = at;
            }
        }
        _entries.AddOrUpdate(document, new Entry(statusList, now, expires));
    }

    private sealed record Entry(
        StatusListCredential StatusList,
        DateTimeOffset CheckedAt,
        DateTimeOffset? ProofExpires
    );
}
