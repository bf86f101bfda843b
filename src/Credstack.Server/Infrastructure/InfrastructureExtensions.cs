using Credstack.LinkedData.Json;
using Credstack.Server.Data;
using Credstack.Server.Infrastructure.OpenApi;
using Credstack.Server.Infrastructure.Problems;
using Microsoft.AspNetCore.Http.Json;
using Scalar.AspNetCore;

namespace Credstack.Server.Infrastructure;

/// <summary>What every feature relies on: options, time, the database, ProblemDetails, OpenAPI.</summary>
internal static class InfrastructureExtensions
{
    public static IServiceCollection AddInfrastructure(
        this IServiceCollection services,
        IConfiguration configuration
    )
    {
        services
            .AddOptions<CredstackOptions>()
            .Bind(configuration.GetSection(CredstackOptions.Section));
        services.AddSingleton(TimeProvider.System);
        services.AddDatabase();
        services.AddProblemDetails();
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        // Binding failures throw, so that BadRequestExceptionHandler can name the field in a ProblemDetails.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.MaxDepth = 32;
            // RFC 8259 §4: a JSON object whose names are not unique is read differently by different
            // parsers; a body with one is refused (400 naming the member) rather than failing later.
            o.SerializerOptions.AllowDuplicateProperties = false;
            // JsonObject bodies (VC-API) read whole and checked the same way, with the member's path.
            o.SerializerOptions.Converters.Add(JsonText.ObjectConverter);
        });
        services.AddCredstackOpenApi();
        return services;
    }

    public static WebApplication UseInfrastructure(this WebApplication app)
    {
        // No developer exception page, in any environment: a 500 is a ProblemDetails with a trace id only.
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }

    public static WebApplication MapInfrastructure(this WebApplication app)
    {
        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference(
                "/api/reference",
                o =>
                    o.WithTitle("Credstack API")
                        .WithOpenApiRoutePattern("/openapi/{documentName}.json")
            )
            .AllowAnonymous();
        return app;
    }
}
