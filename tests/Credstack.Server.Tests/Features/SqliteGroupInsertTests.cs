using System.Net.Http.Json;
using System.Text.Json;
using Credstack.Server.Data;
using Credstack.Server.Features.Issuing;
using Credstack.Server.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Credstack.Server.Tests.Features;

/// <summary>
/// The SQLite group commit of issued credentials: rows inserted at once all commit, and a row that breaks
/// a unique index fails its own caller with the provider's unique-violation error while the rows queued
/// with it are stored.
/// </summary>
public sealed class SqliteGroupInsertTests(SqliteServerFactory factory)
    : IClassFixture<SqliteServerFactory>
{
    [Fact]
    public async Task ConcurrentInserts_AllCommit_AndADuplicateFailsAloneWithAUniqueViolation()
    {
        var key = await factory.NewOrganizationAsync();
        using var client = factory.Client(key);
        var org = await client.GetFromJsonAsync<JsonElement>("/api/v1/organization");
        var organizationId = Guid.Parse(org.GetProperty("id").GetString()!);
        var writer = factory.Services.GetRequiredService<SqliteGroupInsert<IssuedCredential>>();

        IssuedCredential Row(string credentialId) =>
            new()
            {
                Id = Guid.CreateVersion7(),
                OrganizationId = organizationId,
                CredentialId = credentialId,
                Format = "ldp",
                Content = "{}",
                IssuedAt = DateTimeOffset.UtcNow,
            };

        var prefix = $"urn:test:group:{Guid.NewGuid():N}:";
        var rows = Enumerable.Range(0, 40).Select(i => Row(prefix + i)).ToList();
        // The same credential id as row 0: refused by the unique index on credentials.CredentialId.
        var duplicate = Row(prefix + 0);
        var tasks = new List<Task>();
        var scopes = new List<AsyncServiceScope>();
        try
        {
            foreach (var row in rows.Take(20).Append(duplicate).Concat(rows.Skip(20)))
            {
                var scope = factory.Services.CreateAsyncScope();
                scopes.Add(scope);
                var db = scope.ServiceProvider.GetRequiredService<CredstackDbContext>();
                tasks.Add(writer.InsertAsync(db, row));
            }
            var failure = await Record.ExceptionAsync(() => tasks[20]);
            var error = Assert.IsType<SqliteException>(failure);
            Assert.True(BulkInsert.IsUniqueViolation(error));
            await Task.WhenAll(tasks.Where((_, i) => i != 20));
        }
        finally
        {
            foreach (var scope in scopes)
            {
                await scope.DisposeAsync();
            }
        }

        await using var check = factory.Services.CreateAsyncScope();
        var stored = await check
            .ServiceProvider.GetRequiredService<CredstackDbContext>()
            .Credentials.AsNoTracking()
            .Where(c => c.OrganizationId == organizationId && c.CredentialId.StartsWith(prefix))
            .Select(c => c.Id)
            .ToListAsync();
        Assert.Equal(rows.Select(r => r.Id).Order(), stored.Order());
    }
}
