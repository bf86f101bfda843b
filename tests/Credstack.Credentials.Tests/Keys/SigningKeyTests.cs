using System.Text.Json;
using Credstack.Credentials.Keys;

namespace Credstack.Credentials.Tests.Keys;

public sealed class SigningKeyTests
{
    public static TheoryData<KeyType> SigningTypes =>
        new() { KeyType.Ed25519, KeyType.P256, KeyType.P384, KeyType.P521, KeyType.Rsa };

    [Theory]
    [MemberData(nameof(SigningTypes))]
    public void Sign_ThenVerify_Succeeds_AndTamperingFails(KeyType type)
    {
        using var key = SigningKey.Generate(type);
        var data = "the credential"u8.ToArray();
        var signature = key.Sign(data);
        Assert.Equal(key.SignatureSize, signature.Length);
        Assert.True(key.PublicKey.Verify(data, signature));
        var other = (byte[])data.Clone();
        other[0] ^= 1;
        Assert.False(key.PublicKey.Verify(other, signature));
        signature[^1] ^= 1;
        Assert.False(key.PublicKey.Verify(data, signature));
        Assert.False(key.PublicKey.Verify(data, signature.AsSpan(0, signature.Length - 1)));
        Assert.False(key.PublicKey.Verify(data, []));
    }

    [Theory]
    [InlineData(KeyType.Ed25519, "EdDSA")]
    [InlineData(KeyType.P256, "ES256")]
    [InlineData(KeyType.P384, "ES384")]
    [InlineData(KeyType.Rsa, "RS256")]
    public void Algorithm_IsTheJwsName(KeyType type, string alg)
    {
        using var key = SigningKey.Generate(type);
        Assert.Equal(alg, key.Algorithm);
        Assert.Equal(alg, key.PublicKey.Algorithm);
    }

    [Theory]
    [MemberData(nameof(SigningTypes))]
    public void ToString_NeverContainsTheSecret(KeyType type)
    {
        using var key = SigningKey.Generate(type);
        var jwk = key.ExportPrivateJwk();
        var d = jwk["d"]!.GetValue<string>();
        Assert.DoesNotContain(d, key.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(d[..12], key.ToString(), StringComparison.Ordinal);
        if (type is KeyType.Ed25519 or KeyType.P256)
        {
            Assert.DoesNotContain(
                key.ExportSecretMultikey(),
                key.ToString(),
                StringComparison.Ordinal
            );
        }
    }

    [Fact]
    public void FromJwk_RefusesAPrivateKeyWhosePublicMembersDoNotMatch()
    {
        using var a = SigningKey.Generate(KeyType.Ed25519);
        using var b = SigningKey.Generate(KeyType.Ed25519);
        var jwk = a.ExportPrivateJwk();
        var d = jwk["d"]!.GetValue<string>();
        jwk["x"] = b.PublicKey.ToJwk()["x"]!.GetValue<string>();
        var e = Assert.Throws<KeyFormatException>(() =>
            SigningKey.FromJwk(JsonSerializer.SerializeToElement(jwk))
        );
        Assert.DoesNotContain(d, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_RefusesShortRsaKeys() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => SigningKey.Generate(KeyType.Rsa, 1024));

    [Fact]
    public void FromSecretMultikey_RefusesAPublicKey()
    {
        using var key = SigningKey.Generate(KeyType.Ed25519);
        Assert.Throws<KeyFormatException>(() =>
            SigningKey.FromSecretMultikey(key.PublicKey.ToMultikey())
        );
        Assert.Throws<KeyFormatException>(() =>
            VerificationKey.FromMultikey(key.ExportSecretMultikey())
        );
    }

    [Fact]
    public void Sign_AfterDispose_Throws()
    {
        var key = SigningKey.Generate(KeyType.Ed25519);
        key.Dispose();
        Assert.Throws<ObjectDisposedException>(() => key.Sign([1]));
    }
}
