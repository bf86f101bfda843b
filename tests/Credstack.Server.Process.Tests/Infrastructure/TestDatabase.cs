using System.Data.Common;
using Credstack.Tests.Shared;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Credstack.Server.Process.Tests.Infrastructure;

/// <summary>
/// One fresh database and data directory for the server processes of one test, on SQLite or PostgreSQL,
/// plus direct SQL access for checks the API does not expose. Every server process started on it shares
/// both (a restarted server finds its data again).
/// </summary>
public abstract class TestDatabase : IAsyncDisposable
{
    /// <summary>The data directory: the SQLite file, the e-mail pickup folder, the server logs.</summary>
    public string DataDirectory { get; } =
        Directory.CreateTempSubdirectory("credstack-proc-").FullName;

    /// <summary><c>sqlite</c> or <c>postgres</c>, as <c>Database:Provider</c> takes it.</summary>
    public abstract string Provider { get; }

    /// <summary>The connection string the server is given.</summary>
    public abstract string ConnectionString { get; }

    /// <summary>A fresh database of the named provider, created (empty; the server migrates it).</summary>
    public static async Task<TestDatabase> CreateAsync(string provider)
    {
        TestDatabase database = provider switch
        {
            "sqlite" => new SqliteTestDatabase(),
            "postgres" => new PostgresTestDatabase(),
            _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
        };
        await database.CreateAsync();
        return database;
    }

    protected virtual Task CreateAsync() => Task.CompletedTask;

    /// <summary>An open connection to the database.</summary>
    public abstract Task<DbConnection> OpenAsync();

    /// <summary>Runs a query and returns its first column of its first row.</summary>
    public async Task<T> ScalarAsync<T>(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = await OpenAsync();
        await using var command = Command(connection, sql, parameters);
        var value = await command.ExecuteScalarAsync();
        return (T)
            Convert.ChangeType(
                value!,
                typeof(T),
                System.Globalization.CultureInfo.InvariantCulture
            );
    }

    /// <summary>Runs a query and maps each row.</summary>
    public async Task<List<T>> QueryAsync<T>(
        string sql,
        Func<DbDataReader, T> map,
        params (string Name, object Value)[] parameters
    )
    {
        await using var connection = await OpenAsync();
        await using var command = Command(connection, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
        {
            rows.Add(map(reader));
        }
        return rows;
    }

    /// <summary>A parameter value as this provider stores it (SQLite keeps GUIDs as upper-case text).</summary>
    public abstract object Guid(Guid value);

    private static DbCommand Command(
        DbConnection connection,
        string sql,
        (string Name, object Value)[] parameters
    )
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
        return command;
    }

    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A temporary directory left behind is harmless.
        }
        return ValueTask.CompletedTask;
    }
}

/// <summary>SQLite: the file <c>credstack.db</c> in the data directory.</summary>
public sealed class SqliteTestDatabase : TestDatabase
{
    public override string Provider => "sqlite";

    public override string ConnectionString =>
        new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(DataDirectory, "credstack.db"),
        }.ToString();

    public override async Task<DbConnection> OpenAsync()
    {
        var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    public override object Guid(Guid value) => value.ToString().ToUpperInvariant();

    public override ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        return base.DisposeAsync();
    }
}

/// <summary>
/// PostgreSQL: a new database on the server that <c>scripts/postgres-test.sh</c> started (its connection
/// string in CREDSTACK_TEST_POSTGRES or <c>.postgres-test/connection</c>), dropped afterwards. Without
/// one the tests fail, never skip.
/// </summary>
public sealed class PostgresTestDatabase : TestDatabase
{
    private readonly string _database = $"credstack_p_{System.Guid.NewGuid():N}";
    private string? _connectionString;

    public override string Provider => "postgres";

    public override string ConnectionString =>
        _connectionString ?? throw new InvalidOperationException("CreateAsync has not run.");

    protected override async Task CreateAsync()
    {
        var admin = AdminConnectionString();
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                $"CREATE DATABASE \"{_database}\"",
                connection
            );
            await command.ExecuteNonQueryAsync();
        }
        _connectionString = new NpgsqlConnectionStringBuilder(admin)
        {
            Database = _database,
        }.ToString();
    }

    public override async Task<DbConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    public override object Guid(Guid value) => value;

    public override async ValueTask DisposeAsync()
    {
        if (_connectionString is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(AdminConnectionString());
            await connection.OpenAsync();
            // FORCE can be refused (42501) while a background worker of the cluster (autovacuum) is
            // connected to the database: try again shortly; a database left behind in the throwaway
            // test cluster is harmless, so the last failure does not fail the test.
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await using var command = new NpgsqlCommand(
                        $"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)",
                        connection
                    );
                    await command.ExecuteNonQueryAsync();
                    break;
                }
                catch (PostgresException e) when (attempt < 5 || e.SqlState == "42501")
                {
                    if (attempt >= 5)
                    {
                        break;
                    }
                    await Task.Delay(500 * attempt);
                }
            }
        }
        await base.DisposeAsync();
    }

    private static string AdminConnectionString()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("CREDSTACK_TEST_POSTGRES");
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return fromEnvironment;
        }
        var file = Path.Combine(SharedData.RepositoryRoot, ".postgres-test", "connection");
        if (File.Exists(file))
        {
            return File.ReadAllText(file).Trim();
        }
        throw new InvalidOperationException(
            "PostgreSQL is not available for the process tests: run `scripts/postgres-test.sh start` "
                + "(./test.sh does) or set CREDSTACK_TEST_POSTGRES to a connection string of a user that may create databases."
        );
    }
}
