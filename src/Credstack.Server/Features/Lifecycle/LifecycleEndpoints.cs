using System.Text.Json.Nodes;
using Credstack.Server.Data;
using Credstack.Server.Features.Issuing;
using Credstack.Server.Features.Templates;
using Credstack.Server.Infrastructure.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace Credstack.Server.Features.Lifecycle;

/// <summary>
/// Credential lifecycle: list, read, revoke, suspend (<c>/api/v1/credentials</c>, VC-API
/// <c>/credentials/status</c>), and what is public: credentials, status lists, achievement images.
/// </summary>
internal static class LifecycleEndpoints
{
    /// <summary>The largest page of <c>GET /api/v1/credentials</c>.</summary>
    public const int MaxPageSize = 200;

    public static IServiceCollection AddLifecycle(this IServiceCollection services) =>
        services.AddScoped<LifecycleService>();

    public static IEndpointRouteBuilder MapLifecycle(this IEndpointRouteBuilder app)
    {
        var read = app.MapGroup("/api/v1/credentials")
            .WithTags("Credentials")
            .RequireAuthorization(Permissions.CredentialsRead);
        read.MapGet("", ListAsync).WithName("ListCredentials");
        read.MapGet("/{id:guid}", GetAsync).WithName("GetCredential");

        var status = app.MapGroup("/api/v1/credentials")
            .WithTags("Credentials")
            .RequireAuthorization(Permissions.CredentialsStatus);
        status
            .MapPost(
                "/{id:guid}/revoke",
                (
                    Guid id,
                    RevokeRequest? request,
                    HttpContext http,
                    LifecycleService lifecycle,
                    TimeProvider time,
                    CancellationToken ct
                ) =>
                    ChangeAsync(
                        id,
                        CredentialStatusNames.Revoked,
                        request?.Reason,
                        http,
                        lifecycle,
                        time,
                        ct
                    )
            )
            .WithName("RevokeCredential");
        status
            .MapPost(
                "/{id:guid}/suspend",
                (
                    Guid id,
                    HttpContext http,
                    LifecycleService lifecycle,
                    TimeProvider time,
                    CancellationToken ct
                ) =>
                    ChangeAsync(
                        id,
                        CredentialStatusNames.Suspended,
                        null,
                        http,
                        lifecycle,
                        time,
                        ct
                    )
            )
            .WithName("SuspendCredential");
        status
            .MapPost(
                "/{id:guid}/unsuspend",
                (
                    Guid id,
                    HttpContext http,
                    LifecycleService lifecycle,
                    TimeProvider time,
                    CancellationToken ct
                ) => ChangeAsync(id, "unsuspended", null, http, lifecycle, time, ct)
            )
            .WithName("UnsuspendCredential");
        app.MapPost("/credentials/status", VcApiStatusAsync)
            .WithTags("VC-API")
            .RequireAuthorization(Permissions.CredentialsStatus)
            .WithName("VcApiUpdateStatus");

        var open = app.MapGroup("").WithTags("Public").AllowAnonymous();
        open.MapGet("/credentials/{id:guid}", PublicCredentialAsync)
            .WithName("GetPublicCredential");
        open.MapGet("/status/{orgId:guid}/{purpose}/{number:int}", StatusListAsync)
            .WithName("GetStatusList");
        open.MapGet("/images/{id:guid}", ImageAsync).WithName("GetAchievementImage");
        return app;
    }

