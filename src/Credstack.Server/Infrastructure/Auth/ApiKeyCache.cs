using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using Credstack.Server.Features.ApiKeys;

namespace Credstack.Server.Infrastructure.Auth;

/// <summary>
/// Recently used API keys by hash, so that a busy client is not looked up in the database on every
/// request. Every revocation through this server (<see cref="Invalidate"/>: a key revoked, a member
/// removed) empties the cache at once, so this server refuses a revoked key from the next request on.
/// An entry lives at most <see cref="Lifetime"/>: the longest another server process sharing the database
/// keeps accepting a key revoked through a different process. Unknown keys are never cached.
/// </summary>
internal sealed class ApiKeyCache
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);

    private const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private long _generation;

    public bool TryGet(string hash, DateTimeOffset now, [NotNullWhen(true)] out ApiKey? key)
    {
        if (
            _entries.TryGetValue(hash, out var entry)
            && now >= entry.LoadedAt
            && now - entry.LoadedAt < Lifetime
        )
        {
            key = entry.Key;
            return true;
        }
        key = null;
        return false;
    }

    /// <summary>The invalidation count; read it before loading a key and pass it to <see cref="Set"/>.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    /// <summary>Caches a key read from the database, unless a revocation happened since the read began.</summary>
    public void Set(string hash, ApiKey key, long generation, DateTimeOffset now)
    {
        if (_entries.Count >= MaxEntries)
        {
            _entries.Clear();
        }
        _entries[hash] = new Entry(key, now);
        if (Generation != generation)
        {
            _entries.TryRemove(hash, out _);
        }
    }

    /// <summary>Forgets every cached key (called on every revocation, which is rare).</summary>
    public void Invalidate()
    {
        Interlocked.Increment(ref _generation);
        _entries.Clear();
    }

    private sealed record Entry(ApiKey Key, DateTimeOffset LoadedAt);
}
