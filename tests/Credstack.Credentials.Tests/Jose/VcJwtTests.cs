using System.Text;
using System.Text.Json;
using Credstack.Credentials.Dids;
using Credstack.Credentials.Jose;
using Credstack.Credentials.Keys;

namespace Credstack.Credentials.Tests.Jose;

public sealed class VcJwtTests
{
    public static TheoryData<KeyType, VcJwtForm> AlgorithmsAndForms()
    {
        var data = new TheoryData<KeyType, VcJwtForm>();
        foreach (var type in (KeyType[])[KeyType.Rsa, KeyType.P256, KeyType.Ed25519, KeyType.P384])
        {
            foreach (
                var form in (VcJwtForm[])[VcJwtForm.OpenBadges, VcJwtForm.VcClaim, VcJwtForm.VcJose]
            )
            {
                data.Add(type, form);
            }
        }
        return data;
    }

    private static JsonElement Credential(string issuer = "did:example:issuer") =>
        JsonDocument.Parse(TestJws.Credential(issuer)).RootElement.Clone();

    [Theory]
    [MemberData(nameof(AlgorithmsAndForms))]
    public void CreateThenVerify_RoundTrips(KeyType type, VcJwtForm form)
    {
        using var key = SigningKey.Generate(type);
        var token = VcJwt.Create(Credential(), key, new VcJwtCreateOptions { Form = form });
        var result = VcJwt.Verify(token, key.PublicKey);
        Assert.True(result.IsValid, result.Error?.Message);
        Assert.Equal(form, result.Jwt.Form);
        Assert.Equal(key.Algorithm, result.Jwt.Algorithm);
        Assert.Equal("did:example:issuer", result.Jwt.IssuerId);
        Assert.Equal("Example badge", result.Jwt.Credential.GetProperty("name").GetString());
        if (form != VcJwtForm.VcJose)
        {
            Assert.Equal("did:example:issuer", result.Jwt.Payload.GetProperty("iss").GetString());
            Assert.Equal(1262304000, result.Jwt.Payload.GetProperty("nbf").GetInt64());
            Assert.Equal("did:example:subject", result.Jwt.Payload.GetProperty("sub").GetString());
            Assert.Equal(
                "urn:uuid:91537dba-56cb-11ec-bf63-0242ac130002",
                result.Jwt.Payload.GetProperty("jti").GetString()
            );
            Assert.True(result.Jwt.Payload.TryGetProperty("exp", out _));
        }
        // No key supplied: the embedded jwk (the default when there is no kid) verifies, flagged as such.
        var embedded = VcJwt.Verify(token, null);
        Assert.True(embedded.IsValid, embedded.Error?.Message);
        Assert.Equal(VcJwtKeySource.EmbeddedJwk, embedded.KeySource);
        Assert.DoesNotContain(
            "\"d\"",
            Encoding.UTF8.GetString(Convert.FromBase64String(PadB64(token.Split('.')[0]))),
            StringComparison.Ordinal
        );
    }

    private static string PadB64(string s) =>
        s.Replace('-', '+').Replace('_', '/') + new string('=', (4 - (s.Length % 4)) % 4);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void Verify_TamperedPart_IsInvalid(int part)
    {
        using var key = SigningKey.Generate(KeyType.Ed25519);
        var token = VcJwt.Create(
            Credential(),
            key,
            new VcJwtCreateOptions { Kid = "did:example:issuer#k" }
        );
        var parts = token.Split('.');
        parts[part] = part switch
        {
            0 => TestJws.B64("""{"alg":"EdDSA","typ":"JWT","kid":"did:example:issuer#other"}"""),
            1 => TestJws.B64(
                TestJws
                    .Credential()
                    .Replace("Example badge", "Forged badge", StringComparison.Ordinal)
                    .Replace(
                        "\"name\":\"Example University\"",
                        "\"name\":\"Example University\"",
                        StringComparison.Ordinal
                    )
            ),
            _ => FlipFirst(parts[2]),
        };
        var result = VcJwt.Verify(string.Join('.', parts), key.PublicKey);
        Assert.False(result.IsValid);
        Assert.Equal(VcJwtErrorCode.InvalidSignature, result.Error.Code);
    }

    private static string FlipFirst(string b64) => (b64[0] == 'A' ? "B" : "A") + b64[1..];

