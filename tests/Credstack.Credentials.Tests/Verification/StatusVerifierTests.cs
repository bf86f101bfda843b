using System.Text.Json.Nodes;
using Credstack.Credentials.DataIntegrity;
using Credstack.Credentials.Status;
using Credstack.Credentials.Verification;

namespace Credstack.Credentials.Tests.Verification;

/// <summary>credentialStatus through the verifier: a signed BitstringStatusListCredential served offline.</summary>
public sealed class StatusVerifierTests
{
    private const string RevocationUrl = "https://example.edu/status/revocation";
    private const string SuspensionUrl = "https://example.edu/status/suspension";
    private const int Index = 94567;

    private static string StatusList(string url, string purpose, bool set)
    {
        var list = new BitstringStatusList();
        if (set)
        {
            list.Set(Index, true);
        }
        var unsigned = BitstringStatusListCredentialBuilder.Build(
            url,
            TestCredentials.IssuerDid,
            TestCredentials.Created,
            purpose,
            list
        );
        return TestCredentials.Sign(unsigned, DataIntegritySuites.EddsaRdfc2022).ToJsonString();
    }

    private static string Credential(params (string Url, string Purpose)[] entries)
    {
        var unsigned = TestCredentials.Unsigned();
        var status = new JsonArray();
        foreach (var (url, purpose) in entries)
        {
            status.Add(
                new JsonObject
                {
                    ["id"] = $"{url}#{Index}",
                    ["type"] = "BitstringStatusListEntry",
                    ["statusPurpose"] = purpose,
                    ["statusListIndex"] = Index.ToString(
                        System.Globalization.CultureInfo.InvariantCulture
                    ),
                    ["statusListCredential"] = url,
                }
            );
        }
        unsigned["credentialStatus"] = status.Count == 1 ? status[0]!.DeepClone() : status;
        return TestCredentials.Sign(unsigned, DataIntegritySuites.EddsaRdfc2022).ToJsonString();
    }

    private static Task<VerificationReport> Verify(
        string credential,
        Dictionary<string, string> lists
    ) => VerifierSetup.Create(documents: lists).VerifyAsync(credential);

    [Fact]
    public async Task Status_BitUnset_IsValid()
    {
        var report = await Verify(
            Credential((RevocationUrl, StatusPurposes.Revocation)),
            new() { [RevocationUrl] = StatusList(RevocationUrl, StatusPurposes.Revocation, false) }
        );
        Assert.True(report.Verdict == Verdict.Valid, VerifierSetup.Describe(report));
        Assert.Contains(report.Checks, c => c.Code == VerificationCodes.StatusOk);
    }

    [Fact]
    public async Task Status_RevocationBitSet_IsInvalidRevoked()
    {
        var report = await Verify(
            Credential((RevocationUrl, StatusPurposes.Revocation)),
            new() { [RevocationUrl] = StatusList(RevocationUrl, StatusPurposes.Revocation, true) }
        );
        Assert.True(report.Verdict == Verdict.Invalid, VerifierSetup.Describe(report));
        Assert.Equal(VerificationCodes.StatusRevoked, VerifierSetup.FirstProblem(report));
    }

    [Fact]
    public async Task Status_SuspensionBitSet_IsInvalidSuspended()
    {
        var report = await Verify(
            // The OB 3.0 schema allows one credentialStatus object, so the credential carries only this entry.
            Credential((SuspensionUrl, StatusPurposes.Suspension)),
            new() { [SuspensionUrl] = StatusList(SuspensionUrl, StatusPurposes.Suspension, true) }
        );
        Assert.True(report.Verdict == Verdict.Invalid, VerifierSetup.Describe(report));
        Assert.Equal(VerificationCodes.StatusSuspended, VerifierSetup.FirstProblem(report));
    }

    [Fact]
    public async Task Status_ListNotProvidedOffline_IsIndeterminate()
    {
        var report = await Verify(Credential((RevocationUrl, StatusPurposes.Revocation)), []);
        Assert.True(report.Verdict == Verdict.Indeterminate, VerifierSetup.Describe(report));
        Assert.Equal(VerificationCodes.StatusUnavailable, VerifierSetup.FirstProblem(report));
    }

    [Fact]
    public async Task Status_TamperedList_IsInvalidStatus()
    {
        var list = JsonNode.Parse(StatusList(RevocationUrl, StatusPurposes.Revocation, true))!;
        // Clear the bit without re-signing: the list's own proof must fail.
        list["credentialSubject"]!["encodedList"] = new BitstringStatusList().Encode();
        var report = await Verify(
            Credential((RevocationUrl, StatusPurposes.Revocation)),
            new() { [RevocationUrl] = list.ToJsonString() }
        );
        Assert.True(report.Verdict == Verdict.Invalid, VerifierSetup.Describe(report));
        Assert.Equal(VerificationCodes.StatusInvalid, VerifierSetup.FirstProblem(report));
    }

    [Fact]
    public async Task Status_ListNotGzip_IsInvalidStatus()
    {
        var list = JsonNode.Parse(StatusList(RevocationUrl, StatusPurposes.Revocation, false))!;
        list["credentialSubject"]!["encodedList"] = "uSGVsbG8gd29ybGQ";
        list = TestCredentials.Sign(
            (JsonObject)WithoutProof(list),
            DataIntegritySuites.EddsaRdfc2022
        );
        var report = await Verify(
            Credential((RevocationUrl, StatusPurposes.Revocation)),
            new() { [RevocationUrl] = list.ToJsonString() }
        );
        Assert.True(report.Verdict == Verdict.Invalid, VerifierSetup.Describe(report));
        Assert.Equal(VerificationCodes.StatusInvalid, VerifierSetup.FirstProblem(report));
    }

    private static JsonNode WithoutProof(JsonNode node)
    {
        node.AsObject().Remove("proof");
        return node;
    }
}
