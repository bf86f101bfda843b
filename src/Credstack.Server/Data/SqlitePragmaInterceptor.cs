using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Credstack.Server.Data;

/// <summary>
/// Per-connection SQLite settings: <c>synchronous=NORMAL</c>, which with the write-ahead log (set once at
/// migration, it is stored in the file) is still crash-safe for the database and makes each commit cheap;
/// an 8 MiB page cache (the default is 2 MiB) and temporary tables and indexes in memory, which large
/// batches (bulk issuing) use.
/// </summary>
internal sealed class SqlitePragmaInterceptor : DbConnectionInterceptor
{
    private const string Pragmas =
        "PRAGMA synchronous=NORMAL; PRAGMA cache_size=-8192; PRAGMA temp_store=MEMORY;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
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
            command.CommandText = Pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
