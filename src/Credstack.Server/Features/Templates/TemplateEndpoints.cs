using System.Security.Cryptography;
using Credstack.Server.Data;
using Credstack.Server.Infrastructure.Auth;
using Credstack.Server.Infrastructure.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace Credstack.Server.Features.Templates;

/// <summary>
/// <c>/api/v1/templates</c>: credential designs (OB 3.0 Achievements). Every edit (content or image)
/// adds a version; old versions stay readable at <c>/versions/{n}</c>.
/// </summary>
internal static class TemplateEndpoints
{
    public const string PngMediaType = "image/png";
    public const string SvgMediaType = "image/svg+xml";

    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public static IServiceCollection AddTemplates(this IServiceCollection services) => services;

    public static IEndpointRouteBuilder MapTemplates(this IEndpointRouteBuilder app)
    {
        var read = app.MapGroup("/api/v1/templates")
            .WithTags("Templates")
            .RequireAuthorization(Permissions.TemplatesRead);
        read.MapGet("", ListAsync).WithName("ListTemplates");
        read.MapGet("/{id:guid}", GetAsync).WithName("GetTemplate");
        read.MapGet("/{id:guid}/versions", ListVersionsAsync).WithName("ListTemplateVersions");
        read.MapGet("/{id:guid}/versions/{version:int}", GetVersionAsync)
            .WithName("GetTemplateVersion");
        read.MapGet("/{id:guid}/image", GetImageAsync).WithName("GetTemplateImage");
        read.MapGet("/{id:guid}/versions/{version:int}/image", GetVersionImageAsync)
            .WithName("GetTemplateVersionImage");

        var write = app.MapGroup("/api/v1/templates")
            .WithTags("Templates")
            .RequireAuthorization(Permissions.TemplatesWrite);
        write.MapPost("", CreateAsync).WithName("CreateTemplate");
        write.MapPut("/{id:guid}", UpdateAsync).WithName("UpdateTemplate");
        write
            .MapPut("/{id:guid}/image", UploadImageAsync)
            .WithName("UploadTemplateImage")
            .Accepts<byte[]>(PngMediaType, SvgMediaType);
        write
            .MapPost(
                "/{id:guid}/archive",
                (
                    Guid id,
                    HttpContext http,
                    CredstackDbContext db,
                    TimeProvider time,
                    CancellationToken ct
                ) => SetArchivedAsync(id, true, http, db, time, ct)
            )
            .WithName("ArchiveTemplate");
        write
            .MapPost(
                "/{id:guid}/unarchive",
                (
                    Guid id,
                    HttpContext http,
                    CredstackDbContext db,
                    TimeProvider time,
                    CancellationToken ct
                ) => SetArchivedAsync(id, false, http, db, time, ct)
            )
            .WithName("UnarchiveTemplate");
        write.MapDelete("/{id:guid}", DeleteAsync).WithName("DeleteTemplate");
        return app;
    }

    internal static async Task<Ok<TemplateListResponse>> ListAsync(
        HttpContext http,
        CredstackDbContext db,
        CancellationToken cancellationToken,
        bool? archived = null,
        string? kind = null,
        string? tag = null,
        string? q = null,
        int offset = 0,
        int limit = 50
    )
    {
        var orgId = http.User.GetOrganizationId();
        offset = Math.Max(0, offset);
        limit = Math.Clamp(limit, 1, 200);
        var query =
            from t in db.Templates.AsNoTracking()
            join v in db.TemplateVersions.AsNoTracking()
                on new { TemplateId = t.Id, Version = t.CurrentVersion } equals new
                {
                    v.TemplateId,
                    v.Version,
                }
            where t.OrganizationId == orgId
            select new { Template = t, Version = v };
        // Archived templates are hidden unless asked for.
        query = query.Where(x => x.Template.Archived == (archived ?? false));
        if (TemplateKindNames.TryParse(kind, out var parsedKind))
        {
            query = query.Where(x => x.Version.Kind == parsedKind);
        }
        var rows = await query
            .OrderBy(x => x.Template.Id)
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);

