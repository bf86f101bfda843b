using System.Diagnostics;
using System.Net;
using Credstack.Server.Process.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Credstack.Server.Process.Tests.Features;

/// <summary>
/// Issue 5's crash test: SIGKILL the server during a 10,000-row bulk job, start it again on the same
/// database and data directory, and the job finishes with exactly 10,000 credentials, none twice, every
/// one verifiable.
/// </summary>
public abstract class BulkCrashTests(string provider, ITestOutputHelper output)
{
    private const int Rows = 10_000;

    /// <summary>Small chunks and a short lease: the kill lands mid-job, and the restart takes over soon.</summary>
    public static readonly IReadOnlyDictionary<string, string> Settings = new Dictionary<
        string,
        string
    >
    {
        ["Credstack__Bulk__ChunkSize"] = "100",
        ["Credstack__Bulk__LeaseSeconds"] = "3",
    };

    [Fact]
    public async Task KillMidJob_RestartFinishesIt_OneCredentialPerRow_EachVerifies()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var key = await ServerProcess.BootstrapAsync(database, "Crash Org", "owner@example.test");
        await using var node = new ServerProcess(database, "a", Settings);
        await node.StartAsync();
        using var client = node.Client(key);
        var templateId = await Api.CreateTemplateAsync(client);

        var clock = Stopwatch.StartNew();
        var job = await BulkApi.UploadAsync(client, templateId, BulkApi.Csv(Rows));
        var atKill = await BulkApi.WaitAsync(
            node,
            client,
            job.Id,
            j => j.Done >= Rows / 5 || j.Finished,
            TimeSpan.FromMinutes(3)
        );
        node.Kill();
        Assert.False(
            atKill.Finished,
            $"the job finished before the kill ({atKill}): make the chunks smaller"
        );
        var storedAtKill = await BulkLedger.CountAsync(database, job.Id);
        Assert.InRange(storedAtKill, 1, Rows - 1);
        output.WriteLine(
            $"killed after {clock.Elapsed.TotalSeconds:F1} s: {atKill}; {storedAtKill} credentials stored"
        );

        await node.StartAsync();
        var done = await BulkApi.WaitAsync(
            node,
            client,
            job.Id,
            j => j.Finished,
            TimeSpan.FromMinutes(4)
        );
        output.WriteLine($"finished {clock.Elapsed.TotalSeconds:F1} s after the upload: {done}");
        Assert.Equal(new JobState(job.Id, "completed", Rows, Rows, 0), done);

        var credentials = await BulkLedger.AssertExactlyOnceAsync(database, job.Id, Rows);
        var listed = await Api.JsonAsync(
            await client.GetAsync($"/api/v1/credentials?job={job.Id}&pageSize=1"),
            HttpStatusCode.OK
        );
        Assert.Equal(Rows, listed.GetProperty("total").GetInt32());

        // Every signature; the whole verifier (schema, dates, issuer, status list) on a random 500: all
        // 10,000 through it take minutes on 2 busy cores.
        var signatures = await CredentialChecks.AssertAllSignaturesValidAsync([
            .. credentials.Select(c => c.Content),
        ]);
        var sample = CredentialChecks.Sample(credentials, 500, out var seed);
        var verifying = await CredentialChecks.AssertAllValidAsync(
            [.. sample.Select(c => c.Content)],
            node
        );
        output.WriteLine(
            $"checked all {Rows} signatures in {signatures.TotalSeconds:F1} s; verified 500 (seed {seed}) in {verifying.TotalSeconds:F1} s"
        );
        await node.StopAsync();
    }
}

public sealed class SqliteBulkCrashTests(ITestOutputHelper output)
    : BulkCrashTests("sqlite", output);

public sealed class PostgresBulkCrashTests(ITestOutputHelper output)
    : BulkCrashTests("postgres", output);
