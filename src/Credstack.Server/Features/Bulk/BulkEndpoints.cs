using System.Globalization;
using Credstack.Server.Data;
using Credstack.Server.Features.Issuing;
using Credstack.Server.Infrastructure.Auth;
using CsvHelper;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Credstack.Server.Features.Bulk;

/// <summary>
/// Bulk issuing: <c>POST /api/v1/templates/{id}/bulk</c> (a CSV file) and the jobs it makes
/// (<c>/api/v1/jobs</c>, their per-row error reports as JSON or CSV).
/// </summary>
internal static class BulkEndpoints
{
    public static IServiceCollection AddBulk(this IServiceCollection services)
    {
        services.AddOptions<BulkOptions>().BindConfiguration(BulkOptions.Section);
        services.AddScoped<BulkUploadService>();
        services.AddScoped<BulkIssuer>();
        services.AddSingleton<BulkWriteGate>();
        services.AddHostedService<BulkIssuingWorker>();
        return services;
    }

    public static IEndpointRouteBuilder MapBulk(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/templates/{id:guid}/bulk", UploadAsync)
            .WithTags("Bulk issuing")
            .RequireAuthorization(Permissions.CredentialsIssue)
            .DisableAntiforgery()
            .WithName("BulkIssueFromTemplate");
        var jobs = app.MapGroup("/api/v1/jobs")
            .WithTags("Bulk issuing")
            .RequireAuthorization(Permissions.CredentialsRead);
        jobs.MapGet("", ListAsync).WithName("ListJobs");
        jobs.MapGet("/{id:guid}", GetAsync).WithName("GetJob");
        jobs.MapGet("/{id:guid}/errors", ErrorsAsync).WithName("GetJobErrors");
        return app;
    }

