using Credstack.Server.Data;
using Credstack.Server.Features.Members;
using Credstack.Server.Infrastructure.Auth;
using Credstack.Server.Infrastructure.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Credstack.Server.Features.ApiKeys;

/// <summary><c>/api/v1/api-keys</c>: the organisation's API keys (the secret is shown once, at creation).</summary>
internal static class ApiKeyEndpoints
{
    public static IServiceCollection AddApiKeys(this IServiceCollection services) =>
        services.AddApiKeyAuth();

    public static IEndpointRouteBuilder MapApiKeys(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/api-keys")
            .WithTags("API keys")
            .RequireAuthorization(Permissions.ApiKeysManage);
        group.MapGet("", ListAsync).WithName("ListApiKeys");
        group.MapPost("", CreateAsync).WithName("CreateApiKey");
        group.MapDelete("/{id:guid}", RevokeAsync).WithName("RevokeApiKey");
        return app;
    }

    internal static async Task<Ok<List<ApiKeyResponse>>> ListAsync(
        HttpContext http,
        CredstackDbContext db,
        CancellationToken cancellationToken
    )
    {
        var orgId = http.User.GetOrganizationId();
        var keys = await db
            .ApiKeys.AsNoTracking()
            .Where(k => k.OrganizationId == orgId)
            .OrderBy(k => k.Id)
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);
        return TypedResults.Ok(keys.ConvertAll(k => k.ToResponse(secret: null)));
    }

    internal static async Task<
        Results<Created<ApiKeyResponse>, ValidationProblem, ProblemHttpResult>
    > CreateAsync(
        CreateApiKeyRequest request,
        HttpContext http,
        CredstackDbContext db,
        TimeProvider time,
        CancellationToken cancellationToken
    )
    {
        var callerRole = http.User.GetRole();
        var now = time.GetUtcNow();
        var errors = new ValidationErrors();
        var name = errors.Required("name", request.Name, 200);
        var role = callerRole;
        if (request.Role is not null && !RoleNames.TryParse(request.Role, out role))
        {
            errors.Add("role", RoleNames.Help);
        }
        var scopes = new List<string>();
        if (request.Scopes is { } requested)
        {
            for (var i = 0; i < requested.Count; i++)
            {
                var scope = requested[i]?.Trim();
                if (string.IsNullOrEmpty(scope) || !Permissions.IsKnown(scope))
                {
                    errors.Add(
                        $"scopes[{i}]",
                        $"must be one of {string.Join(", ", Permissions.All)}."
                    );
                }
                else if (!Permissions.ForRole(role).Contains(scope))
                {
                    errors.Add(
                        $"scopes[{i}]",
                        $"'{scope}' is not granted by the role '{role.ToName()}'."
                    );
                }
                else if (!scopes.Contains(scope))
                {
                    scopes.Add(scope);
                }
            }
        }
        if (request.ExpiresAt is { } expiresAt && expiresAt <= now)
        {
            errors.Add("expiresAt", "must be in the future.");
        }
        if (!errors.IsEmpty || name is null)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }
        if (!callerRole.MayGrant(role))
        {
            return MemberEndpoints.RoleTooHigh();
        }

        var secret = ApiKeySecrets.NewKey();
        var key = new ApiKey
        {
            Id = Guid.CreateVersion7(now),
            OrganizationId = http.User.GetOrganizationId(),
            Name = name,
            Prefix = ApiKeySecrets.VisiblePrefix(secret),
            Hash = ApiKeySecrets.Hash(secret),
            Role = role,
            Scopes = ApiKeyScopes.Format(scopes),
            UserId = http.User.GetUserId(),
            CreatedAt = now,
            ExpiresAt = request.ExpiresAt?.ToUniversalTime(),
        };
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.Created($"/api/v1/api-keys/{key.Id}", key.ToResponse(secret));
    }

    internal static async Task<Results<NoContent, NotFound>> RevokeAsync(
        Guid id,
        HttpContext http,
        CredstackDbContext db,
        TimeProvider time,
        ApiKeyCache cache,
        CancellationToken cancellationToken
    )
    {
        var orgId = http.User.GetOrganizationId();
        var key = await db
            .ApiKeys.FirstOrDefaultAsync(
                k => k.Id == id && k.OrganizationId == orgId,
                cancellationToken
            )
            .ConfigureAwait(false);
        if (key is null)
        {
            return TypedResults.NotFound();
        }
        key.RevokedAt ??= time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        // Refused from the next request on (the authentication cache forgets it).
        cache.Invalidate();
        return TypedResults.NoContent();
    }

    private static ApiKeyResponse ToResponse(this ApiKey key, string? secret) =>
        new(
            key.Id,
            key.Name,
            key.Prefix,
            key.Role.ToName(),
            [.. ApiKeyScopes.Parse(key.Scopes).Order(StringComparer.Ordinal)],
            key.CreatedAt,
            key.ExpiresAt,
            key.LastUsedAt,
            key.RevokedAt,
            secret
        );
}

/// <summary>
/// POST body of an API key. <see cref="Role"/> defaults to the caller's own (never above it);
/// <see cref="Scopes"/> limits the key to some of the role's permissions (empty: all of them).
/// </summary>
internal sealed record CreateApiKeyRequest(
    string? Name,
    string? Role,
    IReadOnlyList<string?>? Scopes,
    DateTimeOffset? ExpiresAt
);

/// <summary>An API key; <see cref="Key"/> (the secret) is present only in the answer to its creation.</summary>
internal sealed record ApiKeyResponse(
    Guid Id,
    string Name,
    string Prefix,
    string Role,
    IReadOnlyList<string> Scopes,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? LastUsedAt,
    DateTimeOffset? RevokedAt,
    string? Key
);
