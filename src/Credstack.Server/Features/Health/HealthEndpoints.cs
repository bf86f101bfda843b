using Credstack.Server.Data;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Credstack.Server.Features.Health;

/// <summary><c>/healthz</c>: 200 when the server can reach its database, 503 otherwise.</summary>
internal static class HealthEndpoints
{
    public static IServiceCollection AddHealth(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        return services;
    }

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/healthz").AllowAnonymous();
        return app;
    }

    private sealed class DatabaseHealthCheck(CredstackDbContext db) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(
            HealthCheckContext context,
            CancellationToken cancellationToken = default
        ) =>
            await db.Database.CanConnectAsync(cancellationToken).ConfigureAwait(false)
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("The database cannot be reached.");
    }
}
