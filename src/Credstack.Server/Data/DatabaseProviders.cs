namespace Credstack.Server.Data;

/// <summary>The database providers the server runs on (<c>Database:Provider</c>).</summary>
internal static class DatabaseProviders
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";
}
