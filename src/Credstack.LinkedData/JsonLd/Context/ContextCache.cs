using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace Credstack.LinkedData.JsonLd.Context;

/// <summary>
/// The process-wide cache of context processing results: (active context instance, local context, base
/// URL, flags) → the resulting immutable active context. Active contexts are compared by reference, and the
/// initial active context is itself cached per option set, so the usual document (the same
/// <c>@context</c> array every time) costs one lookup. Bounded: when full it is emptied and refilled.
/// </summary>
internal static class ContextCache
{
    private const int Capacity = 4096;

    private static readonly ConcurrentDictionary<Key, ActiveContext> Entries = new();

    private static readonly ConcurrentDictionary<InitialKey, ActiveContext> Initial = new();

    /// <summary>The cache key. <see cref="Local"/> is a URL string, a JSON text key or a shared node.</summary>
    internal readonly record struct Key(
        ActiveContext Active,
        object Local,
        string? BaseUrl,
        int Flags
    )
    {
        public bool Equals(Key other) =>
            ReferenceEquals(Active, other.Active)
            && Flags == other.Flags
            && string.Equals(BaseUrl, other.BaseUrl, StringComparison.Ordinal)
            && Local.Equals(other.Local);

        public override int GetHashCode() =>
            HashCode.Combine(
                System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(Active),
                Local,
                BaseUrl,
                Flags
            );
    }

    private readonly record struct InitialKey(ProcessorSettings Settings, string? BaseIri);

    public static bool TryGet(Key key, [NotNullWhen(true)] out ActiveContext? result) =>
        Entries.TryGetValue(key, out result);

    public static void Add(Key key, ActiveContext result)
    {
        if (Entries.Count >= Capacity)
        {
            Entries.Clear();
        }
        Entries[key] = result;
    }

    /// <summary>The (shared) empty active context for one option set and base IRI.</summary>
    public static ActiveContext InitialContext(ProcessorSettings settings, string? baseIri)
    {
        var key = new InitialKey(settings, baseIri);
        if (Initial.TryGetValue(key, out var context))
        {
            return context;
        }
        if (Initial.Count >= Capacity)
        {
            Initial.Clear();
        }
        return Initial.GetOrAdd(key, ActiveContext.Create(settings, baseIri));
    }

    /// <summary>Empties every cache (tests).</summary>
    public static void Clear()
    {
        Entries.Clear();
        Initial.Clear();
        RemoteContextCache.Clear();
    }
}
