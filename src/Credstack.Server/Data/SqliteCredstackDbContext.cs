using System.Globalization;
using Credstack.Server.Features.Issuing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Credstack.Server.Data;

/// <summary>The SQLite flavour of <see cref="CredstackDbContext"/> (migrations in <c>Migrations/Sqlite</c>).</summary>
internal sealed class SqliteCredstackDbContext(DbContextOptions<SqliteCredstackDbContext> options)
    : CredstackDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        // SQLite has no date type and EF Core refuses to compare or order DateTimeOffset text there. The
        // credential dates the list filters and sorts on are stored as fixed-width UTC text instead, which
        // sorts as the instants do, so status and order translate to SQL (the column stays TEXT).
        builder.Entity<IssuedCredential>(e =>
        {
            e.Property(x => x.IssuedAt).HasConversion(SortableUtcText.Converter);
            e.Property(x => x.ValidUntil).HasConversion(SortableUtcText.Converter);
        });
    }
}

/// <summary>DateTimeOffset as <c>yyyy-MM-dd HH:mm:ss.fffffff+00:00</c> (UTC, fixed width): text order is time order.</summary>
internal static class SortableUtcText
{
    private const string Format = "yyyy'-'MM'-'dd' 'HH':'mm':'ss'.'fffffff'+00:00'";

    public static readonly ValueConverter<DateTimeOffset, string> Converter = new(
        v => v.ToUniversalTime().ToString(Format, CultureInfo.InvariantCulture),
        // Also reads rows written before, in EF Core's default form (trimmed fraction, any offset).
        s => DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal)
    );
}
