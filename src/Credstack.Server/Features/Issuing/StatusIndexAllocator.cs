using System.Linq.Expressions;
using Credstack.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace Credstack.Server.Features.Issuing;

/// <summary>A place in a status list: the list's number and the index in it.</summary>
internal readonly record struct StatusSlot(int List, int Index);

/// <summary>
/// Hands out random unused status list indexes (Bitstring Status List v1.0 §6.4: random assignment, so that
/// an index says nothing about issuing order), many at once: one query per batch, never one per index.
/// When the organisation's current list for a purpose is full the next one (number + 1) is opened. The
/// unique index (organisation, list, index) is the final guard against a concurrent allocation; the caller
/// retries after a conflict.
/// </summary>
internal sealed class StatusIndexAllocator(
    CredstackDbContext db,
    StatusListService statusLists,
    StatusIndexReservations reservations
) : IDisposable
{
    /// <summary>What this allocator reserved, released when its scope ends (after the caller's commit).</summary>
    private readonly List<(Guid Organization, string Purpose, StatusSlot Slot)> _reserved = [];

    private readonly RandomIndexes _random = new();

    /// <summary>Up to this many indexes are found by probing random candidates instead of reading the list.</summary>
    private const int ProbeLimit = 16;

    /// <summary>
    /// <paramref name="count"/> distinct free slots of the organisation's lists for <paramref name="purpose"/>.
    /// New list records are added to the context (saved with the caller's SaveChanges).
    /// </summary>
    public async Task<StatusSlot[]> AllocateAsync(
        Guid organizationId,
        string purpose,
        int count,
        CancellationToken cancellationToken
    )
    {
        var result = new StatusSlot[count];
        if (count == 0)
        {
            return result;
        }
        var length = statusLists.ListLength;
        var (number, isNew) = await CurrentListAsync(organizationId, purpose, cancellationToken)
            .ConfigureAwait(false);
        var filled = 0;
        while (filled < count)
        {
            var needed = count - filled;
            if (isNew)
            {
                filled += PickReserved(
                    organizationId,
                    purpose,
                    new bool[length],
                    length,
                    number,
                    result,
                    filled,
                    needed
                );
            }
            else
            {
                if (needed <= ProbeLimit && length > 4 * ProbeLimit)
                {
                    filled += await ProbeAsync(
                            organizationId,
                            purpose,
                            number,
                            result,
                            filled,
                            needed,
                            cancellationToken
                        )
                        .ConfigureAwait(false);
                    if (filled == count)
                    {
                        break;
                    }
                    needed = count - filled;
                }
                // The used indexes: this process's snapshot of the list when it has one (read once, then
                // kept up to date with what this process picks), else read from the database.
                var used = new bool[length];
                var fromSnapshot = reservations.TryCopyUsed(organizationId, purpose, number, used);
                if (!fromSnapshot)
                {
                    used = await ReadUsedAsync(organizationId, purpose, number, cancellationToken)
                        .ConfigureAwait(false);
                    reservations.RememberUsed(organizationId, purpose, number, used);
                }
                for (var i = 0; i < filled; i++)
                {
                    if (result[i].List == number)
                    {
                        used[result[i].Index] = true;
                    }
                }
                var usedCount = used.Count(u => u);
                var before = filled;
                filled += PickReserved(
                    organizationId,
                    purpose,
                    used,
                    length - usedCount,
                    number,
                    result,
                    filled,
                    needed
                );
                if (
                    fromSnapshot
                    && filled > before
                    && await DropTakenAsync(
                            organizationId,
                            purpose,
                            number,
                            result,
                            before,
                            filled,
                            cancellationToken
                        )
                        .ConfigureAwait(false)
                        is var kept
                    && kept < filled
                )
                {
                    // Other processes used some of them since the snapshot: those are now marked used in
                    // it; pick again for them.
                    filled = kept;
                    continue;
                }
                reservations.MarkUsed(
                    organizationId,
                    purpose,
                    number,
                    result.Skip(before).Take(filled - before).Select(r => r.Index)
                );
            }
            if (filled < count)
            {
                // This list is full: open the next one.
                reservations.ForgetCurrentList(organizationId, purpose);
                number++;
                isNew = true;
                db.StatusLists.Add(statusLists.NewList(organizationId, purpose, number));
            }
        }
        return result;
    }

    /// <summary>
    /// One free slot of the organisation's lists for <paramref name="purpose"/>, for a single credential
    /// whose insert is retried after a unique-index conflict (see <c>IssuingEndpoints.RetryOnConflictAsync</c>,
    /// which calls <see cref="Forget"/> first). Usually without a database query: the current list's number
    /// and its used indexes are this process's snapshot (<see cref="StatusIndexReservations"/>), read from
    /// the database once and kept up to date with what this process picks. Another process's uses since
    /// are not in it; a pick that one of them took is refused by the unique index (organisation, list,
    /// index), and the retry reads the lists again. A new list record is added to the context (saved with
    /// the caller's SaveChanges).
    /// </summary>
    public async Task<StatusSlot> AllocateOneAsync(
        Guid organizationId,
        string purpose,
        CancellationToken cancellationToken
    )
    {
        var length = statusLists.ListLength;
        var number = reservations.CurrentList(organizationId, purpose);
        var isNew = false;
        if (number == 0)
        {
            (number, isNew) = await CurrentListAsync(organizationId, purpose, cancellationToken)
                .ConfigureAwait(false);
            if (!isNew)
            {
                reservations.RememberCurrentList(organizationId, purpose, number);
            }
        }
        while (true)
        {
            if (isNew)
            {
                // A list opened by this allocation: nothing of it is used yet but what this process holds.
                var slots = new StatusSlot[1];
                PickReserved(
                    organizationId,
                    purpose,
                    new bool[length],
                    length,
                    number,
                    slots,
                    0,
                    1
                );
                return slots[0];
            }
            switch (
                reservations.TryPick(
                    organizationId,
                    purpose,
                    number,
                    length,
                    _random,
                    out var index
                )
            )
            {
                case StatusIndexReservations.PickOutcome.Picked:
                    var slot = new StatusSlot(number, index);
                    _reserved.Add((organizationId, purpose, slot));
                    return slot;
                case StatusIndexReservations.PickOutcome.NoSnapshot:
                    reservations.RememberUsed(
                        organizationId,
                        purpose,
                        number,
                        await ReadUsedAsync(organizationId, purpose, number, cancellationToken)
                            .ConfigureAwait(false)
                    );
                    break;
                default:
                    // This list is full: open the next one.
                    reservations.ForgetCurrentList(organizationId, purpose);
                    number++;
                    isNew = true;
                    db.StatusLists.Add(statusLists.NewList(organizationId, purpose, number));
                    break;
            }
        }
    }

    /// <summary>
    /// Makes the next allocation read the organisation's lists from the database again: after a unique-index
    /// conflict, another process may have used indexes or opened a list since they were read. The slots
    /// this allocator picked so far are abandoned (the failed insert did not store them).
    /// </summary>
    public void Forget(Guid organizationId)
    {
        reservations.Forget(organizationId);
        foreach (
            var group in _reserved
                .Where(r => r.Organization == organizationId)
                .GroupBy(r => r.Purpose)
        )
        {
            reservations.Abandon(organizationId, group.Key, group.Select(r => r.Slot).ToList());
        }
        _reserved.RemoveAll(r => r.Organization == organizationId);
    }

    /// <summary>The used indexes of a list, read from the database.</summary>
    private async Task<bool[]> ReadUsedAsync(
        Guid organizationId,
        string purpose,
        int number,
        CancellationToken cancellationToken
    )
    {
        var length = statusLists.ListLength;
        var used = new bool[length];
        foreach (
            var index in await Used(organizationId, purpose, number)
                .ToListAsync(cancellationToken)
                .ConfigureAwait(false)
        )
        {
            if (index >= 0 && index < length)
            {
                used[index] = true;
            }
        }
        return used;
    }

    /// <summary>
    /// <see cref="Pick"/> with the indexes other in-flight allocations of this process hold counted as used,
    /// and the picked ones held until this allocator is disposed.
    /// </summary>
    private int PickReserved(
        Guid organizationId,
        string purpose,
        bool[] used,
        int free,
        int number,
        StatusSlot[] result,
        int offset,
        int needed
    ) =>
        reservations.WithHeld(
            organizationId,
            purpose,
            number,
            held =>
            {
                foreach (var index in held)
                {
                    if (index >= 0 && index < used.Length && !used[index])
                    {
                        used[index] = true;
                        free--;
                    }
                }
                var got = Pick(used, free, number, result, offset, needed);
                for (var i = offset; i < offset + got; i++)
                {
                    held.Add(result[i].Index);
                    _reserved.Add((organizationId, purpose, result[i]));
                }
                return got;
            }
        );

    public void Dispose()
    {
        foreach (var group in _reserved.GroupBy(r => (r.Organization, r.Purpose)))
        {
            reservations.Release(
                group.Key.Organization,
                group.Key.Purpose,
                group.Select(r => r.Slot)
            );
        }
        _reserved.Clear();
    }

    /// <summary>Picks up to <paramref name="needed"/> random free indexes of <paramref name="used"/>; returns how many.</summary>
    private int Pick(bool[] used, int free, int number, StatusSlot[] result, int offset, int needed)
    {
        var take = Math.Min(needed, free);
        if (take <= 0)
        {
            return 0;
        }
        if (free >= used.Length / 2)
        {
            // Mostly free: rejection sampling finds a free index in at most two draws on average.
            for (var i = 0; i < take; )
            {
                var index = _random.Next(used.Length);
                if (!used[index])
                {
                    used[index] = true;
                    result[offset + i++] = new StatusSlot(number, index);
                }
            }
            return take;
        }
        // Mostly used: a partial Fisher-Yates shuffle of the free indexes.
        var candidates = new int[free];
        var n = 0;
        for (var index = 0; index < used.Length; index++)
        {
            if (!used[index])
            {
                candidates[n++] = index;
            }
        }
        for (var i = 0; i < take; i++)
        {
            var j = i + _random.Next(n - i);
            (candidates[i], candidates[j]) = (candidates[j], candidates[i]);
            used[candidates[i]] = true;
            result[offset + i] = new StatusSlot(number, candidates[i]);
        }
        return take;
    }

    /// <summary>
    /// Asks the database, in one query, which of the slots picked from the snapshot (<paramref name="result"/>
    /// from <paramref name="from"/> to <paramref name="to"/>) another process has used since; marks them used
    /// in the snapshot, drops them from <paramref name="result"/> and their hold, and returns the new end.
    /// (A use committed after this query is still refused by the unique index; the caller retries.)
    /// </summary>
    private async Task<int> DropTakenAsync(
        Guid organizationId,
        string purpose,
        int number,
        StatusSlot[] result,
        int from,
        int to,
        CancellationToken cancellationToken
    )
    {
        var picked = new int[to - from];
        for (var i = from; i < to; i++)
        {
            picked[i - from] = result[i].Index;
        }
        var taken = (
            await Used(organizationId, purpose, number)
                .Where(index => picked.Contains(index))
                .ToListAsync(cancellationToken)
                .ConfigureAwait(false)
        ).ToHashSet();
        if (taken.Count == 0)
        {
            return to;
        }
        reservations.MarkUsed(organizationId, purpose, number, taken);
        var dropped = new List<StatusSlot>();
        var kept = from;
        for (var i = from; i < to; i++)
        {
            if (taken.Contains(result[i].Index))
            {
                dropped.Add(result[i]);
            }
            else
            {
                result[kept++] = result[i];
            }
        }
        reservations.Release(organizationId, purpose, dropped);
        _reserved.RemoveAll(r =>
            r.Organization == organizationId && r.Purpose == purpose && dropped.Contains(r.Slot)
        );
        return kept;
    }

    /// <summary>
    /// Draws random candidates and asks the database which of them are taken, in one query. How many: as
    /// few as make a miss unlikely given how full the list looked in this process's earlier probes
    /// (<see cref="StatusIndexReservations.ProbeSize"/>): 4 while a list is nearly empty, up to 64 when it
    /// is nearly full (each candidate is an index lookup in the database; on SQLite mostly on pages a
    /// commit of another connection evicted). Finding none free is not an error: the caller then reads
    /// the list's used indexes.
    /// </summary>
    private async Task<int> ProbeAsync(
        Guid organizationId,
        string purpose,
        int number,
        StatusSlot[] result,
        int offset,
        int needed,
        CancellationToken cancellationToken
    )
    {
        var size = reservations.ProbeSize(organizationId, purpose, number, needed, MaxProbe);
        var candidates = new HashSet<int>();
        while (candidates.Count < size)
        {
            candidates.Add(_random.Next(statusLists.ListLength));
        }
        for (var i = 0; i < offset; i++)
        {
            if (result[i].List == number)
            {
                candidates.Remove(result[i].Index);
            }
        }
        var array = candidates.ToArray();
        // A fixed-size IN list (padded with -1, never an index), read with ADO.NET: this runs once per
        // issued credential, where EF Core's per-execution translation of a collection parameter cost
        // several times the query.
        var values = new object?[size];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = i < array.Length ? array[i] : -1;
        }
        var taken = (
            await Probe(purpose, size)
                .ListAsync(
                    db,
                    [organizationId, number],
                    values,
                    r => r.GetInt32(0),
                    cancellationToken
                )
                .ConfigureAwait(false)
        ).ToHashSet();
        reservations.ObserveProbe(organizationId, purpose, number, array.Length, taken.Count);
        return reservations.WithHeld(
            organizationId,
            purpose,
            number,
            held =>
            {
                var got = 0;
                foreach (var index in array)
                {
                    if (got == needed)
                    {
                        break;
                    }
                    if (!taken.Contains(index) && held.Add(index))
                    {
                        var slot = new StatusSlot(number, index);
                        result[offset + got++] = slot;
                        _reserved.Add((organizationId, purpose, slot));
                    }
                }
                return got;
            }
        );
    }

    /// <summary>The most candidates of one probe.</summary>
    private const int MaxProbe = 4 * ProbeLimit;

    /// <summary>The probe queries by size (4, 8, 16, 32, 64 candidates): revocation, then suspension.</summary>
    private static readonly RawQuery<IssuedCredential>[] RevocationProbes = ProbeQueries(
        c => c.RevocationIndex,
        c => c.RevocationList
    );

    private static readonly RawQuery<IssuedCredential>[] SuspensionProbes = ProbeQueries(
        c => c.SuspensionIndex,
        c => c.SuspensionList
    );

    private static RawQuery<IssuedCredential>[] ProbeQueries(
        Expression<Func<IssuedCredential, object?>> index,
        Expression<Func<IssuedCredential, object?>> list
    ) =>
        [
            .. StatusIndexReservations.ProbeSizes.Select(size => new RawQuery<IssuedCredential>(
                [index],
                [c => c.OrganizationId, list],
                index,
                size
            )),
        ];

    private static RawQuery<IssuedCredential> Probe(string purpose, int size) =>
        (purpose == StatusListService.Revocation ? RevocationProbes : SuspensionProbes)[
            Array.IndexOf(StatusIndexReservations.ProbeSizes, size)
        ];

    private static readonly RawQuery<StatusListRecord> ListNumbers = new(
        [l => l.Purpose, l => l.Number],
        [l => l.OrganizationId]
    );

    private IQueryable<int> Used(Guid organizationId, string purpose, int number) =>
        purpose == StatusListService.Revocation
            ? db
                .Credentials.Where(c =>
                    c.OrganizationId == organizationId
                    && c.RevocationList == number
                    && c.RevocationIndex != null
                )
                .Select(c => c.RevocationIndex!.Value)
            : db
                .Credentials.Where(c =>
                    c.OrganizationId == organizationId
                    && c.SuspensionList == number
                    && c.SuspensionIndex != null
                )
                .Select(c => c.SuspensionIndex!.Value);

    /// <summary>
    /// The highest list number of the purpose (lists added to the context but not saved yet included). An
    /// organisation without lists gets list 1 of every purpose, so that its lists are all published.
    /// </summary>
    private async Task<(int Number, bool IsNew)> CurrentListAsync(
        Guid organizationId,
        string purpose,
        CancellationToken cancellationToken
    )
    {
        var added = db
            .ChangeTracker.Entries<StatusListRecord>()
            .Where(e =>
                e.State == EntityState.Added
                && e.Entity.OrganizationId == organizationId
                && e.Entity.Purpose == purpose
            )
            .Select(e => e.Entity.Number)
            .DefaultIfEmpty(0)
            .Max();
        var lists = await ListNumbers
            .ListAsync(
                db,
                [organizationId],
                null,
                r => (Purpose: r.GetString(0), Number: r.GetInt32(1)),
                cancellationToken
            )
            .ConfigureAwait(false);
        var stored = lists
            .Where(l => l.Purpose == purpose)
            .Select(l => l.Number)
            .DefaultIfEmpty(0)
            .Max();
        if (added > stored)
        {
            return (added, true);
        }
        if (stored > 0)
        {
            return (stored, false);
        }
        var anyAdded = db
            .ChangeTracker.Entries<StatusListRecord>()
            .Any(e => e.State == EntityState.Added && e.Entity.OrganizationId == organizationId);
        if (lists.Count == 0 && !anyAdded)
        {
            foreach (
                var other in (string[])[StatusListService.Revocation, StatusListService.Suspension]
            )
            {
                if (other != purpose)
                {
                    db.StatusLists.Add(statusLists.NewList(organizationId, other, 1));
                }
            }
        }
        db.StatusLists.Add(statusLists.NewList(organizationId, purpose, 1));
        return (1, true);
    }
}
