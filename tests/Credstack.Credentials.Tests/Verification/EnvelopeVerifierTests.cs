using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Credstack.Credentials.Cose;
using Credstack.Credentials.DataIntegrity;
using Credstack.Credentials.Dids;
using Credstack.Credentials.Jose;
using Credstack.Credentials.Keys;
using Credstack.Credentials.SdJwt;
using Credstack.Credentials.Verification;
using Credstack.Tests.Shared;

namespace Credstack.Credentials.Tests.Verification;

/// <summary>
/// The verifier on VC-JOSE-COSE forms: vc+cose (text and bytes), vc+sd-jwt, and presentations secured as
/// vp+jwt, vp+sd-jwt and vp+cose carrying enveloped credentials of each kind; and the bad inputs each can get.
/// </summary>
public sealed class EnvelopeVerifierTests
{
    private static readonly string[] Forms = ["cose", "sd-jwt", "jwt"];

    private sealed record Party(SigningKey Key, string Did, string Kid);

    private static Party NewParty(KeyType type)
    {
        var key = SigningKey.Generate(type);
        var did = DidJwk.FromPublicKey(key.PublicKey);
        return new Party(key, did, did + "#0");
    }

    private static JsonElement Element(JsonNode node) =>
        JsonDocument.Parse(node.ToJsonString()).RootElement.Clone();

    private static JsonObject Unsigned(string issuer, string? validUntil = null)
    {
        var credential = TestCredentials.Unsigned(issuer);
        if (validUntil is not null)
        {
            credential["validUntil"] = validUntil;
        }
        return credential;
    }

    private static string Secure(string form, JsonObject document, Party party) =>
        form switch
        {
            "cose" => Convert.ToBase64String(
                VcCose.Create(
                    Element(document),
                    party.Key,
                    new VcCoseCreateOptions { Kid = party.Kid }
                )
            ),
            "sd-jwt" => SdJwtVc.Create(
                Element(document),
                VcEnvelopeTestPaths(document),
                party.Key,
                new SdJwtCreateOptions { Kid = party.Kid }
            ),
            _ => VcJwt.Create(
                Element(document),
                party.Key,
                new VcJwtCreateOptions
                {
                    Kid = party.Kid,
                    Form = Strings(document).Contains("VerifiablePresentation")
                        ? VcJwtForm.VpJose
                        : VcJwtForm.VcJose,
                }
            ),
        };

    private static string[] VcEnvelopeTestPaths(JsonObject document) =>
        document["credentialSubject"] is JsonObject ? ["credentialSubject.identifier[0]", "name"]
        : document["holder"] is not null ? ["holder"]
        : [];

    private static HashSet<string> Strings(JsonObject document) =>
        document["type"] switch
        {
            JsonArray a => a.Select(n => (string)n!).ToHashSet(),
            JsonValue v => [(string)v!],
            _ => [],
        };

    private static string MediaType(string form) =>
        form switch
        {
            "cose" => "application/vc+cose;base64",
            "sd-jwt" => "application/vc+sd-jwt",
            _ => "application/vc+jwt",
        };

