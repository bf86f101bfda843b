using System.Security.Claims;
using System.Text.Encodings.Web;
using Credstack.Server.Data;
using Credstack.Server.Features.ApiKeys;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Credstack.Server.Infrastructure.Auth;

/// <summary>
/// Authenticates <c>Authorization: Bearer csk_...</c> against the stored key hashes. A revoked,
/// expired or unknown key is a 401 ProblemDetails saying which; the key's role and scopes become
/// permission claims that the endpoint policies check (403 when one is missing).
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    CredstackDbContext db,
    TimeProvider time,
    IProblemDetailsService problemDetails,
    ApiKeyCache cache
) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    private static readonly CompiledQuery<
        Func<CredstackDbContext, string, Task<ApiKey?>>
    > KeyByHash = new(() =>
        EF.CompileAsyncQuery(
            (CredstackDbContext db, string hash) =>
                db.ApiKeys.AsNoTracking().FirstOrDefault(k => k.Hash == hash)
        )
    );

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header))
        {
            return AuthenticateResult.NoResult();
        }
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.Fail("The Authorization header must be 'Bearer <API key>'.");
        }
        var key = header["Bearer ".Length..].Trim();
        if (!key.StartsWith(ApiKeySecrets.KeyPrefix, StringComparison.Ordinal) || key.Length > 200)
        {
            return AuthenticateResult.Fail("The bearer token is not a Credstack API key.");
        }

        var hash = ApiKeySecrets.Hash(key);
        var now = time.GetUtcNow();
        if (!cache.TryGet(hash, now, out var apiKey))
        {
            var generation = cache.Generation;
            apiKey = await KeyByHash.For(db)(db, hash).ConfigureAwait(false);
            if (apiKey is null)
            {
                return AuthenticateResult.Fail("The API key is not known.");
            }
            cache.Set(hash, apiKey, generation, now);
        }
        if (apiKey.RevokedAt is not null)
        {
            return AuthenticateResult.Fail("The API key has been revoked.");
        }
        if (apiKey.ExpiresAt is { } expires && expires <= now)
        {
            return AuthenticateResult.Fail("The API key has expired.");
        }

        if (apiKey.LastUsedAt is null || now - apiKey.LastUsedAt.Value > LastUsedResolution)
        {
            // Coarse on purpose: one write a minute per key, not one per request.
            await db
                .ApiKeys.Where(k => k.Id == apiKey.Id)
                .ExecuteUpdateAsync(
                    s => s.SetProperty(k => k.LastUsedAt, now),
                    Context.RequestAborted
                )
                .ConfigureAwait(false);
            // The cached copy too, so that the next minute's requests do not write again.
            apiKey.LastUsedAt = now;
        }

        return AuthenticateResult.Success(
            new AuthenticationTicket(ToPrincipal(apiKey), SchemeName)
        );
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        var result = await HandleAuthenticateOnceSafeAsync().ConfigureAwait(false);
        await problemDetails
            .WriteAsync(
                new ProblemDetailsContext
                {
                    HttpContext = Context,
                    ProblemDetails = new ProblemDetails
                    {
                        Status = StatusCodes.Status401Unauthorized,
                        Title = "Unauthorized",
                        Detail =
                            result.Failure?.Message
                            ?? "Send an API key of the organisation as 'Authorization: Bearer <API key>'.",
                    },
                }
            )
            .ConfigureAwait(false);
    }

    private static ClaimsPrincipal ToPrincipal(ApiKey apiKey)
    {
        var claims = new List<Claim>
        {
            new(CallerClaims.OrganizationId, apiKey.OrganizationId.ToString()),
            new(CallerClaims.ApiKeyId, apiKey.Id.ToString()),
            new(CallerClaims.Role, apiKey.Role.ToString()),
        };
        if (apiKey.UserId is not null)
        {
            claims.Add(new Claim(ClaimTypes.NameIdentifier, apiKey.UserId));
        }
        var rolePermissions = Permissions.ForRole(apiKey.Role);
        var scopes = ApiKeyScopes.Parse(apiKey.Scopes);
        foreach (var permission in rolePermissions)
        {
            // A key with scopes is limited to them; without, it has all of its role's permissions.
            if (scopes.Count == 0 || scopes.Contains(permission))
            {
                claims.Add(new Claim(CallerClaims.Permission, permission));
            }
        }
        return new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
    }
}
