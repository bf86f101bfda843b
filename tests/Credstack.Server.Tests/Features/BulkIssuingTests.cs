using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Credstack.Credentials.Dids;
using Credstack.Credentials.Verification;
using Credstack.Server.Data;
using Credstack.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Credstack.Server.Tests.Features;

/// <summary>Bulk CSV issuing: jobs, per-row errors, idempotency, encodings, limits, status list rollover.</summary>
public abstract class BulkIssuingTests<TFactory>(TFactory factory, ITestOutputHelper output)
    : IClassFixture<TFactory>
    where TFactory : ServerFactory
{
    private static readonly object Template = new
    {
        kind = "badge",
        name = "Bulk badge",
        description = "Issued from a CSV file.",
        criteria = new { narrative = "Attended." },
        validityDays = 365,
    };

    private async Task<(HttpClient Client, string TemplateId, string Key)> TemplateAsync()
    {
        var key = await factory.NewOrganizationAsync();
        var client = factory.Client(key);
        var created = await HttpAssert.JsonAsync(
            await client.PostAsJsonAsync("/api/v1/templates", Template),
            HttpStatusCode.Created
        );
        return (client, created.GetProperty("id").GetString()!, key);
    }

    private static Task<HttpResponseMessage> UploadAsync(
        HttpClient client,
        string templateId,
        byte[] csv,
        string? idempotencyKey = null,
        string query = ""
    )
    {
        var request = new HttpRequestMessage(
            HttpMethod.Post,
            $"/api/v1/templates/{templateId}/bulk{query}"
        )
        {
            Content = new ByteArrayContent(csv),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }
        return client.SendAsync(request);
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>Polls the job until it is completed or failed (the guard only stops a hung test).</summary>
    private static async Task<JsonElement> WaitAsync(HttpClient client, string jobId)
    {
        var guard = Stopwatch.StartNew();
        while (true)
        {
            var job = await HttpAssert.JsonAsync(
                await client.GetAsync($"/api/v1/jobs/{jobId}"),
                HttpStatusCode.OK
            );
            var status = job.GetProperty("status").GetString();
            if (status is "completed" or "failed")
            {
                return job;
            }
            Assert.True(guard.Elapsed < TimeSpan.FromMinutes(5), $"job still {status}: {job}");
            await Task.Delay(100);
        }
    }

    private CredentialVerifier Verifier() =>
        new(
            new VerifierOptions
            {
                Resolver = new DidResolver(new OfflineDidResolver()),
                Fetcher = new ServerDocumentFetcher(factory.Client(null)),
                Time = factory.Time,
            }
        );

    private static async Task<List<JsonElement>> CredentialsOfJobAsync(
        HttpClient client,
        string jobId
    )
    {
        var all = new List<JsonElement>();
        for (var page = 1; ; page++)
        {
            var list = await HttpAssert.JsonAsync(
                await client.GetAsync($"/api/v1/credentials?job={jobId}&page={page}&pageSize=200"),
                HttpStatusCode.OK
            );
            var items = list.GetProperty("items").EnumerateArray().ToList();
            all.AddRange(items);
            if (items.Count < 200)
            {
                return all;
            }
        }
    }

    [Fact]
    public async Task DatesWithAnOffset_AreIssued_AndStoredInUtc()
    {
        var (client, templateId, _) = await TemplateAsync();
        var csv = string.Join(
            "\n",
            "email,name,issued,expires",
            "olga@example.test,Olga,2026-03-01T09:00:00+02:00,2028-03-01T09:00:00-05:00",
            ""
        );
        var job = await HttpAssert.JsonAsync(
            await UploadAsync(client, templateId, Utf8(csv), query: "?notify=false"),
            HttpStatusCode.Accepted
        );
        var done = await WaitAsync(client, job.GetProperty("id").GetString()!);
        Assert.Equal("completed", done.GetProperty("status").GetString());
        Assert.Equal(1, done.GetProperty("done").GetInt32());
        var credential = Assert.Single(
            await CredentialsOfJobAsync(client, job.GetProperty("id").GetString()!)
        );
        Assert.Equal(
            new DateTimeOffset(2028, 3, 1, 14, 0, 0, TimeSpan.Zero),
            credential.GetProperty("validUntil").GetDateTimeOffset()
        );
    }

    [Fact]
    public async Task Upload_IssuesTheGoodRows_AndReportsEachBadRowWithItsLine()
    {
        var (client, templateId, _) = await TemplateAsync();
        var csv = string.Join(
            "\n",
            "Email , NAME,issued,expires,evidence_url,narrative,extra",
            "ada@example.test,Ada Lovelace,2026-03-01T09:00:00Z,2028-03-01T09:00:00Z,https://lms.example/p/1,Analysed the census.,x", // 2
            "not-an-email,Bob,,,,,x", // 3
            "carl@example.test,,,,,,x", // 4
            "dora@example.test,\"Dora\nthe explorer\",,,,,x", // 5-6
            "erin@example.test,Erin,yesterday,,,,x", // 7
            "fay@example.test,Fay,2026-03-01T09:00:00Z,2026-01-01T00:00:00Z,,,x", // 8
            "gus@example.test,Gus,,,ftp://files.example/x,,x", // 9
            "hal@example.test,Hal,,,,", // 10: one field short
            "ADA@example.test,Ada again,,,,,x", // 11: duplicate
            "ivy@example.test,=cmd|' /C calc'!A0,,,,,x", // 12: formula as a name: stored as text
            "bad,=HYPERLINK(\"http://evil.example\"),,,,,x", // 13
            ""
        );
        var response = await UploadAsync(client, templateId, Utf8(csv), query: "?notify=false");
        var accepted = await HttpAssert.JsonAsync(response, HttpStatusCode.Accepted);
        var jobId = accepted.GetProperty("id").GetString()!;
        Assert.Equal($"/api/v1/jobs/{jobId}", response.Headers.Location?.OriginalString);
        Assert.False(accepted.GetProperty("notify").GetBoolean());
        Assert.Equal(
            ["extra"],
            accepted.GetProperty("ignoredColumns").EnumerateArray().Select(e => e.GetString())
        );

        var job = await WaitAsync(client, jobId);
        Assert.Equal("completed", job.GetProperty("status").GetString());
        Assert.Equal(11, job.GetProperty("total").GetInt32());
        Assert.Equal(3, job.GetProperty("done").GetInt32());
        Assert.Equal(8, job.GetProperty("failed").GetInt32());
        Assert.Equal(64, job.GetProperty("fileSha256").GetString()!.Length);

        var errors = await HttpAssert.JsonAsync(
            await client.GetAsync($"/api/v1/jobs/{jobId}/errors"),
            HttpStatusCode.OK
        );
        Assert.Equal(8, errors.GetProperty("total").GetInt32());
        var byLine = errors
            .GetProperty("items")
            .EnumerateArray()
            .ToDictionary(e => e.GetProperty("line").GetInt32());
        Assert.Equal([3, 4, 7, 8, 9, 10, 11, 13], byLine.Keys.Order());
        Assert.Equal("email", byLine[3].GetProperty("field").GetString());
        Assert.Equal("name", byLine[4].GetProperty("field").GetString());
        Assert.Equal("issued", byLine[7].GetProperty("field").GetString());
        Assert.Equal("expires", byLine[8].GetProperty("field").GetString());
        Assert.Equal("evidence_url", byLine[9].GetProperty("field").GetString());
        Assert.Equal("row", byLine[10].GetProperty("field").GetString());
        Assert.Contains(
            "line 2",
            byLine[11].GetProperty("reason").GetString(),
            StringComparison.Ordinal
        );

        // The CSV report: a cell a spreadsheet would run as a formula starts with a quote.
        var csvReport = await client.GetStringAsync($"/api/v1/jobs/{jobId}/errors?format=csv");
        var lines = csvReport.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("line,field,reason,email,name", lines[0]);
        Assert.Equal(9, lines.Length);
        Assert.Contains(
            "\"'=HYPERLINK(\"\"http://evil.example\"\")\"",
            csvReport,
            StringComparison.Ordinal
        );
        Assert.DoesNotContain(",=HYPERLINK", csvReport, StringComparison.Ordinal);
        using var accept = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/jobs/{jobId}/errors");
        accept.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        var viaAccept = await client.SendAsync(accept);
        Assert.Equal("text/csv", viaAccept.Content.Headers.ContentType?.MediaType);
        Assert.Equal(csvReport, await viaAccept.Content.ReadAsStringAsync());

        var credentials = await CredentialsOfJobAsync(client, jobId);
        Assert.Equal(3, credentials.Count);
        var names = credentials.Select(c => c.GetProperty("recipientName").GetString()).Order();
        Assert.Equal(["=cmd|' /C calc'!A0", "Ada Lovelace", "Dora\nthe explorer"], names);
        var verifier = Verifier();
        foreach (var summary in credentials)
        {
            var id = summary.GetProperty("id").GetString();
            var text = await client.GetStringAsync($"/credentials/{id}");
            var credential = JsonNode.Parse(text)!.AsObject();
            var report = await verifier.VerifyAsync(credential);
            Assert.True(report.Verdict == Verdict.Valid, report.ToJson().ToJsonString());
            if (summary.GetProperty("recipientName").GetString() == "Ada Lovelace")
            {
                Assert.Equal("2028-03-01T09:00:00Z", (string)credential["validUntil"]!);
                Assert.Equal("https://lms.example/p/1", (string)credential["evidence"]![0]!["id"]!);
                Assert.Equal(
                    "Analysed the census.",
                    (string)credential["credentialSubject"]!["narrative"]!
                );
            }
        }
    }

    [Fact]
    public async Task SameFileOrSameIdempotencyKey_ReturnsTheSameJob_AndIssuesNothingMore()
    {
        var (client, templateId, _) = await TemplateAsync();
        var csv = Utf8("email,name\na@example.test,A\nb@example.test,B\n");
        var first = await HttpAssert.JsonAsync(
            await UploadAsync(client, templateId, csv, "batch-1"),
            HttpStatusCode.Accepted
        );
        var jobId = first.GetProperty("id").GetString()!;
        await WaitAsync(client, jobId);

        var again = await HttpAssert.JsonAsync(
            await UploadAsync(client, templateId, csv),
            HttpStatusCode.OK
        );
        Assert.Equal(jobId, again.GetProperty("id").GetString());
        var sameKey = await HttpAssert.JsonAsync(
            await UploadAsync(
                client,
                templateId,
                Utf8("email,name\nc@example.test,C\n"),
                "batch-1"
            ),
            HttpStatusCode.OK
        );
        Assert.Equal(jobId, sameKey.GetProperty("id").GetString());

        var jobs = await HttpAssert.JsonAsync(
            await client.GetAsync("/api/v1/jobs"),
            HttpStatusCode.OK
        );
        Assert.Equal(1, jobs.GetProperty("total").GetInt32());
        // Give a wrongly started second job the time to show up: there must be none.
        await Task.Delay(500);
        var all = await HttpAssert.JsonAsync(
            await client.GetAsync("/api/v1/credentials?pageSize=200"),
            HttpStatusCode.OK
        );
        Assert.Equal(2, all.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Utf16FileWithBom_IsRead_AndInvalidUtf8IsRefused()
    {
        var (client, templateId, _) = await TemplateAsync();
        var text = "email,name\nzoe@example.test,Zoë Ångström\n";
        var utf16 = Encoding
            .Unicode.GetPreamble()
            .Concat(Encoding.Unicode.GetBytes(text))
            .ToArray();
        var job = await HttpAssert.JsonAsync(
            await UploadAsync(client, templateId, utf16),
            HttpStatusCode.Accepted
        );
        var done = await WaitAsync(client, job.GetProperty("id").GetString()!);
        Assert.Equal(1, done.GetProperty("done").GetInt32());
        var credentials = await CredentialsOfJobAsync(client, done.GetProperty("id").GetString()!);
        Assert.Equal("Zoë Ångström", credentials[0].GetProperty("recipientName").GetString());

        var bigEndian = Encoding
            .BigEndianUnicode.GetPreamble()
            .Concat(
                Encoding.BigEndianUnicode.GetBytes(
                    text.Replace("zoe@", "zed@", StringComparison.Ordinal)
                )
            )
            .ToArray();
        var be = await HttpAssert.JsonAsync(
            await UploadAsync(client, templateId, bigEndian),
            HttpStatusCode.Accepted
        );
        Assert.Equal(
            1,
            (await WaitAsync(client, be.GetProperty("id").GetString()!))
                .GetProperty("done")
                .GetInt32()
        );

        // "Zoë" in Latin-1: 0xEB is not UTF-8.
        var latin1 = Encoding.Latin1.GetBytes("email,name\nzoe@example.test,Zo\u00eb\n");
        var problem = await HttpAssert.ValidationProblemAsync(
            await UploadAsync(client, templateId, latin1),
            "file"
        );
        Assert.Contains("line 2", problem.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("UTF-8", problem.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadFiles_AreRefusedWithAProblemNamingTheField()
    {
        var (client, templateId, _) = await TemplateAsync();
        await HttpAssert.ValidationProblemAsync(
            await UploadAsync(client, templateId, Utf8("email,issued\na@example.test,\n")),
            "name"
        );
        await HttpAssert.ValidationProblemAsync(await UploadAsync(client, templateId, []), "file");
        // A 2 MB line: refused, the server stays up.
        var huge = Utf8("email,name\na@example.test," + new string('x', 2 * 1024 * 1024) + "\n");
        await HttpAssert.ValidationProblemAsync(
            await UploadAsync(client, templateId, huge),
            "file"
        );
        // A field over 10,000 characters but within the record limit: that row fails, the others go on.
        var longName = Utf8(
            "email,name\na@example.test," + new string('y', 20_000) + "\nb@example.test,B\n"
        );
        var job = await HttpAssert.JsonAsync(
            await UploadAsync(client, templateId, longName),
            HttpStatusCode.Accepted
        );
        var done = await WaitAsync(client, job.GetProperty("id").GetString()!);
        Assert.Equal(1, done.GetProperty("done").GetInt32());
        Assert.Equal(1, done.GetProperty("failed").GetInt32());

        // Multipart with the file in field `file` works; without it, 400 naming `file`.
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(Utf8("email,name\nm@example.test,M\n")), "file", "list.csv" },
        };
        var multipart = await HttpAssert.JsonAsync(
            await client.PostAsync($"/api/v1/templates/{templateId}/bulk", form),
            HttpStatusCode.Accepted
        );
        Assert.Equal(
            1,
            (await WaitAsync(client, multipart.GetProperty("id").GetString()!))
                .GetProperty("done")
                .GetInt32()
        );
        using var noFile = new MultipartFormDataContent { { new StringContent("x"), "other" } };
        await HttpAssert.ValidationProblemAsync(
            await client.PostAsync($"/api/v1/templates/{templateId}/bulk", noFile),
            "file"
        );
    }

    [Fact]
    public async Task RowCap_RefusesALargerFile()
    {
        var (client, templateId, _) = await TemplateAsync();
        using var capped = factory.WithWebHostBuilder(b =>
            b.UseSetting("Credstack:Bulk:MaxRows", "3")
        );
        var key = client.DefaultRequestHeaders.Authorization!.Parameter;
        var small = capped.CreateClient();
        small.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        var problem = await HttpAssert.ValidationProblemAsync(
            await UploadAsync(
                small,
                templateId,
                Utf8("email,name\na@x.test,A\nb@x.test,B\nc@x.test,C\nd@x.test,D\n")
            ),
            "file"
        );
        Assert.Contains("more than 3 rows", problem.ToString(), StringComparison.Ordinal);
        var jobs = await HttpAssert.JsonAsync(
            await client.GetAsync("/api/v1/jobs"),
            HttpStatusCode.OK
        );
        Assert.Equal(0, jobs.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Authorization_ViewerIs403_OtherOrganizationAndUnknownTemplate404_Archived422()
    {
        var (client, templateId, owner) = await TemplateAsync();
        var csv = Utf8("email,name\na@example.test,A\n");
        var created = await HttpAssert.JsonAsync(
            await client.PostAsJsonAsync(
                "/api/v1/api-keys",
                new { name = "viewer", role = "viewer" }
            ),
            HttpStatusCode.Created
        );
        var viewer = factory.Client(created.GetProperty("key").GetString());
        await HttpAssert.ProblemAsync(
            await UploadAsync(viewer, templateId, csv),
            HttpStatusCode.Forbidden
        );
        var other = factory.Client(await factory.NewOrganizationAsync());
        await HttpAssert.ProblemAsync(
            await UploadAsync(other, templateId, csv),
            HttpStatusCode.NotFound
        );
        await HttpAssert.ProblemAsync(
            await UploadAsync(client, Guid.NewGuid().ToString(), csv),
            HttpStatusCode.NotFound
        );
        var job = await HttpAssert.JsonAsync(
            await UploadAsync(client, templateId, csv),
            HttpStatusCode.Accepted
        );
        var jobId = job.GetProperty("id").GetString();
        await HttpAssert.ProblemAsync(
            await other.GetAsync($"/api/v1/jobs/{jobId}"),
            HttpStatusCode.NotFound
        );
        await HttpAssert.ProblemAsync(
            await other.GetAsync($"/api/v1/jobs/{jobId}/errors"),
            HttpStatusCode.NotFound
        );
        // A viewer may read jobs.
        await HttpAssert.JsonAsync(
            await viewer.GetAsync($"/api/v1/jobs/{jobId}"),
            HttpStatusCode.OK
        );
        await HttpAssert.JsonAsync(
            await client.PostAsync($"/api/v1/templates/{templateId}/archive", null),
            HttpStatusCode.OK
        );
        await HttpAssert.ProblemAsync(
            await UploadAsync(client, templateId, Utf8("email,name\nb@example.test,B\n")),
            HttpStatusCode.UnprocessableEntity
        );
        Assert.NotNull(owner);
    }

    [Fact]
    public async Task StatusLists_RollOverToTheNextListWhenOneIsFull()
    {
        // A 16-entry list for this host only (the published bitstring keeps its 131,072 entries).
        using var small = factory.WithWebHostBuilder(b =>
            b.UseSetting("Credstack:StatusLists:Length", "16")
        );
        var key = await factory.NewOrganizationAsync();
        var client = small.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        var template = await HttpAssert.JsonAsync(
            await client.PostAsJsonAsync("/api/v1/templates", Template),
            HttpStatusCode.Created
        );
        var templateId = template.GetProperty("id").GetString();
        var slots = new HashSet<(string, string)>();
        var lists = new HashSet<string>();
        JsonObject? last = null;
        for (var i = 0; i < 40; i++)
        {
            var issued = await HttpAssert.JsonAsync(
                await client.PostAsJsonAsync(
                    $"/api/v1/templates/{templateId}/issue",
                    new { email = $"r{i}@example.test", name = $"R {i}" }
                ),
                HttpStatusCode.Created
            );
            var status = issued.GetProperty("credentialStatus");
            var list = status.GetProperty("statusListCredential").GetString()!;
            Assert.True(slots.Add((list, status.GetProperty("statusListIndex").GetString()!)));
            Assert.True(
                int.Parse(
                    status.GetProperty("statusListIndex").GetString()!,
                    System.Globalization.CultureInfo.InvariantCulture
                ) < 16
            );
            lists.Add(list);
            last = JsonNode.Parse(issued.GetRawText())!.AsObject();
        }
        Assert.Equal(3, lists.Count);
        var publicClient = factory.Client(null);
        foreach (var list in lists)
        {
            Assert.Equal(
                HttpStatusCode.OK,
                (await publicClient.GetAsync(new Uri(list).AbsolutePath)).StatusCode
            );
        }
        Assert.EndsWith(
            "/revocation/3",
            (string)last!["credentialStatus"]!["statusListCredential"]!,
            StringComparison.Ordinal
        );
        var report = await Verifier().VerifyAsync(last);
        Assert.True(report.Verdict == Verdict.Valid, report.ToJson().ToJsonString());
        // Revoking it sets its bit in list 3.
        var id = ((string)last["id"]!).Split('/')[^1];
        await HttpAssert.JsonAsync(
            await client.PostAsJsonAsync(
                $"/api/v1/credentials/{id}/revoke",
                new { reason = "test" }
            ),
            HttpStatusCode.OK
        );
        var revoked = await Verifier().VerifyAsync(last);
        Assert.Equal(Verdict.Invalid, revoked.Verdict);
    }

    [Fact]
    public async Task ARowThatCannotBeStored_FailsWithItsReasonAfterTheAttempts_AndTheOthersAreIssued()
    {
        // A real database failure that is not a conflict: a trigger refuses one recipient's credential.
        const string Poison = "poison.bulkfast@example.test";
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CredstackDbContext>();
            await db.Database.ExecuteSqlRawAsync(
                factory.Provider == "postgres"
                    ? $"""
                    CREATE OR REPLACE FUNCTION test_refuse_poison() RETURNS trigger AS $$
                    BEGIN
                      IF NEW."RecipientEmail" = '{Poison}' THEN RAISE EXCEPTION 'refused by the test trigger'; END IF;
                      RETURN NEW;
                    END $$ LANGUAGE plpgsql;
                    DROP TRIGGER IF EXISTS test_refuse_poison ON credentials;
                    CREATE TRIGGER test_refuse_poison BEFORE INSERT ON credentials
                      FOR EACH ROW EXECUTE FUNCTION test_refuse_poison();
                    """
                    : $"""
                    CREATE TRIGGER IF NOT EXISTS test_refuse_poison BEFORE INSERT ON credentials
                    WHEN NEW."RecipientEmail" = '{Poison}'
                    BEGIN SELECT RAISE(ABORT, 'refused by the test trigger'); END;
                    """
            );
        }
        var (client, templateId, _) = await TemplateAsync();
        var csv =
            $"email,name\nfirst.bulkfast@example.test,First\n{Poison},Poison\nlast.bulkfast@example.test,Last\n";
        var accepted = await HttpAssert.JsonAsync(
            await UploadAsync(client, templateId, Utf8(csv)),
            HttpStatusCode.Accepted
        );
        var jobId = accepted.GetProperty("id").GetString()!;

        // The three rows are one chunk, which cannot be stored: then each row is tried alone, and the
        // poisoned one fails after Credstack:Bulk:MaxAttempts (3) with the database's reason.
        var job = await WaitAsync(client, jobId);
        Assert.Equal("completed", job.GetProperty("status").GetString());
        Assert.Equal(2, job.GetProperty("done").GetInt32());
        Assert.Equal(1, job.GetProperty("failed").GetInt32());
        var errors = await HttpAssert.JsonAsync(
            await client.GetAsync($"/api/v1/jobs/{jobId}/errors"),
            HttpStatusCode.OK
        );
        var error = Assert.Single(errors.GetProperty("items").EnumerateArray());
        Assert.Equal(3, error.GetProperty("line").GetInt32());
        Assert.Equal("row", error.GetProperty("field").GetString());
        var reason = error.GetProperty("reason").GetString()!;
        Assert.Contains("refused by the test trigger", reason, StringComparison.Ordinal);
        Assert.Contains("attempt 3 of 3", reason, StringComparison.Ordinal);

        var credentials = await CredentialsOfJobAsync(client, jobId);
        Assert.Equal(
            ["first.bulkfast@example.test", "last.bulkfast@example.test"],
            credentials.Select(c => c.GetProperty("recipientEmail").GetString()).Order()
        );
        // Their e-mails were queued with them, none for the failed row.
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CredstackDbContext>();
            var ids = credentials
                .Select(c => Guid.Parse(c.GetProperty("id").GetString()!))
                .ToList();
            Assert.Equal(2, await db.OutboundEmails.CountAsync(e => ids.Contains(e.CredentialId)));
            Assert.Equal(0, await db.OutboundEmails.CountAsync(e => e.To == Poison));
        }
    }

    [Fact]
    public async Task TenThousandRows_AreIssuedExactlyOnce()
    {
        var (client, templateId, _) = await TemplateAsync();
        var csv = new StringBuilder("email,name\n");
        for (var i = 0; i < 10_000; i++)
        {
            csv.Append('p').Append(i).Append("@example.test,Person ").Append(i).Append('\n');
        }
        var watch = Stopwatch.StartNew();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var job = await HttpAssert.JsonAsync(
            await UploadAsync(client, templateId, Utf8(csv.ToString())),
            HttpStatusCode.Accepted
        );
        var staged = watch.Elapsed;
        var stagedCpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        var done = await WaitAsync(client, job.GetProperty("id").GetString()!);
        // A figure for the report, not an assertion: the machine is shared.
        output.WriteLine(
            $"{factory.Provider}: 10,000 rows staged in {staged.TotalSeconds:F1} s ({stagedCpu.TotalSeconds:F1} s CPU), "
                + $"issued in {watch.Elapsed.TotalSeconds:F1} s ({(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:F1} s CPU of this process)"
        );
        Assert.Equal("completed", done.GetProperty("status").GetString());
        Assert.Equal(10_000, done.GetProperty("done").GetInt32());
        Assert.Equal(0, done.GetProperty("failed").GetInt32());
        var list = await HttpAssert.JsonAsync(
            await client.GetAsync(
                $"/api/v1/credentials?job={done.GetProperty("id").GetString()}&pageSize=1"
            ),
            HttpStatusCode.OK
        );
        Assert.Equal(10_000, list.GetProperty("total").GetInt32());
    }
}

public sealed class BulkIssuingOnSqliteTests(SqliteServerFactory factory, ITestOutputHelper output)
    : BulkIssuingTests<SqliteServerFactory>(factory, output);

public sealed class BulkIssuingOnPostgresTests(
    PostgresServerFactory factory,
    ITestOutputHelper output
) : BulkIssuingTests<PostgresServerFactory>(factory, output);
