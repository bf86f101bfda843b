using Credstack.Tests.Shared;
using Npgsql;

namespace Credstack.Server.Tests.Infrastructure;

/// <summary>
/// The server on a fresh database in the PostgreSQL that <c>scripts/postgres-test.sh</c> started (its
/// connection string in CREDSTACK_TEST_POSTGRES or <c>.postgres-test/connection</c>). Without one the
/// tests fail, never skip: the PostgreSQL half of the suite must not silently disappear.
/// </summary>
public class PostgresServerFactory : ServerFactory
{
    private readonly string _database = $"credstack_t_{Guid.NewGuid():N}";
    private string? _connectionString;

    public override string Provider => "postgres";

    protected override string ConnectionString =>
        _connectionString ?? throw new InvalidOperationException("InitializeAsync has not run.");

    protected override async Task CreateDatabaseAsync()
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

    protected override async Task DropDatabaseAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(AdminConnectionString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)",
            connection
        );
        await command.ExecuteNonQueryAsync();
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
            "PostgreSQL is not available for the server tests: run `scripts/postgres-test.sh start` "
                + "(./test.sh does) or set CREDSTACK_TEST_POSTGRES to a connection string of a user that may create databases."
        );
    }
}
