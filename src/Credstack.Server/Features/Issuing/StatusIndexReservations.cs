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
