using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Credstack.Credentials.DataIntegrity;
using Credstack.Credentials.Jose;
using Credstack.Credentials.Verification;

namespace Credstack.Credentials.Tests.Verification;

/// <summary>
/// The tamper suite (issue 3 item 9): change any one leaf value, type entry, @context entry, date or proof
/// field of a signed credential, one test case per JSON pointer, and the verifier must say invalid and name
/// the failing check.
/// </summary>
public sealed class TamperTests
{
    private static readonly Lazy<JsonObject> Rdfc = new(() =>
        TestCredentials.Sign(TestCredentials.Unsigned(), DataIntegritySuites.EddsaRdfc2022)
    );

    private static readonly Lazy<JsonObject> Jcs = new(() =>
        TestCredentials.Sign(TestCredentials.Unsigned(), DataIntegritySuites.EddsaJcs2022)
    );

    // The ECDSA suites with one P-256 key for the run (ECDSA signatures are randomized anyway).
    private static readonly Lazy<ProofSigner> EcdsaSigner = new(() =>
        ProofSigner.ForDidKey(
            Credstack.Credentials.Keys.SigningKey.Generate(Credstack.Credentials.Keys.KeyType.P256)
        )
    );

    private static readonly Lazy<JsonObject> EcdsaRdfc = new(() =>
        TestCredentials.Sign(
            TestCredentials.Unsigned(EcdsaSigner.Value.VerificationMethod.Split('#')[0]),
            DataIntegritySuites.EcdsaRdfc2019,
            EcdsaSigner.Value
        )
    );

    private static readonly Lazy<JsonObject> EcdsaJcs = new(() =>
        TestCredentials.Sign(
            TestCredentials.Unsigned(EcdsaSigner.Value.VerificationMethod.Split('#')[0]),
            DataIntegritySuites.EcdsaJcs2019,
            EcdsaSigner.Value
        )
    );

    public static TheoryData<string> RdfcPointers() => Pointers(Rdfc.Value);

    public static TheoryData<string> EcdsaRdfcPointers() => Pointers(EcdsaRdfc.Value);

    public static TheoryData<string> EcdsaJcsPointers() => Pointers(EcdsaJcs.Value);

    public static TheoryData<string> JcsPointers() => Pointers(Jcs.Value);

    private static TheoryData<string> Pointers(JsonObject credential)
    {
        var data = new TheoryData<string>();
        foreach (var pointer in TestCredentials.LeafPointers(credential))
        {
            data.Add(pointer);
        }
        return data;
    }

    [Fact]
    public async Task SignedCredential_Untouched_IsValid()
    {
        foreach (var credential in new[] { Rdfc.Value, Jcs.Value, EcdsaRdfc.Value, EcdsaJcs.Value })
        {
            var report = await VerifierSetup.Create().VerifyAsync(credential.ToJsonString());
            Assert.True(report.Verdict == Verdict.Valid, VerifierSetup.Describe(report));
        }
    }

    [Theory]
    [MemberData(nameof(RdfcPointers))]
    public Task EddsaRdfc2022_AnyValueChanged_IsInvalid(string pointer) =>
        AssertTamperDetected(Rdfc.Value, pointer, jcs: false);

    [Theory]
    [MemberData(nameof(JcsPointers))]
    public Task EddsaJcs2022_AnyValueChanged_IsInvalid(string pointer) =>
        AssertTamperDetected(Jcs.Value, pointer, jcs: true);

    [Theory]
    [MemberData(nameof(EcdsaRdfcPointers))]
    public Task EcdsaRdfc2019_AnyValueChanged_IsInvalid(string pointer) =>
        AssertTamperDetected(EcdsaRdfc.Value, pointer, jcs: false);

    [Theory]
    [MemberData(nameof(EcdsaJcsPointers))]
    public Task EcdsaJcs2019_AnyValueChanged_IsInvalid(string pointer) =>
        AssertTamperDetected(EcdsaJcs.Value, pointer, jcs: true);

    private static async Task AssertTamperDetected(JsonObject signed, string pointer, bool jcs)
    {
        var credential = (JsonObject)signed.DeepClone();
        var original = TestCredentials.Get(credential, pointer)!;
        TestCredentials.Replace(credential, pointer, Mutate(pointer, original));
        var report = await VerifierSetup.Create().VerifyAsync(credential.ToJsonString());
        var describe = VerifierSetup.Describe(report);
        Assert.True(report.Verdict == Verdict.Invalid, describe);
        var expected = ExpectedCode(pointer, jcs);
        Assert.True(
            report.Checks.Any(c => c.Status == CheckStatus.Failed && c.Code == expected),
            $"expected a failed {expected} check; {describe}"
        );
    }