    /// <summary>
    /// Lists the organisation's credentials, newest first: filtered by template, status and free text
    /// (credential name, recipient name or e-mail, credential id; case-insensitive) and paged, all in the
    /// database query, which returns one page and the total.
    /// </summary>
    internal static async Task<Results<Ok<CredentialListResponse>, ValidationProblem>> ListAsync(
        HttpContext http,
        CredstackDbContext db,
        TimeProvider time,
        CancellationToken cancellationToken,
        Guid? template = null,
        Guid? job = null,
        string? status = null,
        string? q = null,
        int page = 1,
        int pageSize = 50
    )
    {
        var orgId = http.User.GetOrganizationId();
        page = Math.Max(1, page);
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        var query = db.Credentials.AsNoTracking().Where(c => c.OrganizationId == orgId);
        if (template is { } templateId)
        {
            query = query.Where(c => c.TemplateId == templateId);
        }
        if (!string.IsNullOrWhiteSpace(status))
        {
            var now = time.GetUtcNow();
            // The same precedence as CredentialStatusNames.Of: revoked, suspended, expired, active.
            IQueryable<IssuedCredential>? filtered = status.Trim().ToLowerInvariant() switch
            {
                CredentialStatusNames.Revoked => query.Where(c => c.Revoked),
                CredentialStatusNames.Suspended => query.Where(c => !c.Revoked && c.Suspended),
                CredentialStatusNames.Expired => query.Where(c =>
                    !c.Revoked && !c.Suspended && c.ValidUntil != null && c.ValidUntil <= now
                ),
                CredentialStatusNames.Active => query.Where(c =>
                    !c.Revoked && !c.Suspended && (c.ValidUntil == null || c.ValidUntil > now)
                ),
                _ => null,
            };
            if (filtered is null)
            {
                return TypedResults.ValidationProblem(
                    new Dictionary<string, string[]>
                    {
                        ["status"] = ["must be 'active', 'revoked', 'suspended' or 'expired'."],
                    }
                );
            }
            query = filtered;
        }
        if (!string.IsNullOrWhiteSpace(q))
        {
            // lower() on both sides: PostgreSQL's is Unicode-aware; on SQLite the server registers a
            // Unicode-aware lower() on every connection (SqliteFunctions). Contains becomes instr/strpos,
            // so '%' and '_' in the search text are plain characters.
            var text = q.Trim().ToLowerInvariant();
#pragma warning disable CA1862 // a StringComparison overload has no SQL translation; lower() is the portable form
            query = query.Where(c =>
                (c.Name != null && c.Name.ToLower().Contains(text))
                || (c.RecipientName != null && c.RecipientName.ToLower().Contains(text))
                || (c.RecipientEmail != null && c.RecipientEmail.ToLower().Contains(text))
                || c.CredentialId.ToLower().Contains(text)
            );
#pragma warning restore CA1862
        }
        if (job is { } jobId)
        {
            query = query.Where(c => c.BulkJobId == jobId);
        }
        var total = await query.CountAsync(cancellationToken).ConfigureAwait(false);
        // The content stays in the database: the list shows summaries only.
        var rows = await query
            .OrderByDescending(c => c.IssuedAt)
            .ThenByDescending(c => c.Id)
            .Skip((page - 1) * pageSize)
            .Take(pageSize)
            .Select(IssuedCredential.WithoutContent)
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);
        var at = time.GetUtcNow();
        return TypedResults.Ok(
            new CredentialListResponse(
                rows.ConvertAll(r => ToSummary(r, at)),
                page,
                pageSize,
                total
            )
        );
    }

    internal static async Task<Results<Ok<CredentialDetail>, NotFound>> GetAsync(
        Guid id,
        HttpContext http,
        LifecycleService lifecycle,
        TimeProvider time,
        CancellationToken cancellationToken
    )
    {
        var credential = await lifecycle
            .FindAsync(http.User.GetOrganizationId(), id, cancellationToken)
            .ConfigureAwait(false);
        return credential is null
            ? TypedResults.NotFound()
            : TypedResults.Ok(Detail(credential, time));
    }

    private static async Task<IResult> ChangeAsync(
        Guid id,
        string change,
        string? reason,
        HttpContext http,
        LifecycleService lifecycle,
        TimeProvider time,
        CancellationToken cancellationToken
    )
    {
        if (reason is { Length: > 1000 })
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]>
                {
                    ["reason"] = ["must be at most 1000 characters."],
                }
            );
        }
        var credential = await lifecycle
            .FindAsync(http.User.GetOrganizationId(), id, cancellationToken)
            .ConfigureAwait(false);
        if (credential is null)
        {
            return TypedResults.NotFound();
        }
        try
        {
            await lifecycle
                .ChangeAsync(credential, change, reason?.Trim(), cancellationToken)
                .ConfigureAwait(false);
        }
        catch (IssuingException e)
        {
            return e.ToResult();
        }
        return TypedResults.Ok(ToSummary(credential, time.GetUtcNow()));
    }

    /// <summary>
    /// VC-API <c>POST /credentials/status</c>: <c>{credentialId, credentialStatus: [{type, status}]}</c>,
    /// <c>status</c> one of revoked, suspended, unsuspended.
    /// </summary>
    internal static async Task<IResult> VcApiStatusAsync(
        JsonObject body,
        HttpContext http,
        CredstackDbContext db,
        LifecycleService lifecycle,
        TimeProvider time,
        CancellationToken cancellationToken
    )
    {
        var orgId = http.User.GetOrganizationId();
        var credentialId =
            body["credentialId"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
        if (string.IsNullOrWhiteSpace(credentialId))
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["credentialId"] = ["is required."] }
            );
        }
        if (body["credentialStatus"] is not JsonArray { Count: > 0 } changes)
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]>
                {
                    ["credentialStatus"] = ["must be a non-empty array of {type, status}."],
                }
            );
        }
        var credential = await db
            .Credentials.FirstOrDefaultAsync(
                c => c.OrganizationId == orgId && c.CredentialId == credentialId,
                cancellationToken
            )
            .ConfigureAwait(false);
        if (credential is null && Guid.TryParse(credentialId, out var guid))
        {
            credential = await lifecycle
                .FindAsync(orgId, guid, cancellationToken)
                .ConfigureAwait(false);
        }
        if (credential is null)
        {
            return TypedResults.NotFound();
        }
        try
        {
            for (var i = 0; i < changes.Count; i++)
            {
                var change =
                    changes[i]?["status"] is JsonValue sv && sv.TryGetValue<string>(out var st)
                        ? st.Trim().ToLowerInvariant()
                        : null;
                await lifecycle
                    .ChangeAsync(credential, change ?? "", null, cancellationToken)
                    .ConfigureAwait(false);
            }
        }
        catch (IssuingException e)
        {
            return e.ToResult();
        }
        return TypedResults.Ok(ToSummary(credential, time.GetUtcNow()));
    }

    internal static async Task<IResult> PublicCredentialAsync(
        Guid id,
        CredstackDbContext db,
        CancellationToken cancellationToken
    )
    {
        var credential = await db
            .Credentials.AsNoTracking()
            .FirstOrDefaultAsync(c => c.Id == id, cancellationToken)
            .ConfigureAwait(false);
        if (credential is null)
        {
            return TypedResults.NotFound();
        }
        // Exactly the signed bytes: a JSON-LD credential, or the compact VC-JWT (VC-JOSE-COSE §6.1 media type).
        return credential.Format == IssuingService.FormatJwt
            ? TypedResults.Text(credential.Content, "application/vc+jwt")
            : TypedResults.Text(credential.Content, "application/json");
    }

    internal static async Task<IResult> StatusListAsync(
        Guid orgId,
        string purpose,
        int number,
        HttpContext http,
        StatusListService statusLists,
        CancellationToken cancellationToken
    )
    {
        var list = await statusLists
            .GetSignedAsync(orgId, purpose, number, cancellationToken)
            .ConfigureAwait(false);
        if (list is not { } found)
        {
            return TypedResults.NotFound();
        }
        var headers = http.Response.GetTypedHeaders();
        headers.ETag = new EntityTagHeaderValue(found.ETag);
        // Short caching: a revocation must reach verifiers soon (Bitstring Status List v1.0 §6.2 caching).
        headers.CacheControl = new CacheControlHeaderValue
        {
            Public = true,
            MaxAge = TimeSpan.FromMinutes(1),
        };
        if (
            http
                .Request.GetTypedHeaders()
                .IfNoneMatch.Any(t => t.Tag.Equals(found.ETag, StringComparison.Ordinal))
        )
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }
        return TypedResults.Text(found.Json, "application/json");
    }

    internal static async Task<IResult> ImageAsync(
        Guid id,
        HttpContext http,
        CredstackDbContext db,
        CancellationToken cancellationToken
    )
    {
        var image = await db
            .TemplateImages.AsNoTracking()
            .FirstOrDefaultAsync(i => i.Id == id, cancellationToken)
            .ConfigureAwait(false);
        if (image is null)
        {
            return TypedResults.NotFound();
        }
        // The same protections as the template image endpoint: an SVG runs nothing.
        http.Response.Headers.ContentSecurityPolicy =
            "default-src 'none'; style-src 'unsafe-inline'; img-src data:";
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.GetTypedHeaders().CacheControl = new CacheControlHeaderValue
        {
            Public = true,
            MaxAge = TimeSpan.FromDays(365),
        };
        return TypedResults.File(
            image.Content,
            image.MediaType,
            entityTag: new EntityTagHeaderValue($"\"{image.Sha256}\"")
        );
    }

    private static CredentialDetail Detail(IssuedCredential c, TimeProvider time) =>
        new(ToSummary(c, time.GetUtcNow()), JsonNode.Parse(IssuingEndpoints.RawJson(c))!);

    internal static CredentialSummary ToSummary(IssuedCredential c, DateTimeOffset now) =>
        new(
            c.Id,
            c.CredentialId,
            c.TemplateId,
            c.TemplateVersion,
            c.Name,
            c.RecipientName,
            c.RecipientEmail,
            c.Format,
            CredentialStatusNames.Of(c, now),
            c.IssuedAt,
            c.ValidUntil,
            c.RevokedAt,
            c.RevocationReason
        );
}
