using System.Text.Json.Nodes;

namespace Credstack.Server.Process.Tests.Infrastructure;

/// <summary>A credential a bulk job stored, read straight from the database.</summary>
public sealed record StoredCredential(
    Guid Id,
    int Line,
    string Email,
    int? RevocationList,
    int? RevocationIndex,
    string Content
);

/// <summary>What the database holds for a bulk job, and the exactly-once checks on it.</summary>
public static class BulkLedger
{
    /// <summary>The job's credentials.</summary>
    public static Task<List<StoredCredential>> CredentialsAsync(
        TestDatabase database,
        Guid jobId
    ) =>
        database.QueryAsync(
            """
            SELECT "Id", "BulkLine", "RecipientEmail", "RevocationList", "RevocationIndex", "Content"
            FROM credentials WHERE "BulkJobId" = @job
            """,
            r => new StoredCredential(
                r.GetGuid(0),
                r.GetInt32(1),
                r.GetString(2),
                r.IsDBNull(3) ? null : r.GetInt32(3),
                r.IsDBNull(4) ? null : r.GetInt32(4),
                r.GetString(5)
            ),
            ("@job", database.Guid(jobId))
        );

    /// <summary>How many credentials the job has stored so far.</summary>
    public static Task<long> CountAsync(TestDatabase database, Guid jobId) =>
        database.ScalarAsync<long>(
            """SELECT COUNT(*) FROM credentials WHERE "BulkJobId" = @job""",
            ("@job", database.Guid(jobId))
        );

    /// <summary>
    /// Exactly one credential per CSV row of <see cref="BulkApi.Csv"/>: <paramref name="rows"/> credentials,
    /// lines 2…rows+1 once each, every recipient once, every status list entry used once in the whole
    /// organisation, every row of the job's ledger issued and pointing at its credential, and each
    /// credential's content matching its row (id, status entry, recipient), and one e-mail queued per credential.
    /// </summary>
    public static async Task<List<StoredCredential>> AssertExactlyOnceAsync(
        TestDatabase database,
        Guid jobId,
        int rows
    )
    {
        var credentials = await CredentialsAsync(database, jobId);
        Assert.Equal(rows, credentials.Count);
        Assert.Equal(Enumerable.Range(2, rows), credentials.Select(c => c.Line).Order());
        Assert.Equal(
            BulkApi.Emails(rows).Order(StringComparer.Ordinal),
            credentials.Select(c => c.Email).Order(StringComparer.Ordinal)
        );

        var organization = await database.ScalarAsync<string>(
            """SELECT CAST("OrganizationId" AS TEXT) FROM bulk_jobs WHERE "Id" = @job""",
            ("@job", database.Guid(jobId))
        );
        var statusEntries = await database.QueryAsync(
            """
            SELECT "RevocationList", "RevocationIndex" FROM credentials
            WHERE CAST("OrganizationId" AS TEXT) = @org AND "RevocationIndex" IS NOT NULL
            """,
            r => (List: r.IsDBNull(0) ? 0 : r.GetInt32(0), Index: r.GetInt32(1)),
            ("@org", organization)
        );
        var reused = statusEntries.GroupBy(e => e).Where(g => g.Count() > 1).ToList();
        Assert.True(
            reused.Count == 0,
            $"{reused.Count} status list entries are used twice, e.g. {string.Join(", ", reused.Take(5).Select(g => g.Key))}"
        );
        Assert.All(credentials, c => Assert.NotNull(c.RevocationIndex));

        var ledger = await database.QueryAsync(
            """SELECT "Line", "State", "CredentialId" FROM bulk_job_rows WHERE "JobId" = @job""",
            r =>
                (
                    Line: r.GetInt32(0),
                    State: r.GetInt32(1),
                    Credential: r.IsDBNull(2) ? (Guid?)null : r.GetGuid(2)
                ),
            ("@job", database.Guid(jobId))
        );
        Assert.Equal(rows, ledger.Count);
        var byLine = credentials.ToDictionary(c => c.Line);
        Assert.All(
            ledger,
            row =>
            {
                Assert.Equal(1, row.State);
                Assert.Equal(byLine[row.Line].Id, row.Credential);
            }
        );

        // Exactly one recipient e-mail queued per credential (the outbox row is written in the chunk's
        // transaction), addressed to the row's recipient.
        var emails = await database.QueryAsync(
            """
            SELECT "CredentialId", "To" FROM outbound_emails
            WHERE "CredentialId" IN (SELECT "Id" FROM credentials WHERE "BulkJobId" = @job)
            """,
            r => (Credential: r.GetGuid(0), To: r.GetString(1)),
            ("@job", database.Guid(jobId))
        );
        Assert.Equal(rows, emails.Count);
        var byId = credentials.ToDictionary(c => c.Id);
        Assert.Equal(rows, emails.Select(e => e.Credential).Distinct().Count());
        Assert.All(emails, e => Assert.Equal(byId[e.Credential].Email, e.To));

        // The signed content is the row's: its id, its status entry, its recipient.
        Assert.All(
            credentials,
            c =>
            {
                var json = JsonNode.Parse(c.Content)!;
                Assert.Equal(
                    $"{ServerProcess.PublicOrigin}/credentials/{c.Id}",
                    (string)json["id"]!
                );
                Assert.Equal(
                    c.RevocationIndex.ToString(),
                    (string)json["credentialStatus"]!["statusListIndex"]!
                );
                var name = json["credentialSubject"]!["identifier"]!
                    .AsArray()
                    .Single(i => (string?)i!["identityType"] == "name");
                Assert.Equal($"Learner {c.Line - 2}", (string)name!["identityHash"]!);
                Assert.False(string.IsNullOrEmpty((string?)json["proof"]!["proofValue"]));
            }
        );
        return credentials;
    }
}
