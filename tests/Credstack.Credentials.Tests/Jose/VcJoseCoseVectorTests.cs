using System.Text.Json;
using System.Text.Json.Nodes;
using Credstack.Credentials.Cose;
using Credstack.Credentials.Jose;
using Credstack.Credentials.Keys;
using Credstack.Credentials.SdJwt;
using Credstack.Credentials.Tests.Verification;
using Credstack.Credentials.Verification;
using Credstack.Tests.Shared;

namespace Credstack.Credentials.Tests.Jose;

/// <summary>
/// Every entry of the W3C VC-JOSE-COSE test suite's test-mapping.json (JOSE, SD-JWT and COSE; issue and
/// verify) as its own test case with the suite's expected result. "issue" entries sign the input with the
/// key file's secretKeyJwk and must then verify with its publicKeyJwk and give back the input document;
/// "verify" entries verify the input with the publicKeyJwk.
/// </summary>
public sealed class VcJoseCoseVectorTests
{
    private static readonly string Input = SharedData.PathOf("vectors", "vc-jose-cose", "input");

    private static readonly string[] Mappings =
    [
        "JOSETestMapping",
        "SDJWTTestMapping",
        "COSETestMapping",
    ];

    private static JsonElement Entry(string id)
    {
        using var doc = JsonDocument.Parse(
            File.ReadAllText(SharedData.PathOf("vectors", "vc-jose-cose", "test-mapping.json"))
        );
        foreach (var mapping in Mappings)
        {
            if (doc.RootElement.GetProperty(mapping).TryGetProperty(id, out var entry))
            {
                return entry.Clone();
            }
        }
        throw new KeyNotFoundException(id);
    }

    public static TheoryData<string> Entries()
    {
        using var doc = JsonDocument.Parse(
            File.ReadAllText(SharedData.PathOf("vectors", "vc-jose-cose", "test-mapping.json"))
        );
        var data = new TheoryData<string>();
        foreach (var mapping in Mappings)
        {
            foreach (var entry in doc.RootElement.GetProperty(mapping).EnumerateObject())
            {
                data.Add(entry.Name);
            }
        }
        return data;
    }

    [Fact]
    public void Mapping_HasAllThirtyFiveEntries() => Assert.Equal(35, Entries().Count);

    [Theory]
    [MemberData(nameof(Entries))]
    public void VcJoseCose_Entry_HasTheExpectedResult(string id)
    {
        var entry = Entry(id);
        var input = File.ReadAllText(
            Path.Combine(Input, entry.GetProperty("input_file").GetString()!)
        );
        using var keyDoc = JsonDocument.Parse(
            File.ReadAllText(Path.Combine(Input, entry.GetProperty("key_file").GetString()!))
        );
        var feature = entry.GetProperty("feature").GetString()!;
        var expected = entry.GetProperty("expected_result").GetString() == "success";
        var (ok, why) =
            entry.GetProperty("fn").GetString() == "issue"
                ? Issue(input, keyDoc.RootElement, feature, entry)
                : Verify(input.Trim(), keyDoc.RootElement.GetProperty("publicKeyJwk"), feature);
        Assert.True(
            expected == ok,
            $"{id}: expected {(expected ? "success" : "failure")}, got {(ok ? "success" : "failure")}: {why}"
        );
    }

    /// <summary>
    /// Verify entries whose verdict through <see cref="CredentialVerifier"/> differs from the suite's expected
    /// result, with the reason. The envelope APIs above give the expected result for them.
    /// </summary>
    private static readonly Dictionary<
        string,
        (string? FirstProblem, string Reason)
    > VerifierDifferences = new(StringComparer.Ordinal)
    {
        ["9. JWT Verification With Unknown Extensions"] = (
            null,
            "the token's payload has no unknown extension; it is signed ES512 by the issuer's P-521 key while the entry names the Ed25519 key file, so it fails only with that key, and the verifier (which resolves the kid) finds it valid"
        ),
        ["31. COSE Basic Presentation Verification"] = (
            VerificationCodes.IssuerKeyUnresolved,
            "the holder is did:example:ebfeb1f712ebc6f1c276e12ec21, a DID method nothing resolves, so the holder's key cannot be found (and its credential is a placeholder, data:application/vc+jwt,eyJ…fQ....)"
        ),
    };

