using Credstack.Server.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Credstack.Server.Data;

/// <summary>Registers <see cref="CredstackDbContext"/> for the configured provider and migrates it on start.</summary>
internal static class DatabaseServiceCollectionExtensions
{
    /// <summary>
    /// Both provider contexts are registered; <see cref="CredstackDbContext"/> resolves to the one that
    /// <c>Database:Provider</c> names. The configuration is read when the context is first created, so
    /// every configuration source (including a test host's overrides) is in place by then.
    /// </summary>
    public static IServiceCollection AddDatabase(this IServiceCollection services)
    {
        // Pooled contexts: a request leases a ready context instead of building one (EF Core docs,
        // "Advanced Performance Topics: DbContext pooling"); the contexts hold no per-request state.
        services.AddDbContextPool<SqliteCredstackDbContext>(
            (sp, o) =>
            {
                var configuration = sp.GetRequiredService<IConfiguration>();
                o.UseSqlite(SqliteConnectionString(configuration))
                    .AddInterceptors(
                        SqliteFunctions.Instance,
                        new SqlitePragmas(SqlitePragmas.Synchronous(configuration))
                    )
                    .ConfigureWarnings(ExpectedConflictsAreNotErrors);
            }
        );
        services.AddDbContextPool<PostgresCredstackDbContext>(
            (sp, o) =>
                o.UseNpgsql(PostgresConnectionString(sp.GetRequiredService<IConfiguration>()))
                    .ConfigureWarnings(ExpectedConflictsAreNotErrors)
        );
        // The provider is read from the configuration once per service provider (the lookup walks every
        // configuration source; it was about 0.4 % of an issue request's CPU when done per scope).
        services.AddSingleton(sp => new ConfiguredProvider(
            Provider(sp.GetRequiredService<IConfiguration>())
        ));
        services.AddScoped<CredstackDbContext>(sp =>
            sp.GetRequiredService<ConfiguredProvider>().Name == DatabaseProviders.Postgres
                ? sp.GetRequiredService<PostgresCredstackDbContext>()
                : sp.GetRequiredService<SqliteCredstackDbContext>()
        );
        services
            .AddDataProtection()
            .SetApplicationName("Credstack")
            .PersistKeysToDbContext<CredstackDbContext>();
        return services;
    }

    /// <summary>
    /// EF Core logs every failed <c>SaveChanges</c> as an error, before the caller sees the exception. Here a
    /// unique-index conflict is an expected outcome that the caller handles (two requests opening the same
    /// new status list, an Idempotency-Key race, a bulk row issued twice): the retry or the 409 is the
    /// outcome, so the event is logged at Debug. A failure nobody handles is still logged as an error, by the
    /// request pipeline's exception handler or the background service that ran it.
    /// </summary>
    private static void ExpectedConflictsAreNotErrors(WarningsConfigurationBuilder warnings) =>
        warnings.Log((CoreEventId.SaveChangesFailed, LogLevel.Debug));

    /// <summary>The provider <see cref="Provider"/> named when the service provider first needed it.</summary>
    private sealed record ConfiguredProvider(string Name);

    /// <summary>The configured provider, checked: <c>sqlite</c> (default) or <c>postgres</c>.</summary>
    public static string Provider(IConfiguration configuration)
    {
        var provider = (configuration["Database:Provider"] ?? DatabaseProviders.Sqlite)
            .Trim()
            .ToLowerInvariant();
        return provider switch
        {
            "" or DatabaseProviders.Sqlite => DatabaseProviders.Sqlite,
            DatabaseProviders.Postgres or "postgresql" => DatabaseProviders.Postgres,
            _ => throw new InvalidOperationException(
                $"Database:Provider '{provider}' is not supported: use 'sqlite' (the default) or 'postgres'."
            ),
        };
    }

    /// <summary>Creates the database when missing and applies every pending migration.</summary>
    public static async Task MigrateDatabaseAsync(
        this IServiceProvider services,
        CancellationToken cancellationToken
    )
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CredstackDbContext>();
        await db.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
        if (db.Database.IsSqlite())
        {
            // The write-ahead log: readers do not block the writer (bulk issuing writes while the API
            // reads); the mode is stored in the database file.
            await db
                .Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken)
                .ConfigureAwait(false);
        }
    }

    private static string SqliteConnectionString(IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString("Default");
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            return connectionString;
        }
        // The embedded default: one file under the data directory, created on start.
        var dataDirectory = Path.GetFullPath(
            configuration[$"{CredstackOptions.Section}:DataDirectory"] ?? "./data"
        );
        Directory.CreateDirectory(dataDirectory);
        return new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(dataDirectory, "credstack.db"),
        }.ToString();
    }

    private static string PostgresConnectionString(IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString("Default");
        return string.IsNullOrWhiteSpace(connectionString)
            ? throw new InvalidOperationException(
                "Database:Provider is 'postgres' but ConnectionStrings:Default is empty."
            )
            : connectionString;
    }
}
