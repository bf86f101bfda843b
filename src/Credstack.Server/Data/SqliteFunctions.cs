using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Credstack.Server.Data;

/// <summary>
/// Replaces SQLite's built-in <c>lower()</c>, which folds ASCII only, on every connection the server opens
/// with .NET's invariant lower-casing, so that case-insensitive search (credential list <c>q</c>) treats
/// "Ä" and "ä" alike on SQLite as PostgreSQL's <c>lower()</c> does. SQLite lets an application-defined
/// function override a built-in one of the same name and arity (sqlite3_create_function).
/// </summary>
internal sealed class SqliteFunctions : DbConnectionInterceptor
{
    public static readonly SqliteFunctions Instance = new();

    public override void ConnectionOpened(
        DbConnection connection,
        ConnectionEndEventData eventData
    ) => Register(connection);

    public override Task ConnectionOpenedAsync(
        DbConnection connection,
        ConnectionEndEventData eventData,
        CancellationToken cancellationToken = default
    )
    {
        Register(connection);
        return Task.CompletedTask;
    }

    /// <summary>
    /// The connection objects the function was registered on. Microsoft.Data.Sqlite keeps a connection's
    /// functions and registers them again on each open, so one registration per connection object (pooled
    /// contexts keep theirs) is enough; registering on every open doubled the work of a pooled open.
    /// </summary>
    private static readonly ConditionalWeakTable<SqliteConnection, object> Registered = [];

    private static void Register(DbConnection connection)
    {
        if (connection is SqliteConnection sqlite && !Registered.TryGetValue(sqlite, out _))
        {
            sqlite.CreateFunction(
                "lower",
                (string? text) => text?.ToLowerInvariant(),
                isDeterministic: true
            );
            Registered.AddOrUpdate(sqlite, sqlite);
        }
    }
}
