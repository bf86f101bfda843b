using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Credstack.Credentials.Jose;
using Credstack.Credentials.Status;
using Credstack.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Credstack.Server.Tests.Features;

/// <summary>
/// Issue 4 §8: every credential the server issues verifies with the real <c>credstack verify</c> (run
/// in-process through <c>CliApp.Run</c>, offline, with the organisation's DID document and status lists
/// fetched from the server as files); a revoked one does not, and its bit is set in the published list.
/// </summary>
public abstract class CliVerifyTests<TFactory>(TFactory factory)
    : IClassFixture<TFactory>,
        IDisposable
    where TFactory : ServerFactory
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("credstack-cli-");

    private static readonly object Template = new
    {
        kind = "certificate",
        name = "Welding basics",
        description = "Welds steel plates with MIG.",
        criteria = new { narrative = "Passes the practical exam." },
        validityDays = 3650,
    };

    public void Dispose()
    {
        try
        {
            _directory.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A temporary directory left behind is harmless.
        }
        GC.SuppressFinalize(this);
    }

    /// <summary>An organisation on the plain origin (did:key), or on an https origin with did:web.</summary>
    private async Task<(
        HttpClient Client,
        HttpClient Open,
        string Origin,
        string? Did,
        string? DidDoc
    )> OrganizationAsync(bool didWeb, WebApplicationFactory<Program>? https)
    {
        var ownerKey = await factory.NewOrganizationAsync();
        if (!didWeb)
        {
            return (
                factory.Client(ownerKey),
                factory.Client(null),
                "http://localhost:5080",
                null,
                null
            );
        }
        var client = https!.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", ownerKey);
        var org = await HttpAssert.JsonAsync(
            await client.PatchAsJsonAsync("/api/v1/organization", new { identifier = "did:web" }),
            HttpStatusCode.OK
        );
        var did = org.GetProperty("issuer").GetProperty("id").GetString()!;
        var document = await (
            await https
                .CreateClient()
                .GetAsync($"/orgs/{org.GetProperty("id").GetString()}/did.json")
        ).Content.ReadAsStringAsync();
        return (client, https.CreateClient(), "https://badges.example", did, document);
    }

    /// <summary>Issues one credential: from a template (ldp or jwt) or through the VC-API (two status entries).</summary>
    private static async Task<string> IssueAsync(HttpClient client, string how)
    {
        if (how == "vc-api")
        {
            var org = await HttpAssert.JsonAsync(
                await client.GetAsync("/api/v1/organization"),
                HttpStatusCode.OK
            );
            var issued = await HttpAssert.JsonAsync(
                await client.PostAsJsonAsync(
                    "/credentials/issue",
                    new JsonObject
                    {
                        ["credential"] = new JsonObject
                        {
                            ["@context"] = new JsonArray(
                                "https://www.w3.org/ns/credentials/v2",
                                "https://www.w3.org/ns/credentials/examples/v2"
                            ),
                            ["type"] = new JsonArray("VerifiableCredential"),
                            ["issuer"] = org.GetProperty("issuer").GetProperty("id").GetString(),
                            ["credentialSubject"] = new JsonObject
                            {
                                ["id"] = "did:example:ebfeb1f712ebc6f1c276e12ec21",
                            },
                        },
                    }
                ),
                HttpStatusCode.Created
            );
            return issued.GetProperty("verifiableCredential").GetRawText();
        }
        var template = await HttpAssert.JsonAsync(
            await client.PostAsJsonAsync("/api/v1/templates", Template),
            HttpStatusCode.Created
        );
        var response = await HttpAssert.JsonAsync(
            await client.PostAsJsonAsync(
                $"/api/v1/templates/{template.GetProperty("id").GetString()}/issue",
                new
                {
                    email = "linus@example.test",
                    name = "Linus",
                    format = how,
                }
            ),
            HttpStatusCode.Created
        );
        // A VC-JWT comes back as a JSON string; the CLI reads the compact JWT.
        return response.ValueKind == JsonValueKind.String
            ? response.GetString()!
            : response.GetRawText();
    }

    /// <summary>The credential itself: the JSON, or the credential a VC-JWT carries.</summary>
    private static JsonObject CredentialOf(string issued)
    {
        if (issued.StartsWith('{'))
        {
            return JsonNode.Parse(issued)!.AsObject();
        }
        Assert.True(VcJwt.TryDecode(issued, out var jwt, out var error), error?.Message);
        return JsonNode.Parse(jwt.Credential.GetRawText())!.AsObject();
    }

    private static IEnumerable<JsonObject> StatusEntries(JsonObject credential) =>
        credential["credentialStatus"] switch
        {
            JsonArray a => a.Select(e => e!.AsObject()),
            JsonObject o => [o],
            _ => [],
        };

    private string File(string name, string text)
    {
        var path = Path.Combine(_directory.FullName, name);
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    /// <summary>Fetches every status list the credential names from the server, as <c>URL=FILE</c> pairs.</summary>
    private async Task<List<string>> StatusListsAsync(
        HttpClient open,
        string origin,
        JsonObject credential,
        string tag
    )
    {
        var pairs = new List<string>();
        var n = 0;
        foreach (
            var url in StatusEntries(credential)
                .Select(e => (string)e["statusListCredential"]!)
                .Distinct()
        )
        {
            Assert.StartsWith(origin + "/", url, StringComparison.Ordinal);
            var response = await open.GetAsync(url[origin.Length..]);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, text);
            pairs.Add($"{url}={File($"list-{tag}-{n++}.json", text)}");
        }
        Assert.NotEmpty(pairs);
        return pairs;
    }

    /// <summary>Runs <c>credstack verify FILE --offline --json</c> with the documents; returns the exit code and the report.</summary>
    private static async Task<(int Exit, JsonElement Report, string Stderr)> CliVerifyAsync(
        string file,
        string? did,
        string? didDocFile,
        IEnumerable<string> statusLists
    )
    {
        var args = new List<string> { "verify", file, "--offline", "--json" };
        if (did is not null)
        {
            args.Add("--did-doc");
            args.Add($"{did}={didDocFile}");
        }
        foreach (var pair in statusLists)
        {
            args.Add("--status-list");
            args.Add(pair);
        }
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await Task.Run(() =>
            Credstack.Cli.CliApp.Run([.. args], TextReader.Null, stdout, stderr)
        );
        var output = stdout.ToString();
        Assert.True(output.Length > 0, $"no report (exit {exit}): {stderr}");
        return (exit, JsonDocument.Parse(output).RootElement.Clone(), stderr.ToString());
    }

    [Theory]
    [InlineData(false, "ldp", null)]
    [InlineData(false, "jwt", null)]
    [InlineData(false, "jwt", "rsa")]
    [InlineData(false, "jwt", "p256")]
    [InlineData(false, "vc-api", null)]
    [InlineData(true, "ldp", null)]
    [InlineData(true, "jwt", "rsa")]
    [InlineData(true, "jwt", "p256")]
    [InlineData(true, "vc-api", null)]
    public async Task IssuedCredential_VerifiesWithTheCli_AndOnceRevokedFails_WithItsBitSet(
        bool didWeb,
        string how,
        string? jwtKey
    )
    {
        using var https = didWeb
            ? factory.WithWebHostBuilder(b =>
                b.UseSetting("Credstack:PublicOrigin", "https://badges.example")
            )
            : null;
        var (client, open, origin, did, didDoc) = await OrganizationAsync(didWeb, https);
        if (jwtKey is not null)
        {
            await HttpAssert.JsonAsync(
                await client.PostAsJsonAsync("/api/v1/organization/keys", new { type = jwtKey }),
                HttpStatusCode.Created
            );
            if (didWeb)
            {
                // The DID document as published after the key was added.
                var orgId = (
                    await HttpAssert.JsonAsync(
                        await client.GetAsync("/api/v1/organization"),
                        HttpStatusCode.OK
                    )
                )
                    .GetProperty("id")
                    .GetString();
                didDoc = await (
                    await open.GetAsync($"/orgs/{orgId}/did.json")
                ).Content.ReadAsStringAsync();
            }
        }
        var issued = await IssueAsync(client, how);
        var credential = CredentialOf(issued);
        var credentialFile = File("credential.txt", issued);
        var didDocFile = didDoc is null ? null : File("did.json", didDoc);

        var before = await StatusListsAsync(open, origin, credential, "before");
        var (exit, report, stderr) = await CliVerifyAsync(credentialFile, did, didDocFile, before);
        Assert.True(exit == 0, $"exit {exit}: {report} {stderr}");
        Assert.Equal("valid", report.GetProperty("verdict").GetString());
        Assert.Contains(
            report.GetProperty("checks").EnumerateArray(),
            c =>
                c.GetProperty("check").GetString() == "status"
                && c.GetProperty("status").GetString() == "passed"
        );

        var id = ((string)credential["id"]!).Split('/')[^1];
        await HttpAssert.JsonAsync(
            await client.PostAsJsonAsync(
                $"/api/v1/credentials/{id}/revoke",
                new { reason = "Test" }
            ),
            HttpStatusCode.OK
        );
        var after = await StatusListsAsync(open, origin, credential, "after");
        var (revokedExit, revokedReport, _) = await CliVerifyAsync(
            credentialFile,
            did,
            didDocFile,
            after
        );
        Assert.Equal(1, revokedExit);
        Assert.Equal("invalid", revokedReport.GetProperty("verdict").GetString());
        var failing = revokedReport
            .GetProperty("checks")
            .EnumerateArray()
            .Where(c => c.GetProperty("status").GetString() is "failed")
            .ToList();
        Assert.NotEmpty(failing);
        Assert.All(failing, c => Assert.Equal("status", c.GetProperty("check").GetString()));
        Assert.Contains(failing, c => c.GetProperty("code").GetString() == "status.revoked");

        // The bit at the credential's revocation index is set in the list as published.
        var revocation = StatusEntries(credential)
            .Single(e => (string)e["statusPurpose"]! == "revocation");
        var listUrl = (string)revocation["statusListCredential"]!;
        var list = JsonNode.Parse(
            await (await open.GetAsync(listUrl[origin.Length..])).Content.ReadAsStringAsync()
        )!;
        var decoded = BitstringStatusList.Decode(
            (string)list["credentialSubject"]!["encodedList"]!
        );
        Assert.True(decoded.IsSuccess);
        var index = long.Parse(
            (string)revocation["statusListIndex"]!,
            System.Globalization.CultureInfo.InvariantCulture
        );
        Assert.True(decoded.Value.IsSet(index));
        // Only that bit among the credential's own entries: a suspension entry stays clear.
        foreach (var entry in StatusEntries(credential).Where(e => e != revocation))
        {
            var other = JsonNode.Parse(
                await (
                    await open.GetAsync(((string)entry["statusListCredential"]!)[origin.Length..])
                ).Content.ReadAsStringAsync()
            )!;
            var otherList = BitstringStatusList.Decode(
                (string)other["credentialSubject"]!["encodedList"]!
            );
            Assert.False(
                otherList.Value.IsSet(
                    long.Parse(
                        (string)entry["statusListIndex"]!,
                        System.Globalization.CultureInfo.InvariantCulture
                    )
                )
            );
        }
    }
}

public sealed class CliVerifyOnSqliteTests(SqliteServerFactory factory)
    : CliVerifyTests<SqliteServerFactory>(factory);

public sealed class CliVerifyOnPostgresTests(PostgresServerFactory factory)
    : CliVerifyTests<PostgresServerFactory>(factory);