    [Theory]
    [InlineData("""{"alg":"none","typ":"JWT"}""", VcJwtErrorCode.AlgorithmNone)]
    [InlineData("""{"alg":"NONE"}""", VcJwtErrorCode.AlgorithmNone)]
    [InlineData("""{"alg":"HS256"}""", VcJwtErrorCode.UnsupportedAlgorithm)]
    [InlineData("""{"alg":"PS256"}""", VcJwtErrorCode.UnsupportedAlgorithm)]
    [InlineData("""{"typ":"JWT"}""", VcJwtErrorCode.Malformed)]
    [InlineData(
        """{"alg":"EdDSA","crit":["b64"],"b64":false}""",
        VcJwtErrorCode.UnsupportedCritical
    )]
    [InlineData("""{"alg":"EdDSA","typ":"bad+typ"}""", VcJwtErrorCode.InvalidType)]
    [InlineData("""{"alg":"EdDSA","typ":"vc+jwt","cty":"bad+cty"}""", VcJwtErrorCode.InvalidType)]
    // vp+jwt secures a presentation (VC-JOSE-COSE §3.1.2): a credential payload is refused.
    [InlineData("""{"alg":"EdDSA","typ":"vp+jwt"}""", VcJwtErrorCode.InvalidPresentation)]
    [InlineData("""{"alg":"EdDSA","alg":"none"}""", VcJwtErrorCode.InvalidJson)]
    [InlineData("""["alg","EdDSA"]""", VcJwtErrorCode.InvalidJson)]
    public void Verify_RefusesBadHeaders(string header, VcJwtErrorCode code)
    {
        using var key = SigningKey.Generate(KeyType.Ed25519);
        var token = TestJws.Sign(header, TestJws.Credential(), key);
        var result = VcJwt.Verify(token, key.PublicKey);
        Assert.False(result.IsValid);
        Assert.Equal(code, result.Error.Code);
    }

    [Fact]
    public void Verify_UnsignedAlgNoneToken_IsRefused()
    {
        var token =
            TestJws.B64("""{"alg":"none"}""") + "." + TestJws.B64(TestJws.Credential()) + ".";
        using var key = SigningKey.Generate(KeyType.Ed25519);
        Assert.Equal(VcJwtErrorCode.AlgorithmNone, VcJwt.Verify(token, key.PublicKey).Error!.Code);
        Assert.Equal(VcJwtErrorCode.AlgorithmNone, VcJwt.Verify(token, null).Error!.Code);
    }

    public static TheoryData<string, VcJwtErrorCode> MalformedTokens =>
        new()
        {
            { "", VcJwtErrorCode.Malformed },
            { "abc", VcJwtErrorCode.Malformed },
            { "a.b", VcJwtErrorCode.Malformed },
            { "a.b.c.d.e", VcJwtErrorCode.Malformed },
            { ".payload.sig", VcJwtErrorCode.Malformed },
            { "eyJhbGciOiJFZERTQSJ9=.e30.AA", VcJwtErrorCode.InvalidBase64Url },
            { "eyJhbGciOi JFZERTQSJ9.e30.AA", VcJwtErrorCode.InvalidBase64Url },
            { "eyJhbGciOiJFZERTQSJ9.e30.A", VcJwtErrorCode.InvalidBase64Url },
            { "eyJhbGciOiJFZERTQSJ9.e3+.AA", VcJwtErrorCode.InvalidBase64Url },
            { "bm90IGpzb24.e30.AA", VcJwtErrorCode.InvalidJson },
            { "eyJhbGciOiJFZERTQSJ9.bm90IGpzb24.AA", VcJwtErrorCode.InvalidJson },
            { "eyJhbGciOiJFZERTQSJ9.e30.AA", VcJwtErrorCode.NotACredential },
            { "eyJhbGciOiJFZERTQSJ9.WzFd.AA", VcJwtErrorCode.InvalidJson },
        };

    [Theory]
    [MemberData(nameof(MalformedTokens))]
    public void Verify_MalformedToken_IsAValueNotAnException(string token, VcJwtErrorCode code)
    {
        using var key = SigningKey.Generate(KeyType.Ed25519);
        var result = VcJwt.Verify(token, key.PublicKey);
        Assert.False(result.IsValid);
        Assert.Equal(code, result.Error.Code);
    }

    [Fact]
    public void Verify_OversizedToken_IsRefusedBeforeParsing()
    {
        var token = new string('A', 2000) + "." + new string('A', 2000) + ".AA";
        var result = VcJwt.Verify(token, null, new VcJwtVerifyOptions { MaxTokenLength = 1000 });
        Assert.Equal(VcJwtErrorCode.TooLarge, result.Error!.Code);
    }

