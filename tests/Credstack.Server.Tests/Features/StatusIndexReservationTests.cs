using System.Net.Http.Json;
using System.Text.Json;
using Credstack.Server.Data;
using Credstack.Server.Features.Issuing;
using Credstack.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Credstack.Server.Tests.Features;

/// <summary>
/// Two allocations in flight at once in one process (two bulk chunks being signed, or concurrent issue
/// requests) never draw the same status list index, and an allocation's indexes are held only until its
/// scope ends (after the caller's commit).
/// </summary>
public abstract class StatusIndexReservationTests<TFactory>(TFactory factory)
    : IClassFixture<TFactory>
    where TFactory : ServerFactory
{
    [Fact]
    public async Task ConcurrentAllocations_InOneProcess_AreDisjoint_AndReleasedWithTheirScope()
    {
        var key = await factory.NewOrganizationAsync();
        using var client = factory.Client(key);
        var org = await client.GetFromJsonAsync<JsonElement>("/api/v1/organization");
        var organizationId = Guid.Parse(org.GetProperty("id").GetString()!);
        var reservations = factory.Services.GetRequiredService<StatusIndexReservations>();

        // 2,000 random draws each from 131,072: without the reservations about 30 would coincide.
        var first = factory.Services.CreateAsyncScope();
        var second = factory.Services.CreateAsyncScope();
        StatusSlot[] a;
        StatusSlot[] b;
        await using (second)
        {
            await using (first)
            {
                a = await first
                    .ServiceProvider.GetRequiredService<StatusIndexAllocator>()
                    .AllocateAsync(organizationId, StatusListService.Revocation, 2_000, default);
                b = await second
                    .ServiceProvider.GetRequiredService<StatusIndexAllocator>()
                    .AllocateAsync(organizationId, StatusListService.Revocation, 2_000, default);
                Assert.Equal(2_000, a.Distinct().Count());
                Assert.Equal(2_000, b.Distinct().Count());
                Assert.Empty(a.Intersect(b));
                Assert.Equal(4_000, Held(reservations, organizationId, a[0].List));
            }
            // The first scope ended: its indexes are no longer held, the second's still are.
            Assert.Equal(2_000, Held(reservations, organizationId, b[0].List));
        }
        Assert.Equal(0, Held(reservations, organizationId, a[0].List));
    }

    [Fact]
    public async Task TheProcessSnapshotOfUsedIndexes_NeverHandsOutAnIndexAnotherProcessUsedSince()
    {
        // A 64-entry list for this host only, so that the test can fill it.
        using var small = factory.WithWebHostBuilder(b =>
            b.UseSetting("Credstack:StatusLists:Length", "64")
        );
        var key = await factory.NewOrganizationAsync();
        using var client = factory.Client(key);
        var org = await client.GetFromJsonAsync<JsonElement>("/api/v1/organization");
        var organizationId = Guid.Parse(org.GetProperty("id").GetString()!);
        using (var scope = small.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CredstackDbContext>();
            var lists = scope.ServiceProvider.GetRequiredService<StatusListService>();
            db.StatusLists.Add(lists.NewList(organizationId, StatusListService.Revocation, 1));
            db.StatusLists.Add(lists.NewList(organizationId, StatusListService.Suspension, 1));
            await db.SaveChangesAsync();
        }

        // This process allocates 20 (list 1 is read once and kept, with the 20 marked used).
        StatusSlot[] first;
        await using (var scope = small.Services.CreateAsyncScope())
        {
            first = await scope
                .ServiceProvider.GetRequiredService<StatusIndexAllocator>()
                .AllocateAsync(organizationId, StatusListService.Revocation, 20, default);
        }
        Assert.All(first, s => Assert.Equal(1, s.List));

        // "Another process" then uses all but ten of the other indexes of list 1.
        var free = Enumerable
            .Range(0, 64)
            .Except(first.Select(s => s.Index))
            .OrderBy(_ => Random.Shared.Next())
            .ToList();
        var stillFree = free.Take(10).ToHashSet();
        var takenElsewhere = free.Skip(10).ToList();
        using (var scope = small.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CredstackDbContext>();
            foreach (var index in takenElsewhere)
            {
                var id = Guid.NewGuid();
                db.Credentials.Add(
                    new IssuedCredential
                    {
                        Id = id,
                        OrganizationId = organizationId,
                        CredentialId = $"urn:test:{id}",
                        Format = "ldp",
                        Content = "{}",
                        RevocationList = 1,
                        RevocationIndex = index,
                    }
                );
            }
            await db.SaveChangesAsync();
        }

        // The next allocation checks its picks: of list 1 it gets exactly the ten still free, the rest
        // from list 2.
        await using (var scope = small.Services.CreateAsyncScope())
        {
            var second = await scope
                .ServiceProvider.GetRequiredService<StatusIndexAllocator>()
                .AllocateAsync(organizationId, StatusListService.Revocation, 30, default);
            Assert.Equal(30, second.Distinct().Count());
            Assert.Equal(
                stillFree.Order(),
                second.Where(s => s.List == 1).Select(s => s.Index).Order()
            );
            Assert.Equal(20, second.Count(s => s.List == 2));
        }
    }

    private static int Held(StatusIndexReservations reservations, Guid organizationId, int list) =>
        reservations.WithHeld(organizationId, StatusListService.Revocation, list, h => h.Count);
}

public sealed class StatusIndexReservationOnSqliteTests(SqliteServerFactory factory)
    : StatusIndexReservationTests<SqliteServerFactory>(factory);

public sealed class StatusIndexReservationOnPostgresTests(PostgresServerFactory factory)
    : StatusIndexReservationTests<PostgresServerFactory>(factory);
