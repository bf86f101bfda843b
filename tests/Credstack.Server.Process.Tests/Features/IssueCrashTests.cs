using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Credstack.Server.Process.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Credstack.Server.Process.Tests.Features;

/// <summary>
/// SIGKILL during a burst of single issues, each with its own <c>Idempotency-Key</c>: after a restart the
/// client retries every request that got no answer, and each key ends up with exactly one credential.
/// </summary>
public abstract class IssueCrashTests(string provider, ITestOutputHelper output)
{
    private const int Requests = 300;
    private const int KillAfter = 80;

    private static object Body(int i) =>
        new { email = $"learner{i}@example.test", name = $"Learner {i}" };

    [Fact]
    public async Task KillDuringABurstOfIssues_RetriesWithTheSameKeys_IssueEachExactlyOnce()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var key = await ServerProcess.BootstrapAsync(database, "Burst Org", "owner@example.test");
        await using var node = new ServerProcess(database, "a");
        await node.StartAsync();
        using var client = node.Client(key);
        var templateId = await Api.CreateTemplateAsync(client);

        // Four clients issue concurrently; the server is killed once KillAfter answers arrived, so
        // requests are in flight (some committed without an answer, some not committed at all).
        var answered = new ConcurrentDictionary<int, Guid>();
        var unanswered = new ConcurrentBag<int>();
        var next = -1;
        var killed = 0;
        async Task IssueLoopAsync()
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < Requests)
            {
                try
                {
                    answered[i] = await IssueAsync(client, templateId, i);
                }
                catch (HttpRequestException)
                {
                    unanswered.Add(i);
                }
                if (answered.Count >= KillAfter && Interlocked.Exchange(ref killed, 1) == 0)
                {
                    node.Kill();
                }
            }
        }
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(IssueLoopAsync)));
        Assert.True(killed == 1, "the server was not killed");
        Assert.NotEmpty(unanswered);

        // Restart on the same database; the client retries what got no answer, with the same keys.
        await node.StartAsync();
        foreach (var i in unanswered)
        {
            answered[i] = await IssueAsync(client, templateId, i);
        }
        // A repeated request that had been answered returns the credential issued the first time.
        foreach (var i in answered.Keys.Order().Take(10))
        {
            Assert.Equal(answered[i], await IssueAsync(client, templateId, i));
        }
        Assert.Equal(Requests, answered.Count);

        var rows = await database.QueryAsync(
            """
            SELECT "Id", "IdempotencyKey", "RecipientEmail", "RevocationIndex", "Content"
            FROM credentials WHERE "TemplateId" = @template
            """,
            r =>
                (
                    Id: r.GetGuid(0),
                    Key: r.GetString(1),
                    Email: r.GetString(2),
                    Index: r.GetInt32(3),
                    Content: r.GetString(4)
                ),
            ("@template", database.Guid(templateId))
        );
        Assert.Equal(Requests, rows.Count);
        Assert.Equal(
            Enumerable.Range(0, Requests).Select(i => $"burst-{i}").Order(StringComparer.Ordinal),
            rows.Select(r => r.Key).Order(StringComparer.Ordinal)
        );
        Assert.Equal(
            Enumerable
                .Range(0, Requests)
                .Select(i => $"learner{i}@example.test")
                .Order(StringComparer.Ordinal),
            rows.Select(r => r.Email).Order(StringComparer.Ordinal)
        );
        Assert.Equal(Requests, rows.Select(r => r.Index).Distinct().Count());
        // What each client was answered is what is stored.
        Assert.Equal(answered.Values.Order(), rows.Select(r => r.Id).Order());

        var verifying = await CredentialChecks.AssertAllValidAsync(
            [.. rows.Select(r => r.Content)],
            node
        );
        output.WriteLine(
            $"{unanswered.Count} requests unanswered at the kill; verified {Requests} credentials in {verifying.TotalSeconds:F1} s"
        );
        await node.StopAsync();
    }

    private static async Task<Guid> IssueAsync(HttpClient client, Guid templateId, int i)
    {
        using var request = new HttpRequestMessage(
            HttpMethod.Post,
            $"/api/v1/templates/{templateId}/issue"
        )
        {
            Content = JsonContent.Create(Body(i)),
        };
        request.Headers.Add("Idempotency-Key", $"burst-{i}");
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(
            response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK,
            $"request {i}: {(int)response.StatusCode} {body}"
        );
        var id = JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!;
        return Guid.Parse(id.Split('/')[^1]);
    }
}

public sealed class SqliteIssueCrashTests(ITestOutputHelper output)
    : IssueCrashTests("sqlite", output);

public sealed class PostgresIssueCrashTests(ITestOutputHelper output)
    : IssueCrashTests("postgres", output);
