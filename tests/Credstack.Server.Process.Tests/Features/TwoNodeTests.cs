using System.Diagnostics;
using Credstack.Server.Process.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Credstack.Server.Process.Tests.Features;

/// <summary>
/// Issue 5's two-node test: two server processes on one PostgreSQL database share a bulk job without
/// duplicates or losses, and when one dies mid-job the other finishes it. The same holds for two
/// processes on one machine sharing one SQLite file (SQLite's file locks serialise their claims).
/// </summary>
public sealed class TwoNodeTests(ITestOutputHelper output)
{
    private const int Rows = 3_000;

    /// <summary>
    /// The kill test's job: large enough that node A is still working when a poll sees a fifth of it done
    /// (3,000 rows on two warm nodes took less than one status poll of the busy node A on an idle machine).
    /// </summary>
    private const int KillRows = 10_000;

    [Theory]
    [InlineData("postgres")]
    [InlineData("sqlite")]
    public async Task TwoNodes_ShareABulkJob_OneCredentialPerRow(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var key = await ServerProcess.BootstrapAsync(database, "Two Org", "owner@example.test");
        await using var a = new ServerProcess(database, "node-a", BulkCrashTests.Settings);
        await using var b = new ServerProcess(database, "node-b", BulkCrashTests.Settings);
        await Task.WhenAll(a.StartAsync(), b.StartAsync());
        using var clientA = a.Client(key);
        using var clientB = b.Client(key);
        var templateId = await Api.CreateTemplateAsync(clientA);

        var clock = Stopwatch.StartNew();
        var job = await BulkApi.UploadAsync(clientA, templateId, BulkApi.Csv(Rows));
        // Node B reports the job node A accepted: one database.
        var done = await BulkApi.WaitAsync(
            b,
            clientB,
            job.Id,
            j => j.Finished,
            TimeSpan.FromMinutes(4)
        );
        output.WriteLine($"finished in {clock.Elapsed.TotalSeconds:F1} s: {done}");
        Assert.Equal(new JobState(job.Id, "completed", Rows, Rows, 0), done);

        var credentials = await BulkLedger.AssertExactlyOnceAsync(database, job.Id, Rows);
        var shares = await NodeShares.OfJobAsync(database, job.Id, a, b);
        output.WriteLine($"rows issued per node: {shares}");
        // Both nodes sign with the organisation's key (decrypted with the shared key ring).
        await CredentialChecks.AssertAllSignaturesValidAsync([
            .. credentials.Select(c => c.Content),
        ]);
        await CredentialChecks.AssertAllValidAsync(
            [.. CredentialChecks.Sample(credentials, 100, out _).Select(c => c.Content)],
            b
        );
        Assert.True(shares.A > 0, $"node A issued nothing ({shares})\n{a.LogTail()}");
        Assert.True(shares.B > 0, $"node B issued nothing ({shares})\n{b.LogTail()}");
        Assert.Equal(Rows, shares.A + shares.B);
        await Task.WhenAll(a.StopAsync(), b.StopAsync());
    }

    [Theory]
    [InlineData("postgres")]
    [InlineData("sqlite")]
    public async Task NodeAKilledMidJob_NodeBFinishesIt_OneCredentialPerRow(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var key = await ServerProcess.BootstrapAsync(database, "Kill Org", "owner@example.test");
        await using var a = new ServerProcess(database, "node-a", BulkCrashTests.Settings);
        await using var b = new ServerProcess(database, "node-b", BulkCrashTests.Settings);
        await Task.WhenAll(a.StartAsync(), b.StartAsync());
        using var clientA = a.Client(key);
        using var clientB = b.Client(key);
        var templateId = await Api.CreateTemplateAsync(clientA);

        var job = await BulkApi.UploadAsync(clientA, templateId, BulkApi.Csv(KillRows));
        var atKill = await BulkApi.WaitAsync(
            a,
            clientA,
            job.Id,
            j => j.Done >= KillRows / 5 || j.Finished,
            TimeSpan.FromMinutes(3)
        );
        a.Kill();
        Assert.False(atKill.Finished, $"the job finished before the kill ({atKill})");
        var sharesAtKill = await NodeShares.OfJobAsync(database, job.Id, a, b);
        output.WriteLine($"node A killed at {atKill}; rows issued per node then: {sharesAtKill}");

        var done = await BulkApi.WaitAsync(
            b,
            clientB,
            job.Id,
            j => j.Finished,
            TimeSpan.FromMinutes(4)
        );
        Assert.Equal(new JobState(job.Id, "completed", KillRows, KillRows, 0), done);
        await BulkLedger.AssertExactlyOnceAsync(database, job.Id, KillRows);
        var shares = await NodeShares.OfJobAsync(database, job.Id, a, b);
        output.WriteLine($"rows issued per node at the end: {shares}");
        // Node A did nothing after its death; node B did the rest.
        Assert.Equal(sharesAtKill.A, shares.A);
        Assert.Equal(KillRows - sharesAtKill.A, shares.B);
        await b.StopAsync();
    }
}
