using System.Data.Common;
using System.Globalization;
using Credstack.Credentials.DataIntegrity;
using Credstack.Server.Data;
using Credstack.Server.Features.IssuerIdentity;
using Credstack.Server.Features.Issuing;
using Credstack.Server.Features.Notifications;
using Credstack.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Credstack.Server.Features.Bulk;

/// <summary>
/// Issues one chunk of a bulk job, exactly once whatever node does it:
/// <list type="number">
/// <item>claim up to <see cref="BulkOptions.ChunkSize"/> pending rows with a lease (PostgreSQL:
/// <c>FOR UPDATE SKIP LOCKED</c>, so nodes never wait on each other; SQLite has one writer);</item>
/// <item>build and sign their credentials outside any transaction, in parallel;</item>
/// <item>in ONE transaction: insert the credentials, mark the rows issued, add to the job's counters and
/// queue the e-mails. The unique index (BulkJobId, BulkLine) refuses a second credential for a row that
/// another node issued after this node's lease ran out: the transaction rolls back and the rows are
/// released, to be re-read. Any other failure to store is counted against the rows
/// (<see cref="BulkJobRow.FailedAttempts"/>); they are retried one by one and, after
/// <see cref="BulkOptions.MaxAttempts"/>, fail with the reason.</item>
/// </list>
/// With <see cref="BulkOptions.Workers"/> loops per process, one loop's signing overlaps another's store;
/// on SQLite the loops take turns for the writer through <see cref="BulkWriteGate"/>.
/// </summary>
internal sealed partial class BulkIssuer(
    CredstackDbContext db,
    IssuerIdentityService identity,
    StatusListService statusLists,
    StatusIndexAllocator allocator,
    IOptions<BulkOptions> options,
    TimeProvider time,
    IConfiguration configuration,
    BulkWriteGate gate,
    ILogger<BulkIssuer> logger
)
{
    /// <summary>Claims and issues one chunk of the oldest job with claimable rows; false when there was nothing to do.</summary>
    public async Task<bool> ProcessNextChunkAsync(CancellationToken cancellationToken)
    {
        var jobs = await db
            .BulkJobs.AsNoTracking()
            .Where(j => j.Status == BulkJobStatus.Queued || j.Status == BulkJobStatus.Running)
            .OrderBy(j => j.Id)
            .Select(j => j.Id)
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);
        foreach (var jobId in jobs)
        {
            var token = Guid.NewGuid().ToString("N");
            var timer = new StageTimer();
            List<BulkJobRow> claimed;
            await gate.EnterAsync().ConfigureAwait(false);
            try
            {
                claimed = await ClaimAsync(jobId, token, cancellationToken).ConfigureAwait(false);
                if (claimed.Count == 0)
                {
                    await CompleteIfDoneAsync(jobId).ConfigureAwait(false);
                }
            }
            finally
            {
                gate.Exit();
            }
            timer.Lap("claim");
            if (claimed.Count == 0)
            {
                continue;
            }
            // From here on the chunk runs to its end even when the host stops: a stop between chunks is clean.
            claimed.Sort((a, b) => a.Line.CompareTo(b.Line));
            await IssueChunkAsync(jobId, token, claimed, timer).ConfigureAwait(false);
            LogChunk(logger, jobId, claimed.Count, timer);
            return true;
        }
        return false;
    }

    /// <summary>Removes staging jobs whose upload stopped (a crash or a lost connection mid-upload).</summary>
    public async Task<int> RemoveAbandonedUploadsAsync(CancellationToken cancellationToken)
    {
        var stale =
            time.GetUtcNow().ToUnixTimeMilliseconds()
            - Math.Max(120_000L, 4_000L * options.Value.LeaseSeconds);
        var ids = await db
            .BulkJobs.Where(j => j.Status == BulkJobStatus.Staging && j.HeartbeatAt < stale)
            .Select(j => j.Id)
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);
        foreach (var id in ids)
        {
            await db
                .BulkJobRows.Where(r => r.JobId == id)
                .ExecuteDeleteAsync(cancellationToken)
                .ConfigureAwait(false);
            await db
                .BulkJobs.Where(j => j.Id == id && j.Status == BulkJobStatus.Staging)
                .ExecuteDeleteAsync(cancellationToken)
                .ConfigureAwait(false);
        }
        return ids.Count;
    }

    /// <summary>
    /// Leases up to a chunk of the job's pending rows to <paramref name="token"/> and returns them, in one
    /// statement (<c>UPDATE … RETURNING</c>: no second query looking for the leased rows among the pending ones).
    /// </summary>
    private async Task<List<BulkJobRow>> ClaimAsync(
        Guid jobId,
        string token,
        CancellationToken cancellationToken
    )
    {
        if (!db.Database.IsNpgsql())
        {
            return await ClaimAsync(jobId, token, 0, cancellationToken).ConfigureAwait(false);
        }
        // PostgreSQL keeps the index entries of a row's earlier versions (pending, then leased) until
        // vacuum, so a claim walking the (JobId, State, Line) index from the job's first line steps over
        // the dead entries of every row issued so far: a cost that grew with the square of the job. Each
        // claim starts after the highest line this process claimed before; the rows below it that are
        // still pending (another node's lease in flight or expired, a failed chunk's rows) are claimed by an
        // unbounded claim once nothing is left above. Which rows come first changes, not which are claimed.
        var floor = ClaimFloors.TryGetValue(jobId, out var f) ? f : 0;
        var claimed = await ClaimAsync(jobId, token, floor, cancellationToken)
            .ConfigureAwait(false);
        if (claimed.Count == 0 && floor > 0)
        {
            ClaimFloors.TryRemove(jobId, out _);
            claimed = await ClaimAsync(jobId, token, 0, cancellationToken).ConfigureAwait(false);
        }
        if (claimed.Count > 0)
        {
            if (ClaimFloors.Count > 1024)
            {
                // Jobs finished by another node leave their entry here; a floor is only a hint.
                ClaimFloors.Clear();
            }
            var highest = claimed.Max(r => r.Line);
            ClaimFloors.AddOrUpdate(jobId, highest, (_, old) => Math.Max(old, highest));
        }
        else
        {
            ClaimFloors.TryRemove(jobId, out _);
        }
        return claimed;
    }

    /// <summary>Per job, the highest line this process has claimed (PostgreSQL claims start above it).</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<
        Guid,
        int
    > ClaimFloors = new();

    private async Task<List<BulkJobRow>> ClaimAsync(
        Guid jobId,
        string token,
        int afterLine,
        CancellationToken cancellationToken
    )
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var until = now + 1000L * options.Value.LeaseSeconds;
        var limit = options.Value.ChunkSize;
        const int pending = BulkRowState.Pending;
        // A single statement: atomic on both databases. On PostgreSQL the rows are locked as they are
        // picked and SKIP LOCKED lets several nodes claim different rows at the same time (the usual
        // queue pattern); SQLite has one writer at a time. The picked lines as an array (= ANY) make
        // PostgreSQL update them through the primary key; joined to a CTE it hashed every row of the job,
        // for every chunk. The pending rows are picked as "State" <= Pending (Pending is the lowest state,
        // 0) in ("State", "Line") order, which only the (JobId, State, Line) index gives without a sort:
        // with "State" = Pending and statistics taken while every row was still pending (autovacuum
        // analyses the table right after the upload), PostgreSQL chose the primary key's (JobId, Line)
        // order instead and walked over every row already issued, for every chunk.
        var claim = db.Database.IsNpgsql()
            ? db.BulkJobRows.FromSql(
                $"""
                UPDATE bulk_job_rows AS r SET "LeaseOwner" = {token}, "LeaseUntil" = {until}
                WHERE r."JobId" = {jobId} AND r."Line" = ANY (ARRAY(
                  SELECT "Line" FROM bulk_job_rows
                  WHERE "JobId" = {jobId} AND "State" <= {pending} AND "Line" > {afterLine}
                    AND ("LeaseUntil" IS NULL OR "LeaseUntil" < {now})
                  ORDER BY "State", "Line" LIMIT {limit}
                  FOR UPDATE SKIP LOCKED))
                RETURNING r.*
                """
            )
            : db.BulkJobRows.FromSql(
                $"""
                UPDATE bulk_job_rows SET "LeaseOwner" = {token}, "LeaseUntil" = {until}
                WHERE "JobId" = {jobId} AND "State" = {pending}
                  AND "Line" IN (
                    SELECT "Line" FROM bulk_job_rows
                    WHERE "JobId" = {jobId} AND "State" <= {pending}
                      AND ("LeaseUntil" IS NULL OR "LeaseUntil" < {now})
                    ORDER BY "State", "Line" LIMIT {limit})
                RETURNING *
                """
            );
        // Not composed (an UPDATE cannot be a subquery): the rows come back unordered.
        return await claim.AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task CompleteIfDoneAsync(Guid jobId)
    {
        var now = time.GetUtcNow();
        await db
            .BulkJobs.Where(j =>
                j.Id == jobId
                && (j.Status == BulkJobStatus.Queued || j.Status == BulkJobStatus.Running)
                && j.Done + j.Failed >= j.Total
            )
            .ExecuteUpdateAsync(s =>
                s.SetProperty(j => j.Status, BulkJobStatus.Completed)
                    .SetProperty(j => j.CompletedAt, now)
                    .SetProperty(j => j.StartedAt, j => j.StartedAt ?? now)
            )
            .ConfigureAwait(false);
    }

    private sealed class Work(BulkJobRow row)
    {
        public BulkJobRow Row { get; } = row;
        public System.Text.Json.Nodes.JsonObject? Unsigned { get; set; }
        public IssuedCredential? Credential { get; set; }
        public string? Error { get; set; }
    }

    private async Task IssueChunkAsync(
        Guid jobId,
        string token,
        List<BulkJobRow> rows,
        StageTimer timer
    )
    {
        var cancellationToken = CancellationToken.None;
        var job = await db
            .BulkJobs.AsNoTracking()
            .FirstAsync(j => j.Id == jobId, cancellationToken)
            .ConfigureAwait(false);
        if (job.Status == BulkJobStatus.Queued)
        {
            var now = time.GetUtcNow();
            await WriteAsync(() =>
                    db
                        .BulkJobs.Where(j => j.Id == jobId && j.Status == BulkJobStatus.Queued)
                        .ExecuteUpdateAsync(
                            s =>
                                s.SetProperty(j => j.Status, BulkJobStatus.Running)
                                    .SetProperty(j => j.StartedAt, now),
                            cancellationToken
                        )
                )
                .ConfigureAwait(false);
        }
        timer.Lap("job");
        var version = await db
            .TemplateVersions.AsNoTracking()
            .FirstOrDefaultAsync(
                v => v.TemplateId == job.TemplateId && v.Version == job.TemplateVersion,
                cancellationToken
            )
            .ConfigureAwait(false);
        // One signer per chunk: the key is decrypted once, not per credential.
        var signer = await identity
            .SignerAsync(job.OrganizationId, cancellationToken)
            .ConfigureAwait(false);
        if (version is null || signer is null)
        {
            await FailJobAsync(jobId, "The template or the organisation's key is gone.")
                .ConfigureAwait(false);
            return;
        }
        timer.Lap("signer");
        var builder = new TemplateCredentialBuilder(identity.PublicOrigin, signer, version);
        // The parts every row shares are built once per chunk, not once per row.
        var prepared = builder.Prepare();
        if (rows.Exists(r => r.FailedAttempts > 0))
        {
            // Storing these rows failed before (not a conflict): each is tried alone, so that a row that
            // cannot be stored fails by itself and the others are issued.
            foreach (var row in rows)
            {
                await IssueBatchAsync(job, [row], token, builder, prepared, new StageTimer())
                    .ConfigureAwait(false);
            }
            return;
        }
        await IssueBatchAsync(job, rows, token, builder, prepared, timer).ConfigureAwait(false);
    }

    /// <summary>Allocates, builds, signs and stores <paramref name="rows"/> (claimed under <paramref name="token"/>).</summary>
    private async Task IssueBatchAsync(
        BulkJob job,
        List<BulkJobRow> rows,
        string token,
        TemplateCredentialBuilder builder,
        TemplateCredentialBuilder.PreparedCredential prepared,
        StageTimer timer
    )
    {
        var cancellationToken = CancellationToken.None;
        var jobId = job.Id;
        var now = time.GetUtcNow();
        var slots = await allocator
            .AllocateAsync(
                job.OrganizationId,
                StatusListService.Revocation,
                rows.Count,
                cancellationToken
            )
            .ConfigureAwait(false);
        var listUrls = slots
            .Select(s => s.List)
            .Distinct()
            .ToDictionary(
                n => n,
                n => statusLists.ListUrl(job.OrganizationId, StatusListService.Revocation, n)
            );
        if (db.ChangeTracker.Entries<StatusListRecord>().Any(e => e.State == EntityState.Added))
        {
            await SaveNewListsAsync().ConfigureAwait(false);
        }
        timer.Lap("allocate");

        var work = rows.Select(r => new Work(r)).ToArray();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount };
        Parallel.For(
            0,
            work.Length,
            parallel,
            i => Build(work[i], slots[i], listUrls[slots[i].List], builder, prepared, job, now)
        );
        timer.Lap("build");
        Parallel.For(0, work.Length, parallel, i => SignOne(work[i], builder, now));
        timer.Lap("sign");

        var issued = work.Where(w => w.Credential is not null).ToList();
        var failed = work.Where(w => w.Error is not null).ToList();
        // The outbox rows (one per recipient) are made before the writer's turn: each draws a claim token.
        var emails = new List<OutboundEmail>(job.Notify ? issued.Count : 0);
        if (job.Notify)
        {
            foreach (var w in issued)
            {
                if (NotificationQueue.CredentialIssued(w.Credential!) is { } email)
                {
                    emails.Add(email);
                }
            }
        }
        var minLine = rows[0].Line;
        var maxLine = rows[^1].Line;
        await gate.EnterAsync().ConfigureAwait(false);
        try
        {
            timer.Lap("wait");
            await StoreAsync(job, issued, failed, emails, minLine, maxLine, timer)
                .ConfigureAwait(false);
        }
        catch (Exception e) when (IsConflict(e))
        {
            // Another node issued some of these rows (its claim after our lease ran out) or took the same
            // status index: nothing of this batch was stored. Release the rows; they are re-read and the
            // ones still pending are claimed again.
            db.ChangeTracker.Clear();
            LogConflict(logger, e, jobId);
            await db
                .BulkJobRows.Where(r =>
                    r.JobId == jobId
                    && r.LeaseOwner == token
                    && r.State == BulkRowState.Pending
                    && r.Line >= minLine
                    && r.Line <= maxLine
                )
                .ExecuteUpdateAsync(
                    s =>
                        s.SetProperty(r => r.LeaseOwner, (string?)null)
                            .SetProperty(r => r.LeaseUntil, (long?)null),
                    cancellationToken
                )
                .ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Any other failure to store is counted against the rows, which then fail: never a stalled job.
        catch (Exception e)
#pragma warning restore CA1031
        {
            db.ChangeTracker.Clear();
            await RecordFailureAsync(job, token, rows[0].FailedAttempts + 1, minLine, maxLine, e)
                .ConfigureAwait(false);
        }
        finally
        {
            gate.Exit();
        }
    }

    /// <summary>
    /// Stores the status lists the allocator opened (an organisation's first, or the next when one filled)
    /// before the chunk is signed, each with <c>INSERT … ON CONFLICT DO NOTHING</c>: when another chunk loop
    /// or node opened the same list at the same time, its row is kept and ours dropped, instead of the
    /// whole chunk failing at its store, to be signed again. The slots picked stay valid: this process's
    /// loops hold theirs apart (<see cref="StatusIndexReservations"/>), and the credentials' unique index
    /// guards against another node.
    /// </summary>
    private async Task SaveNewListsAsync()
    {
        var lists = db
            .ChangeTracker.Entries<StatusListRecord>()
            .Where(e => e.State == EntityState.Added)
            .Select(e => e.Entity)
            .ToList();
        await gate.EnterAsync().ConfigureAwait(false);
        try
        {
            foreach (var list in lists)
            {
                await NewList.InsertAsync(db, list, CancellationToken.None).ConfigureAwait(false);
                db.Entry(list).State = EntityState.Detached;
            }
        }
        finally
        {
            gate.Exit();
        }
    }

    private static readonly RowInsert<StatusListRecord> NewList = new(skipConflicts: true);

    /// <summary>
    /// In ONE transaction: new status lists, the credentials, their e-mails, the rows marked issued (or
    /// failed), the job's counters and, when it was the last chunk, the job completed.
    /// </summary>
    private async Task StoreAsync(
        BulkJob job,
        List<Work> issued,
        List<Work> failed,
        List<OutboundEmail> emails,
        int minLine,
        int maxLine,
        StageTimer timer
    )
    {
        var cancellationToken = CancellationToken.None;
        var jobId = job.Id;
        await using var transaction = await db
            .Database.BeginTransactionAsync(cancellationToken)
            .ConfigureAwait(false);
        // New status lists opened by the allocator are tracked: saved first (the credentials refer to them).
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        db.ChangeTracker.Clear();
        // The credentials without change tracking (a few statements per chunk instead of an entity
        // each); the unique index (BulkJobId, BulkLine) still refuses a row issued twice.
        await BulkInsert
            .InsertAsync(db, issued.Select(w => w.Credential!).ToList(), cancellationToken)
            .ConfigureAwait(false);
        timer.Lap("insert");
        // The outbox rows in the same transaction, also without tracking.
        await BulkInsert.InsertAsync(db, emails, cancellationToken).ConfigureAwait(false);
        timer.Lap("queue");
        var node = NodeIdentity.Of(configuration);
        const int pending = BulkRowState.Pending;
        const int issuedState = BulkRowState.Issued;
        int marked;
        if (db.Database.IsNpgsql())
        {
            // The lines and credential ids as two arrays joined to the rows, no lookup of each row's
            // credential (they were inserted above, in this transaction). The line range keeps the join to
            // the chunk's rows: without it PostgreSQL hashed all the job's pending rows.
            var lines = new int[issued.Count];
            var ids = new Guid[issued.Count];
            for (var i = 0; i < issued.Count; i++)
            {
                lines[i] = issued[i].Row.Line;
                ids[i] = issued[i].Credential!.Id;
            }
            marked = await db
                .Database.ExecuteSqlAsync(
                    $"""
                    UPDATE bulk_job_rows AS r SET "State" = {issuedState}, "LeaseOwner" = NULL, "LeaseUntil" = NULL,
                      "IssuedBy" = {node}, "Error" = NULL, "CredentialId" = v.id
                    FROM unnest({lines}, {ids}) AS v(line, id)
                    WHERE r."JobId" = {jobId} AND r."Line" = v.line AND r."State" = {pending}
                      AND r."Line" BETWEEN {minLine} AND {maxLine}
                    """,
                    cancellationToken
                )
                .ConfigureAwait(false);
        }
        else
        {
            marked = await db
                .Database.ExecuteSqlAsync(
                    $"""
                    UPDATE bulk_job_rows SET "State" = {issuedState}, "LeaseOwner" = NULL, "LeaseUntil" = NULL, "IssuedBy" = {node}, "Error" = NULL,
                      "CredentialId" = (SELECT c."Id" FROM credentials c
                                        WHERE c."BulkJobId" = bulk_job_rows."JobId" AND c."BulkLine" = bulk_job_rows."Line")
                    WHERE "JobId" = {jobId} AND "State" = {pending} AND "Line" BETWEEN {minLine} AND {maxLine}
                      AND EXISTS (SELECT 1 FROM credentials c
                                  WHERE c."BulkJobId" = bulk_job_rows."JobId" AND c."BulkLine" = bulk_job_rows."Line")
                    """,
                    cancellationToken
                )
                .ConfigureAwait(false);
        }
        foreach (var w in failed)
        {
            var line = w.Row.Line;
            var error = w.Error;
            await db
                .BulkJobRows.Where(r =>
                    r.JobId == jobId && r.Line == line && r.State == BulkRowState.Pending
                )
                .ExecuteUpdateAsync(
                    s =>
                        s.SetProperty(r => r.State, BulkRowState.Failed)
                            .SetProperty(r => r.ErrorField, "row")
                            .SetProperty(r => r.Error, error)
                            .SetProperty(r => r.LeaseOwner, (string?)null)
                            .SetProperty(r => r.LeaseUntil, (long?)null),
                    cancellationToken
                )
                .ConfigureAwait(false);
        }
        var failedCount = failed.Count;
        await db
            .BulkJobs.Where(j => j.Id == jobId)
            .ExecuteUpdateAsync(
                s =>
                    s.SetProperty(j => j.Done, j => j.Done + marked)
                        .SetProperty(j => j.Failed, j => j.Failed + failedCount),
                cancellationToken
            )
            .ConfigureAwait(false);
        await CompleteIfDoneAsync(jobId).ConfigureAwait(false);
        timer.Lap("mark");
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        timer.Lap("commit");
    }

    /// <summary>
    /// After a failed store (rolled back): counts the attempt against the rows and releases them to be
    /// retried (one by one), or, at <see cref="BulkOptions.MaxAttempts"/>, fails them with the reason, in
    /// the job's error report, so that the job completes.
    /// </summary>
    private async Task RecordFailureAsync(
        BulkJob job,
        string token,
        int attempt,
        int minLine,
        int maxLine,
        Exception exception
    )
    {
        var jobId = job.Id;
        var max = Math.Max(1, options.Value.MaxAttempts);
        var cause = exception is DbUpdateException { InnerException: { } inner }
            ? inner
            : exception;
        var reason =
            $"could not be stored (attempt {attempt.ToString(CultureInfo.InvariantCulture)} of {max.ToString(CultureInfo.InvariantCulture)}): {cause.Message}";
        if (reason.Length > 1000)
        {
            reason = reason[..1000];
        }
        LogStoreFailed(logger, exception, jobId, minLine, maxLine, attempt, max);
        const int pending = BulkRowState.Pending;
        const int failedState = BulkRowState.Failed;
        await using var transaction = await db
            .Database.BeginTransactionAsync(CancellationToken.None)
            .ConfigureAwait(false);
        await db
            .Database.ExecuteSqlAsync(
                $"""
                UPDATE bulk_job_rows SET "FailedAttempts" = "FailedAttempts" + 1, "Error" = {reason},
                  "LeaseOwner" = NULL, "LeaseUntil" = NULL,
                  "State" = CASE WHEN "FailedAttempts" + 1 >= {max} THEN {failedState} ELSE {pending} END,
                  "ErrorField" = CASE WHEN "FailedAttempts" + 1 >= {max} THEN 'row' ELSE NULL END
                WHERE "JobId" = {jobId} AND "LeaseOwner" = {token} AND "State" = {pending}
                  AND "Line" BETWEEN {minLine} AND {maxLine}
                """
            )
            .ConfigureAwait(false);
        // The failed count is recounted: every failed row (at upload or later) is a row in state 2.
        await db
            .Database.ExecuteSqlAsync(
                $"""
                UPDATE bulk_jobs SET "Failed" = (SELECT COUNT(*) FROM bulk_job_rows r
                                                 WHERE r."JobId" = bulk_jobs."Id" AND r."State" = {failedState})
                WHERE "Id" = {jobId}
                """
            )
            .ConfigureAwait(false);
        await CompleteIfDoneAsync(jobId).ConfigureAwait(false);
        await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>
    /// A unique-index violation (another node stored the row, or took the status index, first) or a
    /// transient failure (a deadlock or serialization failure between nodes, a busy database): retried
    /// without counting against the rows.
    /// </summary>
    private static bool IsConflict(Exception e)
    {
        var cause = e is DbUpdateException { InnerException: { } inner } ? inner : e;
        return BulkInsert.IsUniqueViolation(cause) || cause is DbException { IsTransient: true };
    }

    /// <summary>Runs a single write statement in this process's turn for SQLite's writer.</summary>
    private async Task WriteAsync(Func<Task<int>> write)
    {
        await gate.EnterAsync().ConfigureAwait(false);
        try
        {
            await write().ConfigureAwait(false);
        }
        finally
        {
            gate.Exit();
        }
    }

    private static void Build(
        Work work,
        StatusSlot slot,
        string listUrl,
        TemplateCredentialBuilder builder,
        TemplateCredentialBuilder.PreparedCredential prepared,
        BulkJob job,
        DateTimeOffset now
    )
    {
        var row = work.Row;
        try
        {
            var issued = row.Issued is { } issuedText ? Parse(issuedText) : now;
            var expires =
                row.Expires is { } expiresText ? Parse(expiresText)
                : builder.Version.ValidityDays is { } days ? issued.AddDays(days)
                : (DateTimeOffset?)null;
            var id = Guid.CreateVersion7(now);
            var credentialId = builder.CredentialUrl(id);
            var credential = prepared.Build(
                credentialId,
                new TemplateRecipient(
                    row.Email!,
                    row.Name!,
                    issued,
                    expires,
                    row.Narrative,
                    row.EvidenceUrl is { } url ? [new EvidenceRequest(url, null, null, null)] : null
                ),
                TemplateCredentialBuilder.StatusEntry(
                    listUrl,
                    StatusListService.Revocation,
                    slot.Index
                )
            );
            work.Credential = new IssuedCredential
            {
                Id = id,
                OrganizationId = job.OrganizationId,
                CredentialId = credentialId,
                TemplateId = job.TemplateId,
                TemplateVersion = job.TemplateVersion,
                Name = builder.Version.Name,
                RecipientName = row.Name,
                RecipientEmail = row.Email,
                Format = IssuingService.FormatLdp,
                Content = "",
                IssuedAt = now,
                // Stored in UTC, as single issuing does: PostgreSQL's timestamptz takes UTC only, and
                // SQLite compares the text.
                ValidUntil = expires?.ToUniversalTime(),
                RevocationList = slot.List,
                RevocationIndex = slot.Index,
                BulkJobId = job.Id,
                BulkLine = row.Line,
            };
            work.Unsigned = credential;
        }
        catch (IssuingException e)
        {
            work.Error = e.Detail ?? e.Title;
        }
#pragma warning disable CA1031 // A row that cannot be built fails alone; it must not stop the job for ever.
        catch (Exception e)
#pragma warning restore CA1031
        {
            work.Error = "could not be issued: " + e.Message;
        }
    }

    private static void SignOne(Work work, TemplateCredentialBuilder builder, DateTimeOffset now)
    {
        if (work.Unsigned is not { } unsigned || work.Credential is not { } credential)
        {
            return;
        }
        try
        {
            credential.Content = TemplateCredentialBuilder.Sign(
                unsigned,
                builder.Signer,
                DataIntegritySuites.EddsaRdfc2022,
                now
            );
        }
        catch (IssuingException e)
        {
            work.Error = e.Detail ?? e.Title;
            work.Credential = null;
        }
#pragma warning disable CA1031 // A row that cannot be signed fails alone; it must not stop the job for ever.
        catch (Exception e)
#pragma warning restore CA1031
        {
            work.Error = "could not be issued: " + e.Message;
            work.Credential = null;
        }
        work.Unsigned = null;
    }

    private static DateTimeOffset Parse(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

    private async Task FailJobAsync(Guid jobId, string error)
    {
        var now = time.GetUtcNow();
        await db
            .BulkJobs.Where(j => j.Id == jobId)
            .ExecuteUpdateAsync(s =>
                s.SetProperty(j => j.Status, BulkJobStatus.Failed)
                    .SetProperty(j => j.Error, error)
                    .SetProperty(j => j.CompletedAt, now)
            )
            .ConfigureAwait(false);
        LogJobFailed(logger, jobId, error);
    }

    [LoggerMessage(
        Level = LogLevel.Information,
        Message = "Bulk job {JobId}: a chunk conflicted with concurrent issuing and is retried"
    )]
    private static partial void LogConflict(ILogger logger, Exception exception, Guid jobId);

    [LoggerMessage(
        Level = LogLevel.Debug,
        Message = "Bulk job {JobId}: chunk of {Rows} rows, wall/CPU ms per stage: {Stages}"
    )]
    private static partial void LogChunk(ILogger logger, Guid jobId, int rows, StageTimer stages);

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "Bulk job {JobId}: lines {MinLine}-{MaxLine} could not be stored (attempt {Attempt} of {Max})"
    )]
    private static partial void LogStoreFailed(
        ILogger logger,
        Exception exception,
        Guid jobId,
        int minLine,
        int maxLine,
        int attempt,
        int max
    );

    [LoggerMessage(Level = LogLevel.Warning, Message = "Bulk job {JobId} failed: {Error}")]
    private static partial void LogJobFailed(ILogger logger, Guid jobId, string error);
}
