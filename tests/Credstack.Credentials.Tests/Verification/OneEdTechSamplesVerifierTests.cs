using System.Text.Json;
using System.Text.RegularExpressions;
using Credstack.Credentials.Keys;
using Credstack.Credentials.Verification;
using Credstack.Tests.Shared;

namespace Credstack.Credentials.Tests.Verification;

/// <summary>
/// Every sample of 1EdTech's validator (../shared/vectors/1edtech-validator-samples) through the full verifier,
/// offline. The https issuers' controller documents are not in the samples folder: 1EdTech's validator serves
/// them; here each https issuer gets a controller document listing every multikey that the samples name as a
/// fragment of it (as <c>--did-doc URL=FILE</c> would supply). The status list testlist.json is supplied at its
/// URL. Our verdict must equal 1EdTech's (EXPECTED.json) unless <see cref="Expectations"/> gives a reason.
/// </summary>
public sealed partial class OneEdTechSamplesVerifierTests
{
    private static readonly string Root = SharedData.PathOf("vectors", Samples.ValidatorFolder);

    /// <summary>Our verdict, the code of the first failed (else indeterminate) check, why we differ from 1EdTech (null when we agree), and what the sample is when EXPECTED.json records no verdict.</summary>
    internal sealed record Expectation(
        Verdict Verdict,
        string? Code,
        string? DifferenceFrom1EdTech = null,
        string? NotRecordedBy1EdTech = null
    );