    [Theory]
    [InlineData(KeyType.Rsa, KeyType.P256)]
    [InlineData(KeyType.P256, KeyType.Ed25519)]
    [InlineData(KeyType.Ed25519, KeyType.Rsa)]
    [InlineData(KeyType.P256, KeyType.P384)]
    public void Verify_KeyOfAnotherType_IsAnAlgorithmMismatch(KeyType signer, KeyType verifier)
    {
        using var key = SigningKey.Generate(signer);
        using var other = SigningKey.Generate(verifier);
        var token = VcJwt.Create(Credential(), key);
        Assert.Equal(
            VcJwtErrorCode.KeyAlgorithmMismatch,
            VcJwt.Verify(token, other.PublicKey).Error!.Code
        );
    }

    [Fact]
    public void Verify_WrongKeyOfTheRightType_IsAnInvalidSignature()
    {
        using var key = SigningKey.Generate(KeyType.Rsa);
        using var other = SigningKey.Generate(KeyType.Rsa);
        var token = VcJwt.Create(Credential(), key);
        Assert.Equal(
            VcJwtErrorCode.InvalidSignature,
            VcJwt.Verify(token, other.PublicKey).Error!.Code
        );
    }

    [Fact]
    public void Verify_PrivateJwkInHeader_IsRefused()
    {
        using var key = SigningKey.Generate(KeyType.Ed25519);
        var header = $$"""{"alg":"EdDSA","jwk":{{key.ExportPrivateJwk().ToJsonString()}}}""";
        var result = VcJwt.Verify(TestJws.Sign(header, TestJws.Credential(), key), null);
        Assert.Equal(VcJwtErrorCode.PrivateKeyInHeader, result.Error!.Code);
        Assert.DoesNotContain(
            key.ExportPrivateJwk()["d"]!.GetValue<string>(),
            result.Error.Message,
            StringComparison.Ordinal
        );
    }

    [Fact]
    public void Verify_NoKidNoJwkNoKey_IsMissingKey()
    {
        using var key = SigningKey.Generate(KeyType.Ed25519);
        var token = TestJws.Sign("""{"alg":"EdDSA","typ":"JWT"}""", TestJws.Credential(), key);
        Assert.Equal(VcJwtErrorCode.MissingKey, VcJwt.Verify(token, null).Error!.Code);
    }

    [Theory]
    [InlineData("""{"iss":"did:example:other"}""", VcJwtErrorCode.ClaimMismatch)]
    [InlineData(
        """{"iss":"did:example:issuer","sub":"did:example:other"}""",
        VcJwtErrorCode.ClaimMismatch
    )]
    [InlineData(
        """{"iss":"did:example:issuer","jti":"urn:uuid:other"}""",
        VcJwtErrorCode.ClaimMismatch
    )]
    [InlineData("""{"iss":"did:example:issuer","nbf":1262304001}""", VcJwtErrorCode.ClaimMismatch)]
    [InlineData("""{"iss":"did:example:issuer","exp":1}""", VcJwtErrorCode.ClaimMismatch)]
    [InlineData(
        """{"iss":"did:example:issuer","nbf":"2010-01-01"}""",
        VcJwtErrorCode.ClaimMismatch
    )]
    [InlineData("""{"iss":42}""", VcJwtErrorCode.ClaimMismatch)]
    [InlineData("""{"sub":"did:example:subject"}""", VcJwtErrorCode.MissingClaim)]
    public void Verify_ClaimsThatDisagreeWithTheCredential_AreRefused(
        string claims,
        VcJwtErrorCode code
    )
    {
        using var key = SigningKey.Generate(KeyType.Ed25519);
        var payload = $$"""{"vc":{{TestJws.Credential()}},{{claims[1..]}}""";
        var token = TestJws.Sign("""{"alg":"EdDSA","typ":"JWT"}""", payload, key);
        var result = VcJwt.Verify(token, key.PublicKey);
        Assert.False(result.IsValid);
        Assert.Equal(code, result.Error.Code);
    }