    public static TheoryData<string> VerifyEntries()
    {
        var data = new TheoryData<string>();
        foreach (var id in Entries())
        {
            if (Entry(id).GetProperty("fn").GetString() == "verify")
            {
                data.Add(id);
            }
        }
        return data;
    }

    /// <summary>
    /// The same verify entries through the one verifier call: the vectors' kids are JWK thumbprints relative to
    /// the issuer https://example.issuer/vc-jose-cose, so the test gives the verifier that issuer's controller
    /// document (the four key files' public JWKs under #thumbprint) and a clock inside the presentations'
    /// iat–exp window.
    /// </summary>
    [Theory]
    [MemberData(nameof(VerifyEntries))]
    public async Task VcJoseCose_VerifyEntry_ThroughTheVerifier_HasTheExpectedVerdict(string id)
    {
        var entry = Entry(id);
        var input = File.ReadAllText(
            Path.Combine(Input, entry.GetProperty("input_file").GetString()!)
        );
        var methods = new JsonArray();
        foreach (
            var file in new[] { "vm-p256.json", "vm-p384.json", "vm-p521.json", "vm-ed25519.json" }
        )
        {
            var jwk = JsonNode.Parse(File.ReadAllText(Path.Combine(Input, file)))!["publicKeyJwk"]!;
            methods.Add(
                new JsonObject
                {
                    ["id"] = "https://example.issuer/vc-jose-cose#" + (string)jwk["kid"]!,
                    ["type"] = "JsonWebKey",
                    ["controller"] = "https://example.issuer/vc-jose-cose",
                    ["publicKeyJwk"] = jwk.DeepClone(),
                }
            );
        }
        var controller = new JsonObject
        {
            ["@context"] = new JsonArray("https://www.w3.org/ns/cid/v1"),
            ["id"] = "https://example.issuer/vc-jose-cose",
            ["verificationMethod"] = methods,
        };
        var verifier = VerifierSetup.Create(
            new Dictionary<string, string>
            {
                ["https://example.issuer/vc-jose-cose"] = controller.ToJsonString(),
            },
            now: new DateTimeOffset(2024, 12, 15, 12, 0, 0, TimeSpan.Zero),
            validateSchema: false
        );
        var report = await verifier.VerifyAsync(input);
        var expected = entry.GetProperty("expected_result").GetString() == "success";
        if (VerifierDifferences.TryGetValue(id, out var difference))
        {
            Assert.NotEqual(expected, report.Verdict == Verdict.Valid);
            Assert.Equal(difference.FirstProblem, VerifierSetup.FirstProblem(report));
            return;
        }
        Assert.True(
            expected == (report.Verdict == Verdict.Valid),
            $"{id}: expected {(expected ? "valid" : "not valid")}: {VerifierSetup.Describe(report)}"
        );
    }

    private static (bool Ok, string? Why) Verify(string input, JsonElement jwk, string feature)
    {
        var key = VerificationKey.FromJwk(jwk);
        switch (feature)
        {
            case "credential_jose":
            case "presentation_jose":
            {
                var result = VcJwt.Verify(input, key);
                var presentation = feature.StartsWith("presentation", StringComparison.Ordinal);
                if (result.IsValid && (result.Jwt.Form == VcJwtForm.VpJose) != presentation)
                {
                    return (false, $"read as {result.Jwt.Form}");
                }
                return (result.IsValid, result.Error?.Code + ": " + result.Error?.Message);
            }
            case "credential_sdjwt":
            case "presentation_sdjwt":
            {
                var result = SdJwtVc.Verify(input, key);
                if (
                    result.IsValid
                    && result.IsPresentation
                        != feature.StartsWith("presentation", StringComparison.Ordinal)
                )
                {
                    return (false, "wrong kind of document");
                }
                return (result.IsValid, result.Error?.Code + ": " + result.Error?.Message);
            }
            default:
            {
                var result = VcCose.Verify(input, key);
                if (
                    result.IsValid
                    && result.Cose.IsPresentation
                        != feature.StartsWith("presentation", StringComparison.Ordinal)
                )
                {
                    return (false, "wrong kind of document");
                }
                return (result.IsValid, result.Error?.Code + ": " + result.Error?.Message);
            }
        }
    }

