using System.Data.Common;
using Credstack.Server.Data;
using Credstack.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Credstack.Server.Tests.Features;

/// <summary>
/// The per-connection SQLite settings (<c>SqlitePragmas</c>) and the Unicode <c>lower()</c>
/// (<c>SqliteFunctions</c>) hold on every open of a pooled connection, not only the first: both are
/// applied once per native connection or connection object and must survive close and reopen.
/// </summary>
public sealed class SqliteConnectionSettingsTests(SqliteServerFactory factory)
    : IClassFixture<SqliteServerFactory>
{
    private static async Task<object?> ScalarAsync(DbConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        await using (command)
        {
            command.CommandText = sql;
            return await command.ExecuteScalarAsync();
        }
    }

    [Fact]
    public async Task Settings_and_unicode_lower_hold_on_every_open_of_pooled_connections()
    {
        _ = factory.CreateClient();
        for (var round = 0; round < 3; round++)
        {
            // Pooled contexts and pooled native connections: later rounds reuse both.
            using var scope = factory.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<CredstackDbContext>();
            for (var open = 0; open < 3; open++)
            {
                await db.Database.OpenConnectionAsync();
                try
                {
                    var connection = db.Database.GetDbConnection();
                    Assert.Equal(
                        (long)SqlitePragmas.BusyTimeoutMilliseconds,
                        await ScalarAsync(connection, "PRAGMA busy_timeout")
                    );
                    // 1 = NORMAL (SQLite docs, "PRAGMA synchronous").
                    Assert.Equal(1L, await ScalarAsync(connection, "PRAGMA synchronous"));
                    Assert.Equal(-8192L, await ScalarAsync(connection, "PRAGMA cache_size"));
                    Assert.Equal("äöü", await ScalarAsync(connection, "SELECT lower('ÄÖÜ')"));
                }
                finally
                {
                    await db.Database.CloseConnectionAsync();
                }
            }
        }
    }
}
