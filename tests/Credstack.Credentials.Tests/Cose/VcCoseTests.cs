using System.Formats.Cbor;
using System.Text;
using System.Text.Json;
using Credstack.Credentials.Cose;
using Credstack.Credentials.Jose;
using Credstack.Credentials.Keys;
using Credstack.Credentials.Tests.Jose;

namespace Credstack.Credentials.Tests.Cose;

public sealed class VcCoseTests
{
    private static JsonElement Credential() =>
        JsonDocument.Parse(TestJws.Credential()).RootElement.Clone();

    public static TheoryData<KeyType> KeyTypes() =>
        new() { KeyType.Ed25519, KeyType.P256, KeyType.P384, KeyType.P521, KeyType.Rsa };

    [Theory]
    [MemberData(nameof(KeyTypes))]
    public void CreateThenVerify_EveryKeyType_IsValidAndGivesTheCredentialBack(KeyType type)
    {
        using var key = SigningKey.Generate(type);
        var cose = VcCose.Create(
            Credential(),
            key,
            new VcCoseCreateOptions { Kid = "did:example:issuer#k1" }
        );
        var result = VcCose.Verify(Convert.ToBase64String(cose), key.PublicKey);
        Assert.True(result.IsValid, result.Error?.Message);
        Assert.False(result.Cose.IsPresentation);
        Assert.Equal(VcCose.CredentialMediaType, result.Cose.Type);
        Assert.Equal("application/vc", result.Cose.ContentType);
        Assert.Equal("did:example:issuer#k1", result.Cose.Kid);
        Assert.Equal(key.Algorithm, result.Cose.Algorithm);
        Assert.True(JsonElement.DeepEquals(Credential(), result.Cose.Document));
        // Tag 18, COSE_Sign1 (RFC 9052 §4.2).
        Assert.Equal(0xD2, cose[0]);
    }

    [Fact]
    public void Verify_AcceptsUrlSafeAndUnpaddedBase64()
    {
        using var key = SigningKey.Generate(KeyType.P256);
        var cose = VcCose.Create(Credential(), key);
        var text = Base64UrlText.Encode(cose);
        Assert.True(VcCose.Verify(text, key.PublicKey).IsValid);
    }

    [Fact]
    public void Verify_PayloadChanged_IsInvalidSignature()
    {
        using var key = SigningKey.Generate(KeyType.Ed25519);
        var cose = VcCose.Create(Credential(), key);
        var at = IndexOf(cose, "Example badge"u8);
        cose[at] = (byte)'e';
        Assert.Equal(
            VcJwtErrorCode.InvalidSignature,
            VcCose.Verify(cose, key.PublicKey).Error!.Code
        );
    }

    [Fact]
    public void Verify_WithAnotherKeyType_IsKeyAlgorithmMismatch()
    {
        using var key = SigningKey.Generate(KeyType.Ed25519);
        using var other = SigningKey.Generate(KeyType.P256);
        var cose = VcCose.Create(Credential(), key);
        Assert.Equal(
            VcJwtErrorCode.KeyAlgorithmMismatch,
            VcCose.Verify(cose, other.PublicKey).Error!.Code
        );
    }

    [Fact]
    public void Verify_EveryTruncation_IsARefusalNeverAnException()
    {
        using var key = SigningKey.Generate(KeyType.Ed25519);
        var cose = VcCose.Create(Credential(), key);
        for (var n = 0; n < cose.Length; n++)
        {
            var result = VcCose.Verify(cose.AsMemory(0, n), key.PublicKey);
            Assert.False(result.IsValid);
            Assert.Contains(
                result.Error.Code,
                new[] { VcJwtErrorCode.InvalidCbor, VcJwtErrorCode.Malformed }
            );
        }
    }

    [Fact]
    public void Verify_RandomBytesAndBadText_AreRefusals()
    {
        using var key = SigningKey.Generate(KeyType.Ed25519);
        var random = new Random(7);
        for (var i = 0; i < 500; i++)
        {
            var bytes = new byte[random.Next(0, 64)];
            random.NextBytes(bytes);
            if (bytes.Length > 0)
            {
                bytes[0] = (byte)(i % 2 == 0 ? 0xD2 : 0x84);
            }
            Assert.False(VcCose.Verify(bytes, key.PublicKey).IsValid);
        }
        Assert.Equal(
            VcJwtErrorCode.InvalidBase64,
            VcCose.Verify("not base64 at all!", key.PublicKey).Error!.Code
        );
        Assert.Equal(VcJwtErrorCode.InvalidBase64, VcCose.Verify("", key.PublicKey).Error!.Code);
    }

    [Theory]
    [InlineData(-7, "application/vc+cose", "application/vc", null, null)]
    [InlineData(
        -999,
        "application/vc+cose",
        "application/vc",
        null,
        VcJwtErrorCode.UnsupportedAlgorithm
    )]
    [InlineData(null, "application/vc+cose", "application/vc", null, VcJwtErrorCode.Malformed)]
    [InlineData(-7, "application/jwt", "application/vc", null, VcJwtErrorCode.InvalidType)]
    [InlineData(-7, "application/vc+cose", "text/plain", null, VcJwtErrorCode.InvalidType)]
    [InlineData(-7, "application/vp+cose", "application/vc", null, VcJwtErrorCode.InvalidType)]
    [InlineData(
        -7,
        "application/vc+cose",
        "application/vc",
        "crit",
        VcJwtErrorCode.UnsupportedCritical
    )]
    public void Verify_ProtectedHeader_IsChecked(
        int? alg,
        string typ,
        string contentType,
        string? extra,
        VcJwtErrorCode? expected
    )
    {
        using var key = SigningKey.Generate(KeyType.P256);
        var header = new CborWriter();
        header.WriteStartMap(null);
        if (alg is not null)
        {
            header.WriteInt32(1);
            header.WriteInt32(alg.Value);
        }
        if (extra == "crit")
        {
            header.WriteInt32(2);
            header.WriteStartArray(1);
            header.WriteInt32(99);
            header.WriteEndArray();
        }
        header.WriteInt32(3);
        header.WriteTextString(contentType);
        header.WriteInt32(16);
        header.WriteTextString(typ);
        header.WriteEndMap();
        var cose = Sign1(header.Encode(), Encoding.UTF8.GetBytes(TestJws.Credential()), key);
        var result = VcCose.Verify(cose, key.PublicKey);
        Assert.Equal(expected, result.Error?.Code);
    }