    internal static async Task<IResult> UploadAsync(
        Guid id,
        HttpContext http,
        BulkUploadService uploads,
        IOptions<BulkOptions> options,
        CancellationToken cancellationToken,
        bool notify = true
    )
    {
        // The file is streamed into the job's rows, so a large upload is fine up to the configured limit.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = options.Value.MaxUploadBytes;
        }
        var key = IssuingEndpoints.IdempotencyKey(http);
        try
        {
            var body = await FileStreamAsync(http, cancellationToken).ConfigureAwait(false);
            var result = await uploads
                .UploadAsync(
                    http.User.GetOrganizationId(),
                    id,
                    body,
                    notify,
                    key,
                    cancellationToken
                )
                .ConfigureAwait(false);
            if (result is not { } found)
            {
                return TypedResults.NotFound();
            }
            http.Response.Headers.Location = $"/api/v1/jobs/{found.Job.Id:D}";
            return found.Created
                ? TypedResults.Json(
                    BulkJobResponse.Of(found.Job),
                    statusCode: StatusCodes.Status202Accepted
                )
                : TypedResults.Ok(BulkJobResponse.Of(found.Job));
        }
        catch (IssuingException e)
        {
            return e.ToResult();
        }
    }

    /// <summary>The CSV bytes: the body itself, or the <c>file</c> part of a multipart/form-data body.</summary>
    private static async Task<Stream> FileStreamAsync(
        HttpContext http,
        CancellationToken cancellationToken
    )
    {
        if (
            !MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var type)
            || !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
        )
        {
            return http.Request.Body;
        }
        var boundary = HeaderUtilities.RemoveQuotes(type.Boundary).Value;
        if (string.IsNullOrEmpty(boundary))
        {
            throw new IssuingException(
                StatusCodes.Status400BadRequest,
                "The upload is not valid multipart/form-data.",
                "has no boundary.",
                "file"
            );
        }
        var reader = new MultipartReader(boundary, http.Request.Body);
        while (
            await reader.ReadNextSectionAsync(cancellationToken).ConfigureAwait(false)
                is { } section
        )
        {
            if (
                ContentDispositionHeaderValue.TryParse(
                    section.ContentDisposition,
                    out var disposition
                )
                && string.Equals(
                    HeaderUtilities.RemoveQuotes(disposition.Name).Value,
                    "file",
                    StringComparison.Ordinal
                )
            )
            {
                // Read while the request streams in: the section is not buffered.
                return section.Body;
            }
        }
        throw new IssuingException(
            StatusCodes.Status400BadRequest,
            "No file was uploaded.",
            "is required: a multipart/form-data field named 'file' holding the CSV.",
            "file"
        );
    }

    internal static async Task<IResult> GetAsync(
        Guid id,
        HttpContext http,
        CredstackDbContext db,
        CancellationToken cancellationToken
    )
    {
        var job = await FindAsync(db, http.User.GetOrganizationId(), id, cancellationToken)
            .ConfigureAwait(false);
        return job is null ? TypedResults.NotFound() : TypedResults.Ok(BulkJobResponse.Of(job));
    }

    internal static async Task<Ok<BulkJobListResponse>> ListAsync(
        HttpContext http,
        CredstackDbContext db,
        CancellationToken cancellationToken,
        int page = 1,
        int pageSize = 50
    )
    {
        var orgId = http.User.GetOrganizationId();
        page = Math.Max(1, page);
        pageSize = Math.Clamp(pageSize, 1, 200);
        var query = db
            .BulkJobs.AsNoTracking()
            .Where(j => j.OrganizationId == orgId && j.Status != BulkJobStatus.Staging);
        var total = await query.CountAsync(cancellationToken).ConfigureAwait(false);
        // Version 7 ids grow with time: newest first.
        var jobs = await query
            .OrderByDescending(j => j.Id)
            .Skip((page - 1) * pageSize)
            .Take(pageSize)
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);
        return TypedResults.Ok(
            new BulkJobListResponse([.. jobs.Select(BulkJobResponse.Of)], page, pageSize, total)
        );
    }

    internal static async Task<IResult> ErrorsAsync(
        Guid id,
        HttpContext http,
        CredstackDbContext db,
        CancellationToken cancellationToken,
        string? format = null,
        int page = 1,
        int pageSize = 100
    )
    {
        var job = await FindAsync(db, http.User.GetOrganizationId(), id, cancellationToken)
            .ConfigureAwait(false);
        if (job is null)
        {
            return TypedResults.NotFound();
        }
        var errors = db
            .BulkJobRows.AsNoTracking()
            .Where(r => r.JobId == id && r.State == BulkRowState.Failed)
            .OrderBy(r => r.Line);
        var csv =
            string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase)
            || (
                format is null
                && http.Request.GetTypedHeaders()
                    .Accept.Any(a =>
                        a.MediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase)
                    )
            );
        if (csv)
        {
            await WriteCsvAsync(http, job, errors, cancellationToken).ConfigureAwait(false);
            return TypedResults.Empty;
        }
        page = Math.Max(1, page);
        pageSize = Math.Clamp(pageSize, 1, 1000);
        var total = await errors.CountAsync(cancellationToken).ConfigureAwait(false);
        var items = await errors
            .Skip((page - 1) * pageSize)
            .Take(pageSize)
            .Select(r => new BulkRowError(r.Line, r.ErrorField, r.Error, r.Email, r.Name))
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);
        return TypedResults.Ok(new BulkErrorListResponse(items, page, pageSize, total));
    }

    /// <summary>
    /// The error report as CSV (columns line, field, reason, email, name). Every text cell that a
    /// spreadsheet would run as a formula (starting with = + - @, tab or CR) gets a leading single quote
    /// (OWASP CSV injection), and is quoted.
    /// </summary>
    private static async Task WriteCsvAsync(
        HttpContext http,
        BulkJob job,
        IQueryable<BulkJobRow> errors,
        CancellationToken cancellationToken
    )
    {
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition =
            $"attachment; filename=\"job-{job.Id:D}-errors.csv\"";
        var writer = CsvWriter.Create(
            http.Response.Body,
            new CsvWriterOptions { Injection = CsvInjection.Escape },
            leaveOpen: true
        );
        await using (writer.ConfigureAwait(false))
        {
            writer.WriteRecord(["line", "field", "reason", "email", "name"]);
            await foreach (
                var row in errors
                    .Select(r => new BulkRowError(r.Line, r.ErrorField, r.Error, r.Email, r.Name))
                    .AsAsyncEnumerable()
                    .WithCancellation(cancellationToken)
                    .ConfigureAwait(false)
            )
            {
                writer.WriteField(row.Line.ToString(CultureInfo.InvariantCulture));
                writer.WriteField(row.Field);
                writer.WriteField(row.Reason);
                writer.WriteField(row.Email);
                writer.WriteField(row.Name);
                await writer.EndRecordAsync(cancellationToken).ConfigureAwait(false);
            }
            await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static Task<BulkJob?> FindAsync(
        CredstackDbContext db,
        Guid organizationId,
        Guid id,
        CancellationToken cancellationToken
    ) =>
        db
            .BulkJobs.AsNoTracking()
            .FirstOrDefaultAsync(
                j =>
                    j.Id == id
                    && j.OrganizationId == organizationId
                    && j.Status != BulkJobStatus.Staging,
                cancellationToken
            );
}

/// <summary>A bulk job as the API shows it.</summary>
internal sealed record BulkJobResponse(
    Guid Id,
    Guid TemplateId,
    int TemplateVersion,
    string Status,
    int Total,
    int Done,
    int Failed,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? CompletedAt,
    string? FileSha256,
    bool Notify,
    IReadOnlyList<string> IgnoredColumns,
    string? Error
)
{
    public static BulkJobResponse Of(BulkJob job) =>
        new(
            job.Id,
            job.TemplateId,
            job.TemplateVersion,
            job.Status,
            job.Total,
            job.Done,
            job.Failed,
            job.CreatedAt,
            job.StartedAt,
            job.CompletedAt,
            job.FileSha256,
            job.Notify,
            job.IgnoredColumns?.Split(',') ?? [],
            job.Error
        );
}

/// <summary>A page of jobs, newest first.</summary>
internal sealed record BulkJobListResponse(
    IReadOnlyList<BulkJobResponse> Items,
    int Page,
    int PageSize,
    int Total
);

/// <summary>One rejected row: its line in the file, the column at fault and why.</summary>
internal sealed record BulkRowError(
    int Line,
    string? Field,
    string? Reason,
    string? Email,
    string? Name
);

/// <summary>A page of rejected rows, in line order.</summary>
internal sealed record BulkErrorListResponse(
    IReadOnlyList<BulkRowError> Items,
    int Page,
    int PageSize,
    int Total
);