    private static (bool Ok, string? Why) Issue(
        string input,
        JsonElement keyFile,
        string feature,
        JsonElement entry
    )
    {
        using var doc = JsonDocument.Parse(input);
        var document = doc.RootElement;
        using var signing = SigningKey.FromJwk(keyFile.GetProperty("secretKeyJwk"));
        var key = VerificationKey.FromJwk(keyFile.GetProperty("publicKeyJwk"));
        var kid = keyFile.GetProperty("id").GetString();
        JsonElement verified;
        try
        {
            switch (feature)
            {
                case "credential_jose":
                case "presentation_jose":
                {
                    var form = feature == "credential_jose" ? VcJwtForm.VcJose : VcJwtForm.VpJose;
                    var jwt = VcJwt.Create(
                        document,
                        signing,
                        new VcJwtCreateOptions { Form = form, Kid = kid }
                    );
                    var result = VcJwt.Verify(jwt, key);
                    if (!result.IsValid || result.Jwt.Form != form)
                    {
                        return (false, "issued but does not verify: " + result.Error?.Message);
                    }
                    verified = result.Jwt.Payload;
                    break;
                }
                case "credential_sdjwt":
                case "presentation_sdjwt":
                {
                    var paths = entry
                        .GetProperty("disclosure_paths")
                        .EnumerateArray()
                        .Select(p => p.GetString()!)
                        .ToList();
                    var sdJwt = SdJwtVc.Create(
                        document,
                        paths,
                        signing,
                        new SdJwtCreateOptions { Kid = kid }
                    );
                    var result = SdJwtVc.Verify(sdJwt, key);
                    if (!result.IsValid)
                    {
                        return (false, "issued but does not verify: " + result.Error.Message);
                    }
                    // Every chosen path became a disclosure, and none of its values shows in the signed payload.
                    Assert.Equal(paths.Count, result.Disclosures.Count);
                    verified = result.Document.Value;
                    break;
                }
                default:
                {
                    var cose = VcCose.Create(
                        document,
                        signing,
                        new VcCoseCreateOptions { Kid = kid }
                    );
                    var result = VcCose.Verify(Convert.ToBase64String(cose), key);
                    if (!result.IsValid)
                    {
                        return (false, "issued but does not verify: " + result.Error.Message);
                    }
                    verified = result.Cose.Document;
                    break;
                }
            }
        }
        catch (ArgumentException e)
        {
            return (false, "refused: " + e.Message);
        }
        var same =
            JsonNode.DeepEquals(
                JsonNode.Parse(document.GetRawText()),
                JsonNode.Parse(verified.GetRawText())
            ) || SameUpToOrder(document, verified);
        return same
            ? (true, null)
            : (false, "the verified document differs from the input: " + verified.GetRawText());
    }

    // SD-JWT puts disclosed object members back at the end of their object; compare member sets.
    private static bool SameUpToOrder(JsonElement a, JsonElement b)
    {
        if (a.ValueKind != b.ValueKind)
        {
            return false;
        }
        switch (a.ValueKind)
        {
            case JsonValueKind.Object:
                var am = a.EnumerateObject().ToDictionary(p => p.Name, p => p.Value);
                var bm = b.EnumerateObject().ToDictionary(p => p.Name, p => p.Value);
                return am.Count == bm.Count
                    && am.All(p => bm.TryGetValue(p.Key, out var v) && SameUpToOrder(p.Value, v));
            case JsonValueKind.Array:
                var aa = a.EnumerateArray().ToList();
                var ba = b.EnumerateArray().ToList();
                return aa.Count == ba.Count
                    && aa.Zip(ba).All(p => SameUpToOrder(p.First, p.Second));
            default:
                return a.GetRawText() == b.GetRawText();
        }
    }
}
