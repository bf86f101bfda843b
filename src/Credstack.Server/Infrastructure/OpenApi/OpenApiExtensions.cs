using Microsoft.OpenApi;

namespace Credstack.Server.Infrastructure.OpenApi;

/// <summary>The OpenAPI document (<c>/openapi/v1.json</c>) with the API key bearer scheme.</summary>
internal static class OpenApiExtensions
{
    public const string SchemeName = "ApiKey";

    public static IServiceCollection AddCredstackOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer(
                (document, _, _) =>
                {
                    document.Info.Title = "Credstack API";
                    document.Info.Description =
                        "Issue and manage Open Badges 3.0 credentials. Send an organisation API key as `Authorization: Bearer csk_...`.";
                    document.Components ??= new OpenApiComponents();
                    document.Components.SecuritySchemes ??=
                        new Dictionary<string, IOpenApiSecurityScheme>();
                    document.Components.SecuritySchemes[SchemeName] = new OpenApiSecurityScheme
                    {
                        Type = SecuritySchemeType.Http,
                        Scheme = "bearer",
                        Description = "An organisation API key (csk_...).",
                    };
                    document.Security =
                    [
                        new OpenApiSecurityRequirement
                        {
                            [new OpenApiSecuritySchemeReference(SchemeName, document)] = [],
                        },
                    ];
                    return Task.CompletedTask;
                }
            );
        });
}
