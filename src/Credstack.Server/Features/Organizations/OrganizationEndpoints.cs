using System.Text.Json.Nodes;
using Credstack.Server.Data;
using Credstack.Server.Features.IssuerIdentity;
using Credstack.Server.Infrastructure.Auth;
using Credstack.Server.Infrastructure.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Credstack.Server.Features.Organizations;

/// <summary><c>/api/v1/organization</c>: the caller's own organisation.</summary>
internal static class OrganizationEndpoints
{
    public static IServiceCollection AddOrganizations(this IServiceCollection services) => services;

    public static IEndpointRouteBuilder MapOrganizations(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/organization").WithTags("Organization");
        group
            .MapGet("", GetAsync)
            .RequireAuthorization(Permissions.OrganizationRead)
            .WithName("GetOrganization");
        group
            .MapPatch("", PatchAsync)
            .RequireAuthorization(Permissions.OrganizationWrite)
            .WithName("UpdateOrganization");
        return app;
    }

    internal static async Task<Results<Ok<OrganizationResponse>, NotFound>> GetAsync(
        HttpContext http,
        CredstackDbContext db,
        IssuerIdentityService identity,
        CancellationToken cancellationToken
    )
    {
        var orgId = http.User.GetOrganizationId();
        var org = await db
            .Organizations.AsNoTracking()
            .FirstOrDefaultAsync(o => o.Id == orgId, cancellationToken)
            .ConfigureAwait(false);
        return org is null
            ? TypedResults.NotFound()
            : TypedResults.Ok(
                await WithIssuerAsync(org, identity, cancellationToken).ConfigureAwait(false)
            );
    }

    private static async Task<OrganizationResponse> WithIssuerAsync(
        Organization org,
        IssuerIdentityService identity,
        CancellationToken cancellationToken
    )
    {
        var key = await identity.EnsureKeyAsync(org.Id, cancellationToken).ConfigureAwait(false);
        var identifier = identity.Identifier(org, key);
        return org.ToResponse(IssuerIdentityService.Profile(org, identifier));
    }

    internal static async Task<
        Results<Ok<OrganizationResponse>, ValidationProblem, NotFound, ProblemHttpResult>
    > PatchAsync(
        UpdateOrganizationRequest request,
        HttpContext http,
        CredstackDbContext db,
        IssuerIdentityService identity,
        TimeProvider time,
        CancellationToken cancellationToken
    )
    {
        var orgId = http.User.GetOrganizationId();
        var org = await db
            .Organizations.FirstOrDefaultAsync(o => o.Id == orgId, cancellationToken)
            .ConfigureAwait(false);
        if (org is null)
        {
            return TypedResults.NotFound();
        }

        var errors = new ValidationErrors();
        if (request.Name is not null)
        {
            org.Name = errors.Required("name", request.Name, 200) ?? org.Name;
        }
        // For the optional fields: absent (null) keeps the value, an empty string clears it.
        if (request.Description is not null)
        {
            org.Description = errors.Optional("description", request.Description, 4000);
        }
        if (request.Url is not null)
        {
            org.Url = errors.Url("url", request.Url, 2000);
        }
        if (request.Email is not null)
        {
            org.Email = errors.Email("email", request.Email, required: false);
        }
        if (request.Identifier is not null)
        {
            // did:web resolves over https only (did:web §3.2), so it needs an https public origin.
            switch (request.Identifier.Trim())
            {
                case IssuerIdentifiers.DidKey:
                    org.IdentifierMethod = IssuerIdentifiers.DidKey;
                    break;
                case IssuerIdentifiers.DidWeb when identity.CanUseDidWeb:
                    org.IdentifierMethod = IssuerIdentifiers.DidWeb;
                    break;
                case IssuerIdentifiers.DidWeb:
                    errors.Add(
                        "identifier",
                        "did:web needs an https Credstack:PublicOrigin; this server's is "
                            + identity.PublicOrigin.AbsoluteUri
                    );
                    break;
                default:
                    errors.Add("identifier", "must be 'did:key' or 'did:web'.");
                    break;
            }
        }
        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }
        if (
            request.Name is not null
            && await db
                .Organizations.AnyAsync(o => o.Id != orgId && o.Name == org.Name, cancellationToken)
                .ConfigureAwait(false)
        )
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: "Another organisation already has this name.",
                type: ProblemTypes.Conflict,
                extensions: new Dictionary<string, object?> { ["field"] = "name" }
            );
        }
        org.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        // The issuer Profile and identifier in credentials issued from now on follow the change.
        identity.ForgetSigner(orgId);
        return TypedResults.Ok(
            await WithIssuerAsync(org, identity, cancellationToken).ConfigureAwait(false)
        );
    }

    internal static OrganizationResponse ToResponse(
        this Organization org,
        JsonObject? issuer = null
    ) =>
        new(
            org.Id,
            org.Name,
            org.Description,
            org.Url,
            org.Email,
            org.IdentifierMethod,
            issuer,
            org.CreatedAt,
            org.UpdatedAt
        );
}

/// <summary>An organisation as the API shows it; <c>issuer</c> is its OB 3.0 Profile, <c>issuer.id</c> the identifier it signs under.</summary>
internal sealed record OrganizationResponse(
    Guid Id,
    string Name,
    string? Description,
    string? Url,
    string? Email,
    string Identifier,
    JsonObject? Issuer,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt
);

/// <summary>PATCH body: absent fields are kept, an empty string clears an optional one.</summary>
internal sealed record UpdateOrganizationRequest(
    string? Name,
    string? Description,
    string? Url,
    string? Email,
    string? Identifier
);