    [Fact]
    public void Verify_DetachedPayload_IsRefused()
    {
        using var key = SigningKey.Generate(KeyType.P256);
        var w = new CborWriter();
        w.WriteTag((CborTag)18);
        w.WriteStartArray(4);
        w.WriteByteString([0xA1, 0x01, 0x26]);
        w.WriteStartMap(0);
        w.WriteEndMap();
        w.WriteNull();
        w.WriteByteString(new byte[64]);
        w.WriteEndArray();
        Assert.Equal(
            VcJwtErrorCode.Malformed,
            VcCose.Verify(w.Encode(), key.PublicKey).Error!.Code
        );
    }

    [Fact]
    public void Create_PresentationWithAnEmbeddedCredentialThatIsNotEnveloped_Throws()
    {
        using var key = SigningKey.Generate(KeyType.P256);
        var vp = JsonDocument
            .Parse(
                """{"@context":["https://www.w3.org/ns/credentials/v2"],"type":"VerifiablePresentation","verifiableCredential":[{"id":"x","type":"EnvelopedVerifiableCredential"}]}"""
            )
            .RootElement;
        Assert.Throws<ArgumentException>(() => VcCose.Create(vp, key));
    }

    [Fact]
    public void Create_Presentation_IsVpCose()
    {
        using var key = SigningKey.Generate(KeyType.P384);
        var vc = Convert.ToBase64String(VcCose.Create(Credential(), key));
        var vp = JsonDocument
            .Parse(
                $$"""{"@context":["https://www.w3.org/ns/credentials/v2"],"type":"VerifiablePresentation","verifiableCredential":[{"@context":"https://www.w3.org/ns/credentials/v2","id":"data:application/vc+cose;base64,{{vc}}","type":"EnvelopedVerifiableCredential"}]}"""
            )
            .RootElement;
        var result = VcCose.Verify(VcCose.Create(vp, key), key.PublicKey);
        Assert.True(result.IsValid, result.Error?.Message);
        Assert.True(result.Cose.IsPresentation);
        Assert.Equal(VcCose.PresentationMediaType, result.Cose.Type);
    }

    private static byte[] Sign1(byte[] protectedHeader, byte[] payload, SigningKey key)
    {
        var tbs = new CborWriter();
        tbs.WriteStartArray(4);
        tbs.WriteTextString("Signature1");
        tbs.WriteByteString(protectedHeader);
        tbs.WriteByteString([]);
        tbs.WriteByteString(payload);
        tbs.WriteEndArray();
        var w = new CborWriter();
        w.WriteTag((CborTag)18);
        w.WriteStartArray(4);
        w.WriteByteString(protectedHeader);
        w.WriteStartMap(0);
        w.WriteEndMap();
        w.WriteByteString(payload);
        w.WriteByteString(key.Sign(tbs.Encode()));
        w.WriteEndArray();
        return w.Encode();
    }

    private static int IndexOf(byte[] haystack, ReadOnlySpan<byte> needle) =>
        haystack.AsSpan().IndexOf(needle);

    [Fact]
    public void Decode_KidOnlyInTheUnprotectedHeader_IsRead()
    {
        using var key = SigningKey.Generate(KeyType.P256);
        var header = new CborWriter();
        header.WriteStartMap(3);
        header.WriteInt32(1);
        header.WriteInt32(-7);
        header.WriteInt32(3);
        header.WriteTextString("application/vc");
        header.WriteInt32(16);
        header.WriteTextString("application/vc+cose");
        header.WriteEndMap();
        var protectedHeader = header.Encode();
        var payload = Encoding.UTF8.GetBytes(TestJws.Credential());
        var tbs = new CborWriter();
        tbs.WriteStartArray(4);
        tbs.WriteTextString("Signature1");
        tbs.WriteByteString(protectedHeader);
        tbs.WriteByteString([]);
        tbs.WriteByteString(payload);
        tbs.WriteEndArray();
        var w = new CborWriter();
        w.WriteStartArray(4);
        w.WriteByteString(protectedHeader);
        w.WriteStartMap(3);
        w.WriteTextString("note");
        w.WriteTextString("ignored");
        w.WriteInt32(-70000);
        w.WriteInt32(1);
        w.WriteInt32(4);
        w.WriteByteString("did:example:issuer#k"u8.ToArray());
        w.WriteEndMap();
        w.WriteByteString(payload);
        w.WriteByteString(key.Sign(tbs.Encode()));
        w.WriteEndArray();
        var result = VcCose.Verify(w.Encode(), key.PublicKey);
        Assert.True(result.IsValid, result.Error?.Message);
        Assert.Equal("did:example:issuer#k", result.Cose.Kid);
    }
}