    /// <summary>What the verifier must report for each sample, with the reason wherever we deliberately differ from 1EdTech's validator.</summary>
    internal static readonly IReadOnlyDictionary<string, Expectation> Expectations = new Dictionary<
        string,
        Expectation
    >(StringComparer.Ordinal)
    {
        ["clr20/complex.json"] = new(
            Verdict.Invalid,
            "issuer.controller-mismatch",
            NotRecordedBy1EdTech: "the proof's did:key is not controlled by the issuer (a urn:uuid), which OB 3.0 §8.3 / VC DI §4.3 require"
        ),
        ["clr20/simple-noproof.json"] = new(Verdict.Invalid, "clr.context.missing"),
        ["clr20/simple.json"] = new(Verdict.Valid, null),
        ["clr20/simple.jwt"] = new(
            Verdict.Invalid,
            "ob.context.missing",
            NotRecordedBy1EdTech: "the JWT carries a pre-release CLR credential (draft contexts https://dc.imsglobal.org/draft/clr/v2p0/context), which the CLR 2.0 schema rejects"
        ),
        ["clr20/simple_old_safesigned.json"] = new(
            Verdict.Invalid,
            "clr.context.missing",
            NotRecordedBy1EdTech: "it uses the pre-release CLR context, which the CLR 2.0 schema rejects"
        ),
        ["clr20/simple_v1.json"] = new(
            Verdict.Invalid,
            "issuer.key-unresolved",
            DifferenceFrom1EdTech: "The verification method is urn:uuid:…#z6Mk…: a urn:uuid cannot be dereferenced (no DID method, no URL), and we do not read a key out of a URL fragment as 1EdTech's validator does, because nothing then binds the key to the issuer."
        ),
        ["ob30/bit-string-list/credential-status-revoked-blank-nodes.json"] = new(
            Verdict.Invalid,
            "status.revoked"
        ),
        ["ob30/bit-string-list/credential-status-revoked.json"] = new(
            Verdict.Invalid,
            "status.revoked"
        ),
        ["ob30/bit-string-list/testlist.json"] = new(
            Verdict.Valid,
            null,
            NotRecordedBy1EdTech: "a BitstringStatusListCredential (list with bit 23 set); its own proof verifies"
        ),
        ["ob30/complete.json"] = new(Verdict.Invalid, "endorsement.invalid"),
        ["ob30/complete_v1.json"] = new(Verdict.Invalid, "vc.type.undefinedTerm"),
        ["ob30/credential-status-revoked.json"] = new(
            Verdict.Indeterminate,
            "issuer.key-unavailable",
            DifferenceFrom1EdTech: "The issuer key is a did:web and the 1EdTechRevocationList is an https URL: offline, neither can be fetched, so the verdict is indeterminate (1EdTech's validator fetches them and finds it revoked)."
        ),
        ["ob30/endorsement-err-schema-status-refresh.json"] = new(
            Verdict.Invalid,
            "proof.signature-invalid",
            NotRecordedBy1EdTech: "an EndorsementCredential whose signed content was changed after signing"
        ),
        ["ob30/endorsement-valid.json"] = new(Verdict.Valid, null),
        ["ob30/sd/derivedcredential.json"] = new(Verdict.Valid, null),
        ["ob30/simple-context-alias.json"] = new(Verdict.Valid, null),
        ["ob30/simple-context-version.json"] = new(
            Verdict.Valid,
            null,
            NotRecordedBy1EdTech: "1EdTech reports a context-version probe (3.0.2); we verify it and warn ob.context.outdated"
        ),
        ["ob30/simple-did-key-method.json"] = new(
            Verdict.Invalid,
            "issuer.controller-mismatch",
            DifferenceFrom1EdTech: "The proof's key is a did:key but the issuer is urn:uuid:6f2e…: the key's controller is not the issuer (OB 3.0 §8.3, VC DI §4.3 step 'controller'), so anyone could have signed it; 1EdTech's validator does not check the controller."
        ),
        ["ob30/simple-did-web-method.json"] = new(Verdict.Valid, null),
        ["ob30/simple-eddsa-2022.json"] = new(Verdict.Valid, null),
        ["ob30/simple-err-context.json"] = new(Verdict.Invalid, "context.invalid"),
        ["ob30/simple-err-credential-subject-achievement-result-description-type.json"] = new(
            Verdict.Invalid,
            "vc.type.undefinedTerm"
        ),
        ["ob30/simple-err-credential-subject-identifier-type.json"] = new(
            Verdict.Invalid,
            "vc.type.undefinedTerm"
        ),
        ["ob30/simple-err-credential-subject-profile-type.json"] = new(
            Verdict.Invalid,
            "vc.type.undefinedTerm"
        ),
        ["ob30/simple-err-credential-subject-result-type.json"] = new(
            Verdict.Invalid,
            "vc.type.undefinedTerm"
        ),
        ["ob30/simple-err-credential-subject-type.json"] = new(
            Verdict.Invalid,
            "vc.type.undefinedTerm"
        ),
        ["ob30/simple-err-evidence-type.json"] = new(Verdict.Invalid, "vc.type.undefinedTerm"),
        ["ob30/simple-err-expired.json"] = new(Verdict.Invalid, "dates.expired"),
        ["ob30/simple-err-issued.json"] = new(Verdict.Invalid, "schema.required"),
        ["ob30/simple-err-issuer-otheridentifier-type.json"] = new(
            Verdict.Invalid,
            "vc.type.undefinedTerm"
        ),
        ["ob30/simple-err-issuer-parentorg-type.json"] = new(
            Verdict.Invalid,
            "vc.type.undefinedTerm"
        ),
        ["ob30/simple-err-issuer-type.json"] = new(Verdict.Invalid, "vc.type.undefinedTerm"),
        ["ob30/simple-err-issuer.json"] = new(Verdict.Invalid, "vc.issuer.missing"),
        ["ob30/simple-err-proof-method-no-scheme.json"] = new(Verdict.Invalid, "proof.safe-mode"),
        ["ob30/simple-err-proof-method-unknown-did-method.json"] = new(
            Verdict.Invalid,
            "issuer.key-unresolved"
        ),
        ["ob30/simple-err-proof-method-unknown-scheme.json"] = new(
            Verdict.Invalid,
            "issuer.key-unresolved"
        ),
        ["ob30/simple-err-proof-method.json"] = new(Verdict.Invalid, "issuer.key-unresolved"),
        ["ob30/simple-err-proof-value.json"] = new(Verdict.Invalid, "proof.signature-invalid"),
        ["ob30/simple-err-type.json"] = new(Verdict.Invalid, "ob.type.missing"),
        ["ob30/simple-json.png"] = new(
            Verdict.Valid,
            null,
            NotRecordedBy1EdTech: "simple.json baked into a PNG"
        ),
        ["ob30/simple-json.svg"] = new(
            Verdict.Valid,
            null,
            NotRecordedBy1EdTech: "simple.json baked into an SVG"
        ),
        ["ob30/simple-jwt.png"] = new(
            Verdict.Valid,
            null,
            NotRecordedBy1EdTech: "a VC-JWT (jwk header) baked into a PNG"
        ),
        ["ob30/simple-jwt.svg"] = new(
            Verdict.Valid,
            null,
            NotRecordedBy1EdTech: "a VC-JWT (jwk header) baked into an SVG"
        ),
        ["ob30/simple-jwt_v1.png"] = new(
            Verdict.Valid,
            null,
            NotRecordedBy1EdTech: "a VC 1.1 vc-claim JWT baked into a PNG"
        ),
        ["ob30/simple-jwt_v1.svg"] = new(
            Verdict.Valid,
            null,
            NotRecordedBy1EdTech: "a VC 1.1 vc-claim JWT baked into an SVG"
        ),
        ["ob30/simple-multiple-proofs.json"] = new(Verdict.Invalid, "vc.type.undefinedTerm"),
        ["ob30/simple-noproof.json"] = new(Verdict.Invalid, "schema.required"),
        ["ob30/simple.1ob"] = new(
            Verdict.Valid,
            null,
            NotRecordedBy1EdTech: "simple.json under the .1ob extension"
        ),
        ["ob30/simple.json"] = new(Verdict.Valid, null),
        ["ob30/simple.jwt"] = new(
            Verdict.Invalid,
            "proof.malformed",
            NotRecordedBy1EdTech: "a JWT whose header has neither kid nor jwk, so no key can be found (OB 3.0 §8.2.2)"
        ),
        ["ob30/simple_v1.json"] = new(Verdict.Valid, null),
        ["ob30/velocity.jwt"] = new(
            Verdict.Invalid,
            "issuer.key-unresolved",
            NotRecordedBy1EdTech: "its kid is a did:velocity, a DID method Credstack does not resolve"
        ),
    };

