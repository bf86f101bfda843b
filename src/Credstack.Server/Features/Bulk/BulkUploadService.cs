using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Unicode;
using Credstack.Server.Data;
using Credstack.Server.Features.Issuing;
using Credstack.Server.Infrastructure.Problems;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Credstack.Server.Features.Bulk;

/// <summary>
/// Reads an uploaded CSV file (streamed with CsvHelper, never whole in memory) into a job's row table,
/// validating every row; the job becomes <c>queued</c> only when the whole file is staged, so an upload
/// that breaks off leaves no job that runs. The same file (SHA-256) for the same template, or the same
/// <c>Idempotency-Key</c>, gives back the existing job.
/// </summary>
internal sealed class BulkUploadService(
    CredstackDbContext db,
    IOptions<BulkOptions> options,
    TimeProvider time
)
{
    public const string EmailColumn = "email";
    public const string NameColumn = "name";
    public const string IssuedColumn = "issued";
    public const string ExpiresColumn = "expires";
    public const string EvidenceColumn = "evidence_url";
    public const string NarrativeColumn = "narrative";

    private const int StagingBatch = 1000;

    private static readonly string[] Known =
    [
        EmailColumn,
        NameColumn,
        IssuedColumn,
        ExpiresColumn,
        EvidenceColumn,
        NarrativeColumn,
    ];

    /// <summary>The job (new, or the earlier one for the same file or key); null when the template is not the caller's.</summary>
    public async Task<(BulkJob Job, bool Created)?> UploadAsync(
        Guid organizationId,
        Guid templateId,
        Stream body,
        bool notify,
        string? idempotencyKey,
        CancellationToken cancellationToken
    )
    {
        var template = await db
            .Templates.AsNoTracking()
            .FirstOrDefaultAsync(
                t => t.Id == templateId && t.OrganizationId == organizationId,
                cancellationToken
            )
            .ConfigureAwait(false);
        if (template is null)
        {
            return null;
        }
        if (idempotencyKey is not null)
        {
            IssuingService.CheckIdempotencyKey(idempotencyKey);
            var earlier = await FindAsync(organizationId, templateId, null, idempotencyKey)
                .ConfigureAwait(false);
            if (earlier is not null)
            {
                return (earlier, false);
            }
        }
        if (template.Archived)
        {
            throw new IssuingException(
                StatusCodes.Status422UnprocessableEntity,
                "The template is archived.",
                "Unarchive it to issue from it."
            );
        }

        var now = time.GetUtcNow();
        var job = new BulkJob
        {
            Id = Guid.CreateVersion7(now),
            OrganizationId = organizationId,
            TemplateId = templateId,
            TemplateVersion = template.CurrentVersion,
            Status = BulkJobStatus.Staging,
            Notify = notify,
            CreatedAt = now,
            HeartbeatAt = now.ToUnixTimeMilliseconds(),
        };
        db.BulkJobs.Add(job);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        db.ChangeTracker.Clear();
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var staged = await StageAsync(job, new HashingStream(body, hash), cancellationToken)
                .ConfigureAwait(false);
            var sha = Convert.ToHexStringLower(hash.GetHashAndReset());
            var existing = await FindAsync(organizationId, templateId, sha, idempotencyKey)
                .ConfigureAwait(false);
            if (existing is not null)
            {
                await DeleteAsync(job.Id).ConfigureAwait(false);
                return (existing, false);
            }
            job.Total = staged.Total;
            job.Failed = staged.Failed;
            job.IgnoredColumns = staged.Ignored.Count > 0 ? string.Join(',', staged.Ignored) : null;
            job.FileSha256 = sha;
            job.IdempotencyKey = idempotencyKey;
            if (staged.Total == staged.Failed)
            {
                // Nothing to issue: the job is complete as soon as it exists.
                job.Status = BulkJobStatus.Completed;
                job.StartedAt = now;
                job.CompletedAt = now;
            }
            else
            {
                job.Status = BulkJobStatus.Queued;
            }
            db.BulkJobs.Update(job);
            try
            {
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (DbUpdateException)
            {
                // A concurrent upload of the same file or key finished first: its job is the one.
                db.ChangeTracker.Clear();
                var winner = await FindAsync(organizationId, templateId, sha, idempotencyKey)
                    .ConfigureAwait(false);
                await DeleteAsync(job.Id).ConfigureAwait(false);
                if (winner is null)
                {
                    throw;
                }
                return (winner, false);
            }
            return (job, true);
        }
        catch
        {
            db.ChangeTracker.Clear();
            await DeleteAsync(job.Id).ConfigureAwait(false);
            throw;
        }
    }

    private async Task<BulkJob?> FindAsync(
        Guid organizationId,
        Guid templateId,
        string? sha,
        string? idempotencyKey
    )
    {
        if (idempotencyKey is not null)
        {
            var byKey = await db
                .BulkJobs.AsNoTracking()
                .FirstOrDefaultAsync(j =>
                    j.OrganizationId == organizationId && j.IdempotencyKey == idempotencyKey
                )
                .ConfigureAwait(false);
            if (byKey is not null)
            {
                return byKey;
            }
        }
        return sha is null
            ? null
            : await db
                .BulkJobs.AsNoTracking()
                .FirstOrDefaultAsync(j => j.TemplateId == templateId && j.FileSha256 == sha)
                .ConfigureAwait(false);
    }

    /// <summary>Removes a staging job and its rows (also when the request was cancelled).</summary>
    private async Task DeleteAsync(Guid jobId)
    {
        await db
            .BulkJobRows.Where(r => r.JobId == jobId)
            .ExecuteDeleteAsync(CancellationToken.None)
            .ConfigureAwait(false);
        await db
            .BulkJobs.Where(j => j.Id == jobId)
            .ExecuteDeleteAsync(CancellationToken.None)
            .ConfigureAwait(false);
    }

    private sealed record Staged(int Total, int Failed, List<string> Ignored);

    private async Task<Staged> StageAsync(
        BulkJob job,
        Stream input,
        CancellationToken cancellationToken
    )
    {
        var limits = options.Value;
        var reader = CsvReader.Create(
            input,
            new CsvReaderOptions
            {
                Separator = ',',
                HasHeader = true,
                SkipEmptyLines = true,
                TrackLineNumbers = true,
                AllowLineBreaksInQuotes = true,
                MaxRecordSize = limits.MaxRecordBytes,
                FieldCountMismatch = CsvFieldCountHandling.Allow,
            },
            leaveOpen: true
        );
        await using var _ = reader.ConfigureAwait(false);
        string[] headers;
        try
        {
            await reader.ReadHeaderAsync(cancellationToken).ConfigureAwait(false);
            headers = [.. reader.Headers];
        }
        catch (CsvFormatException e)
        {
            throw FileProblem($"The header cannot be read: {e.Message}");
        }
        if (headers.Length == 0 || headers.All(string.IsNullOrWhiteSpace))
        {
            throw FileProblem("The file is empty: the first line must be a header (email,name,…).");
        }
        if (headers.Any(h => h.Contains('\uFFFD', StringComparison.Ordinal)))
        {
            throw FileProblem(
                "Line 1 is not valid UTF-8: save the file as UTF-8 (or UTF-16 with a byte order mark)."
            );
        }
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        var ignored = new List<string>();
        for (var i = 0; i < headers.Length; i++)
        {
            var name = headers[i].Trim().ToLowerInvariant();
            if (Known.Contains(name) && !columns.ContainsKey(name))
            {
                columns[name] = i;
            }
            else
            {
                ignored.Add(headers[i].Trim());
            }
        }
        foreach (var required in (string[])[EmailColumn, NameColumn])
        {
            if (!columns.ContainsKey(required))
            {
                throw new IssuingException(
                    StatusCodes.Status400BadRequest,
                    "A required column is missing.",
                    $"The header has no '{required}' column (required: email, name; optional: issued, expires, evidence_url, narrative).",
                    required
                );
            }
        }

        var now = time.GetUtcNow();
        var emails = new Dictionary<long, int>();
        var batch = new List<BulkJobRow>(StagingBatch);
        var total = 0;
        var failed = 0;
        var lastLine = 1;
        var previousDetect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            while (true)
            {
                bool more;
                try
                {
                    more = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (CsvFormatException e)
                {
                    throw FileProblem(
                        $"The record after line {lastLine.ToString(CultureInfo.InvariantCulture)} cannot be read (a record may be at most {limits.MaxRecordBytes.ToString("N0", CultureInfo.InvariantCulture)} bytes): {e.Message}"
                    );
                }
                if (!more)
                {
                    break;
                }
                var line = checked((int)reader.LineNumber);
                lastLine = line;
                total++;
                if (total > limits.MaxRows)
                {
                    throw FileProblem(
                        $"The file has more than {limits.MaxRows.ToString("N0", CultureInfo.InvariantCulture)} rows; split it into several files."
                    );
                }
                if (!Utf8.IsValid(reader.RawRecord))
                {
                    throw FileProblem(
                        $"Line {line.ToString(CultureInfo.InvariantCulture)} is not valid UTF-8: save the file as UTF-8 (or UTF-16 with a byte order mark)."
                    );
                }
                var row = ReadRow(reader, job.Id, line, headers.Length, columns, now, emails);
                if (row.State == BulkRowState.Failed)
                {
                    failed++;
                }
                batch.Add(row);
                if (batch.Count == StagingBatch)
                {
                    await FlushAsync(job.Id, batch, cancellationToken).ConfigureAwait(false);
                }
            }
            await FlushAsync(job.Id, batch, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = previousDetect;
        }
        return new Staged(total, failed, ignored);
    }

    private async Task FlushAsync(
        Guid jobId,
        List<BulkJobRow> batch,
        CancellationToken cancellationToken
    )
    {
        if (batch.Count == 0)
        {
            return;
        }
        // Without change tracking: the staged rows are never read back through this context.
        await BulkInsert.InsertAsync(db, batch, cancellationToken).ConfigureAwait(false);
        batch.Clear();
        var beat = time.GetUtcNow().ToUnixTimeMilliseconds();
        await db
            .BulkJobs.Where(j => j.Id == jobId)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.HeartbeatAt, beat), cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>One data row, validated: a pending row, or a failed one naming the column and the reason.</summary>
    private static BulkJobRow ReadRow(
        CsvReader reader,
        Guid jobId,
        int line,
        int headerCount,
        Dictionary<string, int> columns,
        DateTimeOffset now,
        Dictionary<long, int> emails
    )
    {
        string? Field(string column) =>
            columns.TryGetValue(column, out var index) && index < reader.FieldCount
                ? reader.GetString(index)
                : null;

        var row = new BulkJobRow
        {
            JobId = jobId,
            Line = line,
            State = BulkRowState.Pending,
        };
        var email = Field(EmailColumn)?.Trim();
        var name = Field(NameColumn)?.Trim();
        row.Email = Clip(email);
        row.Name = Clip(name);

        if (reader.FieldCount != headerCount)
        {
            return Fail(
                row,
                "row",
                $"has {reader.FieldCount.ToString(CultureInfo.InvariantCulture)} fields, the header has {headerCount.ToString(CultureInfo.InvariantCulture)}."
            );
        }
        for (var i = 0; i < reader.FieldCount; i++)
        {
            if (
                reader.GetSpan(i).Length > BulkLimits.FieldLength
                && reader.GetString(i).Length > BulkLimits.FieldLength
            )
            {
                var column = columns.FirstOrDefault(c => c.Value == i).Key ?? $"column {i + 1}";
                return Fail(
                    row,
                    column,
                    $"is longer than {BulkLimits.FieldLength.ToString("N0", CultureInfo.InvariantCulture)} characters."
                );
            }
        }
        if (
            string.IsNullOrEmpty(email)
            || email.Length > BulkLimits.EmailLength
            || !ValidationErrors.LooksLikeEmail(email)
        )
        {
            return Fail(row, EmailColumn, "is not an e-mail address.");
        }
        if (string.IsNullOrEmpty(name))
        {
            return Fail(row, NameColumn, "is required.");
        }
        if (name.Length > BulkLimits.NameLength)
        {
            return Fail(
                row,
                NameColumn,
                $"is longer than {BulkLimits.NameLength.ToString(CultureInfo.InvariantCulture)} characters."
            );
        }
        DateTimeOffset? issued = null;
        DateTimeOffset? expires = null;
        if (Field(IssuedColumn)?.Trim() is { Length: > 0 } issuedText)
        {
            if (!TryDate(issuedText, out var value))
            {
                return Fail(
                    row,
                    IssuedColumn,
                    "is not a date (use ISO 8601, e.g. 2026-03-01T09:00:00Z)."
                );
            }
            issued = value;
            row.Issued = value.ToString("O", CultureInfo.InvariantCulture);
        }
        if (Field(ExpiresColumn)?.Trim() is { Length: > 0 } expiresText)
        {
            if (!TryDate(expiresText, out var value))
            {
                return Fail(
                    row,
                    ExpiresColumn,
                    "is not a date (use ISO 8601, e.g. 2028-03-01T09:00:00Z)."
                );
            }
            expires = value;
            row.Expires = value.ToString("O", CultureInfo.InvariantCulture);
        }
        if (expires is { } until && until <= (issued ?? now))
        {
            return Fail(row, ExpiresColumn, "must be after 'issued'.");
        }
        if (Field(EvidenceColumn)?.Trim() is { Length: > 0 } evidence)
        {
            if (
                !Uri.TryCreate(evidence, UriKind.Absolute, out var uri)
                || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            )
            {
                return Fail(row, EvidenceColumn, "must be an absolute http or https URL.");
            }
            row.EvidenceUrl = evidence;
        }
        if (Field(NarrativeColumn)?.Trim() is { Length: > 0 } narrative)
        {
            row.Narrative = narrative;
        }
        var key = EmailKey(email);
        if (emails.TryGetValue(key, out var first))
        {
            return Fail(
                row,
                EmailColumn,
                $"same email as line {first.ToString(CultureInfo.InvariantCulture)}."
            );
        }
        emails[key] = line;
        return row;
    }

    private static BulkJobRow Fail(BulkJobRow row, string field, string reason)
    {
        row.State = BulkRowState.Failed;
        row.ErrorField = field;
        row.Error = reason;
        row.Issued = null;
        row.Expires = null;
        row.EvidenceUrl = null;
        row.Narrative = null;
        return row;
    }

    /// <summary>What an error report shows of a value: at most 1,000 characters.</summary>
    private static string? Clip(string? value) =>
        value is null ? null
        : value.Length <= 1000 ? value
        : value[..1000];

    private static bool TryDate(string text, out DateTimeOffset value) =>
        DateTimeOffset.TryParse(
            text,
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal,
            out value
        );

    /// <summary>64 bits of SHA-256 of the upper-cased address: duplicates are found in 8 bytes per row.</summary>
    private static long EmailKey(string email)
    {
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(email.ToUpperInvariant()), digest);
        return BitConverter.ToInt64(digest);
    }

    private static IssuingException FileProblem(string detail) =>
        new(StatusCodes.Status400BadRequest, "The file cannot be read.", detail, "file");

    /// <summary>Passes a stream through, hashing every byte read.</summary>
    private sealed class HashingStream(Stream inner, IncrementalHash hash) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = inner.Read(buffer, offset, count);
            hash.AppendData(buffer, offset, n);
            return n;
        }

        public override int Read(Span<byte> buffer)
        {
            var n = inner.Read(buffer);
            hash.AppendData(buffer[..n]);
            return n;
        }

        public override async ValueTask<int> ReadAsync(
            Memory<byte> buffer,
            CancellationToken cancellationToken = default
        )
        {
            var n = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            hash.AppendData(buffer.Span[..n]);
            return n;
        }

        public override Task<int> ReadAsync(
            byte[] buffer,
            int offset,
            int count,
            CancellationToken cancellationToken
        ) => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush() { }

        public override long Seek(long offset, SeekOrigin origin) =>
            throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) =>
            throw new NotSupportedException();
    }
}