    /// <summary>A changed value of the same kind: still well-formed where that matters, so the proof is what catches it.</summary>
    private static JsonNode? Mutate(string pointer, JsonNode original)
    {
        var value = original.AsValue();
        if (value.TryGetValue<bool>(out var b))
        {
            return JsonValue.Create(!b);
        }
        if (value.TryGetValue<double>(out var d))
        {
            return JsonValue.Create(d + 1);
        }
        var s = value.GetValue<string>();
        if (pointer.StartsWith("/@context/", StringComparison.Ordinal))
        {
            // Another published context: the OB 3.0.2 release for the OB context, VC 1.1 for the base.
            return s.Contains("ob/v3p0", StringComparison.Ordinal)
                ? "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json"
                : "https://www.w3.org/2018/credentials/v1";
        }
        if (IsTypePointer(pointer))
        {
            return pointer.StartsWith("/proof/", StringComparison.Ordinal)
                ? "Ed25519Signature2020"
                : "https://example.org/vocab#" + s;
        }
        if (DataIntegrityProofs.TryParseDateTime(s, out var date))
        {
            return DataIntegrityProofs.FormatDateTime(date.AddSeconds(1));
        }
        return pointer switch
        {
            // The other suite of the same family (the same key fits it).
            "/proof/cryptosuite" => s switch
            {
                DataIntegritySuites.EddsaRdfc2022 => DataIntegritySuites.EddsaJcs2022,
                DataIntegritySuites.EddsaJcs2022 => DataIntegritySuites.EddsaRdfc2022,
                DataIntegritySuites.EcdsaRdfc2019 => DataIntegritySuites.EcdsaJcs2019,
                _ => DataIntegritySuites.EcdsaRdfc2019,
            },
            "/proof/proofPurpose" => "authentication",
            "/proof/proofValue" => s[..^2] + (s[^2] == 'A' ? "B" : "A") + s[^1],
            "/proof/verificationMethod" => OtherKeyMethod,
            _ when s.Contains(':', StringComparison.Ordinal) => s + "x",
            _ => s + " (changed)",
        };
    }

    private static readonly string OtherKeyMethod = ProofSigner
        .ForDidKey(Credstack.Credentials.Keys.SigningKey.FromEd25519Seed(new byte[32]))
        .VerificationMethod;

    /// <summary>
    /// The check that must fail. Mostly the signature; but a changed issuer or key is caught by the controller
    /// check first, a changed type that carries a type-scoped context (rdfc) leaves terms undefined (safe
    /// mode), and a changed base context or proof @context breaks the proof's structure before any hashing.
    /// </summary>
    private static string ExpectedCode(string pointer, bool jcs) =>
        pointer switch
        {
            "/type/0" => VerificationCodes.ParseNotACredential,
            "/issuer/id" or "/proof/verificationMethod" =>
                VerificationCodes.IssuerControllerMismatch,
            "/proof/proofPurpose" => VerificationCodes.ProofPurposeMismatch,
            "/proof/type" => VerificationCodes.ProofSafeMode,
            "/@context/0" => jcs
                ? VerificationCodes.ProofMalformed
                : VerificationCodes.ProofSafeMode,
            "/@context/1" when jcs => VerificationCodes.ProofMalformed,
            _ when pointer.StartsWith("/proof/@context/", StringComparison.Ordinal) =>
                VerificationCodes.ProofMalformed,
            // OpenBadgeCredential carries no type-scoped context; every other OB type does.
            _ when !jcs && pointer != "/type/1" && IsTypePointer(pointer) =>
                VerificationCodes.ProofSafeMode,
            _ => VerificationCodes.ProofSignatureInvalid,
        };

    private static bool IsTypePointer(string pointer) =>
        pointer.EndsWith("/type", StringComparison.Ordinal)
        || pointer.Contains("/type/", StringComparison.Ordinal);

    public static TheoryData<string> JwtClaims() =>
        new() { "iss", "nbf", "jti", "sub", "vc-name", "vc-issuer-name", "vc-achievement-name" };

    [Theory]
    [MemberData(nameof(JwtClaims))]
    public async Task VcJwt_PayloadChanged_IsInvalid(string claim)
    {
        var credential = TestCredentials.Unsigned();
        credential["credentialSubject"]!["id"] = "did:example:learner";
        var jwt = VcJwt.Create(
            JsonDocument.Parse(credential.ToJsonString()).RootElement,
            TestCredentials.IssuerKey,
            new VcJwtCreateOptions { Kid = TestCredentials.IssuerSigner.VerificationMethod }
        );
        var parts = jwt.Split('.');
        var payload = JsonNode.Parse(Base64UrlDecode(parts[1]))!.AsObject();
        var vc = payload["vc"] as JsonObject ?? payload;
        switch (claim)
        {
            case "vc-name":
                vc["name"] = "Changed";
                break;
            case "vc-issuer-name":
                vc["issuer"]!["name"] = "Changed";
                break;
            case "vc-achievement-name":
                vc["credentialSubject"]!["achievement"]!["name"] = "Changed";
                break;
            default:
                Assert.True(payload.ContainsKey(claim), $"the JWT has no {claim} claim: {payload}");
                payload[claim] =
                    payload[claim]!.GetValueKind() == JsonValueKind.Number
                        ? JsonValue.Create(payload[claim]!.GetValue<long>() + 1)
                        : JsonValue.Create(payload[claim]!.GetValue<string>() + "x");
                break;
        }
        var tampered = parts[0] + "." + Base64UrlEncode(payload.ToJsonString()) + "." + parts[2];
        var report = await VerifierSetup.Create().VerifyAsync(tampered);
        Assert.True(report.Verdict == Verdict.Invalid, VerifierSetup.Describe(report));
        Assert.Contains(
            report.Checks,
            c => c.Status == CheckStatus.Failed && c.Code == VerificationCodes.ProofSignatureInvalid
        );
        var untouched = await VerifierSetup.Create().VerifyAsync(jwt);
        Assert.True(untouched.Verdict == Verdict.Valid, VerifierSetup.Describe(untouched));
    }

    internal static string Base64UrlEncode(string text) =>
        Convert
            .ToBase64String(Encoding.UTF8.GetBytes(text))
            .TrimEnd('=')
            .Replace('+', '-')
            .Replace('/', '_');

    internal static string Base64UrlDecode(string text)
    {
        var s = text.Replace('-', '+').Replace('_', '/');
        s = s.PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '=');
        return Encoding.UTF8.GetString(Convert.FromBase64String(s));
    }
}