    public static TheoryData<string> SampleIds()
    {
        var data = new TheoryData<string>();
        foreach (
            var file in Directory
                .GetFiles(Root, "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(Root, f).Replace('\\', '/'))
                .Where(f => f is not ("EXPECTED.json" or "SOURCE-COMMIT.txt"))
                .Where(f => !f.StartsWith("generated-js-reference/", StringComparison.Ordinal))
                .Order(StringComparer.Ordinal)
        )
        {
            data.Add(file);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(SampleIds))]
    public async Task Sample_GivesExpectedVerdict(string file)
    {
        Assert.True(
            Expectations.TryGetValue(file, out var expected),
            $"{file} has no entry in Expectations"
        );
        var verifier = VerifierSetup.Create(ControllerDocuments(), StatusDocuments());
        var report = await verifier.VerifyAsync(
            File.ReadAllBytes(Path.Combine(Root, file)),
            CancellationToken.None
        );
        var describe = VerifierSetup.Describe(report);
        Assert.True(expected.Verdict == report.Verdict, describe);
        Assert.True(expected.Code == VerifierSetup.FirstProblem(report), describe);

        var oneEdTech = OneEdTechVerdict(file);
        if (oneEdTech is null)
        {
            Assert.True(
                expected.NotRecordedBy1EdTech is not null,
                "EXPECTED.json records no 1EdTech verdict for this sample: say what it is"
            );
        }
        else if (expected.DifferenceFrom1EdTech is null)
        {
            Assert.True(
                oneEdTech == report.Verdict,
                $"1EdTech's verdict is {oneEdTech?.ToString() ?? "not recorded"}; give a reason to differ. {describe}"
            );
        }
        else
        {
            Assert.True(
                oneEdTech != report.Verdict,
                "the sample now agrees with 1EdTech: remove the DifferenceFrom1EdTech reason"
            );
        }
    }

    [Fact]
    public void Expectations_NameOnlyExistingSamples()
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in SampleIds())
        {
            ids.Add(row);
        }
        foreach (var key in Expectations.Keys)
        {
            Assert.Contains(key, ids);
        }
    }

    /// <summary>1EdTech's verdict from EXPECTED.json: valid (also valid-with-warning), invalid, or null when none is recorded.</summary>
    private static Verdict? OneEdTechVerdict(string file)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Root, "EXPECTED.json")));
        // EXPECTED.json names the ob30 sub-folders without their 'ob30/' prefix.
        var key =
            file.StartsWith("ob30/bit-string-list/", StringComparison.Ordinal)
            || file.StartsWith("ob30/sd/", StringComparison.Ordinal)
                ? file["ob30/".Length..]
                : file;
        foreach (var entry in doc.RootElement.EnumerateArray())
        {
            if (entry.GetProperty("file").GetString() != key)
            {
                continue;
            }
            var text = entry.GetProperty("expected1EdTechValidator")
                is { ValueKind: JsonValueKind.String } s
                ? s.GetString()!
                : "";
            return text.StartsWith("valid", StringComparison.Ordinal) ? Verdict.Valid
                : text.StartsWith("invalid", StringComparison.Ordinal) ? Verdict.Invalid
                : null;
        }
        return null;
    }

    [GeneratedRegex(
        "\"verificationMethod\"\\s*:\\s*\"((?:https://|urn:uuid:)[^\"#]+)#(z[1-9A-HJ-NP-Za-km-z]+)\""
    )]
    private static partial Regex HttpsMethod();

    /// <summary>
    /// A controller document per https issuer, listing every multikey the samples use as a fragment of it
    /// (invalid multikeys, like the one simple-err-proof-method.json names, are left out).
    /// </summary>
    internal static Dictionary<string, string> ControllerDocuments()
    {
        var keys = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(Root, "*.json", SearchOption.AllDirectories))
        {
            foreach (Match m in HttpsMethod().Matches(File.ReadAllText(file)))
            {
                if (VerificationKey.TryFromMultikey(m.Groups[2].Value, out _, out _))
                {
                    if (!keys.TryGetValue(m.Groups[1].Value, out var set))
                    {
                        keys[m.Groups[1].Value] = set = new SortedSet<string>(
                            StringComparer.Ordinal
                        );
                    }
                    set.Add(m.Groups[2].Value);
                }
            }
        }
        var documents = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (id, multikeys) in keys)
        {
            var methods = string.Join(
                ",",
                multikeys.Select(k =>
                    $$"""{"id":"{{id}}#{{k}}","type":"Multikey","controller":"{{id}}","publicKeyMultibase":"{{k}}"}"""
                )
            );
            var refs = string.Join(",", multikeys.Select(k => $"\"{id}#{k}\""));
            documents[id] =
                $$"""{"id":"{{id}}","verificationMethod":[{{methods}}],"assertionMethod":[{{refs}}]}""";
        }
        return documents;
    }

    /// <summary>testlist.json at the URL credential-status-revoked-blank-nodes.json names (1EdTech's repository).</summary>
    internal static Dictionary<string, string> StatusDocuments() =>
        new(StringComparer.Ordinal)
        {
            [
                "https://raw.githubusercontent.com/1EdTech/digital-credentials-public-validator/refs/heads/main/inspector-vc/src/test/resources/ob30/bit-string-list/testlist"
            ] = File.ReadAllText(Path.Combine(Root, "ob30", "bit-string-list", "testlist.json")),
        };
}
