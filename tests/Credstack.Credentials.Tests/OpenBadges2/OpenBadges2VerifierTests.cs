using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Credstack.Credentials.Baking;
using Credstack.Credentials.Tests.Verification;
using Credstack.Credentials.Verification;

namespace Credstack.Credentials.Tests.OpenBadges2;

/// <summary>Open Badges 2.0 hosted and signed assertions through the verifier, served by an offline fetcher.</summary>
public sealed class OpenBadges2VerifierTests
{
    private const string IssuerUrl = "https://badges.example.org/issuer";
    private const string BadgeUrl = "https://badges.example.org/badges/teamwork";
    private const string AssertionUrl = "https://badges.example.org/assertions/42";
    private const string KeyUrl = "https://badges.example.org/keys/1";

    private static readonly RSA IssuerRsa = CreateRsa();

    private static RSA CreateRsa()
    {
        var rsa = RSA.Create(2048);
        return rsa;
    }

    private static JsonObject Issuer(JsonObject? verification = null)
    {
        var issuer = new JsonObject
        {
            ["@context"] = "https://w3id.org/openbadges/v2",
            ["type"] = "Issuer",
            ["id"] = IssuerUrl,
            ["name"] = "Example Badges",
            ["url"] = "https://example.org",
            ["email"] = "badges@example.org",
        };
        if (verification is not null)
        {
            issuer["verification"] = verification;
        }
        return issuer;
    }

    private static JsonObject Badge() =>
        new()
        {
            ["@context"] = "https://w3id.org/openbadges/v2",
            ["type"] = "BadgeClass",
            ["id"] = BadgeUrl,
            ["name"] = "Teamwork",
            ["description"] = "Works well in a team.",
            ["image"] = "https://badges.example.org/badges/teamwork.png",
            ["criteria"] = new JsonObject { ["narrative"] = "Finish the group project." },
            ["issuer"] = IssuerUrl,
        };

