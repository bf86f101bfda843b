namespace Credstack.Server.Features.Bulk;

/// <summary>The <c>Credstack:Bulk</c> configuration section.</summary>
internal sealed class BulkOptions
{
    public const string Section = "Credstack:Bulk";

    /// <summary>The most data rows a file may have.</summary>
    public int MaxRows { get; set; } = 1_000_000;

    /// <summary>The largest record (in bytes of UTF-8) a file may have; a longer one refuses the file.</summary>
    public int MaxRecordBytes { get; set; } = 1024 * 1024;

    /// <summary>The largest upload, in bytes.</summary>
    public long MaxUploadBytes { get; set; } = 1024L * 1024 * 1024;

    /// <summary>How long a claim on a chunk of rows holds before another node may take them over.</summary>
    public int LeaseSeconds { get; set; } = 30;

    /// <summary>Rows claimed and issued together (one transaction).</summary>
    public int ChunkSize { get; set; } = 1000;

    /// <summary>
    /// Concurrent chunk loops per server process: with two, one loop signs its chunk (in parallel) while the
    /// other stores its own, so the database writer and the signers overlap.
    /// </summary>
    public int Workers { get; set; } = 2;

    /// <summary>
    /// How many times a row may fail to be stored (a failed commit, other than a conflict with another
    /// node) before it is reported as failed with the reason, so that one bad row cannot stall its job.
    /// </summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>How long the worker waits before looking again when there was nothing to do.</summary>
    public int IdlePollMilliseconds { get; set; } = 200;
}
