using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Credstack.Credentials.Dids;
using Credstack.Credentials.Jose;
using Credstack.Credentials.Verification;
using Credstack.Server.Features.IssuerIdentity;
using Credstack.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Credstack.Server.Tests.Features;

/// <summary>VC-JWT keys (P-256, RSA) of an organisation: adding them, issuing with them, publishing them.</summary>
public abstract class IssuerKeyTests<TFactory>(TFactory factory) : IClassFixture<TFactory>
    where TFactory : ServerFactory
{
    private static readonly object Template = new
    {
        kind = "badge",
        name = "Safe lifting",
        description = "Lifts loads with the right posture.",
        criteria = new { narrative = "Passes the practical test." },
    };

    private static async Task<string> TemplateAsync(HttpClient client)
    {
        var created = await HttpAssert.JsonAsync(
            await client.PostAsJsonAsync("/api/v1/templates", Template),
            HttpStatusCode.Created
        );
        return created.GetProperty("id").GetString()!;
    }

    private static async Task<string> IssueJwtAsync(HttpClient client, string templateId)
    {
        var response = await client.PostAsJsonAsync(
            $"/api/v1/templates/{templateId}/issue",
            new
            {
                email = "grace@example.test",
                name = "Grace Hopper",
                format = "jwt",
            }
        );
        return (await HttpAssert.JsonAsync(response, HttpStatusCode.Created)).GetString()!;
    }

    private static async Task<JsonElement> AddKeyAsync(HttpClient client, string type) =>
        await HttpAssert.JsonAsync(
            await client.PostAsJsonAsync("/api/v1/organization/keys", new { type }),
            HttpStatusCode.Created
        );

    private CredentialVerifier Verifier(
        IDidResolver? resolver = null,
        IDocumentFetcher? fetcher = null
    ) =>
        new(
            new VerifierOptions
            {
                Resolver = resolver ?? new DidResolver(new OfflineDidResolver()),
                Fetcher = fetcher ?? new ServerDocumentFetcher(factory.Client(null)),
                Time = factory.Time,
            }
        );

    private static DecodedVcJwt Decode(string jwt)
    {
        Assert.True(VcJwt.TryDecode(jwt, out var decoded, out var error), error?.Message);
        return decoded;
    }

    private static string Describe(VerificationReport report) => report.ToJson().ToJsonString();

    [Fact]
    public async Task WithoutAJwtKey_JwtIsEdDsaUnderTheOrganisationsDidKey()
    {
        var client = factory.Client(await factory.NewOrganizationAsync());
        var jwt = Decode(await IssueJwtAsync(client, await TemplateAsync(client)));
        Assert.Equal("EdDSA", jwt.Algorithm);
        Assert.StartsWith("did:key:z6Mk", jwt.IssuerId, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RsaKey_OnADidKeyOrganisation_SignsRs256UnderItsDidJwk_AndVerifies()
    {
        var client = factory.Client(await factory.NewOrganizationAsync());
        var key = await AddKeyAsync(client, "rsa");
        Assert.Equal("Rsa", key.GetProperty("type").GetString());
        Assert.Equal("jwt", key.GetProperty("use").GetString());
        var jwk = key.GetProperty("publicKeyJwk");
        Assert.Equal("RSA", jwk.GetProperty("kty").GetString());
        Assert.True(
            Convert.FromBase64String(Base64(jwk.GetProperty("n").GetString()!)).Length >= 256
        );
        Assert.False(jwk.TryGetProperty("d", out _));

        var token = await IssueJwtAsync(client, await TemplateAsync(client));
        var jwt = Decode(token);
        Assert.Equal("RS256", jwt.Algorithm);
        Assert.StartsWith("did:jwk:", jwt.IssuerId, StringComparison.Ordinal);
        Assert.Equal(jwt.IssuerId + "#0", jwt.Kid);
        var report = await Verifier().VerifyAsync(token);
        Assert.True(report.Verdict == Verdict.Valid, Describe(report));
        Assert.Contains(report.Checks, c => c.Code == VerificationCodes.IssuerOk);

        // Data Integrity credentials still use the Ed25519 key under the organisation's did:key.
        var keys = await HttpAssert.JsonAsync(
            await client.GetAsync("/api/v1/organization/keys"),
            HttpStatusCode.OK
        );
        Assert.Equal(2, keys.GetArrayLength());
        Assert.All(keys.EnumerateArray(), k => Assert.True(k.GetProperty("active").GetBoolean()));
    }

    [Fact]
    public async Task P256Key_SignsEs256UnderItsDidKey_FromTemplatesAndTheVcApi()
    {
        var client = factory.Client(await factory.NewOrganizationAsync());
        var key = await AddKeyAsync(client, "p256");
        var multikey = key.GetProperty("publicKeyMultibase").GetString()!;
        Assert.StartsWith("zDn", multikey, StringComparison.Ordinal);

        var token = await IssueJwtAsync(client, await TemplateAsync(client));
        var jwt = Decode(token);
        Assert.Equal("ES256", jwt.Algorithm);
        Assert.Equal("did:key:" + multikey, jwt.IssuerId);
        var report = await Verifier().VerifyAsync(token);
        Assert.True(report.Verdict == Verdict.Valid, Describe(report));

        // VC-API: the credential names the organisation's identifier; signed as a VC-JWT it is issued
        // under the identifier of the JWT key.
        var org = await HttpAssert.JsonAsync(
            await client.GetAsync("/api/v1/organization"),
            HttpStatusCode.OK
        );
        var orgDid = org.GetProperty("issuer").GetProperty("id").GetString()!;
        foreach (var option in new[] { "format", "proofFormat" })
        {
            var issued = await HttpAssert.JsonAsync(
                await client.PostAsJsonAsync(
                    "/credentials/issue",
                    new JsonObject
                    {
                        ["credential"] = VcApiCredential(orgDid),
                        ["options"] = new JsonObject { [option] = "jwt" },
                    }
                ),
                HttpStatusCode.Created
            );
            var vcApiToken = issued.GetProperty("verifiableCredential").GetString()!;
            var vcApiJwt = Decode(vcApiToken);
            Assert.Equal("ES256", vcApiJwt.Algorithm);
            Assert.Equal("did:key:" + multikey, vcApiJwt.IssuerId);
            var vcApiReport = await Verifier().VerifyAsync(vcApiToken);
            Assert.True(vcApiReport.Verdict == Verdict.Valid, Describe(vcApiReport));
        }
    }

    [Theory]
    [InlineData("ecdsa-rdfc-2019")]
    [InlineData("ecdsa-jcs-2019")]
    public async Task VcApi_EcdsaCryptosuite_SignsWithTheP256Key_AndVerifies(string suite)
    {
        var client = factory.Client(await factory.NewOrganizationAsync());
        var org = await HttpAssert.JsonAsync(
            await client.GetAsync("/api/v1/organization"),
            HttpStatusCode.OK
        );
        var orgDid = org.GetProperty("issuer").GetProperty("id").GetString()!;
        JsonObject Request() =>
            new()
            {
                ["credential"] = VcApiCredential(orgDid),
                ["options"] = new JsonObject { ["cryptosuite"] = suite },
            };

        // Without a P-256 key the organisation cannot sign with an ECDSA suite: nothing is issued.
        var refused = await HttpAssert.ProblemAsync(
            await client.PostAsJsonAsync("/credentials/issue", Request()),
            HttpStatusCode.UnprocessableEntity
        );
        Assert.Contains("options.cryptosuite", refused.GetRawText(), StringComparison.Ordinal);

        var key = await AddKeyAsync(client, "p256");
        var multikey = key.GetProperty("publicKeyMultibase").GetString()!;
        var issued = await HttpAssert.JsonAsync(
            await client.PostAsJsonAsync("/credentials/issue", Request()),
            HttpStatusCode.Created
        );

        var credential = JsonNode.Parse(issued.GetProperty("verifiableCredential").GetRawText())!;
        var proof = credential["proof"]!;
        Assert.Equal(suite, (string?)proof["cryptosuite"]);
        Assert.Equal("did:key:" + multikey + "#" + multikey, (string?)proof["verificationMethod"]);
        // Issued under the P-256 key's own did:key, which the proof's method belongs to.
        var issuer = credential["issuer"] is JsonObject o ? o["id"] : credential["issuer"];
        Assert.Equal("did:key:" + multikey, (string?)issuer);
        var report = await Verifier().VerifyAsync(credential.ToJsonString());
        Assert.True(report.Verdict == Verdict.Valid, Describe(report));
        Assert.Contains(report.Checks, c => c.Message == $"valid {suite} signature");
    }

    [Fact]
    public async Task VcApi_EcdsaSd2023_IssuesABaseProof_TheHolderDerives_AndOnlyTheDerivedOneVerifies()
    {
        var client = factory.Client(await factory.NewOrganizationAsync());
        var org = await HttpAssert.JsonAsync(
            await client.GetAsync("/api/v1/organization"),
            HttpStatusCode.OK
        );
        var orgDid = org.GetProperty("issuer").GetProperty("id").GetString()!;
        var key = await AddKeyAsync(client, "p256");
        var multikey = key.GetProperty("publicKeyMultibase").GetString()!;
        var credential = VcApiCredential(orgDid);
        credential["validUntil"] = "2036-01-01T00:00:00Z";

        var issued = await HttpAssert.JsonAsync(
            await client.PostAsJsonAsync(
                "/credentials/issue",
                new JsonObject
                {
                    ["credential"] = credential,
                    ["options"] = new JsonObject
                    {
                        ["cryptosuite"] = "ecdsa-sd-2023",
                        ["mandatoryPointers"] = new JsonArray("/name"),
                    },
                }
            ),
            HttpStatusCode.Created
        );
        var baseCredential = JsonNode.Parse(
            issued.GetProperty("verifiableCredential").GetRawText()
        )!;
        Assert.Equal("ecdsa-sd-2023", (string?)baseCredential["proof"]!["cryptosuite"]);
        Assert.Equal(
            "did:key:" + multikey + "#" + multikey,
            (string?)baseCredential["proof"]!["verificationMethod"]
        );
        // A base proof is for the holder: a verifier refuses it.
        var baseReport = await HttpAssert.JsonAsync(
            await client.PostAsJsonAsync(
                "/credentials/verify",
                new JsonObject { ["verifiableCredential"] = baseCredential.DeepClone() }
            ),
            HttpStatusCode.BadRequest
        );
        Assert.Equal("invalid", baseReport.GetProperty("verdict").GetString());
        Assert.Contains("base proof", baseReport.GetRawText(), StringComparison.Ordinal);

        // The holder (anyone: no API key) discloses the achievement but not the rest of the subject.
        var holder = factory.Client(null);
        var derivedResponse = await HttpAssert.JsonAsync(
            await holder.PostAsJsonAsync(
                "/credentials/derive",
                new JsonObject
                {
                    ["verifiableCredential"] = baseCredential.DeepClone(),
                    ["options"] = new JsonObject
                    {
                        ["selectivePointers"] = new JsonArray("/credentialSubject"),
                    },
                }
            ),
            HttpStatusCode.Created
        );
        var derived = JsonNode.Parse(
            derivedResponse.GetProperty("verifiableCredential").GetRawText()
        )!;
        // The issuer, the dates and the status entries are always disclosed (the server made them mandatory).
        Assert.NotNull(derived["issuer"]);
        Assert.Equal("2036-01-01T00:00:00Z", (string?)derived["validUntil"]);
        Assert.NotNull(derived["credentialStatus"]);
        Assert.Equal("Forklift safety", (string?)derived["name"]);
        var report = await HttpAssert.JsonAsync(
            await holder.PostAsJsonAsync(
                "/credentials/verify",
                new JsonObject { ["verifiableCredential"] = derived.DeepClone() }
            ),
            HttpStatusCode.OK
        );
        Assert.True(report.GetProperty("verdict").GetString() == "valid", report.GetRawText());

        // A disclosed value changed by the holder does not verify.
        derived["name"] = "Crane safety";
        var tampered = await HttpAssert.JsonAsync(
            await holder.PostAsJsonAsync(
                "/credentials/verify",
                new JsonObject { ["verifiableCredential"] = derived }
            ),
            HttpStatusCode.BadRequest
        );
        Assert.Equal("invalid", tampered.GetProperty("verdict").GetString());
    }

    [Fact]
    public async Task VcApi_EcdsaSd2023_BadPointersAreNamed_AndNothingIsIssued()
    {
        var client = factory.Client(await factory.NewOrganizationAsync());
        var org = await HttpAssert.JsonAsync(
            await client.GetAsync("/api/v1/organization"),
            HttpStatusCode.OK
        );
        var orgDid = org.GetProperty("issuer").GetProperty("id").GetString()!;
        await AddKeyAsync(client, "p256");
        async Task<string> IssueProblemAsync(JsonObject options, HttpStatusCode status) =>
            (
                await HttpAssert.ProblemAsync(
                    await client.PostAsJsonAsync(
                        "/credentials/issue",
                        new JsonObject
                        {
                            ["credential"] = VcApiCredential(orgDid),
                            ["options"] = options,
                        }
                    ),
                    status
                )
            ).GetRawText();

        Assert.Contains(
            "options.mandatoryPointers[0]",
            await IssueProblemAsync(
                new JsonObject
                {
                    ["cryptosuite"] = "ecdsa-sd-2023",
                    ["mandatoryPointers"] = new JsonArray(7),
                },
                HttpStatusCode.BadRequest
            ),
            StringComparison.Ordinal
        );
        Assert.Contains(
            "options.mandatoryPointers",
            await IssueProblemAsync(
                new JsonObject
                {
                    ["cryptosuite"] = "eddsa-rdfc-2022",
                    ["mandatoryPointers"] = new JsonArray("/name"),
                },
                HttpStatusCode.BadRequest
            ),
            StringComparison.Ordinal
        );
        var nothing = await IssueProblemAsync(
            new JsonObject
            {
                ["cryptosuite"] = "ecdsa-sd-2023",
                ["mandatoryPointers"] = new JsonArray("/credentialSubject/nothing"),
            },
            HttpStatusCode.UnprocessableEntity
        );
        Assert.Contains("options.mandatoryPointers", nothing, StringComparison.Ordinal);
        Assert.Contains("/credentialSubject/nothing", nothing, StringComparison.Ordinal);
        var listed = await HttpAssert.JsonAsync(
            await client.GetAsync("/api/v1/credentials"),
            HttpStatusCode.OK
        );
        Assert.DoesNotContain("Forklift safety", listed.GetRawText(), StringComparison.Ordinal);

        // Derive: no credential, a credential without a base proof, a pointer that selects nothing.
        var holder = factory.Client(null);
        async Task<string> DeriveProblemAsync(JsonObject body) =>
            (
                await HttpAssert.ProblemAsync(
                    await holder.PostAsJsonAsync("/credentials/derive", body),
                    HttpStatusCode.BadRequest
                )
            ).GetRawText();
        Assert.Contains(
            "verifiableCredential",
            await DeriveProblemAsync(new JsonObject { ["options"] = new JsonObject() }),
            StringComparison.Ordinal
        );
        Assert.Contains(
            "verifiableCredential",
            await DeriveProblemAsync(
                new JsonObject { ["verifiableCredential"] = VcApiCredential(orgDid) }
            ),
            StringComparison.Ordinal
        );
        var issued = await HttpAssert.JsonAsync(
            await client.PostAsJsonAsync(
                "/credentials/issue",
                new JsonObject
                {
                    ["credential"] = VcApiCredential(orgDid),
                    ["options"] = new JsonObject { ["cryptosuite"] = "ecdsa-sd-2023" },
                }
            ),
            HttpStatusCode.Created
        );
        var selectsNothing = await DeriveProblemAsync(
            new JsonObject
            {
                ["verifiableCredential"] = JsonNode.Parse(
                    issued.GetProperty("verifiableCredential").GetRawText()
                ),
                ["options"] = new JsonObject
                {
                    ["selectivePointers"] = new JsonArray("/credentialSubject/nothing"),
                },
            }
        );
        Assert.Contains("options.selectivePointers", selectsNothing, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VcApi_Vc11CredentialAsJwt_UsesTheVcClaim_AndVerifies()
    {
        var client = factory.Client(await factory.NewOrganizationAsync());
        await AddKeyAsync(client, "rsa");
        var org = await HttpAssert.JsonAsync(
            await client.GetAsync("/api/v1/organization"),
            HttpStatusCode.OK
        );
        var credential = new JsonObject
        {
            ["@context"] = new JsonArray("https://www.w3.org/2018/credentials/v1"),
            ["type"] = new JsonArray("VerifiableCredential"),
            ["issuer"] = org.GetProperty("issuer").GetProperty("id").GetString(),
            ["credentialSubject"] = new JsonObject { ["id"] = "did:example:subject" },
        };
        var issued = await HttpAssert.JsonAsync(
            await client.PostAsJsonAsync(
                "/credentials/issue",
                new JsonObject
                {
                    ["credential"] = credential,
                    ["options"] = new JsonObject { ["format"] = "jwt" },
                }
            ),
            HttpStatusCode.Created
        );
        var token = issued.GetProperty("verifiableCredential").GetString()!;
        var jwt = Decode(token);
        Assert.Equal("RS256", jwt.Algorithm);
        Assert.Equal(VcJwtForm.VcClaim, jwt.Form);
        var report = await Verifier().VerifyAsync(token);
        Assert.True(report.Verdict == Verdict.Valid, Describe(report));
    }

    [Fact]
    public async Task DidWeb_PublishesTheJwtKeys_AndRs256AndEs256CredentialsVerifyAfterReplacement()
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
        var did = org.GetProperty("issuer").GetProperty("id").GetString()!;
        var templateId = await TemplateAsync(client);

        var rsaKey = await AddKeyAsync(client, "rsa");
        var rsaToken = await IssueJwtAsync(client, templateId);
        var p256Key = await AddKeyAsync(client, "p256");
        var p256Token = await IssueJwtAsync(client, templateId);
        Assert.Equal("RS256", Decode(rsaToken).Algorithm);
        Assert.Equal("ES256", Decode(p256Token).Algorithm);
        Assert.Equal(did, Decode(rsaToken).IssuerId);
        Assert.Equal(
            $"{did}#key-{Guid.Parse(rsaKey.GetProperty("id").GetString()!):N}",
            Decode(rsaToken).Kid
        );

        var documentText = await (
            await https.CreateClient().GetAsync($"/orgs/{orgId}/did.json")
        ).Content.ReadAsStringAsync();
        var document = JsonNode.Parse(documentText)!;
        var methods = document["verificationMethod"]!.AsArray();
        // The Ed25519 key, the retired RSA key and the active P-256 key.
        Assert.Equal(3, methods.Count);
        var rsaMethod = methods.Single(m => (string)m!["type"]! == "JsonWebKey")!;
        Assert.Equal("RSA", (string)rsaMethod["publicKeyJwk"]!["kty"]!);
        Assert.Null(rsaMethod["publicKeyJwk"]!["d"]);
        Assert.Contains(
            methods,
            m =>
                (string?)m!["publicKeyMultibase"]
                == p256Key.GetProperty("publicKeyMultibase").GetString()
        );

        // Offline, from the published DID document (as `credstack verify --did-doc` reads it).
        var offline = new DidResolver(
            new OfflineDidResolver(new Dictionary<string, string> { [did] = documentText })
        );
        foreach (var token in new[] { rsaToken, p256Token })
        {
            var report = await Verifier(
                    offline,
                    new ServerDocumentFetcher(https.CreateClient(), "https://badges.example")
                )
                .VerifyAsync(token);
            Assert.True(report.Verdict == Verdict.Valid, Describe(report));
            // And by the server itself.
            var served = await https
                .CreateClient()
                .PostAsJsonAsync(
                    "/credentials/verify",
                    new JsonObject { ["verifiableCredential"] = token }
                );
            Assert.True(
                served.StatusCode == HttpStatusCode.OK,
                await served.Content.ReadAsStringAsync()
            );
        }
    }

    [Fact]
    public async Task AddKey_UnknownType_Is400NamingType_AndViewerCannotAddKeys()
    {
        var client = factory.Client(await factory.NewOrganizationAsync());
        await HttpAssert.ValidationProblemAsync(
            await client.PostAsJsonAsync("/api/v1/organization/keys", new { type = "dsa" }),
            "type"
        );
        await HttpAssert.ValidationProblemAsync(
            await client.PostAsJsonAsync("/api/v1/organization/keys", new { }),
            "type"
        );
        var unknownFormat = await HttpAssert.ProblemAsync(
            await client.PostAsJsonAsync(
                "/credentials/issue",
                new JsonObject
                {
                    ["credential"] = VcApiCredential("did:key:z6MkFake"),
                    ["options"] = new JsonObject { ["format"] = "cbor" },
                }
            ),
            HttpStatusCode.BadRequest
        );
        Assert.Contains("options.format", unknownFormat.GetRawText(), StringComparison.Ordinal);

        var viewer = await HttpAssert.JsonAsync(
            await client.PostAsJsonAsync(
                "/api/v1/api-keys",
                new { name = "read only", role = "viewer" }
            ),
            HttpStatusCode.Created
        );
        var readOnly = factory.Client(viewer.GetProperty("key").GetString());
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (
                await readOnly.PostAsJsonAsync("/api/v1/organization/keys", new { type = "rsa" })
            ).StatusCode
        );
    }

    [Fact]
    public async Task NoApiResponse_NorLogLine_ContainsPrivateKeyMaterial()
    {
        var logs = new CapturingLoggerProvider();
        using var https = factory.WithWebHostBuilder(b =>
            b.UseSetting("Credstack:PublicOrigin", "https://badges.example")
                .UseSetting("Logging:LogLevel:Default", "Trace")
                .ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Trace).AddProvider(logs))
        );
        var ownerKey = await factory.NewOrganizationAsync();
        var client = https.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", ownerKey);
        var open = https.CreateClient();
        var bodies = new List<string>();
        async Task<string> Read(HttpResponseMessage response)
        {
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, text);
            bodies.Add(text);
            return text;
        }

        var orgText = await Read(
            await client.PatchAsJsonAsync("/api/v1/organization", new { identifier = "did:web" })
        );
        var orgId = JsonDocument.Parse(orgText).RootElement.GetProperty("id").GetString()!;
        var templateId = await TemplateAsync(client);
        await Read(
            await client.PostAsJsonAsync(
                $"/api/v1/templates/{templateId}/issue",
                new { email = "a@example.test", name = "A" }
            )
        );
        await Read(
            await client.PostAsJsonAsync("/api/v1/organization/keys", new { type = "p256" })
        );
        var p256Token = JsonSerializer.Deserialize<string>(
            await Read(
                await client.PostAsJsonAsync(
                    $"/api/v1/templates/{templateId}/issue",
                    new
                    {
                        email = "b@example.test",
                        name = "B",
                        format = "jwt",
                    }
                )
            )
        )!;
        var p256Secret = await SecretsAsync(Guid.Parse(orgId));
        await Read(await client.PostAsJsonAsync("/api/v1/organization/keys", new { type = "rsa" }));
        await Read(
            await client.PostAsJsonAsync(
                $"/api/v1/templates/{templateId}/issue",
                new
                {
                    email = "c@example.test",
                    name = "C",
                    format = "jwt",
                }
            )
        );
        await Read(await client.PostAsync("/api/v1/organization/keys/rotate", null));
        var rsaSecrets = await SecretsAsync(Guid.Parse(orgId));
        await Read(await client.GetAsync("/api/v1/organization/keys"));
        await Read(await client.GetAsync("/api/v1/organization"));
        var list = await Read(await client.GetAsync("/api/v1/credentials"));
        foreach (
            var item in JsonDocument.Parse(list).RootElement.GetProperty("items").EnumerateArray()
        )
        {
            await Read(await open.GetAsync($"/credentials/{item.GetProperty("id").GetString()}"));
        }
        await Read(await open.GetAsync($"/orgs/{orgId}/did.json"));
        await Read(await open.GetAsync($"/orgs/{orgId}/profile"));
        await Read(
            await open.PostAsJsonAsync(
                "/credentials/verify",
                new JsonObject { ["verifiableCredential"] = p256Token }
            )
        );

        var secrets = p256Secret.Concat(rsaSecrets).Distinct().ToList();
        Assert.True(secrets.Count >= 8, "expected the secret members of three keys");
        foreach (var body in bodies)
        {
            foreach (var secret in secrets)
            {
                Assert.DoesNotContain(secret, body, StringComparison.Ordinal);
            }
            Assert.DoesNotContain("\"d\":", body, StringComparison.Ordinal);
            Assert.DoesNotContain("protectedSecret", body, StringComparison.OrdinalIgnoreCase);
        }
        var logText = logs.Text();
        Assert.NotEmpty(logText);
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(secret, logText, StringComparison.Ordinal);
        }
    }

    /// <summary>Every log line the host writes, at every level, with its exception.</summary>
    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> _lines = new();

        public string Text() => string.Join("\n", _lines);

        public ILogger CreateLogger(string categoryName) => new Logger(_lines);

        public void Dispose() { }

        private sealed class Logger(System.Collections.Concurrent.ConcurrentQueue<string> lines)
            : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(
                LogLevel logLevel,
                EventId eventId,
                TState state,
                Exception? exception,
                Func<TState, Exception?, string> formatter
            ) => lines.Enqueue(formatter(state, exception) + " " + exception);
        }
    }

    /// <summary>The secret parts of the organisation's active signing and JWT keys, as base64url and Multikey text.</summary>
    private async Task<List<string>> SecretsAsync(Guid organizationId)
    {
        using var scope = factory.Services.CreateScope();
        var identity = scope.ServiceProvider.GetRequiredService<IssuerIdentityService>();
        var secrets = new List<string>();
        foreach (
            var signer in new[]
            {
                await identity.SignerAsync(organizationId, default),
                await identity.JwtSignerAsync(organizationId, default),
            }
        )
        {
            var jwk = signer!.Key.ExportPrivateJwk();
            foreach (var member in new[] { "d", "p", "q", "dp", "dq", "qi" })
            {
                if (jwk[member] is { } value)
                {
                    secrets.Add((string)value!);
                }
            }
            if (signer.Key.Type != Credstack.Credentials.Keys.KeyType.Rsa)
            {
                secrets.Add(signer.Key.ExportSecretMultikey());
            }
        }
        return secrets;
    }

    private static string Base64(string base64Url)
    {
        var s = base64Url.Replace('-', '+').Replace('_', '/');
        return s.PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '=');
    }

    private static JsonObject VcApiCredential(string issuer) =>
        new()
        {
            ["@context"] = new JsonArray(
                "https://www.w3.org/ns/credentials/v2",
                "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
            ),
            ["type"] = new JsonArray("VerifiableCredential", "OpenBadgeCredential"),
            ["issuer"] = new JsonObject
            {
                ["id"] = issuer,
                ["type"] = new JsonArray("Profile"),
                ["name"] = "Example",
            },
            ["validFrom"] = "2026-01-01T00:00:00Z",
            ["name"] = "Forklift safety",
            ["credentialSubject"] = new JsonObject
            {
                ["type"] = new JsonArray("AchievementSubject"),
                ["achievement"] = new JsonObject
                {
                    ["id"] = "urn:uuid:7f1a8c3e-7a52-4d36-9a2b-3c8f2f1d7e10",
                    ["type"] = new JsonArray("Achievement"),
                    ["name"] = "Forklift safety",
                    ["description"] = "Operates a forklift safely.",
                    ["criteria"] = new JsonObject { ["narrative"] = "Passes the test." },
                },
            },
        };
}

public sealed class IssuerKeysOnSqliteTests(SqliteServerFactory factory)
    : IssuerKeyTests<SqliteServerFactory>(factory);

public sealed class IssuerKeysOnPostgresTests(PostgresServerFactory factory)
    : IssuerKeyTests<PostgresServerFactory>(factory);
