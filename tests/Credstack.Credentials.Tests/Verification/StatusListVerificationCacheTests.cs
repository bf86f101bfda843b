using System.Globalization;
using System.Text.Json.Nodes;
using Credstack.Credentials.DataIntegrity;
using Credstack.Credentials.Dids;
using Credstack.Credentials.Status;
using Credstack.Credentials.Verification;

namespace Credstack.Credentials.Tests.Verification;

/// <summary>
/// <see cref="StatusListVerificationCache"/>: a list document is verified once while the fetcher hands out
/// the same instance; a new document is verified again; a list that does not verify is never remembered.
/// </summary>
public sealed class StatusListVerificationCacheTests
{
    private const string ListUrl = "https://example.edu/status/revocation";
    private const int Index = 4242;

    private static JsonObject SignedList(bool set)
    {
        var list = new BitstringStatusList();
        if (set)
        {
            list.Set(Index, true);
        }
        return TestCredentials.Sign(
            BitstringStatusListCredentialBuilder.Build(
                ListUrl,
                TestCredentials.IssuerDid,
                TestCredentials.Created,
                StatusPurposes.Revocation,
                list
            ),
            DataIntegritySuites.EddsaRdfc2022
        );
    }

    private static string Credential()
    {
        var unsigned = TestCredentials.Unsigned();
        unsigned["credentialStatus"] = new JsonObject
        {
            ["id"] = $"{ListUrl}#{Index}",
            ["type"] = "BitstringStatusListEntry",
            ["statusPurpose"] = StatusPurposes.Revocation,
            ["statusListIndex"] = Index.ToString(CultureInfo.InvariantCulture),
            ["statusListCredential"] = ListUrl,
        };
        return TestCredentials.Sign(unsigned, DataIntegritySuites.EddsaRdfc2022).ToJsonString();
    }

    private static CredentialVerifier Verifier(
        InstanceFetcher fetcher,
        StatusListVerificationCache cache
    ) =>
        new(
            new VerifierOptions
            {
                Resolver = new DidResolver(new OfflineDidResolver()),
                Fetcher = fetcher,
                Time = new FixedClock(VerifierSetup.Now),
                StatusListCache = cache,
            }
        );

    /// <summary>The list with its bit unset but the encoded list of the set one: the proof no longer matches.</summary>
    private static JsonObject TamperedList()
    {
        var tampered = SignedList(set: false);
        tampered["credentialSubject"]!["encodedList"] = SignedList(set: true)["credentialSubject"]![
            "encodedList"
        ]!.DeepClone();
        return tampered;
    }

    [Fact]
    public async Task ANewListDocument_IsVerifiedAndRead_NotTheRememberedOne()
    {
        var fetcher = new InstanceFetcher(SignedList(set: false));
        var verifier = Verifier(fetcher, new StatusListVerificationCache());
        var credential = Credential();
        for (var i = 0; i < 2; i++)
        {
            var valid = await verifier.VerifyAsync(credential);
            Assert.True(valid.Verdict == Verdict.Valid, VerifierSetup.Describe(valid));
        }

        fetcher.Document = SignedList(set: true);
        var revoked = await verifier.VerifyAsync(credential);
        Assert.Equal(VerificationCodes.StatusRevoked, VerifierSetup.FirstProblem(revoked));

        fetcher.Document = TamperedList();
        var tampered = await verifier.VerifyAsync(credential);
        Assert.Equal(VerificationCodes.StatusInvalid, VerifierSetup.FirstProblem(tampered));
    }

    [Fact]
    public async Task AListThatDoesNotVerify_IsNeverRemembered()
    {
        var fetcher = new InstanceFetcher(TamperedList());
        var verifier = Verifier(fetcher, new StatusListVerificationCache());
        var credential = Credential();
        for (var i = 0; i < 2; i++)
        {
            var report = await verifier.VerifyAsync(credential);
            Assert.Equal(VerificationCodes.StatusInvalid, VerifierSetup.FirstProblem(report));
        }
    }

    [Fact]
    public async Task PastMaxAge_TheSameDocumentIsVerifiedAgain()
    {
        var document = SignedList(set: false);
        var fetcher = new InstanceFetcher(document);
        var verifier = Verifier(
            fetcher,
            new StatusListVerificationCache { MaxAge = TimeSpan.Zero }
        );
        var credential = Credential();
        var valid = await verifier.VerifyAsync(credential);
        Assert.True(valid.Verdict == Verdict.Valid, VerifierSetup.Describe(valid));

        // A fetcher must not modify a document it handed out; with no reuse allowed, doing so is caught.
        document["credentialSubject"]!["encodedList"] = SignedList(set: true)["credentialSubject"]![
            "encodedList"
        ]!.DeepClone();
        var report = await verifier.VerifyAsync(credential);
        Assert.Equal(VerificationCodes.StatusInvalid, VerifierSetup.FirstProblem(report));
    }

    private sealed class InstanceFetcher(JsonNode document) : IDocumentFetcher
    {
        public JsonNode Document { get; set; } = document;

        public ValueTask<FetchResult> FetchAsync(string url, CancellationToken cancellationToken) =>
            ValueTask.FromResult(
                url == ListUrl ? FetchResult.Ok(Document) : FetchResult.Fail("unknown", false)
            );
    }
}
