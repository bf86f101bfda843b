namespace Credstack.Server.Tests.Infrastructure;

/// <summary>The server on a fresh SQLite file in a temporary directory.</summary>
public class SqliteServerFactory : ServerFactory
{
    private readonly string _directory = Directory
        .CreateTempSubdirectory("credstack-test-")
        .FullName;

    public override string Provider => "sqlite";

    protected override string ConnectionString =>
        $"Data Source={Path.Combine(_directory, "credstack.db")}";

    protected override Task DropDatabaseAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A temporary directory left behind is harmless.
        }
        return Task.CompletedTask;
    }
}
