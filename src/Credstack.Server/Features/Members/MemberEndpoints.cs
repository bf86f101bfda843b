using Credstack.Server.Data;
using Credstack.Server.Infrastructure.Auth;
using Credstack.Server.Infrastructure.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Credstack.Server.Features.Members;

/// <summary><c>/api/v1/members</c>: who belongs to the caller's organisation, with which role.</summary>
internal static class MemberEndpoints
{
    public static IServiceCollection AddMembers(this IServiceCollection services)
    {
        services
            .AddIdentityCore<AppUser>(o => o.User.RequireUniqueEmail = true)
            .AddEntityFrameworkStores<CredstackDbContext>();
        return services;
    }

    public static IEndpointRouteBuilder MapMembers(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/members").WithTags("Members");
        group
            .MapGet("", ListAsync)
            .RequireAuthorization(Permissions.MembersRead)
            .WithName("ListMembers");
        group
            .MapPatch("/{userId}", ChangeRoleAsync)
            .RequireAuthorization(Permissions.MembersWrite)
            .WithName("ChangeMemberRole");
        group
            .MapDelete("/{userId}", RemoveAsync)
            .RequireAuthorization(Permissions.MembersWrite)
            .WithName("RemoveMember");
        return app;
    }

    internal static async Task<Ok<List<MemberResponse>>> ListAsync(
        HttpContext http,
        CredstackDbContext db,
        CancellationToken cancellationToken
    )
    {
        var orgId = http.User.GetOrganizationId();
        var rows = await db
            .Memberships.AsNoTracking()
            .Where(m => m.OrganizationId == orgId)
            .OrderBy(m => m.Id)
            .Select(m => new
            {
                m.UserId,
                m.User!.Email,
                m.User.DisplayName,
                m.Role,
                m.CreatedAt,
            })
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);
        return TypedResults.Ok(
            rows.ConvertAll(r => new MemberResponse(
                r.UserId,
                r.Email,
                r.DisplayName,
                r.Role.ToName(),
                r.CreatedAt
            ))
        );
    }

    internal static async Task<
        Results<Ok<MemberResponse>, ValidationProblem, NotFound, ProblemHttpResult>
    > ChangeRoleAsync(
        string userId,
        ChangeRoleRequest request,
        HttpContext http,
        CredstackDbContext db,
        CancellationToken cancellationToken
    )
    {
        if (!RoleNames.TryParse(request.Role, out var role))
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["role"] = [RoleNames.Help] }
            );
        }
        var orgId = http.User.GetOrganizationId();
        var membership = await db
            .Memberships.Include(m => m.User)
            .FirstOrDefaultAsync(
                m => m.OrganizationId == orgId && m.UserId == userId,
                cancellationToken
            )
            .ConfigureAwait(false);
        if (membership is null)
        {
            return TypedResults.NotFound();
        }
        var callerRole = http.User.GetRole();
        if (!callerRole.MayGrant(role) || !callerRole.MayGrant(membership.Role))
        {
            return RoleTooHigh();
        }
        if (
            membership.Role == OrganizationRole.Owner
            && role != OrganizationRole.Owner
            && await IsLastOwnerAsync(db, orgId, cancellationToken).ConfigureAwait(false)
        )
        {
            return LastOwner();
        }
        membership.Role = role;
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(
            new MemberResponse(
                membership.UserId,
                membership.User?.Email,
                membership.User?.DisplayName,
                role.ToName(),
                membership.CreatedAt
            )
        );
    }

    internal static async Task<Results<NoContent, NotFound, ProblemHttpResult>> RemoveAsync(
        string userId,
        HttpContext http,
        CredstackDbContext db,
        TimeProvider time,
        ApiKeyCache apiKeys,
        CancellationToken cancellationToken
    )
    {
        var orgId = http.User.GetOrganizationId();
        var membership = await db
            .Memberships.FirstOrDefaultAsync(
                m => m.OrganizationId == orgId && m.UserId == userId,
                cancellationToken
            )
            .ConfigureAwait(false);
        if (membership is null)
        {
            return TypedResults.NotFound();
        }
        if (!http.User.GetRole().MayGrant(membership.Role))
        {
            return RoleTooHigh();
        }
        if (
            membership.Role == OrganizationRole.Owner
            && await IsLastOwnerAsync(db, orgId, cancellationToken).ConfigureAwait(false)
        )
        {
            return LastOwner();
        }
        db.Memberships.Remove(membership);
        // The member's API keys act for them: they go with the membership.
        var now = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await db
            .ApiKeys.Where(k =>
                k.OrganizationId == orgId && k.UserId == userId && k.RevokedAt == null
            )
            .ExecuteUpdateAsync(s => s.SetProperty(k => k.RevokedAt, now), cancellationToken)
            .ConfigureAwait(false);
        apiKeys.Invalidate();
        return TypedResults.NoContent();
    }

    private static async Task<bool> IsLastOwnerAsync(
        CredstackDbContext db,
        Guid orgId,
        CancellationToken cancellationToken
    ) =>
        await db
            .Memberships.CountAsync(
                m => m.OrganizationId == orgId && m.Role == OrganizationRole.Owner,
                cancellationToken
            )
            .ConfigureAwait(false) <= 1;

    internal static ProblemHttpResult RoleTooHigh() =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status403Forbidden,
            title: "Your role cannot grant or change this role.",
            detail: "Only an owner grants or removes the owner role; nobody grants a role above their own.",
            type: ProblemTypes.RoleTooHigh,
            extensions: new Dictionary<string, object?> { ["field"] = "role" }
        );

    private static ProblemHttpResult LastOwner() =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status409Conflict,
            title: "An organisation keeps at least one owner.",
            type: ProblemTypes.LastOwner,
            extensions: new Dictionary<string, object?> { ["field"] = "role" }
        );
}

/// <summary>A member as the API shows it.</summary>
internal sealed record MemberResponse(
    string UserId,
    string? Email,
    string? Name,
    string Role,
    DateTimeOffset JoinedAt
);

/// <summary>PATCH body of a member.</summary>
internal sealed record ChangeRoleRequest(string? Role);
