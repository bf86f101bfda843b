using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Credstack.Credentials.DataIntegrity;
using Credstack.Credentials.Dids;
using Credstack.Credentials.Keys;
using Credstack.Credentials.Status;
using Credstack.Credentials.Verification;
using Credstack.Server.Tests.Infrastructure;
using Credstack.Tests.Shared;
using Microsoft.AspNetCore.Hosting;

namespace Credstack.Server.Tests.Features;

/// <summary>Issuer identity, issuing (templates and VC-API), lifecycle and the published status lists.</summary>
public abstract class IssuingTests<TFactory>(TFactory factory) : IClassFixture<TFactory>
    where TFactory : ServerFactory
{
    private static readonly object Template = TestTemplates.DataAnalysis();

    private static readonly object Recipient = new
    {
        email = "ada@example.test",
        name = "Ada Lovelace",
        narrative = "Analysed the 1851 census.",
        evidence = new[] { new { id = "https://example.org/projects/1", name = "Final project" } },
    };

    private async Task<(HttpClient Client, string TemplateId)> TemplateAsync(
        string? ownerKey = null
    )
    {
        var client = factory.Client(ownerKey ?? await factory.NewOrganizationAsync());
        var created = await HttpAssert.JsonAsync(
            await client.PostAsJsonAsync("/api/v1/templates", Template),
            HttpStatusCode.Created
        );
        return (client, created.GetProperty("id").GetString()!);
    }

    private static async Task<JsonObject> IssueAsync(
        HttpClient client,
        string templateId,
        object? body = null
    )
    {
        var response = await client.PostAsJsonAsync(
            $"/api/v1/templates/{templateId}/issue",
            body ?? Recipient
        );
        var json = await HttpAssert.JsonAsync(response, HttpStatusCode.Created);
        return JsonNode.Parse(json.GetRawText())!.AsObject();
    }

    private CredentialVerifier Verifier() =>
        new(
            new VerifierOptions
            {
                // did:key resolves locally; there is no web resolution in these tests.
                Resolver = new DidResolver(new OfflineDidResolver()),
                Fetcher = new ServerDocumentFetcher(factory.Client(null)),
                Time = factory.Time,
            }
        );

    private static string LastSegment(JsonObject credential) =>
        ((string)credential["id"]!).Split('/')[^1];

    private static string Describe(VerificationReport report) => report.ToJson().ToJsonString();

    [Fact]
    public async Task GetOrganization_ShowsTheIssuerProfile_AndNoPrivateKey()
    {
        var client = factory.Client(await factory.NewOrganizationAsync());
        var text = await (
            await client.GetAsync("/api/v1/organization")
        ).Content.ReadAsStringAsync();
        var org = JsonDocument.Parse(text).RootElement;
        var issuer = org.GetProperty("issuer");
        Assert.StartsWith(
            "did:key:z6Mk",
            issuer.GetProperty("id").GetString(),
            StringComparison.Ordinal
        );
        Assert.Equal("Profile", issuer.GetProperty("type").GetString());
        Assert.Equal("did:key", org.GetProperty("identifier").GetString());
        var keys = await (
            await client.GetAsync("/api/v1/organization/keys")
        ).Content.ReadAsStringAsync();
        foreach (var body in new[] { text, keys })
        {
            Assert.DoesNotContain("secret", body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("protected", body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("\"d\"", body, StringComparison.Ordinal);
            // A secret Ed25519 Multikey starts with z3u2.
            Assert.DoesNotContain("z3u2", body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task IssueFromTemplate_VerifiesWithTheVerifier()
    {
        var (client, templateId) = await TemplateAsync();
        var credential = await IssueAsync(client, templateId);

        Assert.StartsWith(
            "http://localhost:5080/credentials/",
            (string)credential["id"]!,
            StringComparison.Ordinal
        );
        Assert.Equal("eddsa-rdfc-2022", (string)credential["proof"]!["cryptosuite"]!);
        var subject = credential["credentialSubject"]!;
        Assert.Equal("Data analysis with Python", (string)subject["achievement"]!["name"]!);
        var alignment = subject["achievement"]!["alignment"]!;
        Assert.Equal(
            "ESCO",
            (string)(alignment is JsonArray a ? a[0]! : alignment)["targetFramework"]!
        );
        Assert.True((bool)subject["identifier"]![0]!["hashed"]!);
        Assert.DoesNotContain(
            "ada@example.test",
            credential.ToJsonString(),
            StringComparison.Ordinal
        );
        // OB 3.0's schema allows one credentialStatus object: the revocation entry.
        var status = credential["credentialStatus"]!.AsObject();
        Assert.Equal("BitstringStatusListEntry", (string)status["type"]!);
        Assert.Equal("revocation", (string)status["statusPurpose"]!);

        var report = await Verifier().VerifyAsync(credential);
        Assert.True(report.Verdict == Verdict.Valid, Describe(report));

        // The public copy is byte for byte what was signed.
        var id = LastSegment(credential);
        var stored = await factory.Client(null).GetStringAsync($"/credentials/{id}");
        Assert.Equal(credential.ToJsonString(), JsonNode.Parse(stored)!.ToJsonString());
    }

    [Fact]
    public async Task Revoke_MakesTheVerifierSayRevoked_AndSetsTheBit()
    {
        var (client, templateId) = await TemplateAsync();
        var credential = await IssueAsync(client, templateId);
        var id = LastSegment(credential);
        var revocation = credential["credentialStatus"]!;
        var listPath = new Uri((string)revocation["statusListCredential"]!).AbsolutePath;
        var before = await factory.Client(null).GetAsync(listPath);
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.NotNull(before.Headers.ETag);
        Assert.NotNull(before.Headers.CacheControl?.MaxAge);

        var revoked = await HttpAssert.JsonAsync(
            await client.PostAsJsonAsync(
                $"/api/v1/credentials/{id}/revoke",
                new { reason = "Plagiarism" }
            ),
            HttpStatusCode.OK
        );
        Assert.Equal("revoked", revoked.GetProperty("status").GetString());

        var report = await Verifier().VerifyAsync(credential);
        Assert.Equal(Verdict.Invalid, report.Verdict);
        Assert.Contains(report.Checks, c => c.Code == "status.revoked");

        var after = await factory.Client(null).GetAsync(listPath);
        Assert.NotEqual(before.Headers.ETag, after.Headers.ETag);
        var list = JsonNode.Parse(await after.Content.ReadAsStringAsync())!;
        var decoded = BitstringStatusList.Decode(
            (string)list["credentialSubject"]!["encodedList"]!
        );
        Assert.True(decoded.IsSuccess);
        Assert.True(decoded.Value.IsSet(long.Parse((string)revocation["statusListIndex"]!)));

        var listed = await HttpAssert.JsonAsync(
            await client.GetAsync("/api/v1/credentials?status=revoked"),
            HttpStatusCode.OK
        );
        Assert.Equal(1, listed.GetProperty("total").GetInt32());
        Assert.Equal(
            "Plagiarism",
            listed.GetProperty("items")[0].GetProperty("revocationReason").GetString()
        );
    }

    [Fact]
    public async Task SuspendAndUnsuspend_ChangeTheVerdict()
    {
        var client = factory.Client(await factory.NewOrganizationAsync());
        var issued = await HttpAssert.JsonAsync(
            await client.PostAsJsonAsync(
                "/credentials/issue",
                new JsonObject { ["credential"] = VcApiCredential(await IssuerIdAsync(client)) }
            ),
            HttpStatusCode.Created
        );
        var credential = JsonNode
            .Parse(issued.GetProperty("verifiableCredential").GetRawText())!
            .AsObject();
        Assert.Equal(
            ["revocation", "suspension"],
            credential["credentialStatus"]!.AsArray().Select(s => (string)s!["statusPurpose"]!)
        );
        var id = LastSegment(credential);

        await HttpAssert.JsonAsync(
            await client.PostAsync($"/api/v1/credentials/{id}/suspend", null),
            HttpStatusCode.OK
        );
        var suspended = await Verifier().VerifyAsync(credential);
        Assert.Equal(Verdict.Invalid, suspended.Verdict);
        Assert.Contains(suspended.Checks, c => c.Code == "status.suspended");

        await HttpAssert.JsonAsync(
            await client.PostAsync($"/api/v1/credentials/{id}/unsuspend", null),
            HttpStatusCode.OK
        );
        var restored = await Verifier().VerifyAsync(credential);
        Assert.True(restored.Verdict == Verdict.Valid, Describe(restored));
    }

    [Fact]
    public async Task Suspend_AnOpenBadgeWithoutSuspensionEntry_Is422()
    {
        var (client, templateId) = await TemplateAsync();
        var id = LastSegment(await IssueAsync(client, templateId));
        await HttpAssert.ProblemAsync(
            await client.PostAsync($"/api/v1/credentials/{id}/suspend", null),
            HttpStatusCode.UnprocessableEntity
        );
    }

    [Fact]
    public async Task Credentials_AreListedAndSearched_AndExpireByValidUntil()
    {
        var (client, templateId) = await TemplateAsync();
        await IssueAsync(client, templateId);
        await IssueAsync(
            client,
            templateId,
            new
            {
                email = "bob@example.test",
                name = "Bob",
                expires = "2026-03-02T00:00:00Z",
            }
        );
        var page = await HttpAssert.JsonAsync(
            await client.GetAsync(
                $"/api/v1/credentials?template={templateId}&q=bob&page=1&pageSize=10"
            ),
            HttpStatusCode.OK
        );
        Assert.Equal(1, page.GetProperty("total").GetInt32());
        Assert.Equal("active", page.GetProperty("items")[0].GetProperty("status").GetString());

        factory.Time.Advance(TimeSpan.FromDays(2));
        try
        {
            var expired = await HttpAssert.JsonAsync(
                await client.GetAsync($"/api/v1/credentials?template={templateId}&status=expired"),
                HttpStatusCode.OK
            );
            Assert.Equal(
                "Bob",
                expired.GetProperty("items")[0].GetProperty("recipientName").GetString()
            );
            Assert.Equal(1, expired.GetProperty("total").GetInt32());
        }
        finally
        {
            factory.Time.Advance(TimeSpan.FromDays(-2));
        }
    }

    [Fact]
    public async Task IdempotentRetry_ReturnsTheSameCredential_AndAnotherBodyIs422()
    {
        var (client, templateId) = await TemplateAsync();
        var key = Guid.NewGuid().ToString();
        async Task<HttpResponseMessage> Send(object body)
        {
            using var request = new HttpRequestMessage(
                HttpMethod.Post,
                $"/api/v1/templates/{templateId}/issue"
            )
            {
                Content = JsonContent.Create(body),
            };
            request.Headers.Add("Idempotency-Key", key);
            return await client.SendAsync(request);
        }
        var first = await HttpAssert.JsonAsync(await Send(Recipient), HttpStatusCode.Created);
        var second = await HttpAssert.JsonAsync(await Send(Recipient), HttpStatusCode.Created);
        Assert.Equal(first.GetRawText(), second.GetRawText());
        var all = await HttpAssert.JsonAsync(
            await client.GetAsync("/api/v1/credentials"),
            HttpStatusCode.OK
        );
        Assert.Equal(1, all.GetProperty("total").GetInt32());

        await HttpAssert.ProblemAsync(
            await Send(new { email = "eve@example.test", name = "Eve" }),
            HttpStatusCode.UnprocessableEntity
        );
    }

    [Fact]
    public async Task AnotherOrganisationsCredential_IsNotFound()
    {
        var (client, templateId) = await TemplateAsync();
        var id = LastSegment(await IssueAsync(client, templateId));
        var other = factory.Client(await factory.NewOrganizationAsync());
        await HttpAssert.ProblemAsync(
            await other.GetAsync($"/api/v1/credentials/{id}"),
            HttpStatusCode.NotFound
        );
        await HttpAssert.ProblemAsync(
            await other.PostAsJsonAsync($"/api/v1/credentials/{id}/revoke", new { reason = "x" }),
            HttpStatusCode.NotFound
        );
        await HttpAssert.ProblemAsync(
            await other.PostAsJsonAsync($"/api/v1/templates/{templateId}/issue", Recipient),
            HttpStatusCode.NotFound
        );
    }

    [Fact]
    public async Task Viewer_CannotIssue()
    {
        var owner = await factory.NewOrganizationAsync();
        var (_, templateId) = await TemplateAsync(owner);
        var created = await HttpAssert.JsonAsync(
            await factory
                .Client(owner)
                .PostAsJsonAsync("/api/v1/api-keys", new { name = "viewer", role = "viewer" }),
            HttpStatusCode.Created
        );
        var viewer = factory.Client(created.GetProperty("key").GetString());
        await HttpAssert.ProblemAsync(
            await viewer.PostAsJsonAsync($"/api/v1/templates/{templateId}/issue", Recipient),
            HttpStatusCode.Forbidden
        );
        await HttpAssert.ProblemAsync(
            await viewer.PostAsJsonAsync("/credentials/issue", new { credential = new { } }),
            HttpStatusCode.Forbidden
        );
    }

    private static JsonObject VcApiCredential(string issuer, bool v1 = false) =>
        new()
        {
            ["@context"] = v1
                ? new JsonArray(
                    "https://www.w3.org/2018/credentials/v1",
                    "https://www.w3.org/2018/credentials/examples/v1"
                )
                : new JsonArray(
                    "https://www.w3.org/ns/credentials/v2",
                    "https://www.w3.org/ns/credentials/examples/v2"
                ),
            ["type"] = new JsonArray("VerifiableCredential"),
            ["issuer"] = issuer,
            ["credentialSubject"] = new JsonObject
            {
                ["id"] = "did:example:ebfeb1f712ebc6f1c276e12ec21",
            },
        };

    private static async Task<string> IssuerIdAsync(HttpClient client)
    {
        var org = await HttpAssert.JsonAsync(
            await client.GetAsync("/api/v1/organization"),
            HttpStatusCode.OK
        );
        return org.GetProperty("issuer").GetProperty("id").GetString()!;
    }

    [Theory]
    [InlineData("eddsa-rdfc-2022", false)]
    [InlineData("eddsa-jcs-2022", false)]
    [InlineData("eddsa-rdfc-2022", true)]
    public async Task VcApi_IssueThenVerify_ValidIs200_TamperedIs400(string cryptosuite, bool v1)
    {
        var client = factory.Client(await factory.NewOrganizationAsync());
        var issuer = await IssuerIdAsync(client);
        var issued = await HttpAssert.JsonAsync(
            await client.PostAsJsonAsync(
                "/credentials/issue",
                new JsonObject
                {
                    ["credential"] = VcApiCredential(issuer, v1),
                    ["options"] = new JsonObject { ["cryptosuite"] = cryptosuite },
                }
            ),
            HttpStatusCode.Created
        );
        var vc = JsonNode
            .Parse(issued.GetProperty("verifiableCredential").GetRawText())!
            .AsObject();
        Assert.Equal(cryptosuite, (string)vc["proof"]!["cryptosuite"]!);
        Assert.Equal(!v1, vc.ContainsKey("credentialStatus"));

        var valid = await client.PostAsJsonAsync(
            "/credentials/verify",
            new JsonObject { ["verifiableCredential"] = vc.DeepClone() }
        );
        var report = await HttpAssert.JsonAsync(valid, HttpStatusCode.OK);
        Assert.Equal("valid", report.GetProperty("verdict").GetString());

        vc["credentialSubject"]!["id"] = "did:example:someone-else";
        var tampered = await client.PostAsJsonAsync(
            "/credentials/verify",
            new JsonObject { ["verifiableCredential"] = vc }
        );
        var bad = await HttpAssert.JsonAsync(tampered, HttpStatusCode.BadRequest);
        Assert.Equal("invalid", bad.GetProperty("verdict").GetString());
    }

    [Fact]
    public async Task VcApi_IssuerMissingIs400_AnotherIssuerIs422()
    {
        var client = factory.Client(await factory.NewOrganizationAsync());
        var missing = VcApiCredential("x");
        missing.Remove("issuer");
        await HttpAssert.ValidationProblemAsync(
            await client.PostAsJsonAsync(
                "/credentials/issue",
                new JsonObject { ["credential"] = missing }
            ),
            "credential.issuer"
        );
        await HttpAssert.ProblemAsync(
            await client.PostAsJsonAsync(
                "/credentials/issue",
                new JsonObject
                {
                    ["credential"] = VcApiCredential(
                        "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK"
                    ),
                }
            ),
            HttpStatusCode.UnprocessableEntity
        );
    }

    [Fact]
    public async Task VcApi_ALargeBodyReadInManyPieces_IssuesAndVerifies()
    {
        // A body far larger than one read of the request pipe (sent chunked): JsonObjectBody reads it whole.
        var client = factory.Client(await factory.NewOrganizationAsync());
        var credential = VcApiCredential(await IssuerIdAsync(client));
        var description = string.Concat(Enumerable.Repeat("A long description é ✓. ", 12_000));
        credential["description"] = description;
        var issued = await HttpAssert.JsonAsync(
            await client.PostAsJsonAsync(
                "/credentials/issue",
                new JsonObject { ["credential"] = credential }
            ),
            HttpStatusCode.Created
        );
        var vc = JsonNode
            .Parse(issued.GetProperty("verifiableCredential").GetRawText())!
            .AsObject();
        Assert.Equal(description, (string)vc["description"]!);
        var report = await HttpAssert.JsonAsync(
            await client.PostAsJsonAsync(
                "/credentials/verify",
                new JsonObject { ["verifiableCredential"] = vc }
            ),
            HttpStatusCode.OK
        );
        Assert.Equal("valid", report.GetProperty("verdict").GetString());
    }

    [Theory]
    [InlineData("/credentials/issue")]
    [InlineData("/credentials/verify")]
    public async Task VcApi_UnreadableBody_Is4xxNamingTheBody_AndIssuesNothing(string url)
    {
        var client = factory.Client(await factory.NewOrganizationAsync());
        foreach (
            var (json, field) in new[]
            {
                ("""{"credential": {"issuer": "x",""", "body"),
                ("[1, 2]", "body"),
                ("", "body"),
                ("""{"credential": {"name": "a"}} trailing""", "body"),
            }
        )
        {
            await HttpAssert.ValidationProblemAsync(
                await client.PostRawJsonAsync(url, json),
                field
            );
        }
        var plain = await client.PostAsync(
            url,
            new StringContent("""{"credential": {}}""", System.Text.Encoding.UTF8, "text/plain")
        );
        await HttpAssert.ProblemAsync(plain, HttpStatusCode.UnsupportedMediaType);
        var listed = await HttpAssert.JsonAsync(
            await client.GetAsync("/api/v1/credentials"),
            HttpStatusCode.OK
        );
        Assert.Equal(0, listed.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task VcApi_SafeModeRefusal_Is422NamingTheProperty()
    {
        var client = factory.Client(await factory.NewOrganizationAsync());
        var credential = VcApiCredential(await IssuerIdAsync(client));
        credential["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2");
        credential["credentialSubject"]!["favouriteColour"] = "blue";
        var problem = await HttpAssert.ProblemAsync(
            await client.PostAsJsonAsync(
                "/credentials/issue",
                new JsonObject { ["credential"] = credential }
            ),
            HttpStatusCode.UnprocessableEntity
        );
        Assert.Contains(
            "favouriteColour",
            problem.GetProperty("detail").GetString(),
            StringComparison.Ordinal
        );
    }

    [Fact]
    public async Task VcApi_Status_RevokesByCredentialId()
    {
        var (client, templateId) = await TemplateAsync();
        var credential = await IssueAsync(client, templateId);
        var changed = await HttpAssert.JsonAsync(
            await client.PostAsJsonAsync(
                "/credentials/status",
                new
                {
                    credentialId = (string)credential["id"]!,
                    credentialStatus = new[]
                    {
                        new { type = "BitstringStatusListCredential", status = "revoked" },
                    },
                }
            ),
            HttpStatusCode.OK
        );
        Assert.Equal("revoked", changed.GetProperty("status").GetString());
        var report = await client.PostAsJsonAsync(
            "/credentials/verify",
            new JsonObject { ["verifiableCredential"] = credential }
        );
        var body = await HttpAssert.JsonAsync(report, HttpStatusCode.BadRequest);
        Assert.Contains("status.revoked", body.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyAndIssue_BodyWithADuplicateMemberName_Is400NamingIt()
    {
        // RFC 8259 §4: parsers disagree on which of two same-named members counts; such a body is refused
        // before anything reads it (it was a 500 when the lazily read object was first touched).
        var (client, templateId) = await TemplateAsync();
        var credential = (await IssueAsync(client, templateId)).ToJsonString();
        var duplicated =
            """{"verifiableCredential": {"type": ["VerifiableCredential"], """
            + credential[1..]
            + "}";
        await HttpAssert.ValidationProblemAsync(
            await client.PostRawJsonAsync("/credentials/verify", duplicated),
            "verifiableCredential.type"
        );
        await HttpAssert.ValidationProblemAsync(
            await client.PostRawJsonAsync(
                "/credentials/issue",
                """{"credential": {"name": "a", "name": "b"}}"""
            ),
            "credential.name"
        );
    }

    [Fact]
    public async Task Rotation_KeepsEarlierCredentialsValid()
    {
        var (client, templateId) = await TemplateAsync();
        var before = await IssueAsync(client, templateId);
        var oldIssuer = (string)before["issuer"]!["id"]!;
        await HttpAssert.JsonAsync(
            await client.PostAsync("/api/v1/organization/keys/rotate", null),
            HttpStatusCode.OK
        );
        Assert.NotEqual(oldIssuer, await IssuerIdAsync(client));
        var after = await IssueAsync(client, templateId);
        Assert.Equal(await IssuerIdAsync(client), (string)after["issuer"]!["id"]!);
        var report = await Verifier().VerifyAsync(before);
        Assert.True(report.Verdict == Verdict.Valid, Describe(report));
        var keys = await HttpAssert.JsonAsync(
            await client.GetAsync("/api/v1/organization/keys"),
            HttpStatusCode.OK
        );
        Assert.Equal(2, keys.GetArrayLength());
    }

    [Fact]
    public async Task DidWeb_IsRefusedWithoutHttpsOrigin()
    {
        var client = factory.Client(await factory.NewOrganizationAsync());
        await HttpAssert.ValidationProblemAsync(
            await client.PatchAsJsonAsync("/api/v1/organization", new { identifier = "did:web" }),
            "identifier"
        );
    }

    [Fact]
    public async Task DidWeb_OnAnHttpsOrigin_ServesTheDidDocument_AndCredentialsVerifyAfterRotation()
    {
        using var https = factory.WithWebHostBuilder(b =>
            b.UseSetting("Credstack:PublicOrigin", "https://badges.example")
        );
        var ownerKey = await factory.NewOrganizationAsync();
        var client = https.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", ownerKey);
        var org = await HttpAssert.JsonAsync(
            await client.PatchAsJsonAsync("/api/v1/organization", new { identifier = "did:web" }),
            HttpStatusCode.OK
        );
        var orgId = org.GetProperty("id").GetString();
        var did = org.GetProperty("issuer").GetProperty("id").GetString();
        Assert.Equal($"did:web:badges.example:orgs:{orgId}", did);

        var template = await HttpAssert.JsonAsync(
            await client.PostAsJsonAsync("/api/v1/templates", Template),
            HttpStatusCode.Created
        );
        var credential = await IssueAsync(client, template.GetProperty("id").GetString()!);
        Assert.Equal(did, (string)credential["issuer"]!["id"]!);
        Assert.StartsWith(
            "https://badges.example/credentials/",
            (string)credential["id"]!,
            StringComparison.Ordinal
        );
        await HttpAssert.JsonAsync(
            await client.PostAsync("/api/v1/organization/keys/rotate", null),
            HttpStatusCode.OK
        );

        var document = await HttpAssert.JsonAsync(
            await https.CreateClient().GetAsync($"/orgs/{orgId}/did.json"),
            HttpStatusCode.OK
        );
        Assert.Equal(did, document.GetProperty("id").GetString());
        Assert.Equal(2, document.GetProperty("verificationMethod").GetArrayLength());
        var profile = await HttpAssert.JsonAsync(
            await https.CreateClient().GetAsync($"/orgs/{orgId}/profile"),
            HttpStatusCode.OK
        );
        Assert.Equal(did, profile.GetProperty("id").GetString());

        // The server resolves its own did:web and status lists from its database.
        var report = await HttpAssert.JsonAsync(
            await https
                .CreateClient()
                .PostAsJsonAsync(
                    "/credentials/verify",
                    new JsonObject { ["verifiableCredential"] = credential }
                ),
            HttpStatusCode.OK
        );
        Assert.Equal("valid", report.GetProperty("verdict").GetString());
    }

    [Fact]
    public async Task PresentationsVerify_ChecksTheEmbeddedCredential()
    {
        var (client, templateId) = await TemplateAsync();
        var credential = await IssueAsync(client, templateId);
        var presentation = new JsonObject
        {
            ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2"),
            ["type"] = new JsonArray("VerifiablePresentation"),
            ["verifiableCredential"] = new JsonArray(credential.DeepClone()),
        };
        var open = factory.Client(null);
        var unsigned = await open.PostAsJsonAsync(
            "/presentations/verify",
            new JsonObject { ["verifiablePresentation"] = presentation.DeepClone() }
        );
        var unsignedBody = await unsigned.Content.ReadAsStringAsync();
        Assert.True(unsigned.StatusCode == HttpStatusCode.BadRequest, unsignedBody);
        Assert.Contains("proof.missing", unsignedBody, StringComparison.Ordinal);

        // The holder signs the presentation for the verifier's challenge (VC-API presentations/verify).
        using var holderKey = SigningKey.Generate(KeyType.Ed25519);
        var signed = DataIntegrityProofs.AddProof(
            presentation,
            new ProofOptions
            {
                ProofPurpose = "authentication",
                Challenge = "c-123",
                Created = factory.Time.GetUtcNow(),
            },
            ProofSigner.ForDidKey(holderKey)
        );
        var response = await open.PostAsJsonAsync(
            "/presentations/verify",
            new JsonObject
            {
                ["verifiablePresentation"] = signed,
                ["options"] = new JsonObject { ["challenge"] = "c-123" },
            }
        );
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);

        await HttpAssert.ValidationProblemAsync(
            await open.PostAsJsonAsync("/presentations/verify", new { verifiablePresentation = 1 }),
            "verifiablePresentation"
        );
        await HttpAssert.ValidationProblemAsync(
            await open.PostAsJsonAsync("/credentials/verify", new { options = new { } }),
            "verifiableCredential"
        );
    }

    [Fact]
    public async Task IssueAsJwt_ReturnsAVcJwtThatVerifies()
    {
        var (client, templateId) = await TemplateAsync();
        var response = await client.PostAsJsonAsync(
            $"/api/v1/templates/{templateId}/issue",
            new
            {
                email = "ada@example.test",
                name = "Ada",
                format = "jwt",
            }
        );
        var jwt = (await HttpAssert.JsonAsync(response, HttpStatusCode.Created)).GetString()!;
        Assert.Equal(3, jwt.Split('.').Length);
        var report = await Verifier().VerifyAsync(jwt);
        Assert.True(report.Verdict == Verdict.Valid, Describe(report));
    }
}

public sealed class IssuingOnSqliteTests(SqliteServerFactory factory)
    : IssuingTests<SqliteServerFactory>(factory);

public sealed class IssuingOnPostgresTests(PostgresServerFactory factory)
    : IssuingTests<PostgresServerFactory>(factory);
