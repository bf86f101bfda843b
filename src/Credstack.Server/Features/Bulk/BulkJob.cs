namespace Credstack.Server.Features.Bulk;

/// <summary>
/// A bulk issuing job: one CSV file for one template version. Its rows (<see cref="BulkJobRow"/>) are the
/// durable work queue; the counters are updated in the same transaction that stores the credentials.
/// </summary>
internal sealed class BulkJob
{
    public Guid Id { get; set; }

    public Guid OrganizationId { get; set; }

    public Guid TemplateId { get; set; }

    /// <summary>The template version current at upload: every credential of the job is issued from it.</summary>
    public int TemplateVersion { get; set; }

    /// <summary>See <see cref="BulkJobStatus"/>.</summary>
    public required string Status { get; set; }

    /// <summary>Data rows in the file (header excluded).</summary>
    public int Total { get; set; }

    /// <summary>Credentials issued.</summary>
    public int Done { get; set; }

    /// <summary>Rows rejected.</summary>
    public int Failed { get; set; }

    /// <summary>SHA-256 (hex) of the uploaded bytes; set when staging is complete.</summary>
    public string? FileSha256 { get; set; }

    /// <summary>The <c>Idempotency-Key</c> of the upload; set when staging is complete.</summary>
    public string? IdempotencyKey { get; set; }

    /// <summary>Whether each recipient is sent an e-mail.</summary>
    public bool Notify { get; set; }

    /// <summary>Columns of the file that were not used, comma-separated, or null.</summary>
    public string? IgnoredColumns { get; set; }

    /// <summary>Why the job failed, when it did.</summary>
    public string? Error { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>While staging: the last sign of life of the upload (Unix milliseconds); a stale staging job is removed.</summary>
    public long HeartbeatAt { get; set; }
}

/// <summary>The states of a <see cref="BulkJob"/>.</summary>
internal static class BulkJobStatus
{
    /// <summary>The upload is still being read; a job never runs from this state.</summary>
    public const string Staging = "staging";
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Completed = "completed";
    public const string Failed = "failed";
}

/// <summary>One data row of a bulk job's file, as validated at upload, and what became of it.</summary>
internal sealed class BulkJobRow
{
    public Guid JobId { get; set; }

    /// <summary>The physical line the row starts on (the header is line 1).</summary>
    public int Line { get; set; }

    /// <summary>See <see cref="BulkRowState"/>.</summary>
    public int State { get; set; }

    public string? Email { get; set; }

    public string? Name { get; set; }

    /// <summary>ISO 8601 (round-trip), or null for "when issued".</summary>
    public string? Issued { get; set; }

    /// <summary>ISO 8601 (round-trip), or null for the template's validity.</summary>
    public string? Expires { get; set; }

    public string? EvidenceUrl { get; set; }

    public string? Narrative { get; set; }

    /// <summary>The CSV column at fault, for a failed row.</summary>
    public string? ErrorField { get; set; }

    /// <summary>Why the row failed.</summary>
    public string? Error { get; set; }

    /// <summary>The issued credential (<c>IssuedCredential.Id</c>).</summary>
    public Guid? CredentialId { get; set; }

    /// <summary>The claim that holds the row (a random token per claim), while it is being issued.</summary>
    public string? LeaseOwner { get; set; }

    /// <summary>Until when (Unix milliseconds) the claim holds; after that any node may claim the row again.</summary>
    public long? LeaseUntil { get; set; }

    /// <summary>
    /// The node (<c>Credstack:NodeId</c>) that stored the row's credential, written in the same transaction:
    /// shows how several server processes shared a job.
    /// </summary>
    public string? IssuedBy { get; set; }

    /// <summary>
    /// How many times storing the row failed for a reason other than another node having issued it (the
    /// last reason is in <see cref="Error"/> while the row is pending); at <see cref="BulkOptions.MaxAttempts"/>
    /// the row fails with that reason.
    /// </summary>
    public int FailedAttempts { get; set; }
}

/// <summary>The states of a <see cref="BulkJobRow"/>.</summary>
internal static class BulkRowState
{
    /// <summary>Not issued yet; the lowest state (the claim picks pending rows as <c>State &lt;= Pending</c>).</summary>
    public const int Pending = 0;
    public const int Issued = 1;
    public const int Failed = 2;
}

/// <summary>Limits on the content of a bulk file.</summary>
internal static class BulkLimits
{
    /// <summary>The longest field, in characters.</summary>
    public const int FieldLength = 10_000;

    /// <summary>The longest recipient name, in characters.</summary>
    public const int NameLength = 500;

    /// <summary>The longest e-mail address.</summary>
    public const int EmailLength = 320;
}