        // Tags and free text are matched here: tags live in a JSON column, and the lists are per organisation.
        IEnumerable<TemplateResponse> items = rows.Select(r => ToResponse(r.Template, r.Version));
        if (!string.IsNullOrWhiteSpace(tag))
        {
            items = items.Where(i => i.Tags.Contains(tag.Trim(), StringComparer.OrdinalIgnoreCase));
        }
        if (!string.IsNullOrWhiteSpace(q))
        {
            var text = q.Trim();
            items = items.Where(i =>
                i.Name.Contains(text, StringComparison.OrdinalIgnoreCase)
                || i.Description.Contains(text, StringComparison.OrdinalIgnoreCase)
            );
        }
        var all = items.ToList();
        return TypedResults.Ok(
            new TemplateListResponse([.. all.Skip(offset).Take(limit)], offset, limit, all.Count)
        );
    }

    internal static async Task<Results<Ok<TemplateResponse>, NotFound>> GetAsync(
        Guid id,
        HttpContext http,
        CredstackDbContext db,
        CancellationToken cancellationToken
    )
    {
        var template = await FindAsync(db, http, id, cancellationToken).ConfigureAwait(false);
        if (template is null)
        {
            return TypedResults.NotFound();
        }
        var version = await LoadVersionAsync(db, id, template.CurrentVersion, cancellationToken)
            .ConfigureAwait(false);
        return version is null
            ? TypedResults.NotFound()
            : TypedResults.Ok(ToResponse(template, version));
    }

    internal static async Task<Results<Ok<List<TemplateResponse>>, NotFound>> ListVersionsAsync(
        Guid id,
        HttpContext http,
        CredstackDbContext db,
        CancellationToken cancellationToken
    )
    {
        var template = await FindAsync(db, http, id, cancellationToken).ConfigureAwait(false);
        if (template is null)
        {
            return TypedResults.NotFound();
        }
        var versions = await db
            .TemplateVersions.AsNoTracking()
            .Where(v => v.TemplateId == id)
            .OrderBy(v => v.Version)
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);
        return TypedResults.Ok(versions.ConvertAll(v => ToResponse(template, v)));
    }

    internal static async Task<Results<Ok<TemplateResponse>, NotFound>> GetVersionAsync(
        Guid id,
        int version,
        HttpContext http,
        CredstackDbContext db,
        CancellationToken cancellationToken
    )
    {
        var template = await FindAsync(db, http, id, cancellationToken).ConfigureAwait(false);
        if (template is null)
        {
            return TypedResults.NotFound();
        }
        var row = await LoadVersionAsync(db, id, version, cancellationToken).ConfigureAwait(false);
        return row is null ? TypedResults.NotFound() : TypedResults.Ok(ToResponse(template, row));
    }

    internal static async Task<Results<Created<TemplateResponse>, ValidationProblem>> CreateAsync(
        TemplateRequest request,
        HttpContext http,
        CredstackDbContext db,
        TimeProvider time,
        CancellationToken cancellationToken
    )
    {
        var now = time.GetUtcNow();
        var template = new CredentialTemplate
        {
            Id = Guid.CreateVersion7(now),
            OrganizationId = http.User.GetOrganizationId(),
            CurrentVersion = 1,
            CreatedAt = now,
            UpdatedAt = now,
        };
        var version = new CredentialTemplateVersion
        {
            Id = Guid.CreateVersion7(now),
            TemplateId = template.Id,
            Version = 1,
            Name = "",
            Description = "",
            CreatedAt = now,
        };
        var errors = new ValidationErrors();
        if (!TemplateValidation.TryApply(request, version, errors))
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }
        db.Templates.Add(template);
        db.TemplateVersions.Add(version);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.Created(
            $"/api/v1/templates/{template.Id}",
            ToResponse(template, version)
        );
    }

    internal static async Task<
        Results<Ok<TemplateResponse>, ValidationProblem, NotFound, ProblemHttpResult>
    > UpdateAsync(
        Guid id,
        TemplateRequest request,
        HttpContext http,
        CredstackDbContext db,
        TimeProvider time,
        CancellationToken cancellationToken
    )
    {
        var template = await FindAsync(db, http, id, cancellationToken, tracking: true)
            .ConfigureAwait(false);
        if (template is null)
        {
            return TypedResults.NotFound();
        }
        var current = await LoadVersionAsync(db, id, template.CurrentVersion, cancellationToken)
            .ConfigureAwait(false);
        var now = time.GetUtcNow();
        var version = new CredentialTemplateVersion
        {
            Id = Guid.CreateVersion7(now),
            TemplateId = id,
            Version = template.CurrentVersion + 1,
            Name = "",
            Description = "",
            ImageId = current?.ImageId, // the image stays until a new one is uploaded
            CreatedAt = now,
        };
        var errors = new ValidationErrors();
        if (!TemplateValidation.TryApply(request, version, errors))
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }
        if (
            !await TryAddVersionAsync(db, template, version, now, cancellationToken)
                .ConfigureAwait(false)
        )
        {
            return ConcurrentEdit();
        }
        return TypedResults.Ok(ToResponse(template, version));
    }

    internal static async Task<
        Results<Ok<TemplateResponse>, ValidationProblem, NotFound, ProblemHttpResult>
    > UploadImageAsync(
        Guid id,
        HttpContext http,
        CredstackDbContext db,
        TimeProvider time,
        CancellationToken cancellationToken
    )
    {
        var mediaType = MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var parsed)
            ? parsed.MediaType.Value?.ToLowerInvariant()
            : null;
        if (mediaType is not (PngMediaType or SvgMediaType))
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "The image must be sent as image/png or image/svg+xml.",
                type: ProblemTypes.UnsupportedImage,
                extensions: new Dictionary<string, object?> { ["field"] = "image" }
            );
        }
        if (http.Request.ContentLength > TemplateLimits.ImageBytes)
        {
            return TooLarge();
        }
        var content = await ReadLimitedAsync(
                http.Request.Body,
                TemplateLimits.ImageBytes,
                cancellationToken
            )
            .ConfigureAwait(false);
        if (content is null)
        {
            return TooLarge();
        }

        if (mediaType == PngMediaType)
        {
            if (
                content.Length < PngSignature.Length
                || !content.AsSpan(0, PngSignature.Length).SequenceEqual(PngSignature)
            )
            {
                return ImageInvalid("is not a PNG file (wrong signature).");
            }
        }
        else
        {
            var (svg, error) = SvgSanitizer.Sanitize(content);
            if (svg is null)
            {
                return ImageInvalid(error ?? "is not a safe SVG.");
            }
            content = svg;
        }

        var template = await FindAsync(db, http, id, cancellationToken, tracking: true)
            .ConfigureAwait(false);
        if (template is null)
        {
            return TypedResults.NotFound();
        }
        var current = await LoadVersionAsync(db, id, template.CurrentVersion, cancellationToken)
            .ConfigureAwait(false);
        if (current is null)
        {
            return TypedResults.NotFound();
        }
        var now = time.GetUtcNow();
        var image = new TemplateImage
        {
            Id = Guid.CreateVersion7(now),
            OrganizationId = template.OrganizationId,
            MediaType = mediaType,
            Content = content,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(content)),
            CreatedAt = now,
        };
        db.TemplateImages.Add(image);
        var version = new CredentialTemplateVersion
        {
            Id = Guid.CreateVersion7(now),
            TemplateId = id,
            Version = template.CurrentVersion + 1,
            Kind = current.Kind,
            Name = current.Name,
            Description = current.Description,
            CriteriaNarrative = current.CriteriaNarrative,
            CriteriaUrl = current.CriteriaUrl,
            SkillsJson = current.SkillsJson,
            Level = current.Level,
            EffortHours = current.EffortHours,
            EffortCredits = current.EffortCredits,
            ValidityDays = current.ValidityDays,
            TagsJson = current.TagsJson,
            ImageId = image.Id,
            CreatedAt = now,
        };
        if (
            !await TryAddVersionAsync(db, template, version, now, cancellationToken)
                .ConfigureAwait(false)
        )
        {
            return ConcurrentEdit();
        }
        return TypedResults.Ok(ToResponse(template, version));
    }

    internal static async Task<Results<FileContentHttpResult, NotFound>> GetImageAsync(
        Guid id,
        HttpContext http,
        CredstackDbContext db,
        CancellationToken cancellationToken
    )
    {
        var template = await FindAsync(db, http, id, cancellationToken).ConfigureAwait(false);
        return template is null
            ? TypedResults.NotFound()
            : await GetVersionImageAsync(id, template.CurrentVersion, http, db, cancellationToken)
                .ConfigureAwait(false);
    }

    internal static async Task<Results<FileContentHttpResult, NotFound>> GetVersionImageAsync(
        Guid id,
        int version,
        HttpContext http,
        CredstackDbContext db,
        CancellationToken cancellationToken
    )
    {
        var orgId = http.User.GetOrganizationId();
        var image = await (
            from t in db.Templates
            join v in db.TemplateVersions on t.Id equals v.TemplateId
            join i in db.TemplateImages on v.ImageId equals i.Id
            where t.Id == id && t.OrganizationId == orgId && v.Version == version
            select i
        )
            .AsNoTracking()
            .FirstOrDefaultAsync(cancellationToken)
            .ConfigureAwait(false);
        if (image is null)
        {
            return TypedResults.NotFound();
        }
        // An SVG opened directly must not run anything even if a browser disagrees with our sanitiser.
        http.Response.Headers.ContentSecurityPolicy =
            "default-src 'none'; style-src 'unsafe-inline'; img-src data:";
        http.Response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.File(
            image.Content,
            image.MediaType,
            entityTag: new EntityTagHeaderValue($"\"{image.Sha256}\"")
        );
    }

    internal static async Task<Results<Ok<TemplateResponse>, NotFound>> SetArchivedAsync(
        Guid id,
        bool archived,
        HttpContext http,
        CredstackDbContext db,
        TimeProvider time,
        CancellationToken cancellationToken
    )
    {
        var template = await FindAsync(db, http, id, cancellationToken, tracking: true)
            .ConfigureAwait(false);
        if (template is null)
        {
            return TypedResults.NotFound();
        }
        // Archiving hides a template from new issuing; it is not an edit, so no new version.
        template.Archived = archived;
        template.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        var version = await LoadVersionAsync(db, id, template.CurrentVersion, cancellationToken)
            .ConfigureAwait(false);
        return version is null
            ? TypedResults.NotFound()
            : TypedResults.Ok(ToResponse(template, version));
    }

    internal static async Task<Results<NoContent, NotFound>> DeleteAsync(
        Guid id,
        HttpContext http,
        CredstackDbContext db,
        CancellationToken cancellationToken
    )
    {
        var orgId = http.User.GetOrganizationId();
        var deleted = await db
            .Templates.Where(t => t.Id == id && t.OrganizationId == orgId)
            .ExecuteDeleteAsync(cancellationToken)
            .ConfigureAwait(false);
        if (deleted == 0)
        {
            return TypedResults.NotFound();
        }
        return TypedResults.NoContent();
    }

    /// <summary>Saves a new version; false when a concurrent edit took the same version number first.</summary>
    private static async Task<bool> TryAddVersionAsync(
        CredstackDbContext db,
        CredentialTemplate template,
        CredentialTemplateVersion version,
        DateTimeOffset now,
        CancellationToken cancellationToken
    )
    {
        template.CurrentVersion = version.Version;
        template.UpdatedAt = now;
        db.TemplateVersions.Add(version);
        try
        {
            // The unique (template, version) index turns a concurrent edit into a refused save, not a lost version.
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (DbUpdateException)
        {
            return false;
        }
    }

    private static ProblemHttpResult ConcurrentEdit() =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status409Conflict,
            title: "The template was changed by another request at the same time; read it again and retry.",
            type: ProblemTypes.Conflict
        );

    private static Task<CredentialTemplate?> FindAsync(
        CredstackDbContext db,
        HttpContext http,
        Guid id,
        CancellationToken cancellationToken,
        bool tracking = false
    )
    {
        var orgId = http.User.GetOrganizationId();
        var query = tracking ? db.Templates : db.Templates.AsNoTracking();
        return query.FirstOrDefaultAsync(
            t => t.Id == id && t.OrganizationId == orgId,
            cancellationToken
        );
    }

    private static Task<CredentialTemplateVersion?> LoadVersionAsync(
        CredstackDbContext db,
        Guid id,
        int version,
        CancellationToken cancellationToken
    ) =>
        db
            .TemplateVersions.AsNoTracking()
            .FirstOrDefaultAsync(
                v => v.TemplateId == id && v.Version == version,
                cancellationToken
            );

    internal static TemplateResponse ToResponse(
        CredentialTemplate template,
        CredentialTemplateVersion v
    ) =>
        new(
            template.Id,
            v.Version,
            template.CurrentVersion,
            v.Kind.ToName(),
            v.Name,
            v.Description,
            v.CriteriaNarrative is null && v.CriteriaUrl is null
                ? null
                : new CriteriaDto(v.CriteriaNarrative, v.CriteriaUrl),
            TemplateJson.Skills(v.SkillsJson),
            v.Level,
            v.EffortHours is null && v.EffortCredits is null
                ? null
                : new EffortDto(v.EffortHours, v.EffortCredits),
            v.ValidityDays,
            TemplateJson.Tags(v.TagsJson),
            v.ImageId is null
                ? null
                : $"/api/v1/templates/{template.Id}/versions/{v.Version}/image",
            template.Archived,
            template.CreatedAt,
            v.CreatedAt
        );

    /// <summary>Reads at most <paramref name="limit"/> bytes; null when the body is longer.</summary>
    private static async Task<byte[]?> ReadLimitedAsync(
        Stream body,
        int limit,
        CancellationToken cancellationToken
    )
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private static ProblemHttpResult TooLarge() =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status413PayloadTooLarge,
            title: $"The image is larger than {TemplateLimits.ImageBytes / 1024} KiB.",
            type: ProblemTypes.UnsupportedImage,
            extensions: new Dictionary<string, object?> { ["field"] = "image" }
        );

    private static ValidationProblem ImageInvalid(string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["image"] = [message] });
}
