using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Credstack.Server.Process.Tests.Infrastructure;

/// <summary>A bulk job as <c>GET /api/v1/jobs/{id}</c> reports it.</summary>
public sealed record JobState(Guid Id, string Status, int Total, int Done, int Failed)
{
    public bool Finished => Status is "completed" or "failed";

    public override string ToString() =>
        $"job {Id}: {Status}, {Done} done, {Failed} failed of {Total}";
}

/// <summary>Bulk issuing through the HTTP API: upload a CSV, follow the job.</summary>
public static class BulkApi
{
    /// <summary>A CSV with <paramref name="rows"/> recipients (<c>learner{i}@example.test</c>, line i + 2).</summary>
    public static string Csv(int rows)
    {
        var csv = new StringBuilder("email,name\n", rows * 40);
        for (var i = 0; i < rows; i++)
        {
            csv.Append(
                System.Globalization.CultureInfo.InvariantCulture,
                $"learner{i}@example.test,Learner {i}\n"
            );
        }
        return csv.ToString();
    }

    /// <summary>The e-mail addresses of <see cref="Csv"/>.</summary>
    public static IEnumerable<string> Emails(int rows) =>
        Enumerable.Range(0, rows).Select(i => $"learner{i}@example.test");

    /// <summary><c>POST /api/v1/templates/{id}/bulk</c> with the CSV as the raw body; asserts 202 and returns the job.</summary>
    public static async Task<JobState> UploadAsync(
        HttpClient client,
        Guid templateId,
        string csv,
        bool notify = true
    )
    {
        using var content = new StringContent(csv, Encoding.UTF8, "text/csv");
        using var response = await client.PostAsync(
            $"/api/v1/templates/{templateId}/bulk?notify={(notify ? "true" : "false")}",
            content
        );
        var job = await Api.JsonAsync(response, HttpStatusCode.Accepted);
        var state = Parse(job);
        Assert.Equal($"/api/v1/jobs/{state.Id}", response.Headers.Location?.OriginalString);
        return state;
    }

    public static async Task<JobState> GetAsync(HttpClient client, Guid jobId) =>
        Parse(
            await Api.JsonAsync(await client.GetAsync($"/api/v1/jobs/{jobId}"), HttpStatusCode.OK)
        );

    /// <summary>
    /// Polls the job (every 20 ms) until <paramref name="until"/> holds; fails with the last state and the
    /// node's log when it does not within <paramref name="timeout"/>.
    /// </summary>
    public static async Task<JobState> WaitAsync(
        ServerProcess node,
        HttpClient client,
        Guid jobId,
        Func<JobState, bool> until,
        TimeSpan timeout
    )
    {
        var clock = Stopwatch.StartNew();
        JobState state;
        while (!until(state = await GetAsync(client, jobId)))
        {
            if (clock.Elapsed > timeout)
            {
                Assert.Fail(
                    $"not reached within {timeout.TotalSeconds} s: {state}\n{node.LogTail()}"
                );
            }
            await Task.Delay(20);
        }
        return state;
    }

    private static JobState Parse(JsonElement job) =>
        new(
            job.GetProperty("id").GetGuid(),
            job.GetProperty("status").GetString()!,
            job.GetProperty("total").GetInt32(),
            job.GetProperty("done").GetInt32(),
            job.GetProperty("failed").GetInt32()
        );
}
