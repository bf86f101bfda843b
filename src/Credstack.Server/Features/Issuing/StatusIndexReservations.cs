using System.Collections;

namespace Credstack.Server.Features.Issuing;

/// <summary>
/// The status list indexes this process has handed out but not yet committed (a bulk chunk being signed,
/// a credential being issued). <see cref="StatusIndexAllocator"/> reads the used indexes from the database,
/// which cannot see another in-flight allocation; without this, two chunks signing at once would often
/// draw the same random index (1,000 draws each from 131,072) and one of them would be rolled back at
/// commit by the unique index. Across processes the unique index stays the guard.
/// </summary>
internal sealed class StatusIndexReservations
{
    private readonly Lock _lock = new();
    private readonly Dictionary<
        (Guid Organization, string Purpose, int List),
        HashSet<int>
    > _held = [];

    /// <summary>The most lists whose used indexes are kept (16 KiB each); beyond, all are forgotten.</summary>
    private const int MaxSnapshots = 256;

    /// <summary>
    /// Per list, the indexes known to be used: read from the database once, then kept up to date with the
    /// indexes this process picks, so that a bulk chunk does not read a whole list again. Another process's
    /// uses are not in it: the allocator checks its picks against the database (and the unique index
    /// remains the guard).
    /// </summary>
    private readonly Dictionary<(Guid Organization, string Purpose, int List), BitArray> _used = [];

    /// <summary>
    /// Per list, how full its status index probes found it (the share of candidates taken, a moving
    /// average): only sizes the next probe, never decides whether an index is free.
    /// </summary>
    private readonly Dictionary<(Guid Organization, string Purpose, int List), double> _fill = [];

    /// <summary>The probe sizes, smallest first.</summary>
    public static readonly int[] ProbeSizes = [4, 8, 16, 32, 64];

    /// <summary>
    /// How many random candidates a probe of the list should draw to find <paramref name="needed"/> free
    /// indexes: the smallest of <see cref="ProbeSizes"/> up to <paramref name="max"/> whose candidates are
    /// all taken with probability at most one in a million, and of which at least twice as many as
    /// needed are expected free, at the fill the earlier probes saw; <paramref name="max"/> for a list
    /// not probed yet.
    /// </summary>
    public int ProbeSize(Guid organizationId, string purpose, int list, int needed, int max)
    {
        double fill;
        lock (_lock)
        {
            if (!_fill.TryGetValue((organizationId, purpose, list), out fill))
            {
                return max;
            }
        }
        foreach (var size in ProbeSizes)
        {
            if (size >= max)
            {
                break;
            }
            if (size * (1 - fill) >= 2 * needed && Math.Pow(fill, size) <= 1e-6)
            {
                return size;
            }
        }
        return max;
    }

    /// <summary>Records what a probe of the list found: <paramref name="taken"/> of <paramref name="candidates"/> used.</summary>
    public void ObserveProbe(
        Guid organizationId,
        string purpose,
        int list,
        int candidates,
        int taken
    )
    {
        if (candidates <= 0)
        {
            return;
        }
        var seen = (double)taken / candidates;
        lock (_lock)
        {
            var key = (organizationId, purpose, list);
            if (_fill.TryGetValue(key, out var fill))
            {
                _fill[key] = fill + (seen - fill) / 4;
                return;
            }
            if (_fill.Count >= MaxSnapshots)
            {
                _fill.Clear();
            }
            _fill[key] = seen;
        }
    }

    /// <summary>Runs <paramref name="pick"/> with the held set of one list, under this process's lock.</summary>
    public T WithHeld<T>(Guid organizationId, string purpose, int list, Func<HashSet<int>, T> pick)
    {
        ArgumentNullException.ThrowIfNull(pick);
        lock (_lock)
        {
            var key = (organizationId, purpose, list);
            if (!_held.TryGetValue(key, out var held))
            {
                held = [];
                _held[key] = held;
            }
            return pick(held);
        }
    }

    /// <summary>Sets <paramref name="used"/>[i] for every index of the list's snapshot; false when there is none.</summary>
    public bool TryCopyUsed(Guid organizationId, string purpose, int list, bool[] used)
    {
        ArgumentNullException.ThrowIfNull(used);
        lock (_lock)
        {
            if (
                !_used.TryGetValue((organizationId, purpose, list), out var bits)
                || bits.Length != used.Length
            )
            {
                return false;
            }
            bits.CopyTo(used, 0);
            return true;
        }
    }

    /// <summary>Keeps the used indexes of a list as just read from the database.</summary>
    public void RememberUsed(Guid organizationId, string purpose, int list, bool[] used)
    {
        ArgumentNullException.ThrowIfNull(used);
        lock (_lock)
        {
            if (_used.Count >= MaxSnapshots)
            {
                _used.Clear();
            }
            _used[(organizationId, purpose, list)] = new BitArray(used);
        }
    }

    /// <summary>Marks indexes of a list used in its snapshot (picked by this process, or found taken).</summary>
    public void MarkUsed(Guid organizationId, string purpose, int list, IEnumerable<int> indexes)
    {
        ArgumentNullException.ThrowIfNull(indexes);
        lock (_lock)
        {
            if (!_used.TryGetValue((organizationId, purpose, list), out var bits))
            {
                return;
            }
            foreach (var index in indexes)
            {
                if (index >= 0 && index < bits.Length)
                {
                    bits[index] = true;
                }
            }
        }
    }

    /// <summary>Forgets indexes once their credentials are committed (or abandoned).</summary>
    public void Release(Guid organizationId, string purpose, IEnumerable<StatusSlot> slots)
    {
        ArgumentNullException.ThrowIfNull(slots);
        lock (_lock)
        {
            foreach (var slot in slots)
            {
                var key = (organizationId, purpose, slot.List);
                if (
                    _held.TryGetValue(key, out var held)
                    && held.Remove(slot.Index)
                    && held.Count == 0
                )
                {
                    _held.Remove(key);
                }
            }
        }
    }
}
