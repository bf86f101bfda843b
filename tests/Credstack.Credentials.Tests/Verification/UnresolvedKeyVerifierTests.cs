using System.Text.Json;
using System.Text.Json.Nodes;
using Credstack.Credentials.DataIntegrity;
using Credstack.Credentials.Jose;
using Credstack.Credentials.Keys;
using Credstack.Credentials.Verification;

namespace Credstack.Credentials.Tests.Verification;

/// <summary>
/// A key that cannot be resolved gets the same verdict and code whatever secures the credential: a
/// Data Integrity proof or a VC-JWT. Unavailable now (offline, no document given) is indeterminate
/// (<c>issuer.key-unavailable</c>); a key no resolver can ever produce is invalid
/// (<c>issuer.key-unresolved</c>).
/// </summary>
public sealed class UnresolvedKeyVerifierTests
{
    private static readonly SigningKey Key = SigningKey.FromEd25519Seed(new byte[32]);

    private static JsonObject DataIntegrity(string issuer, string method) =>
        TestCredentials.Sign(
            TestCredentials.Unsigned(issuer),
            DataIntegritySuites.EddsaRdfc2022,
            new ProofSigner(Key, method)
        );

    private static string Jwt(string issuer, string kid) =>
        VcJwt.Create(
            JsonSerializer.SerializeToElement(TestCredentials.Unsigned(issuer)),
            Key,
            new VcJwtCreateOptions { Kid = kid }
        );

    private static VerificationCheck IssuerCheck(VerificationReport report) =>
        Assert.Single(report.Checks, c => c.Check == "issuer");

    [Fact]
    public async Task DidWebKeyOffline_IsIndeterminateKeyUnavailable_ForDataIntegrityAndJwt()
    {
        const string did = "did:web:university.example";
        var verifier = VerifierSetup.Create();
        var reports = new[]
        {
            await verifier.VerifyAsync(DataIntegrity(did, did + "#key-1")),
            await verifier.VerifyAsync(Jwt(did, did + "#key-1")),
        };
        foreach (var report in reports)
        {
            Assert.True(report.Verdict == Verdict.Indeterminate, VerifierSetup.Describe(report));
            var check = IssuerCheck(report);
            Assert.Equal(CheckStatus.Indeterminate, check.Status);
            Assert.Equal(VerificationCodes.IssuerKeyUnavailable, check.Code);
        }
    }

    [Fact]
    public async Task DidWebKeyGivenAsADocument_Verifies_ForDataIntegrityAndJwt()
    {
        const string did = "did:web:university.example";
        var document = $$"""
            {"@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"],
             "id": "{{did}}",
             "verificationMethod": [{"id": "{{did}}#key-1", "type": "Multikey", "controller": "{{did}}",
               "publicKeyMultibase": "{{Key.PublicKey.ToMultikey()}}"}],
             "assertionMethod": ["{{did}}#key-1"]}
            """;
        var verifier = VerifierSetup.Create(new Dictionary<string, string> { [did] = document });
        foreach (
            var report in new[]
            {
                await verifier.VerifyAsync(DataIntegrity(did, did + "#key-1")),
                await verifier.VerifyAsync(Jwt(did, did + "#key-1")),
            }
        )
        {
            Assert.True(report.Verdict == Verdict.Valid, VerifierSetup.Describe(report));
        }
    }

    [Fact]
    public async Task UnsupportedDidMethod_IsInvalidKeyUnresolved_ForDataIntegrityAndJwt()
    {
        const string did = "did:example:university";
        var verifier = VerifierSetup.Create();
        foreach (
            var report in new[]
            {
                await verifier.VerifyAsync(DataIntegrity(did, did + "#key-1")),
                await verifier.VerifyAsync(Jwt(did, did + "#key-1")),
            }
        )
        {
            Assert.True(report.Verdict == Verdict.Invalid, VerifierSetup.Describe(report));
            var check = IssuerCheck(report);
            Assert.Equal(CheckStatus.Failed, check.Status);
            Assert.Equal(VerificationCodes.IssuerKeyUnresolved, check.Code);
        }
    }
}
