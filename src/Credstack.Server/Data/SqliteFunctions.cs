using System.Data.Common;
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

    private static void Register(DbConnection connection)
    {
        if (connection is SqliteConnection sqlite)
        {
            sqlite.CreateFunction(
                "lower",
                (string? text) => text?.ToLowerInvariant(),
                isDeterministic: true
            );
        }
    }
}
