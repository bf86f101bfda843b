using Microsoft.EntityFrameworkCore;

namespace Credstack.Server.Data;

/// <summary>The SQLite flavour of <see cref="CredstackDbContext"/> (migrations in <c>Migrations/Sqlite</c>).</summary>
internal sealed class SqliteCredstackDbContext(DbContextOptions<SqliteCredstackDbContext> options)
    : CredstackDbContext(options);
