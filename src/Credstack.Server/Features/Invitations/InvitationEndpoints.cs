using Credstack.Server.Data;
using Credstack.Server.Features.Members;
using Credstack.Server.Features.Organizations;
using Credstack.Server.Infrastructure.Auth;
using Credstack.Server.Infrastructure.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Credstack.Server.Features.Invitations;

/// <summary>
/// <c>/api/v1/invitations</c>: invite a person by e-mail with a role; they accept with the one-time
/// token (sending it by e-mail comes with the notifications work; today the creator hands it over).
/// </summary>
internal static class InvitationEndpoints
{
    /// <summary>How long an invitation can be accepted.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(14);

    public static IServiceCollection AddInvitations(this IServiceCollection services) => services;

    public static IEndpointRouteBuilder MapInvitations(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/invitations").WithTags("Invitations");
        group
            .MapGet("", ListAsync)
            .RequireAuthorization(Permissions.MembersRead)
            .WithName("ListInvitations");
        group
            .MapPost("", CreateAsync)
            .RequireAuthorization(Permissions.MembersWrite)
            .WithName("CreateInvitation");
        group
            .MapDelete("/{id:guid}", RevokeAsync)
            .RequireAuthorization(Permissions.MembersWrite)
            .WithName("RevokeInvitation");
        group.MapPost("/accept", AcceptAsync).AllowAnonymous().WithName("AcceptInvitation");
        return app;
    }

