using Microsoft.AspNetCore.Authentication;

namespace Credstack.Server.Infrastructure.Auth;

/// <summary>API key authentication and one authorisation policy per permission.</summary>
internal static class AuthServiceCollectionExtensions
{
    public static IServiceCollection AddApiKeyAuth(this IServiceCollection services)
    {
        services.AddSingleton<ApiKeyCache>();
        services
            .AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(
                ApiKeyAuthenticationHandler.SchemeName,
                null
            );
        var authorization = services.AddAuthorizationBuilder();
        foreach (var permission in Permissions.All)
        {
            authorization.AddPolicy(
                permission,
                p => p.RequireClaim(CallerClaims.Permission, permission)
            );
        }
        return services;
    }
}
