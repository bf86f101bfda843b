using System.Text.Json.Nodes;
using Credstack.Credentials.Keys;
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
        return services;
    }

    public static IEndpointRouteBuilder MapIssuerIdentity(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/organization/keys", ListKeysAsync)
            .WithTags("Organization")
            .RequireAuthorization(Permissions.OrganizationRead)
            .WithName("ListIssuerKeys");
        app.MapPost("/api/v1/organization/keys", AddKeyAsync)
            .WithTags("Organization")
            .RequireAuthorization(Permissions.OrganizationWrite)
            .WithName("AddIssuerKey");
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

    /// <summary>
    /// Adds a key: <c>ed25519</c> rotates the signing key; <c>p256</c> (ES256) or <c>rsa</c> (RS256, 2048
    /// bits) becomes the organisation's VC-JWT key, replacing an earlier one (which stays resolvable).
    /// </summary>
    internal static async Task<Results<Created<IssuerKeyResponse>, ValidationProblem>> AddKeyAsync(
        AddIssuerKeyRequest request,
        HttpContext http,
        IssuerIdentityService identity,
        CancellationToken cancellationToken
    )
    {
        KeyType? type = request.Type?.Trim().ToUpperInvariant() switch
        {
            "ED25519" => KeyType.Ed25519,
            "P256" or "P-256" => KeyType.P256,
            "RSA" => KeyType.Rsa,
            _ => null,
        };
        if (type is null)
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]>
                {
                    ["type"] = ["must be 'ed25519', 'p256' or 'rsa'."],
                }
            );
        }
        var orgId = http.User.GetOrganizationId();
        // The Ed25519 signing key exists before a JWT key is added (it signs the status lists).
        await identity.EnsureKeyAsync(orgId, cancellationToken).ConfigureAwait(false);
        var key = await identity
            .AddKeyAsync(orgId, type.Value, cancellationToken)
            .ConfigureAwait(false);
        return TypedResults.Created($"/api/v1/organization/keys/{key.Id:D}", ToResponse(key));
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
        new(
            key.Id,
            key.KeyType,
            key.KeyType == IssuerIdentityService.Ed25519Type ? "data-integrity" : "jwt",
            key.PublicKeyMultibase,
            key.PublicKeyJwk is null ? null : JsonNode.Parse(key.PublicKeyJwk)!.AsObject(),
            key.Active,
            key.CreatedAt,
            key.RetiredAt
        );
}

/// <summary>POST body of <c>/api/v1/organization/keys</c>.</summary>
internal sealed record AddIssuerKeyRequest(string? Type);

/// <summary>
/// An issuer key as the API shows it: public half only. <c>Use</c> is <c>data-integrity</c> for the Ed25519
/// signing key (which also signs VC-JWTs when there is no JWT key) or <c>jwt</c> for a P-256 / RSA key.
/// </summary>
internal sealed record IssuerKeyResponse(
    Guid Id,
    string Type,
    string Use,
    string? PublicKeyMultibase,
    JsonObject? PublicKeyJwk,
    bool Active,
    DateTimeOffset CreatedAt,
    DateTimeOffset? RetiredAt
);
