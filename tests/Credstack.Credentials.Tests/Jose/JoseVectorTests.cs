using System.Text.Json;
using Credstack.Credentials.Jose;
using Credstack.Credentials.Keys;
using Credstack.Tests.Shared;

namespace Credstack.Credentials.Tests.Jose;

/// <summary>The JOSE verification entries of the W3C VC-JOSE-COSE suite's test-mapping.json, and 1EdTech's VC-JWT samples.</summary>
public sealed class JoseVectorTests
{
    /// <summary>
    /// Entries that deliberately do not reach the suite's expected result, with the reason. The test asserts
    /// that each still fails the same way.
    /// </summary>
    private static readonly Dictionary<string, (VcJwtErrorCode Code, string Reason)> KnownFailures =
        new(StringComparer.Ordinal)
        {
            ["7. JWT Presentation Verification"] = (
                VcJwtErrorCode.PresentationNotSupported,
                "VcJwt verifies credentials only; verifiable presentations (vp+jwt) are out of Credstack's scope"
            ),
        };

    private static readonly string Input = SharedData.PathOf("vectors", "vc-jose-cose", "input");

    private static JsonElement Mapping()
    {
        using var doc = JsonDocument.Parse(
            File.ReadAllText(SharedData.PathOf("vectors", "vc-jose-cose", "test-mapping.json"))
        );
        return doc.RootElement.GetProperty("JOSETestMapping").Clone();
    }

    public static TheoryData<string> VerifyEntries()
    {
        var data = new TheoryData<string>();
        foreach (var entry in Mapping().EnumerateObject())
        {
            if (entry.Value.GetProperty("fn").GetString() == "verify")
            {
                data.Add(entry.Name);
            }
        }
        return data;
    }

    [Fact]
    public void Mapping_HasTheExpectedNumberOfVerifyEntries() =>
        Assert.Equal(11, VerifyEntries().Count);

    [Theory]
    [MemberData(nameof(VerifyEntries))]
    public void VcJoseCose_VerifyEntry_HasTheExpectedResult(string id)
    {
        var entry = Mapping().GetProperty(id);
        var token = File.ReadAllText(
                Path.Combine(Input, entry.GetProperty("input_file").GetString()!)
            )
            .Trim();
        using var keyDoc = JsonDocument.Parse(
            File.ReadAllText(Path.Combine(Input, entry.GetProperty("key_file").GetString()!))
        );
        var key = VerificationKey.FromJwk(keyDoc.RootElement.GetProperty("publicKeyJwk"));
        var result = VcJwt.Verify(token, key);
        if (KnownFailures.TryGetValue(id, out var known))
        {
            Assert.False(result.IsValid);
            Assert.Equal(known.Code, result.Error.Code);
            return;
        }
        var expected = entry.GetProperty("expected_result").GetString() == "success";
        Assert.True(
            expected == result.IsValid,
            $"{id}: expected {(expected ? "success" : "failure")}, got {result.Error?.Code}: {result.Error?.Message}"
        );
    }

    [Fact]
    public void OneEdTechClrSample_VerifiesWithItsEmbeddedJwk()
    {
        var token = File.ReadAllText(
                SharedData.PathOf("vectors", "1edtech-validator-samples", "clr20", "simple.jwt")
            )
            .Trim();
        var result = VcJwt.Verify(token, null);
        Assert.True(result.IsValid, result.Error?.Message);
        Assert.Equal(VcJwtKeySource.EmbeddedJwk, result.KeySource);
        Assert.Equal(VcJwtForm.VcClaim, result.Jwt.Form);
        Assert.Equal(KeyType.Rsa, result.Key.Type);
        Assert.Equal("https://example.edu/issuers/565049", result.Jwt.IssuerId);
    }

    [Fact]
    public void OneEdTechOb30Sample_NamesNoKey_SoItIsRefusedAsMissingKey()
    {
        // ob30/simple.jwt carries neither kid nor jwk (OB 3.0 §8.2.2 requires one), and EXPECTED.json lists no
        // outcome for it: without a key nothing can be verified.
        var token = File.ReadAllText(
                SharedData.PathOf("vectors", "1edtech-validator-samples", "ob30", "simple.jwt")
            )
            .Trim();
        Assert.True(VcJwt.TryDecode(token, out var decoded, out var error), error?.Message);
        Assert.Equal(VcJwtForm.VcClaim, decoded.Form);
        Assert.Equal("RS256", decoded.Algorithm);
        Assert.Null(decoded.Kid);
        var result = VcJwt.Verify(token, null);
        Assert.Equal(VcJwtErrorCode.MissingKey, result.Error!.Code);
    }
}
