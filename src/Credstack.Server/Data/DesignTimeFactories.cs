using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Credstack.Server.Data;

/// <summary>
/// Lets <c>dotnet ef migrations add X --context SqliteCredstackDbContext -o Data/Migrations/Sqlite</c>
/// build the context without starting the host (the connection is never opened).
/// </summary>
internal sealed class SqliteDesignTimeFactory
    : IDesignTimeDbContextFactory<SqliteCredstackDbContext>
{
    public SqliteCredstackDbContext CreateDbContext(string[] args) =>
        new(
            new DbContextOptionsBuilder<SqliteCredstackDbContext>()
                .UseSqlite("Data Source=design.db")
                .Options
        );
}

/// <summary>The PostgreSQL counterpart of <see cref="SqliteDesignTimeFactory"/>.</summary>
internal sealed class PostgresDesignTimeFactory
    : IDesignTimeDbContextFactory<PostgresCredstackDbContext>
{
    public PostgresCredstackDbContext CreateDbContext(string[] args) =>
        new(
            new DbContextOptionsBuilder<PostgresCredstackDbContext>()
                .UseNpgsql("Host=localhost")
                .Options
        );
}
