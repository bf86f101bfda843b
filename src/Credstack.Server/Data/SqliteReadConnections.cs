using Microsoft.Data.Sqlite;

namespace Credstack.Server.Data;

/// <summary>
/// Open SQLite connections kept for the per-request reads of <see cref="RawQuery{T}"/> (a status list's
/// version on every verification; the status index probe and list numbers on every issue), each with its
/// statements prepared once. Through EF Core, each of these reads opened and closed the context's
/// connection: Microsoft.Data.Sqlite registers every user function again on each open (EF Core's and
/// <see cref="SqliteFunctions"/>) and removes them on close, and prepares the statement again; that was
/// more CPU than the query. A read here is one autocommit statement, so it sees every transaction
/// committed before it, as on any other connection. Connections are per database (connection string), at
/// most <see cref="MaxIdlePerDatabase"/> idle each, for at most <see cref="MaxDatabases"/> databases (a
/// test process opens many); a connection whose statement failed is closed, not kept.
/// </summary>
internal static class SqliteReadConnections
{
    private const int MaxIdlePerDatabase = 8;
    private const int MaxDatabases = 4;

    private static readonly Lock Gate = new();
    private static readonly Dictionary<string, Stack<ReadConnection>> Idle = [];

    /// <summary>An open connection to the database of <paramref name="connectionString"/>; return it with <see cref="Return"/>.</summary>
    public static ReadConnection Rent(string connectionString)
    {
        lock (Gate)
        {
            if (Idle.TryGetValue(connectionString, out var idle) && idle.TryPop(out var ready))
            {
                return ready;
            }
        }
        return new ReadConnection(connectionString);
    }

    /// <summary>Keeps <paramref name="connection"/> for the next read (or closes it when enough are kept).</summary>
    public static void Return(ReadConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        List<ReadConnection>? evicted = null;
        lock (Gate)
        {
            if (!Idle.TryGetValue(connection.ConnectionString, out var idle))
            {
                if (Idle.Count >= MaxDatabases)
                {
                    evicted = [.. Idle.Values.SelectMany(s => s)];
                    Idle.Clear();
                }
                idle = new Stack<ReadConnection>();
                Idle[connection.ConnectionString] = idle;
            }
            if (idle.Count < MaxIdlePerDatabase)
            {
                idle.Push(connection);
                connection = null!;
            }
        }
        connection?.Dispose();
        foreach (var old in evicted ?? [])
        {
            old.Dispose();
        }
    }

    /// <summary>One kept connection and its prepared statements by SQL text.</summary>
    internal sealed class ReadConnection : IDisposable
    {
        private readonly SqliteConnection _connection;
        private readonly Dictionary<string, SqliteCommand> _commands = [];

        public ReadConnection(string connectionString)
        {
            ConnectionString = connectionString;
            // Its own native connection (outside Microsoft.Data.Sqlite's pool), read-only use; waits for
            // a lock like every other connection (SqlitePragmas).
            _connection = new SqliteConnection(
                new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString()
            );
            _connection.Open();
            using var pragmas = _connection.CreateCommand();
            pragmas.CommandText =
                $"PRAGMA busy_timeout={SqlitePragmas.BusyTimeoutMilliseconds}; PRAGMA cache_size=-8192;";
            pragmas.ExecuteNonQuery();
        }

        public string ConnectionString { get; }

        /// <summary>The command for <paramref name="sql"/> (prepared on first execution, then reused), parameters cleared.</summary>
        public SqliteCommand Command(string sql)
        {
            if (!_commands.TryGetValue(sql, out var command))
            {
                command = _connection.CreateCommand();
#pragma warning disable CA2100 // RawQuery's SQL comes from the EF Core model, never from a request.
                command.CommandText = sql;
#pragma warning restore CA2100
                _commands[sql] = command;
            }
            command.Parameters.Clear();
            return command;
        }

        public void Dispose()
        {
            foreach (var command in _commands.Values)
            {
                command.Dispose();
            }
            _connection.Dispose();
        }
    }
}