    private static string HashedEmail(string email, string salt) =>
        "sha256$"
        + Convert
            .ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(email + salt)))
            .ToLowerInvariant();

    private static JsonObject Assertion(string id = AssertionUrl, bool signed = false) =>
        new()
        {
            ["@context"] = "https://w3id.org/openbadges/v2",
            ["type"] = "Assertion",
            ["id"] = id,
            ["recipient"] = new JsonObject
            {
                ["type"] = "email",
                ["hashed"] = true,
                ["salt"] = "deadsea",
                ["identity"] = HashedEmail("learner@example.org", "deadsea"),
            },
            ["badge"] = BadgeUrl,
            ["verification"] = signed
                ? new JsonObject { ["type"] = "signed", ["creator"] = KeyUrl }
                : new JsonObject { ["type"] = "hosted" },
            ["issuedOn"] = "2025-03-01T10:00:00Z",
        };

    private static Dictionary<string, string> Documents(
        JsonObject? hosted = null,
        JsonObject? issuer = null,
        string keyOwner = IssuerUrl
    )
    {
        var docs = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [IssuerUrl] = (issuer ?? Issuer()).ToJsonString(),
            [BadgeUrl] = Badge().ToJsonString(),
            [KeyUrl] = new JsonObject
            {
                ["@context"] = "https://w3id.org/openbadges/v2",
                ["type"] = "CryptographicKey",
                ["id"] = KeyUrl,
                ["owner"] = keyOwner,
                ["publicKeyPem"] = IssuerRsa.ExportSubjectPublicKeyInfoPem(),
            }.ToJsonString(),
        };
        if (hosted is not null)
        {
            docs[(string)hosted["id"]!] = hosted.ToJsonString();
        }
        return docs;
    }

    private static string Jws(JsonObject assertion, string alg = "RS256", RSA? key = null)
    {
        var header = TamperTests.Base64UrlEncode($$"""{"alg":"{{alg}}"}""");
        var payload = TamperTests.Base64UrlEncode(assertion.ToJsonString());
        var signature = (key ?? IssuerRsa).SignData(
            Encoding.ASCII.GetBytes(header + "." + payload),
            HashAlgorithmName.SHA256,
            RSASignaturePadding.Pkcs1
        );
        return header
            + "."
            + payload
            + "."
            + Convert.ToBase64String(signature).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    private static async Task<VerificationReport> Verify(
        string input,
        Dictionary<string, string> documents
    )
    {
        var report = await VerifierSetup
            .Create(documents: documents)
            .VerifyAsync(Encoding.UTF8.GetBytes(input));
        return report;
    }

    private static void AssertValid(VerificationReport report) =>
        Assert.True(report.Verdict == Verdict.Valid, VerifierSetup.Describe(report));

    private static void AssertFails(VerificationReport report, string code)
    {
        Assert.True(report.Verdict == Verdict.Invalid, VerifierSetup.Describe(report));
        Assert.True(VerifierSetup.FirstProblem(report) == code, VerifierSetup.Describe(report));
    }

    [Fact]
    public async Task Hosted_Valid()
    {
        var assertion = Assertion();
        var report = await Verify(assertion.ToJsonString(), Documents(assertion));
        AssertValid(report);
        Assert.Equal("ob2", report.Format);
        Assert.Contains(report.Checks, c => c.Code == VerificationCodes.ProofOk);
    }

    [Fact]
    public async Task Hosted_TamperedCopy_IsInvalidHostedMismatch()
    {
        var assertion = Assertion();
        var tampered = (JsonObject)assertion.DeepClone();
        tampered["issuedOn"] = "2025-03-02T10:00:00Z";
        AssertFails(
            await Verify(tampered.ToJsonString(), Documents(assertion)),
            VerificationCodes.Ob2HostedMismatch
        );
    }

    [Fact]
    public async Task Hosted_Revoked_IsInvalidRevoked()
    {
        var assertion = Assertion();
        assertion["revoked"] = true;
        assertion["revocationReason"] = "awarded in error";
        AssertFails(
            await Verify(assertion.ToJsonString(), Documents(assertion)),
            VerificationCodes.StatusRevoked
        );
    }

    [Fact]
    public async Task Hosted_ListedInIssuerRevocationList_IsInvalidRevoked()
    {
        var assertion = Assertion();
        var issuer = Issuer();
        issuer["revocationList"] = "https://badges.example.org/revocations";
        var documents = Documents(assertion, issuer);
        documents["https://badges.example.org/revocations"] =
            $$"""{"type":"RevocationList","id":"https://badges.example.org/revocations","issuer":"{{IssuerUrl}}","revokedAssertions":[{"id":"{{AssertionUrl}}","revocationReason":"misconduct"}]}""";
        AssertFails(
            await Verify(assertion.ToJsonString(), documents),
            VerificationCodes.StatusRevoked
        );
    }

    [Fact]
    public async Task Hosted_Expired_IsInvalidExpired()
    {
        var assertion = Assertion();
        assertion["expires"] = "2025-06-01T00:00:00Z";
        AssertFails(
            await Verify(assertion.ToJsonString(), Documents(assertion)),
            VerificationCodes.DatesExpired
        );
    }

    [Fact]
    public async Task Hosted_OnForeignOrigin_IsInvalidOrigin()
    {
        var assertion = Assertion("https://evil.example.net/assertions/42");
        AssertFails(
            await Verify(assertion.ToJsonString(), Documents(assertion)),
            VerificationCodes.Ob2OriginNotAllowed
        );
    }

    [Fact]
    public async Task Hosted_OnOriginTheIssuerAllows_IsValid()
    {
        var assertion = Assertion("https://cdn.example.net/assertions/42");
        var issuer = Issuer(
            new JsonObject { ["allowedOrigins"] = new JsonArray("cdn.example.net") }
        );
        AssertValid(await Verify(assertion.ToJsonString(), Documents(assertion, issuer)));
        var prefixed = Issuer(new JsonObject { ["startsWith"] = "https://cdn.example.net/other/" });
        AssertFails(
            await Verify(assertion.ToJsonString(), Documents(assertion, prefixed)),
            VerificationCodes.Ob2OriginNotAllowed
        );
    }

    [Fact]
    public async Task Hosted_NotServedOffline_IsIndeterminate()
    {
        var report = await Verify(Assertion().ToJsonString(), Documents());
        Assert.True(report.Verdict == Verdict.Indeterminate, VerifierSetup.Describe(report));
        Assert.Equal(VerificationCodes.Ob2DocumentUnavailable, VerifierSetup.FirstProblem(report));
    }

    [Fact]
    public async Task Hosted_MalformedRecipientHash_IsInvalidRecipient()
    {
        var assertion = Assertion();
        assertion["recipient"]!["identity"] = "sha256$nothex";
        AssertFails(
            await Verify(assertion.ToJsonString(), Documents(assertion)),
            VerificationCodes.Ob2RecipientInvalid
        );
    }

    [Fact]
    public async Task Hosted_UnknownVerificationType_IsInvalid()
    {
        var assertion = Assertion();
        assertion["verification"] = new JsonObject { ["type"] = "trustme" };
        AssertFails(
            await Verify(assertion.ToJsonString(), Documents(assertion)),
            VerificationCodes.ProofUnsupportedSuite
        );
    }

    [Fact]
    public async Task Signed_Valid()
    {
        var report = await Verify(Jws(Assertion(signed: true)), Documents());
        AssertValid(report);
        Assert.Contains(report.Checks, c => c.Code == VerificationCodes.ProofOk);
    }

    [Fact]
    public async Task Signed_TamperedPayload_IsInvalidSignature()
    {
        var jws = Jws(Assertion(signed: true)).Split('.');
        var tampered = Assertion(signed: true);
        tampered["issuedOn"] = "2020-01-01T00:00:00Z";
        var forged =
            jws[0] + "." + TamperTests.Base64UrlEncode(tampered.ToJsonString()) + "." + jws[2];
        AssertFails(await Verify(forged, Documents()), VerificationCodes.ProofSignatureInvalid);
    }

    [Fact]
    public async Task Signed_OtherKey_IsInvalidSignature()
    {
        using var other = RSA.Create(2048);
        AssertFails(
            await Verify(Jws(Assertion(signed: true), key: other), Documents()),
            VerificationCodes.ProofSignatureInvalid
        );
    }

    [Fact]
    public async Task Signed_KeyNotOwnedByIssuer_IsInvalidOwner()
    {
        AssertFails(
            await Verify(
                Jws(Assertion(signed: true)),
                Documents(keyOwner: "https://someone.example/")
            ),
            VerificationCodes.Ob2KeyOwnerMismatch
        );
    }

    [Fact]
    public async Task Signed_AlgNone_IsInvalid()
    {
        var jws = Jws(Assertion(signed: true)).Split('.');
        var none = TamperTests.Base64UrlEncode("""{"alg":"none"}""") + "." + jws[1] + ".";
        var report = await Verify(none, Documents());
        Assert.Equal(Verdict.Invalid, report.Verdict);
    }

    [Fact]
    public async Task Signed_Revoked_IsInvalidRevoked()
    {
        var assertion = Assertion(signed: true);
        assertion["revoked"] = true;
        AssertFails(await Verify(Jws(assertion), Documents()), VerificationCodes.StatusRevoked);
    }

    [Fact]
    public async Task BakedPngWithUrl_IsValid()
    {
        var assertion = Assertion();
        var png = PngBadge
            .Bake(TestCredentials.TinyPng, BakedBadgeKind.OpenBadgesAssertion, AssertionUrl)
            .Value;
        var report = await VerifierSetup.Create(documents: Documents(assertion)).VerifyAsync(png);
        AssertValid(report);
        Assert.Equal("png", report.Format);
    }

    [Fact]
    public async Task BakedSvgWithUrl_IsValid()
    {
        var assertion = Assertion();
        var svg = SvgBadge.BakeAssertion(TestCredentials.Svg, AssertionUrl).Value;
        AssertValid(await Verify(svg, Documents(assertion)));
    }

    [Fact]
    public async Task BakedPngWithJws_IsValid()
    {
        var png = PngBadge
            .Bake(
                TestCredentials.TinyPng,
                BakedBadgeKind.OpenBadgesAssertion,
                Jws(Assertion(signed: true))
            )
            .Value;
        AssertValid(await VerifierSetup.Create(documents: Documents()).VerifyAsync(png));
    }

    [Fact]
    public async Task BakedSvgWithJws_IsValid()
    {
        var svg = SvgBadge.BakeAssertion(TestCredentials.Svg, Jws(Assertion(signed: true))).Value;
        AssertValid(await Verify(svg, Documents()));
    }

    [Fact]
    public async Task BakedPngWithHostedJson_IsValid()
    {
        var assertion = Assertion();
        var png = PngBadge
            .Bake(
                TestCredentials.TinyPng,
                BakedBadgeKind.OpenBadgesAssertion,
                assertion.ToJsonString()
            )
            .Value;
        AssertValid(await VerifierSetup.Create(documents: Documents(assertion)).VerifyAsync(png));
    }

    public static TheoryData<string> AssertionPointers()
    {
        // "/badge" is a leaf (the badge class URL) in the hosted assertion: each pointer once, or xUnit
        // skips the second case as a duplicate.
        var pointers = new HashSet<string>(
            TestCredentials.LeafPointers(Assertion()),
            StringComparer.Ordinal
        )
        {
            "/recipient",
            "/verification",
            "/@context",
            "/badge",
        };
        var data = new TheoryData<string>();
        foreach (var pointer in pointers.Order(StringComparer.Ordinal))
        {
            data.Add(pointer);
        }
        return data;
    }

    /// <summary>Wrong kinds of values anywhere in a hosted or signed assertion, and in the served badge class and issuer: a report, never an exception.</summary>
    [Theory]
    [MemberData(nameof(AssertionPointers))]
    public async Task WrongKindOfValueAnywhere_GivesReport(string pointer)
    {
        foreach (
            var replacement in new Func<JsonNode?>[]
            {
                () => null,
                () => 5,
                () => new JsonObject(),
                () => new JsonArray(),
                () => "",
                () => "sha256$",
            }
        )
        {
            var hosted = Assertion();
            TestCredentials.Replace(hosted, pointer, replacement());
            var report = await Verify(hosted.ToJsonString(), Documents(Assertion()));
            Assert.NotEmpty(report.Checks);
            Assert.NotEqual(Verdict.Valid, report.Verdict);

            var signed = Assertion(signed: true);
            TestCredentials.Replace(signed, pointer, replacement());
            report = await Verify(Jws(signed), Documents());
            Assert.NotEmpty(report.Checks);

            var badge = Badge();
            var issuer = Issuer();
            var key = pointer.Split('/')[1];
            badge[key] = replacement();
            issuer[key] = replacement();
            var documents = Documents(Assertion());
            documents[BadgeUrl] = badge.ToJsonString();
            documents[IssuerUrl] = issuer.ToJsonString();
            report = await Verify(Assertion().ToJsonString(), documents);
            Assert.NotEmpty(report.Checks);
        }
    }
}
