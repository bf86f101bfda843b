using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Credstack.Credentials.Baking;
using Credstack.Credentials.DataIntegrity;
using Credstack.Credentials.Jose;
using Credstack.Credentials.Keys;
using Credstack.Credentials.Verification;

namespace Credstack.Credentials.Tests.Verification;

/// <summary>Sign → verify for every suite and key type it supports, as JSON and baked into PNG and SVG; presentations with challenge and domain.</summary>
public sealed class RoundTripVerifierTests
{
    public static TheoryData<string> Suites() =>
        new()
        {
            "eddsa-rdfc-2022/Ed25519",
            "eddsa-jcs-2022/Ed25519",
            "Ed25519Signature2020/Ed25519",
            "ecdsa-rdfc-2019/P256",
            "ecdsa-rdfc-2019/P384",
            "ecdsa-jcs-2019/P256",
            "ecdsa-jcs-2019/P384",
            "jwt/RS256",
            "jwt/ES256",
            "jwt/EdDSA",
        };

    /// <summary>The signed credential in its wire form (JSON text or compact JWT).</summary>
    private static string Issue(string suite)
    {
        var parts = suite.Split('/');
        if (parts[0] == "jwt")
        {
            using var key = SigningKey.Generate(
                parts[1] switch
                {
                    "RS256" => KeyType.Rsa,
                    "ES256" => KeyType.P256,
                    _ => KeyType.Ed25519,
                }
            );
            // RSA has no did:key: its public key travels as the jwk header (OB 3.0 §8.2.2).
            var kid =
                key.Type == KeyType.Rsa ? null : ProofSigner.ForDidKey(key).VerificationMethod;
            var issuer = kid?.Split('#')[0] ?? "https://example.edu/issuers/565049";
            var credential = TestCredentials.Unsigned(issuer);
            return VcJwt.Create(
                JsonDocument.Parse(credential.ToJsonString()).RootElement,
                key,
                new VcJwtCreateOptions { Kid = kid }
            );
        }
        if (DataIntegritySuites.UsesEcdsa(parts[0]))
        {
            using var ecKey = SigningKey.Generate(parts[1] == "P384" ? KeyType.P384 : KeyType.P256);
            var signer = ProofSigner.ForDidKey(ecKey);
            return TestCredentials
                .Sign(
                    TestCredentials.Unsigned(signer.VerificationMethod.Split('#')[0]),
                    parts[0],
                    signer
                )
                .ToJsonString();
        }
        var unsigned = TestCredentials.Unsigned();
        if (parts[0] == DataIntegritySuites.Ed25519Signature2020)
        {
            unsigned["@context"]!.AsArray().Add(DataIntegritySuites.Ed25519Signature2020Context);
        }
        return TestCredentials.Sign(unsigned, parts[0]).ToJsonString();
    }

    [Theory]
    [MemberData(nameof(Suites))]
    public async Task SignThenVerify_IsValid(string suite)
    {
        var report = await VerifierSetup.Create().VerifyAsync(Issue(suite));
        Assert.True(report.Verdict == Verdict.Valid, VerifierSetup.Describe(report));
        Assert.Contains(report.Checks, c => c.Code == VerificationCodes.ProofOk);
    }

    [Theory]
    [MemberData(nameof(Suites))]
    public async Task SignBakeIntoPngThenVerify_IsValid(string suite)
    {
        var png = PngBadge
            .Bake(TestCredentials.TinyPng, BakedBadgeKind.OpenBadgeCredential, Issue(suite))
            .Value;
        var report = await VerifierSetup.Create().VerifyAsync(png);
        Assert.True(report.Verdict == Verdict.Valid, VerifierSetup.Describe(report));
        Assert.Equal("png", report.Format);
    }

    [Theory]
    [MemberData(nameof(Suites))]
    public async Task SignBakeIntoSvgThenVerify_IsValid(string suite)
    {
        var svg = SvgBadge.BakeCredential(TestCredentials.Svg, Issue(suite)).Value;
        var report = await VerifierSetup.Create().VerifyAsync(Encoding.UTF8.GetBytes(svg));
        Assert.True(report.Verdict == Verdict.Valid, VerifierSetup.Describe(report));
        Assert.Equal("svg", report.Format);
    }

    private static JsonObject SignedPresentation(string challenge, string domain)
    {
        var credential = TestCredentials.Sign(
            TestCredentials.Unsigned(),
            DataIntegritySuites.EddsaRdfc2022
        );
        using var holderKey = SigningKey.Generate(KeyType.Ed25519);
        var holder = ProofSigner.ForDidKey(holderKey);
        var presentation = VerifiablePresentations.Create(
            [credential],
            holder: holder.VerificationMethod.Split('#')[0]
        );
        return VerifiablePresentations.Sign(
            presentation,
            holder,
            challenge,
            domain,
            TestCredentials.Created
        );
    }

    [Fact]
    public async Task Presentation_RightChallengeAndDomain_IsValid()
    {
        var vp = SignedPresentation("c-123", "verifier.example");
        var report = await VerifierSetup
            .Create(challenge: "c-123", domain: "verifier.example")
            .VerifyAsync(vp);
        Assert.True(report.Verdict == Verdict.Valid, VerifierSetup.Describe(report));
    }

    [Fact]
    public async Task Presentation_WrongChallenge_IsInvalid()
    {
        var vp = SignedPresentation("c-123", "verifier.example");
        var report = await VerifierSetup
            .Create(challenge: "c-999", domain: "verifier.example")
            .VerifyAsync(vp);
        Assert.True(report.Verdict == Verdict.Invalid, VerifierSetup.Describe(report));
        Assert.Contains(
            report.Checks,
            c =>
                c.Status == CheckStatus.Failed && c.Code == VerificationCodes.ProofChallengeMismatch
        );
    }

    [Fact]
    public async Task Presentation_WrongDomain_IsInvalid()
    {
        var vp = SignedPresentation("c-123", "verifier.example");
        var report = await VerifierSetup
            .Create(challenge: "c-123", domain: "evil.example")
            .VerifyAsync(vp);
        Assert.True(report.Verdict == Verdict.Invalid, VerifierSetup.Describe(report));
        Assert.Contains(
            report.Checks,
            c => c.Status == CheckStatus.Failed && c.Code == VerificationCodes.ProofDomainMismatch
        );
    }

    [Fact]
    public async Task Presentation_WithTamperedCredential_IsInvalid()
    {
        var vp = SignedPresentation("c-123", "verifier.example");
        vp["verifiableCredential"]![0]!["name"] = "Changed";
        var report = await VerifierSetup
            .Create(challenge: "c-123", domain: "verifier.example")
            .VerifyAsync(vp);
        Assert.True(report.Verdict == Verdict.Invalid, VerifierSetup.Describe(report));
    }
}
