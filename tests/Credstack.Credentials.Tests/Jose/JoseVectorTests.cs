using Credstack.Credentials.Jose;
using Credstack.Credentials.Keys;
using Credstack.Tests.Shared;

namespace Credstack.Credentials.Tests.Jose;

/// <summary>1EdTech's VC-JWT samples (the W3C VC-JOSE-COSE entries are in <see cref="VcJoseCoseVectorTests"/>).</summary>
public sealed class JoseVectorTests
{
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
