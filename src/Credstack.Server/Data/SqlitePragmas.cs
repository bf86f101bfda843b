using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Credstack.Server.Data;

/// <summary>
/// Per-connection SQLite settings, applied every time EF Core opens a connection (a pooled native
/// connection keeps them, so this is one cheap statement). The journal mode is WAL, set once on start
/// (<see cref="DatabaseServiceCollectionExtensions.MigrateDatabaseAsync"/>; it is stored in the file):
/// readers never block the writer. With WAL, <c>synchronous=NORMAL</c> (SQLite docs, "PRAGMA
/// synchronous") keeps every committed transaction across an application crash and syncs at
/// checkpoints; <c>Database:SqliteSynchronous=FULL</c> also keeps the last commits across a power loss.
/// <c>busy_timeout</c> lets a writer wait for the lock inside SQLite instead of failing. The settings last
/// as long as the native connection, which Microsoft.Data.Sqlite pools: they are applied once per native
/// connection, not on every open (an open per request made the statement a measurable part of a verification).
/// </summary>
internal sealed class SqlitePragmas(string synchronous) : DbConnectionInterceptor
{
    public const int BusyTimeoutMilliseconds = 10_000;

    private readonly string _pragmas =
        $"PRAGMA synchronous={synchronous}; PRAGMA busy_timeout={BusyTimeoutMilliseconds}; PRAGMA cache_size=-8192; PRAGMA temp_store=MEMORY;";

    /// <summary>The native connections (SQLitePCL handles) the settings were applied to.</summary>
    private readonly ConditionalWeakTable<object, object> _applied = [];

    /// <summary>Whether <paramref name="connection"/>'s native connection has the settings already.</summary>
    private bool Applied(DbConnection connection) =>
        connection is SqliteConnection { Handle: { } handle }
        && _applied.TryGetValue(handle, out _);

    private void MarkApplied(DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle })
        {
            _applied.AddOrUpdate(handle, handle);
        }
    }

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (Applied(connection))
        {
            return;
        }
        using var command = connection.CreateCommand();
#pragma warning disable CA2100 // The text is built from a checked setting, never from a request.
        command.CommandText = _pragmas;
#pragma warning restore CA2100
        command.ExecuteNonQuery();
        MarkApplied(connection);
    }

    public override async Task ConnectionOpenedAsync(
        DbConnection connection,
        ConnectionEndEventData eventData,
        CancellationToken cancellationToken = default
    )
    {
        if (Applied(connection))
        {
            return;
        }
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
#pragma warning disable CA2100 // The text is built from a checked setting, never from a request.
            command.CommandText = _pragmas;
#pragma warning restore CA2100
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        MarkApplied(connection);
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
