using Microsoft.EntityFrameworkCore;

namespace Credstack.Server.Data;

/// <summary>The PostgreSQL flavour of <see cref="CredstackDbContext"/> (migrations in <c>Migrations/Postgres</c>).</summary>
internal sealed class PostgresCredstackDbContext(
    DbContextOptions<PostgresCredstackDbContext> options
) : CredstackDbContext(options);