    public static TheoryData<string, KeyType> FormsAndKeys()
    {
        var data = new TheoryData<string, KeyType>();
        foreach (var form in Forms)
        {
            foreach (
                var type in new[]
                {
                    KeyType.Ed25519,
                    KeyType.P256,
                    KeyType.P384,
                    KeyType.P521,
                    KeyType.Rsa,
                }
            )
            {
                data.Add(form, type);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(FormsAndKeys))]
    public async Task Credential_SecuredThenVerified_IsValidWithEveryCheck(
        string form,
        KeyType type
    )
    {
        var issuer = NewParty(type);
        var secured = Secure(form, Unsigned(issuer.Did), issuer);
        var report = await VerifierSetup.Create().VerifyAsync(secured);
        Assert.True(report.Verdict == Verdict.Valid, VerifierSetup.Describe(report));
        Assert.Equal(form, report.Format);
        foreach (
            var code in new[]
            {
                VerificationCodes.ParseOk,
                VerificationCodes.ProofOk,
                VerificationCodes.IssuerOk,
                VerificationCodes.ContextOk,
                VerificationCodes.DatesOk,
            }
        )
        {
            Assert.Contains(report.Checks, c => c.Code == code);
        }
        // The disclosed (SD-JWT) or carried credential is the one reported.
        Assert.Equal("Teamwork Badge", (string?)report.Credential?["name"]);
    }

    [Fact]
    public async Task CoseBytes_AreDetectedAndVerified()
    {
        var issuer = NewParty(KeyType.P256);
        var bytes = VcCose.Create(
            Element(Unsigned(issuer.Did)),
            issuer.Key,
            new VcCoseCreateOptions { Kid = issuer.Kid }
        );
        var report = await VerifierSetup.Create().VerifyAsync(bytes);
        Assert.True(report.Verdict == Verdict.Valid, VerifierSetup.Describe(report));
        Assert.Equal("cose", report.Format);
    }

    [Theory]
    [InlineData("cose")]
    [InlineData("sd-jwt")]
    [InlineData("jwt")]
    public async Task Presentation_CarryingOneCredentialOfEachKind_IsValid(string outer)
    {
        var issuer = NewParty(KeyType.P256);
        var holder = NewParty(KeyType.Ed25519);
        var presentation = new JsonObject
        {
            ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2"),
            ["type"] = "VerifiablePresentation",
            ["holder"] = holder.Did,
            ["verifiableCredential"] = new JsonArray([
                .. Forms.Select(form =>
                    (JsonNode)
                        new JsonObject
                        {
                            ["@context"] = "https://www.w3.org/ns/credentials/v2",
                            ["type"] = "EnvelopedVerifiableCredential",
                            ["id"] = VcEnvelopeDataUrl(
                                form,
                                Secure(form, Unsigned(issuer.Did), issuer)
                            ),
                        }
                ),
            ]),
        };
        var report = await VerifierSetup.Create().VerifyAsync(Secure(outer, presentation, holder));
        Assert.True(report.Verdict == Verdict.Valid, VerifierSetup.Describe(report));
        Assert.Equal(
            3,
            report.Checks.Count(c =>
                c.Check == "credential:proof" && c.Code == VerificationCodes.ProofOk
            )
        );
        Assert.Contains(
            report.Checks,
            c => c.Check == "issuer" && c.Code == VerificationCodes.IssuerOk
        );
        Assert.Contains(report.Checks, c => c.Path == "$.verifiableCredential[2]");
    }

    private static string VcEnvelopeDataUrl(string form, string secured) =>
        "data:" + MediaType(form) + "," + secured;

    [Theory]
    [InlineData("cose")]
    [InlineData("sd-jwt")]
    [InlineData("jwt")]
    public async Task Presentation_WithAnExpiredCredential_IsInvalidNamingIt(string outer)
    {
        var issuer = NewParty(KeyType.P384);
        var holder = NewParty(KeyType.P256);
        var expired = Secure("cose", Unsigned(issuer.Did, "2025-07-01T00:00:00Z"), issuer);
        var presentation = new JsonObject
        {
            ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2"),
            ["type"] = "VerifiablePresentation",
            ["holder"] = holder.Did,
            ["verifiableCredential"] = new JsonArray(
                new JsonObject
                {
                    ["@context"] = "https://www.w3.org/ns/credentials/v2",
                    ["type"] = "EnvelopedVerifiableCredential",
                    ["id"] = VcEnvelopeDataUrl("cose", expired),
                }
            ),
        };
        var report = await VerifierSetup.Create().VerifyAsync(Secure(outer, presentation, holder));
        Assert.Equal(Verdict.Invalid, report.Verdict);
        var problem = report.Checks.First(c => c.Status == CheckStatus.Failed);
        Assert.Equal("credential:dates", problem.Check);
        Assert.Equal(VerificationCodes.DatesExpired, problem.Code);
    }

    [Theory]
    [InlineData("cose")]
    [InlineData("sd-jwt")]
    [InlineData("jwt")]
    public async Task SignedByAKeyTheIssuerDoesNotControl_IsControllerMismatch(string form)
    {
        var issuer = NewParty(KeyType.P256);
        var other = NewParty(KeyType.P256);
        var secured = Secure(form, Unsigned(issuer.Did), other);
        var report = await VerifierSetup.Create().VerifyAsync(secured);
        Assert.Equal(Verdict.Invalid, report.Verdict);
        Assert.Equal(
            VerificationCodes.IssuerControllerMismatch,
            VerifierSetup.FirstProblem(report)
        );
    }

    [Fact]
    public async Task Cose_SignatureChanged_IsSignatureInvalid()
    {
        var issuer = NewParty(KeyType.Ed25519);
        var bytes = VcCose.Create(
            Element(Unsigned(issuer.Did)),
            issuer.Key,
            new VcCoseCreateOptions { Kid = issuer.Kid }
        );
        bytes[^3] ^= 0x40;
        var report = await VerifierSetup.Create().VerifyAsync(Convert.ToBase64String(bytes));
        Assert.Equal(VerificationCodes.ProofSignatureInvalid, VerifierSetup.FirstProblem(report));
    }

    [Fact]
    public async Task Cose_Truncated_IsParseMalformed()
    {
        var issuer = NewParty(KeyType.Ed25519);
        var bytes = VcCose.Create(
            Element(Unsigned(issuer.Did)),
            issuer.Key,
            new VcCoseCreateOptions { Kid = issuer.Kid }
        );
        var verifier = VerifierSetup.Create();
        foreach (var n in new[] { 3, 10, bytes.Length / 2, bytes.Length - 1 })
        {
            var report = await verifier.VerifyAsync(bytes.AsMemory(0, n));
            Assert.Equal(Verdict.Invalid, report.Verdict);
            Assert.Equal(VerificationCodes.ParseMalformed, VerifierSetup.FirstProblem(report));
            report = await verifier.VerifyAsync(Convert.ToBase64String(bytes, 0, n));
            Assert.Equal(Verdict.Invalid, report.Verdict);
        }
    }

    [Theory]
    [InlineData("credential-cose-bad-media-type.txt", VerificationCodes.ParseMediaType)]
    [InlineData("presentation-cose-bad-media-type.txt", VerificationCodes.ParseMediaType)]
    [InlineData("credential-jose-bad-media-type.txt", VerificationCodes.ParseMediaType)]
    [InlineData("credential-sdjwt-bad-media-type.txt", VerificationCodes.ParseMediaType)]
    [InlineData("presentation-sdjwt-bad-media-type.txt", VerificationCodes.ParseMediaType)]
    [InlineData("credential-cose-minimal-not-base64.txt", VerificationCodes.ParseMalformed)]
    [InlineData(
        "presentation-cose-bad-credential.txt",
        VerificationCodes.PresentationCredentialInvalid
    )]
    [InlineData(
        "presentation-jose-bad-credential.txt",
        VerificationCodes.PresentationCredentialInvalid
    )]
    [InlineData("presentation-sdjwt-bad-credential.txt", VerificationCodes.ParseMediaType)]
    [InlineData("credential-minimal.json", VerificationCodes.ProofMissing)]
    public async Task VectorBadInputs_AreReportEntries(string file, string code)
    {
        var text = File.ReadAllText(SharedData.PathOf("vectors", "vc-jose-cose", "input", file));
        var report = await VerifierSetup.Create().VerifyAsync(text);
        Assert.Equal(Verdict.Invalid, report.Verdict);
        Assert.Equal(code, VerifierSetup.FirstProblem(report));
    }

    [Fact]
    public async Task SdJwt_UnreferencedDisclosure_IsDisclosureInvalid()
    {
        var issuer = NewParty(KeyType.P256);
        var a = Secure("sd-jwt", Unsigned(issuer.Did), issuer);
        var b = Secure("sd-jwt", Unsigned(issuer.Did), issuer);
        var mixed = a + b.Split('~')[1] + "~";
        var report = await VerifierSetup.Create().VerifyAsync(mixed);
        Assert.Equal(Verdict.Invalid, report.Verdict);
        Assert.Equal(VerificationCodes.ProofDisclosureInvalid, VerifierSetup.FirstProblem(report));
    }

    [Fact]
    public async Task SdJwt_AlgNone_IsAReportEntry()
    {
        var header = Base64UrlText.Encode("""{"alg":"none","typ":"vc+sd-jwt"}"""u8);
        var payload = Base64UrlText.Encode(
            Encoding.UTF8.GetBytes(Unsigned("did:example:x").ToJsonString())
        );
        var report = await VerifierSetup.Create().VerifyAsync($"{header}.{payload}.~");
        Assert.Equal(Verdict.Invalid, report.Verdict);
        Assert.Equal(VerificationCodes.ProofUnsupportedSuite, VerifierSetup.FirstProblem(report));
    }

    [Fact]
    public async Task SdJwt_KidThatDoesNotResolve_IsIssuerKeyUnresolved()
    {
        using var key = SigningKey.Generate(KeyType.P256);
        var secured = SdJwtVc.Create(
            Element(Unsigned("did:example:nobody")),
            ["name"],
            key,
            new SdJwtCreateOptions { Kid = "did:example:nobody#k" }
        );
        var report = await VerifierSetup.Create().VerifyAsync(secured);
        Assert.NotEqual(Verdict.Valid, report.Verdict);
        Assert.Contains(report.Checks, c => c.Check == "issuer" && c.Status != CheckStatus.Passed);
    }

    [Fact]
    public async Task DataIntegrityPresentation_CarryingAnEnvelopedCoseCredential_VerifiesIt()
    {
        var issuer = NewParty(KeyType.P256);
        using var holderKey = SigningKey.Generate(KeyType.Ed25519);
        var holder = ProofSigner.ForDidKey(holderKey);
        var enveloped = new JsonObject
        {
            ["@context"] = "https://www.w3.org/ns/credentials/v2",
            ["type"] = "EnvelopedVerifiableCredential",
            ["id"] = VcEnvelopeDataUrl("cose", Secure("cose", Unsigned(issuer.Did), issuer)),
        };
        var presentation = VerifiablePresentations.Sign(
            VerifiablePresentations.Create(
                [enveloped],
                holder: holder.VerificationMethod.Split('#')[0]
            ),
            holder,
            "c-1",
            created: TestCredentials.Created
        );
        var report = await VerifierSetup.Create(challenge: "c-1").VerifyAsync(presentation);
        Assert.True(report.Verdict == Verdict.Valid, VerifierSetup.Describe(report));
        Assert.Contains(
            report.Checks,
            c =>
                c.Check == "credential:proof"
                && c.Message.Contains("COSE_Sign1", StringComparison.Ordinal)
        );
    }

    [Fact]
    public async Task Presentation_EnvelopingAPresentation_IsPresentationCredentialInvalid()
    {
        var holder = NewParty(KeyType.P256);
        JsonObject Vp(JsonArray credentials) =>
            new()
            {
                ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2"),
                ["type"] = "VerifiablePresentation",
                ["holder"] = holder.Did,
                ["verifiableCredential"] = credentials,
            };
        var inner = Secure("jwt", Vp([]), holder);
        var outer = Vp([
            new JsonObject
            {
                ["@context"] = "https://www.w3.org/ns/credentials/v2",
                ["type"] = "EnvelopedVerifiableCredential",
                ["id"] = "data:application/vc+jwt," + inner,
            },
        ]);
        var report = await VerifierSetup.Create().VerifyAsync(Secure("cose", outer, holder));
        Assert.Equal(Verdict.Invalid, report.Verdict);
        Assert.Equal(
            VerificationCodes.PresentationCredentialInvalid,
            VerifierSetup.FirstProblem(report)
        );
    }

    [Theory]
    [InlineData("cose")]
    [InlineData("sd-jwt")]
    [InlineData("jwt")]
    public async Task EveryOneCharacterChange_GivesAReportNeverAnException(string form)
    {
        var issuer = NewParty(KeyType.Ed25519);
        var secured = Secure(form, Unsigned(issuer.Did), issuer);
        var verifier = VerifierSetup.Create();
        var random = new Random(11);
        const string Alphabet =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_+/=.~";
        for (var i = 0; i < 1000; i++)
        {
            var at = random.Next(secured.Length);
            var replacement = Alphabet[random.Next(Alphabet.Length)];
            var changed = secured[..at] + replacement + secured[(at + 1)..];
            var report = await verifier.VerifyAsync(changed);
            Assert.NotEmpty(report.Checks);
            // The base64 and base64url spellings of one 6-bit value ('+'/'-', '/'/'_') decode to the same
            // bytes where both alphabets are read (COSE text): not a change of the credential.
            var sameBits =
                (secured[at], replacement) is ('+', '-') or ('-', '+') or ('/', '_') or ('_', '/');
            if (changed != secured && !sameBits && report.Verdict == Verdict.Valid)
            {
                // Only a change the decoding cannot see (unused base64 bits at the end) may stay valid.
                Assert.True(at >= secured.Length - 3, $"a change at {at} stayed valid");
            }
        }
    }

    [Fact]
    public async Task CoseBytes_EveryByteChange_GivesAReportNeverAnException()
    {
        var issuer = NewParty(KeyType.P256);
        var bytes = VcCose.Create(
            Element(Unsigned(issuer.Did)),
            issuer.Key,
            new VcCoseCreateOptions { Kid = issuer.Kid }
        );
        var verifier = VerifierSetup.Create();
        var random = new Random(5);
        for (var i = 0; i < 1000; i++)
        {
            var changed = (byte[])bytes.Clone();
            changed[random.Next(changed.Length)] = (byte)random.Next(256);
            var report = await verifier.VerifyAsync(changed);
            Assert.NotEmpty(report.Checks);
            if (!changed.AsSpan().SequenceEqual(bytes))
            {
                Assert.NotEqual(Verdict.Valid, report.Verdict);
            }
        }
    }
}
