using System.Collections;

namespace Credstack.Server.Features.Issuing;

/// <summary>
/// The status list indexes this process has handed out but not yet committed (a bulk chunk being signed,
/// a credential being issued). <see cref="StatusIndexAllocator"/> reads the used indexes from the database,
/// which cannot see another in-flight allocation; without this, two chunks signing at once would often
/// draw the same random index (1,000 draws each from 131,072) and one of them would be rolled back at
/// commit by the unique index. Across processes the unique index stays the guard.
/// Also this process's snapshot of each list's used indexes and of each organisation's current list
/// numbers, from which a single credential's index is picked without a database query
/// (<see cref="StatusIndexAllocator.AllocateOneAsync"/>).
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
    private readonly Dictionary<(Guid Organization, string Purpose, int List), Snapshot> _used = [];

    /// <summary>Per organisation and purpose, the number of its current list as last read from the database.</summary>
    private readonly Dictionary<(Guid Organization, string Purpose), int> _current = [];

    /// <summary>A list's used indexes and how many there are.</summary>
    private sealed class Snapshot(BitArray bits)
    {
        public BitArray Bits { get; } = bits;

        public int Used { get; set; } = Count(bits);

        /// <summary>
        /// Set by <see cref="Forget"/>: read the list again before using this. The bits stay, and the
        /// read is added to them (an index once used stays used), so that no index this process picked
        /// is lost to a read that began before its insert committed.
        /// </summary>
        public bool Stale { get; set; }

        private static int Count(BitArray bits)
        {
            var count = 0;
            for (var i = 0; i < bits.Length; i++)
            {
                if (bits[i])
                {
                    count++;
                }
            }
            return count;
        }
    }

    /// <summary>What <see cref="TryPick"/> found.</summary>
    public enum PickOutcome
    {
        /// <summary>An index was picked.</summary>
        Picked,

        /// <summary>This process has no snapshot of the list: read it (<see cref="RememberUsed"/>).</summary>
        NoSnapshot,

        /// <summary>Every index of the list is used or held.</summary>
        Full,
    }

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

    /// <summary>
    /// Picks one random index that the list's snapshot does not know used and no allocation of this process
    /// holds, without asking the database: marks it used in the snapshot and holds it. Another process may
    /// have used it since the snapshot was read: the unique index then refuses the insert, and the caller
    /// forgets the organisation's snapshots (<see cref="Forget"/>) and tries again.
    /// </summary>
    public PickOutcome TryPick(
        Guid organizationId,
        string purpose,
        int list,
        int length,
        RandomIndexes random,
        out int index
    )
    {
        ArgumentNullException.ThrowIfNull(random);
        index = -1;
        lock (_lock)
        {
            var key = (organizationId, purpose, list);
            if (
                !_used.TryGetValue(key, out var snapshot)
                || snapshot.Stale
                || snapshot.Bits.Length != length
            )
            {
                return PickOutcome.NoSnapshot;
            }
            var bits = snapshot.Bits;
            var free = length - snapshot.Used;
            _held.TryGetValue(key, out var held);
            if (held is not null)
            {
                foreach (var h in held)
                {
                    if (h >= 0 && h < length && !bits[h])
                    {
                        free--;
                    }
                }
            }
            if (free <= 0)
            {
                return PickOutcome.Full;
            }
            if ((long)free * 64 >= length)
            {
                // At least 1/64 free: rejection sampling, 64 draws at most on average (bit tests).
                do
                {
                    index = random.Next(length);
                } while (bits[index] || held?.Contains(index) == true);
            }
            else
            {
                // Nearly full: one of the free indexes, uniformly.
                var candidates = new List<int>(free);
                for (var i = 0; i < length; i++)
                {
                    if (!bits[i] && held?.Contains(i) != true)
                    {
                        candidates.Add(i);
                    }
                }
                index = candidates[random.Next(candidates.Count)];
            }
            bits[index] = true;
            snapshot.Used++;
            if (held is null)
            {
                held = [];
                _held[key] = held;
            }
            held.Add(index);
            return PickOutcome.Picked;
        }
    }

    /// <summary>The organisation's current list of <paramref name="purpose"/> as remembered, or 0.</summary>
    public int CurrentList(Guid organizationId, string purpose)
    {
        lock (_lock)
        {
            return _current.TryGetValue((organizationId, purpose), out var number) ? number : 0;
        }
    }

    /// <summary>Remembers the organisation's current list of <paramref name="purpose"/> as read from the database.</summary>
    public void RememberCurrentList(Guid organizationId, string purpose, int number)
    {
        lock (_lock)
        {
            if (_current.Count >= MaxSnapshots)
            {
                _current.Clear();
            }
            _current[(organizationId, purpose)] = number;
        }
    }

    /// <summary>Forgets the organisation's current list of <paramref name="purpose"/> (it was found full).</summary>
    public void ForgetCurrentList(Guid organizationId, string purpose)
    {
        lock (_lock)
        {
            _current.Remove((organizationId, purpose));
        }
    }

    /// <summary>
    /// Makes the next allocation read the organisation's lists (current numbers and used indexes) from the
    /// database again: after a unique-index conflict, which shows that another process used an index or
    /// opened a list since they were read. The used indexes known so far stay (see <see cref="Snapshot.Stale"/>).
    /// </summary>
    public void Forget(Guid organizationId)
    {
        lock (_lock)
        {
            foreach (var (key, snapshot) in _used)
            {
                if (key.Organization == organizationId)
                {
                    snapshot.Stale = true;
                }
            }
            foreach (var key in _current.Keys.Where(k => k.Organization == organizationId).ToList())
            {
                _current.Remove(key);
            }
        }
    }

    /// <summary>Sets <paramref name="used"/>[i] for every index of the list's snapshot; false when there is none.</summary>
    public bool TryCopyUsed(Guid organizationId, string purpose, int list, bool[] used)
    {
        ArgumentNullException.ThrowIfNull(used);
        lock (_lock)
        {
            if (
                !_used.TryGetValue((organizationId, purpose, list), out var snapshot)
                || snapshot.Stale
                || snapshot.Bits.Length != used.Length
            )
            {
                return false;
            }
            snapshot.Bits.CopyTo(used, 0);
            return true;
        }
    }

    /// <summary>
    /// Keeps the used indexes of a list as just read from the database, added to those already known (a
    /// concurrent allocation's read may have begun before an insert of this process committed: what this
    /// process picked must stay marked).
    /// </summary>
    public void RememberUsed(Guid organizationId, string purpose, int list, bool[] used)
    {
        ArgumentNullException.ThrowIfNull(used);
        lock (_lock)
        {
            var key = (organizationId, purpose, list);
            if (_used.TryGetValue(key, out var snapshot) && snapshot.Bits.Length == used.Length)
            {
                for (var i = 0; i < used.Length; i++)
                {
                    if (used[i] && !snapshot.Bits[i])
                    {
                        snapshot.Bits[i] = true;
                        snapshot.Used++;
                    }
                }
                snapshot.Stale = false;
                return;
            }
            if (_used.Count >= MaxSnapshots)
            {
                _used.Clear();
            }
            _used[key] = new Snapshot(new BitArray(used));
        }
    }

    /// <summary>Marks indexes of a list used in its snapshot (picked by this process, or found taken).</summary>
    public void MarkUsed(Guid organizationId, string purpose, int list, IEnumerable<int> indexes)
    {
        ArgumentNullException.ThrowIfNull(indexes);
        lock (_lock)
        {
            if (!_used.TryGetValue((organizationId, purpose, list), out var snapshot))
            {
                return;
            }
            var bits = snapshot.Bits;
            foreach (var index in indexes)
            {
                if (index >= 0 && index < bits.Length && !bits[index])
                {
                    bits[index] = true;
                    snapshot.Used++;
                }
            }
        }
    }

    /// <summary>
    /// Forgets indexes that were picked but will not be stored (their insert failed): no longer held, and
    /// no longer marked used in the list's snapshot, which <see cref="Forget"/> has marked stale: its next
    /// read marks again any of them that another process used.
    /// </summary>
    public void Abandon(Guid organizationId, string purpose, IEnumerable<StatusSlot> slots)
    {
        ArgumentNullException.ThrowIfNull(slots);
        lock (_lock)
        {
            foreach (var slot in slots)
            {
                if (
                    _used.TryGetValue((organizationId, purpose, slot.List), out var snapshot)
                    && snapshot.Stale
                    && slot.Index >= 0
                    && slot.Index < snapshot.Bits.Length
                    && snapshot.Bits[slot.Index]
                )
                {
                    snapshot.Bits[slot.Index] = false;
                    snapshot.Used--;
                }
            }
        }
        Release(organizationId, purpose, slots);
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
