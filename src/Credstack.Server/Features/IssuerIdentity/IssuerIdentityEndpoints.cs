using Credstack.Server.Data;
using Credstack.Server.Infrastructure.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Credstack.Server.Features.IssuerIdentity;

/// <summary>
/// Issuer identity: key rotation (<c>/api/v1/organization/keys</c>), and the public DID document and
/// issuer Profile of every organisation.
/// </summary>
internal static class IssuerIdentityEndpoints
{
    public static IServiceCollection AddIssuerIdentity(this IServiceCollection services)
    {
        services.AddScoped<IssuerIdentityService>();
        services.AddSingleton<IssuerKeyCache>();
        services.AddSingleton<IssuerSignerCache>();
        return services;
    }

    public static IEndpointRouteBuilder MapIssuerIdentity(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/organization/keys", ListKeysAsync)
            .WithTags("Organization")
            .RequireAuthorization(Permissions.OrganizationRead)
            .WithName("ListIssuerKeys");
        app.MapPost("/api/v1/organization/keys/rotate", RotateAsync)
            .WithTags("Organization")
            .RequireAuthorization(Permissions.OrganizationWrite)
            .WithName("RotateIssuerKey");
        var open = app.MapGroup("/orgs/{id:guid}").WithTags("Public").AllowAnonymous();
        open.MapGet("/did.json", DidDocumentAsync).WithName("GetDidDocument");
        open.MapGet("/profile", ProfileAsync).WithName("GetIssuerProfile");
        return app;
    }

    internal static async Task<Ok<List<IssuerKeyResponse>>> ListKeysAsync(
        HttpContext http,
        CredstackDbContext db,
        IssuerIdentityService identity,
        CancellationToken cancellationToken
    )
    {
        var orgId = http.User.GetOrganizationId();
        await identity.EnsureKeyAsync(orgId, cancellationToken).ConfigureAwait(false);
        var keys = await db
            .IssuerKeys.AsNoTracking()
            .Where(k => k.OrganizationId == orgId)
            .OrderBy(k => k.Id)
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);
        return TypedResults.Ok(keys.ConvertAll(ToResponse));
    }

    internal static async Task<Ok<IssuerKeyResponse>> RotateAsync(
        HttpContext http,
        IssuerIdentityService identity,
        CancellationToken cancellationToken
    )
    {
        var key = await identity
            .RotateAsync(http.User.GetOrganizationId(), cancellationToken)
            .ConfigureAwait(false);
        return TypedResults.Ok(ToResponse(key));
    }

    internal static async Task<Results<ContentHttpResult, NotFound>> DidDocumentAsync(
        Guid id,
        IssuerIdentityService identity,
        CancellationToken cancellationToken
    )
    {
        var document = await identity.DidDocumentAsync(id, cancellationToken).ConfigureAwait(false);
        return document is null
            ? TypedResults.NotFound()
            : TypedResults.Content(document.ToJsonString(), "application/did+json");
    }

    internal static async Task<Results<ContentHttpResult, NotFound>> ProfileAsync(
        Guid id,
        IssuerIdentityService identity,
        CancellationToken cancellationToken
    )
    {
        var signer = await identity.SignerAsync(id, cancellationToken).ConfigureAwait(false);
        if (signer is null)
        {
            return TypedResults.NotFound();
        }
        var profile = (System.Text.Json.Nodes.JsonObject)signer.Profile.DeepClone();
        profile.Insert(
            0,
            "@context",
            new System.Text.Json.Nodes.JsonArray(
                "https://www.w3.org/ns/credentials/v2",
                "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
            )
        );
        return TypedResults.Content(profile.ToJsonString(), "application/ld+json");
    }

    private static IssuerKeyResponse ToResponse(IssuerKey key) =>
        new(key.Id, key.KeyType, key.PublicKeyMultibase, key.Active, key.CreatedAt, key.RetiredAt);
}

/// <summary>An issuer key as the API shows it: public half only.</summary>
internal sealed record IssuerKeyResponse(
    Guid Id,
    string Type,
    string PublicKeyMultibase,
    bool Active,
    DateTimeOffset CreatedAt,
    DateTimeOffset? RetiredAt
);
