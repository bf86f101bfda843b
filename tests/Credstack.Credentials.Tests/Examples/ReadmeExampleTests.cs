using System.Text.Json.Nodes;
using Credstack.Credentials.DataIntegrity;
using Credstack.Credentials.Dids;
using Credstack.Credentials.Keys;
using Credstack.Credentials.Verification;

namespace Credstack.Credentials.Tests.Examples;

/// <summary>The C# example in the README, kept compiling and passing.</summary>
public sealed class ReadmeExampleTests
{
    [Fact]
    public async Task ReadmeExample_IssueAndVerify_IsValid()
    {
        // --- README example start ---
        using var key = SigningKey.Generate(KeyType.Ed25519);
        var signer = ProofSigner.ForDidKey(key); // did:key:z6Mk…#z6Mk…
        var issuer = signer.VerificationMethod.Split('#')[0];

        var credential = JsonNode
            .Parse(
                $$"""
                {
                  "@context": ["https://www.w3.org/ns/credentials/v2",
                               "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
                  "id": "urn:uuid:6a5f0a2e-8a36-4b9f-9d0e-1c7b3f2d4e5a",
                  "type": ["VerifiableCredential", "OpenBadgeCredential"],
                  "name": "Data Analysis with Python",
                  "issuer": {"id": "{{issuer}}", "type": ["Profile"], "name": "Example University"},
                  "validFrom": "2026-01-01T00:00:00Z",
                  "credentialSubject": {
                    "type": ["AchievementSubject"],
                    "achievement": {
                      "id": "https://example.edu/achievements/dap",
                      "type": ["Achievement"],
                      "name": "Data Analysis with Python",
                      "description": "Cleans, explores and models data with pandas.",
                      "criteria": {"narrative": "Passes the capstone project."}
                    }
                  }
                }
                """
            )!
            .AsObject();

        // Sign with eddsa-rdfc-2022 (safe mode refuses, naming the property, anything the proof would not cover).
        var signed = DataIntegrityProofs.AddProof(
            credential,
            new ProofOptions { Cryptosuite = "eddsa-rdfc-2022", Created = DateTimeOffset.UtcNow },
            signer
        );

        // Verify offline: did:key resolves locally; no status list is fetched from the network.
        var verifier = new CredentialVerifier(
            new VerifierOptions
            {
                Resolver = new OfflineDidResolver(),
                Fetcher = new OfflineDocumentFetcher(),
            }
        );
        var report = await verifier.VerifyAsync(signed);
        // report.Verdict == Verdict.Valid; report.Checks lists parse, context, schema, proof, issuer, dates, status.
        // --- README example end ---

        Assert.True(report.Verdict == Verdict.Valid, report.ToJson().ToJsonString());
        signed["name"] = "Forged";
        var tampered = await verifier.VerifyAsync(signed);
        Assert.Equal(Verdict.Invalid, tampered.Verdict);
        Assert.Contains(tampered.Checks, c => c.Code == VerificationCodes.ProofSignatureInvalid);
    }
}
