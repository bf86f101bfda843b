using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Credstack.Server.Data;

/// <summary>
/// Per-connection SQLite settings, applied every time EF Core opens a connection (a pooled native
/// connection keeps them, so this is one cheap statement). The journal mode is WAL, set once on start
/// (<see cref="DatabaseServiceCollectionExtensions.MigrateDatabaseAsync"/>; it is stored in the file):
/// readers never block the writer. With WAL, <c>synchronous=NORMAL</c> (SQLite docs, "PRAGMA
/// synchronous") keeps every committed transaction across an application crash and syncs at
/// checkpoints; <c>Database:SqliteSynchronous=FULL</c> also keeps the last commits across a power loss.
/// <c>busy_timeout</c> lets a writer wait for the lock inside SQLite instead of failing.
/// </summary>
internal sealed class SqlitePragmas(string synchronous) : DbConnectionInterceptor
{
    public const int BusyTimeoutMilliseconds = 10_000;

    private readonly string _pragmas =
        $"PRAGMA synchronous={synchronous}; PRAGMA busy_timeout={BusyTimeoutMilliseconds}; PRAGMA cache_size=-8192; PRAGMA temp_store=MEMORY;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
#pragma warning disable CA2100 // The text is built from a checked setting, never from a request.
        command.CommandText = _pragmas;
#pragma warning restore CA2100
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(
        DbConnection connection,
        ConnectionEndEventData eventData,
        CancellationToken cancellationToken = default
    )
    {
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
#pragma warning disable CA2100 // The text is built from a checked setting, never from a request.
            command.CommandText = _pragmas;
#pragma warning restore CA2100
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The checked <c>Database:SqliteSynchronous</c> setting: <c>NORMAL</c> (default) or <c>FULL</c>.</summary>
    public static string Synchronous(IConfiguration configuration)
    {
        var value = (configuration["Database:SqliteSynchronous"] ?? "NORMAL")
            .Trim()
            .ToUpperInvariant();
        return value switch
        {
            "" or "NORMAL" => "NORMAL",
            "FULL" or "EXTRA" => value,
            _ => throw new InvalidOperationException(
                $"Database:SqliteSynchronous '{value}' is not supported: use 'NORMAL' (the default), 'FULL' or 'EXTRA'."
            ),
        };
    }
}