    internal static async Task<Ok<List<InvitationResponse>>> ListAsync(
        HttpContext http,
        CredstackDbContext db,
        TimeProvider time,
        CancellationToken cancellationToken
    )
    {
        var orgId = http.User.GetOrganizationId();
        var invitations = await db
            .Invitations.AsNoTracking()
            .Where(i => i.OrganizationId == orgId)
            .OrderBy(i => i.Id)
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);
        var now = time.GetUtcNow();
        return TypedResults.Ok(invitations.ConvertAll(i => i.ToResponse(now, token: null)));
    }

    internal static async Task<
        Results<Created<InvitationResponse>, ValidationProblem, ProblemHttpResult>
    > CreateAsync(
        CreateInvitationRequest request,
        HttpContext http,
        CredstackDbContext db,
        TimeProvider time,
        CancellationToken cancellationToken
    )
    {
        var errors = new ValidationErrors();
        var email = errors.Email("email", request.Email, required: true);
        if (!RoleNames.TryParse(request.Role, out var role))
        {
            errors.Add("role", RoleNames.Help);
        }
        if (!errors.IsEmpty || email is null)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }
        if (!http.User.GetRole().MayGrant(role))
        {
            return MemberEndpoints.RoleTooHigh();
        }

        var orgId = http.User.GetOrganizationId();
        var normalized = email.ToUpperInvariant();
        var alreadyMember = await db
            .Memberships.AnyAsync(
                m => m.OrganizationId == orgId && m.User!.NormalizedEmail == normalized,
                cancellationToken
            )
            .ConfigureAwait(false);
        if (alreadyMember)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: "This person is already a member of the organisation.",
                type: ProblemTypes.Conflict,
                extensions: new Dictionary<string, object?> { ["field"] = "email" }
            );
        }

        var now = time.GetUtcNow();
        var token = ApiKeySecrets.NewToken();
        var invitation = new Invitation
        {
            Id = Guid.CreateVersion7(now),
            OrganizationId = orgId,
            Email = email,
            Role = role,
            TokenHash = ApiKeySecrets.Hash(token),
            CreatedAt = now,
            ExpiresAt = now + Lifetime,
            CreatedByApiKeyId = http.User.GetApiKeyId(),
        };
        db.Invitations.Add(invitation);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.Created(
            $"/api/v1/invitations/{invitation.Id}",
            invitation.ToResponse(now, token)
        );
    }

    internal static async Task<Results<NoContent, NotFound, ProblemHttpResult>> RevokeAsync(
        Guid id,
        HttpContext http,
        CredstackDbContext db,
        TimeProvider time,
        CancellationToken cancellationToken
    )
    {
        var orgId = http.User.GetOrganizationId();
        var invitation = await db
            .Invitations.FirstOrDefaultAsync(
                i => i.Id == id && i.OrganizationId == orgId,
                cancellationToken
            )
            .ConfigureAwait(false);
        if (invitation is null)
        {
            return TypedResults.NotFound();
        }
        if (invitation.AcceptedAt is not null)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: "The invitation has already been accepted; remove the member instead.",
                type: ProblemTypes.Conflict
            );
        }
        invitation.RevokedAt ??= time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.NoContent();
    }

    internal static async Task<
        Results<Ok<AcceptInvitationResponse>, ValidationProblem, ProblemHttpResult>
    > AcceptAsync(
        AcceptInvitationRequest request,
        CredstackDbContext db,
        UserManager<AppUser> users,
        TimeProvider time,
        CancellationToken cancellationToken
    )
    {
        var errors = new ValidationErrors();
        var token = errors.Required("token", request.Token, 200);
        var name = errors.Optional("name", request.Name, 200);
        if (!errors.IsEmpty || token is null)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        var now = time.GetUtcNow();
        var hash = ApiKeySecrets.Hash(token);
        var invitation = await db
            .Invitations.FirstOrDefaultAsync(i => i.TokenHash == hash, cancellationToken)
            .ConfigureAwait(false);
        if (
            invitation is null
            || invitation.AcceptedAt is not null
            || invitation.RevokedAt is not null
            || invitation.ExpiresAt <= now
        )
        {
            // One answer for unknown, used, revoked and expired: the token is the only secret here.
            return TypedResults.Problem(
                statusCode: StatusCodes.Status422UnprocessableEntity,
                title: "The invitation token is not valid (unknown, used, revoked or expired).",
                type: ProblemTypes.InvitationInvalid,
                extensions: new Dictionary<string, object?> { ["field"] = "token" }
            );
        }

        await using var transaction = await db
            .Database.BeginTransactionAsync(cancellationToken)
            .ConfigureAwait(false);
        var user = await users.FindByEmailAsync(invitation.Email).ConfigureAwait(false);
        if (user is null)
        {
            user = new AppUser
            {
                UserName = invitation.Email,
                Email = invitation.Email,
                EmailConfirmed = true, // the token reached this address
                DisplayName = name,
                CreatedAt = now,
            };
            var created = string.IsNullOrEmpty(request.Password)
                ? await users.CreateAsync(user).ConfigureAwait(false)
                : await users.CreateAsync(user, request.Password).ConfigureAwait(false);
            if (!created.Succeeded)
            {
                return TypedResults.ValidationProblem(
                    new Dictionary<string, string[]>
                    {
                        [string.IsNullOrEmpty(request.Password) ? "email" : "password"] =
                        [
                            .. created.Errors.Select(e => e.Description),
                        ],
                    }
                );
            }
        }

        var membership = await db
            .Memberships.FirstOrDefaultAsync(
                m => m.OrganizationId == invitation.OrganizationId && m.UserId == user.Id,
                cancellationToken
            )
            .ConfigureAwait(false);
        if (membership is null)
        {
            membership = new Membership
            {
                Id = Guid.CreateVersion7(now),
                OrganizationId = invitation.OrganizationId,
                UserId = user.Id,
                Role = invitation.Role,
                CreatedAt = now,
            };
            db.Memberships.Add(membership);
        }
        invitation.AcceptedAt = now;
        invitation.AcceptedByUserId = user.Id;
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);

        var org = await db
            .Organizations.AsNoTracking()
            .FirstAsync(o => o.Id == invitation.OrganizationId, cancellationToken)
            .ConfigureAwait(false);
        return TypedResults.Ok(
            new AcceptInvitationResponse(
                org.ToResponse(),
                user.Id,
                invitation.Email,
                membership.Role.ToName()
            )
        );
    }

    private static InvitationResponse ToResponse(
        this Invitation i,
        DateTimeOffset now,
        string? token
    ) =>
        new(
            i.Id,
            i.Email,
            i.Role.ToName(),
            i.AcceptedAt is not null ? "accepted"
                : i.RevokedAt is not null ? "revoked"
                : i.ExpiresAt <= now ? "expired"
                : "pending",
            i.CreatedAt,
            i.ExpiresAt,
            i.AcceptedAt,
            token
        );
}

/// <summary>POST body of an invitation.</summary>
internal sealed record CreateInvitationRequest(string? Email, string? Role);

/// <summary>An invitation; <see cref="Token"/> is present only in the answer to its creation.</summary>
internal sealed record InvitationResponse(
    Guid Id,
    string Email,
    string Role,
    string Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? AcceptedAt,
    string? Token
);

/// <summary>Accepting an invitation: the token, and for a new account an optional name and password.</summary>
internal sealed record AcceptInvitationRequest(string? Token, string? Name, string? Password);

/// <summary>The organisation joined and the member's account.</summary>
internal sealed record AcceptInvitationResponse(
    OrganizationResponse Organization,
    string UserId,
    string Email,
    string Role
);