    [Fact]
    public void Verify_VcClaimForm_FillsMissingCredentialPropertiesFromClaims()
    {
        using var key = SigningKey.Generate(KeyType.Ed25519);
        const string Vc =
            """{"@context":["https://www.w3.org/2018/credentials/v1"],"type":["VerifiableCredential"],"credentialSubject":{"name":"x"}}""";
        var payload =
            $$"""{"vc":{{Vc}},"iss":"did:example:issuer","jti":"urn:uuid:1","sub":"did:example:s","nbf":1262304000,"exp":1893456000}""";
        var result = VcJwt.Verify(TestJws.Sign("""{"alg":"EdDSA"}""", payload, key), key.PublicKey);
        Assert.True(result.IsValid, result.Error?.Message);
        var c = result.Jwt.Credential;
        Assert.Equal("did:example:issuer", c.GetProperty("issuer").GetString());
        Assert.Equal("urn:uuid:1", c.GetProperty("id").GetString());
        Assert.Equal("2010-01-01T00:00:00Z", c.GetProperty("issuanceDate").GetString());
        Assert.Equal("2030-01-01T00:00:00Z", c.GetProperty("expirationDate").GetString());
        Assert.Equal(
            "did:example:s",
            c.GetProperty("credentialSubject").GetProperty("id").GetString()
        );
    }

    [Fact]
    public void Verify_VcJoseWithVcClaim_IsForbidden()
    {
        using var key = SigningKey.Generate(KeyType.Ed25519);
        var payload = TestJws.Credential(extra: ",\"vc\":{}");
        var token = TestJws.Sign("""{"alg":"EdDSA","typ":"vc+jwt"}""", payload, key);
        Assert.Equal(VcJwtErrorCode.ForbiddenClaim, VcJwt.Verify(token, key.PublicKey).Error!.Code);
    }

    [Fact]
    public void Verify_WithClock_ChecksNbfAndExp()
    {
        using var key = SigningKey.Generate(KeyType.Ed25519);
        var token = VcJwt.Create(Credential(), key);
        Assert.True(
            VcJwt
                .Verify(
                    token,
                    key.PublicKey,
                    new() { TimeProvider = new FixedClock(new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero)) }
                )
                .IsValid
        );
        Assert.Equal(
            VcJwtErrorCode.NotYetValid,
            VcJwt
                .Verify(
                    token,
                    key.PublicKey,
                    new() { TimeProvider = new FixedClock(new(2009, 1, 1, 0, 0, 0, TimeSpan.Zero)) }
                )
                .Error!.Code
        );
        Assert.Equal(
            VcJwtErrorCode.Expired,
            VcJwt
                .Verify(
                    token,
                    key.PublicKey,
                    new() { TimeProvider = new FixedClock(new(2031, 1, 1, 0, 0, 0, TimeSpan.Zero)) }
                )
                .Error!.Code
        );
    }

    [Fact]
    public async Task VerifyAsync_DidKeyKid_ResolvesAndBindsToTheIssuer()
    {
        using var key = SigningKey.Generate(KeyType.Ed25519);
        var did = DidKey.FromPublicKey(key.PublicKey);
        var token = VcJwt.Create(
            Credential(did),
            key,
            new VcJwtCreateOptions { Kid = DidKey.VerificationMethodId(did) }
        );
        using var resolver = new DidResolver();
        var result = await VcJwt.VerifyAsync(token, resolver, null, CancellationToken.None);
        Assert.True(result.IsValid, result.Error?.Message);
        Assert.Equal(VcJwtKeySource.ResolvedKid, result.KeySource);
        Assert.Equal(DidKey.VerificationMethodId(did), result.VerificationMethod!.Id);
    }

    [Fact]
    public async Task VerifyAsync_KidControlledBySomeoneElse_IsRefused()
    {
        using var key = SigningKey.Generate(KeyType.Ed25519);
        var did = DidKey.FromPublicKey(key.PublicKey);
        var token = VcJwt.Create(
            Credential("https://university.example/issuer"),
            key,
            new VcJwtCreateOptions { Kid = DidKey.VerificationMethodId(did) }
        );
        var result = await VcJwt.VerifyAsync(
            token,
            new OfflineDidResolver(),
            null,
            CancellationToken.None
        );
        Assert.Equal(VcJwtErrorCode.KeyNotControlledByIssuer, result.Error!.Code);
    }

    [Fact]
    public async Task VerifyAsync_UnresolvableKid_IsKeyNotResolved()
    {
        using var key = SigningKey.Generate(KeyType.Ed25519);
        var token = VcJwt.Create(
            Credential("did:web:university.example"),
            key,
            new VcJwtCreateOptions { Kid = "did:web:university.example#k" }
        );
        var result = await VcJwt.VerifyAsync(
            token,
            new OfflineDidResolver(),
            null,
            CancellationToken.None
        );
        Assert.Equal(VcJwtErrorCode.KeyNotResolved, result.Error!.Code);
        Assert.Contains("NetworkDisabled", result.Error.Message, StringComparison.Ordinal);
        Assert.Equal(ResolutionErrorCode.NetworkDisabled, result.KeyResolutionError?.Code);
    }
}
