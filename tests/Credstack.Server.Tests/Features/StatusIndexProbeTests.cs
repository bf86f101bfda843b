using Credstack.Server.Features.Issuing;

namespace Credstack.Server.Tests.Features;

/// <summary>
/// The status index probe's size follows how full the list looked (few candidates while it is nearly
/// empty, all 64 when it is nearly full or unknown), and its random indexes cover the range uniformly.
/// </summary>
public sealed class StatusIndexProbeTests
{
    private static readonly Guid Organization = Guid.NewGuid();

    [Fact]
    public void AListNotProbedYet_IsProbedWithTheMostCandidates()
    {
        var reservations = new StatusIndexReservations();
        Assert.Equal(
            64,
            reservations.ProbeSize(Organization, StatusListService.Revocation, 1, 1, 64)
        );
    }

    [Fact]
    public void ANearlyEmptyList_IsProbedWithFourCandidates_ANearlyFullOneWithAll()
    {
        var reservations = new StatusIndexReservations();
        reservations.ObserveProbe(Organization, StatusListService.Revocation, 1, 64, 0);
        reservations.ObserveProbe(Organization, StatusListService.Revocation, 2, 64, 58);
        Assert.Equal(
            4,
            reservations.ProbeSize(Organization, StatusListService.Revocation, 1, 1, 64)
        );
        Assert.Equal(
            64,
            reservations.ProbeSize(Organization, StatusListService.Revocation, 2, 1, 64)
        );
        // Other purposes and lists are not affected; more indexes needed, more candidates.
        Assert.Equal(
            64,
            reservations.ProbeSize(Organization, StatusListService.Suspension, 1, 1, 64)
        );
        Assert.Equal(
            32,
            reservations.ProbeSize(Organization, StatusListService.Revocation, 1, 16, 64)
        );
    }

    [Fact]
    public void AListFillingUp_GetsLargerProbes()
    {
        var reservations = new StatusIndexReservations();
        reservations.ObserveProbe(Organization, StatusListService.Revocation, 1, 64, 0);
        var before = reservations.ProbeSize(Organization, StatusListService.Revocation, 1, 1, 64);
        for (var i = 0; i < 10; i++)
        {
            reservations.ObserveProbe(Organization, StatusListService.Revocation, 1, 8, 4);
        }
        var after = reservations.ProbeSize(Organization, StatusListService.Revocation, 1, 1, 64);
        Assert.Equal(4, before);
        Assert.Equal(32, after);
    }

    [Fact]
    public void RandomIndexes_StayInRange_AndReachEveryValue()
    {
        var random = new RandomIndexes();
        var seen = new int[10];
        for (var i = 0; i < 10_000; i++)
        {
            seen[random.Next(10)]++;
        }
        // Each value is expected 1,000 times; below 700 would be a (vanishingly unlikely) 10-sigma event.
        Assert.All(seen, count => Assert.InRange(count, 700, 1300));
        Assert.Equal(0, random.Next(1));
        for (var i = 0; i < 1_000; i++)
        {
            Assert.InRange(random.Next(131_072), 0, 131_071);
        }
    }
}
