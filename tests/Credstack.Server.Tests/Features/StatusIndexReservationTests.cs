using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Credstack.Server.Data;
using Credstack.Server.Features.Issuing;
using Credstack.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
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

    [Fact]
    public async Task SingleIssues_OnTwoNodes_WithStaleSnapshots_AllSucceed_WithDistinctIndexes()
    {
        // Two hosts on one database, each with its own process state (snapshots of the lists' used
        // indexes and current list numbers), as two server nodes; 64-entry lists, so that they fill.
        using var nodeA = factory.WithWebHostBuilder(b =>
            b.UseSetting("Credstack:StatusLists:Length", "64")
        );
        using var nodeB = factory.WithWebHostBuilder(b =>
            b.UseSetting("Credstack:StatusLists:Length", "64")
        );
        var key = await factory.NewOrganizationAsync();
        using var a = NodeClient(nodeA, key);
        using var b = NodeClient(nodeB, key);
        var org = await a.GetFromJsonAsync<JsonElement>("/api/v1/organization");
        var organizationId = Guid.Parse(org.GetProperty("id").GetString()!);
        var issuer = org.GetProperty("issuer").GetProperty("id").GetString()!;

        // Node A opens the lists and then reads them (its snapshot: 2 of 64 used).
        await IssueAsync(a, issuer, 2);
        // Node B uses 50 indexes of each list that node A's snapshot still has as free.
        await IssueAsync(b, issuer, 50);
        // Node A issues 20: 12 fit in list 1, whose snapshot is stale; the rest go to list 2, which
        // node A opens.
        await IssueAsync(a, issuer, 20);
        // Node B's snapshot says list 1 has 12 free and that it is the current list; neither is true.
        await IssueAsync(b, issuer, 5);

        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CredstackDbContext>();
        var credentials = await db
            .Credentials.Where(c => c.OrganizationId == organizationId)
            .Select(c => new
            {
                c.RevocationList,
                c.RevocationIndex,
                c.SuspensionList,
                c.SuspensionIndex,
            })
            .ToListAsync();
        Assert.Equal(77, credentials.Count);
        var revocation = credentials.Select(c => (c.RevocationList, c.RevocationIndex)).ToList();
        var suspension = credentials.Select(c => (c.SuspensionList, c.SuspensionIndex)).ToList();
        foreach (var slots in (List<(int?, int?)>[])[revocation, suspension])
        {
            Assert.Equal(77, slots.Distinct().Count());
            Assert.Equal(64, slots.Count(s => s.Item1 == 1));
            Assert.Equal(13, slots.Count(s => s.Item1 == 2));
            Assert.All(slots, s => Assert.InRange(s.Item2!.Value, 0, 63));
        }
    }

    private static HttpClient NodeClient(WebApplicationFactory<Program> node, string key)
    {
        var client = node.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    private static async Task IssueAsync(HttpClient client, string issuer, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var response = await client.PostAsJsonAsync(
                "/credentials/issue",
                new JsonObject
                {
                    ["credential"] = new JsonObject
                    {
                        ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2"),
                        ["type"] = new JsonArray("VerifiableCredential"),
                        ["issuer"] = issuer,
                        ["credentialSubject"] = new JsonObject { ["id"] = "did:example:holder" },
                    },
                }
            );
            Assert.True(
                response.StatusCode == HttpStatusCode.Created,
                await response.Content.ReadAsStringAsync()
            );
        }
    }

    private static int Held(StatusIndexReservations reservations, Guid organizationId, int list) =>
        reservations.WithHeld(organizationId, StatusListService.Revocation, list, h => h.Count);
}

public sealed class StatusIndexReservationOnSqliteTests(SqliteServerFactory factory)
    : StatusIndexReservationTests<SqliteServerFactory>(factory);

public sealed class StatusIndexReservationOnPostgresTests(PostgresServerFactory factory)
    : StatusIndexReservationTests<PostgresServerFactory>(factory);
