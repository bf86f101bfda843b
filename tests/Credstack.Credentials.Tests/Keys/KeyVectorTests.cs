using System.Text.Json;
using Credstack.Credentials.Keys;
using Credstack.Tests.Shared;

namespace Credstack.Credentials.Tests.Keys;

/// <summary>The vc-di-eddsa test vectors' key pair and signature.</summary>
public sealed class KeyVectorTests
{
    private static readonly string TestVectors = SharedData.PathOf(
        "vectors",
        "vc-di-eddsa",
        "TestVectors"
    );

    private static (string Public, string Secret) KeyPair()
    {
        using var doc = JsonDocument.Parse(
            File.ReadAllText(Path.Combine(TestVectors, "keyPair.json"))
        );
        return (
            doc.RootElement.GetProperty("publicKeyMultibase").GetString()!,
            doc.RootElement.GetProperty("privateKeyMultibase").GetString()!
        );
    }

    [Fact]
    public void VectorPublicKey_DecodesToEd25519_AndReEncodesIdentically()
    {
        var (pub, _) = KeyPair();
        var key = VerificationKey.FromMultikey(pub);
        Assert.Equal(KeyType.Ed25519, key.Type);
        Assert.Equal(pub, key.ToMultikey());
        Assert.True(Multibase.TryDecode(pub, out var bytes));
        Assert.Equal(34, bytes.Length);
        Assert.Equal([0xed, 0x01], bytes[..2]);
        var raw = bytes.AsSpan(2).ToArray();
        Assert.True(VerificationKey.FromEd25519(raw).SameKeyAs(key));
        Assert.Equal(Base64UrlText.Encode(raw), key.ToJwk()["x"]!.GetValue<string>());
    }

    [Fact]
    public void VectorSecretKey_DerivesTheStatedPublicKey()
    {
        var (pub, secret) = KeyPair();
        using var key = SigningKey.FromSecretMultikey(secret);
        Assert.Equal(KeyType.Ed25519, key.Type);
        Assert.Equal(pub, key.PublicKey.ToMultikey());
        Assert.Equal(secret, key.ExportSecretMultikey());
    }

    [Theory]
    [InlineData("eddsa-rdfc-2022", "DataInt")]
    [InlineData("eddsa-jcs-2022", "JCS")]
    [InlineData("Ed25519Signature2020", "EdSig")]
    public void VectorSecretKey_SignsTheCombinedHash_ToTheVectorSignature(
        string folder,
        string suffix
    )
    {
        var (pub, secret) = KeyPair();
        var data = Convert.FromHexString(
            File.ReadAllText(Path.Combine(TestVectors, folder, $"combinedHash{suffix}.txt")).Trim()
        );
        var expected = Convert.FromHexString(
            File.ReadAllText(Path.Combine(TestVectors, folder, $"sigHex{suffix}.txt")).Trim()
        );
        using var key = SigningKey.FromSecretMultikey(secret);
        Assert.Equal(expected, key.Sign(data));
        Assert.True(VerificationKey.FromMultikey(pub).Verify(data, expected));
    }
}
