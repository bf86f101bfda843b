using System.Security.Cryptography;
using System.Text.Json;
using Credstack.Credentials.Keys;
using Credstack.Tests.Shared;

namespace Credstack.Credentials.Tests.Keys;

public sealed class MultikeyAndJwkTests
{
    public static TheoryData<KeyType> AllTypes =>
        new() { KeyType.Ed25519, KeyType.P256, KeyType.P384, KeyType.P521, KeyType.Rsa };

    [Theory]
    [InlineData(KeyType.Ed25519, "z6Mk")]
    [InlineData(KeyType.P256, "zDn")]
    [InlineData(KeyType.P384, "z82L")]
    [InlineData(KeyType.Rsa, "z4MX")]
    public void Multikey_RoundTripsThePublicKey_WithTheKnownPrefix(KeyType type, string prefix)
    {
        using var key = SigningKey.Generate(type);
        var text = key.PublicKey.ToMultikey();
        Assert.StartsWith(prefix, text, StringComparison.Ordinal);
        var back = VerificationKey.FromMultikey(text);
        Assert.Equal(type, back.Type);
        Assert.True(back.SameKeyAs(key.PublicKey));
        Assert.Equal(text, back.ToMultikey());
    }

    [Fact]
    public void P256Decompression_RecoversTheYCoordinate_ForManyKeys()
    {
        for (var i = 0; i < 20; i++)
        {
            using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var q = ec.ExportParameters(false).Q;
            var compressed = EcPoint.Compress(q.X, q.Y);
            var (x, y) = EcPoint.Decompress(KeyType.P256, compressed);
            Assert.Equal(q.X, x);
            Assert.Equal(q.Y, y);
        }
    }

    [Fact]
    public void P256Decompression_RefusesAPointOffTheCurve()
    {
        // x = 1 gives x³ - 3x + b = b - 2, which is not a square mod p for P-256.
        var bad = new byte[33];
        bad[0] = 0x02;
        bad[32] = 1;
        var notSquare = Assert.ThrowsAny<KeyFormatException>(() =>
            EcPoint.Decompress(KeyType.P256, bad)
        );
        Assert.Contains("not on the curve", notSquare.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SecretMultikey_RoundTripsForP256()
    {
        using var key = SigningKey.Generate(KeyType.P256);
        var secret = key.ExportSecretMultikey();
        Assert.True(Multibase.TryDecode(secret, out var bytes));
        Assert.Equal([0x86, 0x26], bytes[..2]);
        using var back = SigningKey.FromSecretMultikey(secret);
        Assert.True(back.PublicKey.SameKeyAs(key.PublicKey));
        Assert.True(key.PublicKey.Verify([1, 2, 3], back.Sign([1, 2, 3])));
    }

    [Theory]
    [MemberData(nameof(AllTypes))]
    public void Jwk_RoundTripsPublicAndPrivate(KeyType type)
    {
        using var key = SigningKey.Generate(type);
        var pub = JsonSerializer.SerializeToElement(key.PublicKey.ToJwk());
        Assert.False(pub.TryGetProperty("d", out _));
        Assert.True(VerificationKey.FromJwk(pub).SameKeyAs(key.PublicKey));
        var priv = JsonSerializer.SerializeToElement(key.ExportPrivateJwk());
        using var back = SigningKey.FromJwk(priv);
        Assert.True(back.PublicKey.SameKeyAs(key.PublicKey));
        var data = "payload"u8.ToArray();
        Assert.True(key.PublicKey.Verify(data, back.Sign(data)));
    }

    [Fact]
    public void Jwk_PublicReader_RefusesAPrivateJwk()
    {
        using var key = SigningKey.Generate(KeyType.Ed25519);
        var priv = JsonSerializer.SerializeToElement(key.ExportPrivateJwk());
        var e = Assert.Throws<KeyFormatException>(() => VerificationKey.FromJwk(priv));
        Assert.Contains("'d'", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"kty":"OKP","crv":"X25519","x":"AAAA"}""")]
    [InlineData("""{"kty":"EC","crv":"secp256k1","x":"AAAA","y":"AAAA"}""")]
    [InlineData("""{"kty":"oct","k":"AAAA"}""")]
    [InlineData("""{"kty":"OKP","crv":"Ed25519","x":"AAAA"}""")]
    [InlineData(
        """{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo","alg":"ES256"}"""
    )]
    [InlineData(
        """{"kty":"EC","crv":"P-256","x":"WfTi93YuhsQxKbD0ftnjOXJndqhnJ5kgDV-ZDGyrhBQ","y":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}"""
    )]
    [InlineData("""{"kty":"RSA","n":"AQAB","e":"AQAB"}""")]
    [InlineData("""{"kty":"OKP","crv":"Ed25519"}""")]
    [InlineData("""[1]""")]
    public void Jwk_RefusesUnsupportedOrMalformedKeys(string json)
    {
        using var doc = JsonDocument.Parse(json);
        Assert.Throws<KeyFormatException>(() => VerificationKey.FromJwk(doc.RootElement));
        Assert.False(VerificationKey.TryFromJwk(doc.RootElement, out _, out var error));
        Assert.NotEmpty(error);
    }

    [Fact]
    public void Thumbprint_MatchesTheRfc7638Example()
    {
        // RFC 7638 §3.1.
        const string Jwk = """
            {"kty":"RSA","n":"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw","e":"AQAB","alg":"RS256","kid":"2011-04-29"}
            """;
        using var doc = JsonDocument.Parse(Jwk);
        Assert.Equal(
            "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs",
            VerificationKey.FromJwk(doc.RootElement).Thumbprint()
        );
    }

    [Theory]
    [InlineData("vm-ed25519.json")]
    [InlineData("vm-p256.json")]
    [InlineData("vm-p384.json")]
    [InlineData("vm-p521.json")]
    public void Thumbprint_IsTheKidOfTheVcJoseCoseKeys(string file)
    {
        using var doc = JsonDocument.Parse(
            File.ReadAllText(SharedData.PathOf("vectors", "vc-jose-cose", "input", file))
        );
        var pub = doc.RootElement.GetProperty("publicKeyJwk");
        Assert.Equal(pub.GetProperty("kid").GetString(), VerificationKey.FromJwk(pub).Thumbprint());
        using var secret = SigningKey.FromJwk(doc.RootElement.GetProperty("secretKeyJwk"));
        Assert.True(secret.PublicKey.SameKeyAs(VerificationKey.FromJwk(pub)));
    }
}
