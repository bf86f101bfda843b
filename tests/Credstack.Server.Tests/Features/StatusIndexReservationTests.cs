using System.Net.Http.Json;
using System.Text.Json;
using Credstack.Server.Features.Issuing;
using Credstack.Server.Tests.Infrastructure;
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

    private static int Held(StatusIndexReservations reservations, Guid organizationId, int list) =>
        reservations.WithHeld(organizationId, StatusListService.Revocation, list, h => h.Count);
}

public sealed class StatusIndexReservationOnSqliteTests(SqliteServerFactory factory)
    : StatusIndexReservationTests<SqliteServerFactory>(factory);

public sealed class StatusIndexReservationOnPostgresTests(PostgresServerFactory factory)
    : StatusIndexReservationTests<PostgresServerFactory>(factory);
