using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Credstack.Credentials.Jose;
using Credstack.Credentials.Keys;
using Credstack.Credentials.SdJwt;

namespace Credstack.Credentials.Tests.SdJwt;

public sealed class SdJwtVcTests
{
    private const string Source = """
        {"@context":["https://www.w3.org/ns/credentials/v2","https://www.w3.org/ns/credentials/examples/v2"],
         "type":["VerifiableCredential","EmploymentCredential"],"issuer":"did:example:issuer","validFrom":"2024-01-01T00:00:00Z",
         "credentialSubject":{"id":"did:example:subject","firstName":"Jane","lastName":"Doe",
           "address":{"street":"123 Main St","city":"Anytown"},
           "phoneNumbers":[{"number":"+1-555-123"},{"number":"+1-555-987"}]}}
        """;

    private static JsonElement Document() => JsonDocument.Parse(Source).RootElement.Clone();

    private static readonly string[] Paths =
    [
        "credentialSubject.firstName",
        "credentialSubject.address",
        "credentialSubject.address.city",
        "credentialSubject.phoneNumbers[1]",
    ];

    [Theory]
    [InlineData(KeyType.Ed25519)]
    [InlineData(KeyType.P256)]
    [InlineData(KeyType.P384)]
    [InlineData(KeyType.P521)]
    [InlineData(KeyType.Rsa)]
    public void CreateThenVerify_GivesTheDocumentBack(KeyType type)
    {
        using var key = SigningKey.Generate(type);
        var sdJwt = SdJwtVc.Create(Document(), Paths, key, new SdJwtCreateOptions { Kid = "k" });
        Assert.EndsWith("~", sdJwt, StringComparison.Ordinal);
        var result = SdJwtVc.Verify(sdJwt, key.PublicKey);
        Assert.True(result.IsValid, result.Error?.Message);
        Assert.Equal(4, result.Disclosures.Count);
        Assert.Equal("k", result.Kid);
        var doc = result.Document.Value;
        Assert.Equal(
            "Jane",
            doc.GetProperty("credentialSubject").GetProperty("firstName").GetString()
        );
        Assert.Equal(
            "Anytown",
            doc.GetProperty("credentialSubject")
                .GetProperty("address")
                .GetProperty("city")
                .GetString()
        );
        Assert.Equal(
            2,
            doc.GetProperty("credentialSubject").GetProperty("phoneNumbers").GetArrayLength()
        );
        Assert.False(doc.TryGetProperty("_sd_alg", out _));
        // The signed payload hides the disclosed values.
        var payload = result.Payload!.Value.GetRawText();
        Assert.DoesNotContain("Jane", payload, StringComparison.Ordinal);
        Assert.DoesNotContain("Anytown", payload, StringComparison.Ordinal);
        Assert.Contains("\"_sd_alg\":\"sha-256\"", payload, StringComparison.Ordinal);
    }

    [Fact]
    public void Present_WithheldDisclosures_AreAbsentFromTheVerifiedDocument()
    {
        using var key = SigningKey.Generate(KeyType.P256);
        var sdJwt = SdJwtVc.Create(Document(), Paths, key);
        var presented = SdJwtVc.Present(sdJwt, d => d.Name is "firstName");
        var result = SdJwtVc.Verify(presented, key.PublicKey);
        Assert.True(result.IsValid, result.Error?.Message);
        var subject = result.Document.Value.GetProperty("credentialSubject");
        Assert.Equal("Jane", subject.GetProperty("firstName").GetString());
        Assert.False(subject.TryGetProperty("address", out _));
        // The undisclosed array element is dropped (RFC 9901 §7.1 step 3.b).
        Assert.Equal(1, subject.GetProperty("phoneNumbers").GetArrayLength());
        Assert.Equal("Doe", subject.GetProperty("lastName").GetString());
    }

    [Fact]
    public void Verify_DisclosureTwice_IsDuplicateDisclosure()
    {
        using var key = SigningKey.Generate(KeyType.P256);
        var sdJwt = SdJwtVc.Create(Document(), ["credentialSubject.firstName"], key);
        var parts = sdJwt.Split('~');
        var doubled = sdJwt + parts[1] + "~";
        Assert.Equal(
            VcJwtErrorCode.DuplicateDisclosure,
            SdJwtVc.Verify(doubled, key.PublicKey).Error!.Code
        );
    }

    [Fact]
    public void Verify_DisclosureFromAnotherSdJwt_IsUnreferenced()
    {
        using var key = SigningKey.Generate(KeyType.P256);
        var a = SdJwtVc.Create(Document(), ["credentialSubject.firstName"], key);
        var b = SdJwtVc.Create(Document(), ["credentialSubject.lastName"], key);
        var mixed = a + b.Split('~')[1] + "~";
        Assert.Equal(
            VcJwtErrorCode.UnreferencedDisclosure,
            SdJwtVc.Verify(mixed, key.PublicKey).Error!.Code
        );
    }

    [Fact]
    public void Verify_AlteredDisclosure_IsUnreferenced()
    {
        using var key = SigningKey.Generate(KeyType.P256);
        var sdJwt = SdJwtVc.Create(Document(), ["credentialSubject.firstName"], key);
        var parts = sdJwt.Split('~');
        var decoded = Encoding.UTF8.GetString(
            Base64UrlText.TryDecode(parts[1], out var b) ? b : []
        );
        var forged = Base64UrlText.Encode(
            Encoding.UTF8.GetBytes(decoded.Replace("Jane", "Joan", StringComparison.Ordinal))
        );
        Assert.Equal(
            VcJwtErrorCode.UnreferencedDisclosure,
            SdJwtVc.Verify(parts[0] + "~" + forged + "~", key.PublicKey).Error!.Code
        );
    }

    [Theory]
    [InlineData("bm90IGpzb24")]
    [InlineData("WyJvbmx5Il0")]
    [InlineData("WyJzIiwiX3NkIiwxXQ")]
    [InlineData("!!")]
    public void Verify_MalformedDisclosure_IsInvalidDisclosure(string disclosure)
    {
        using var key = SigningKey.Generate(KeyType.P256);
        var sdJwt = SdJwtVc.Create(Document(), ["credentialSubject.firstName"], key);
        Assert.Equal(
            VcJwtErrorCode.InvalidDisclosure,
            SdJwtVc.Verify(sdJwt + disclosure + "~", key.PublicKey).Error!.Code
        );
    }

    [Fact]
    public void Verify_AlgNone_IsRefused()
    {
        var header = Base64UrlText.Encode("""{"alg":"none","typ":"vc+sd-jwt"}"""u8);
        var payload = Base64UrlText.Encode(Encoding.UTF8.GetBytes(Source));
        using var key = SigningKey.Generate(KeyType.P256);
        Assert.Equal(
            VcJwtErrorCode.AlgorithmNone,
            SdJwtVc.Verify($"{header}.{payload}.~", key.PublicKey).Error!.Code
        );
    }

    [Fact]
    public void Verify_UnsupportedSdAlg_IsRefused()
    {
        using var key = SigningKey.Generate(KeyType.P256);
        var node = JsonNode.Parse(Source)!.AsObject();
        node["_sd_alg"] = "md5";
        var header = Base64UrlText.Encode("""{"alg":"ES256","typ":"vc+sd-jwt"}"""u8);
        var input =
            header + "." + Base64UrlText.Encode(Encoding.UTF8.GetBytes(node.ToJsonString()));
        var jwt = input + "." + Base64UrlText.Encode(key.Sign(Encoding.ASCII.GetBytes(input)));
        Assert.Equal(
            VcJwtErrorCode.UnsupportedDigestAlgorithm,
            SdJwtVc.Verify(jwt + "~", key.PublicKey).Error!.Code
        );
    }

    [Fact]
    public void KeyBinding_RightHolderAudienceAndNonce_Verifies()
    {
        using var issuer = SigningKey.Generate(KeyType.P256);
        using var holder = SigningKey.Generate(KeyType.Ed25519);
        var sdJwt = SdJwtVc.Create(
            Document(),
            Paths,
            issuer,
            new SdJwtCreateOptions { HolderKey = holder.PublicKey }
        );
        var presented = SdJwtVc.Present(
            sdJwt,
            d => d.Name != "firstName",
            new SdJwtKeyBinding
            {
                Key = holder,
                Audience = "https://verifier.example",
                Nonce = "n-1",
            }
        );
        var options = new SdJwtVerifyOptions
        {
            RequireKeyBinding = true,
            Audience = "https://verifier.example",
            Nonce = "n-1",
        };
        var result = SdJwtVc.Verify(presented, issuer.PublicKey, options);
        Assert.True(result.IsValid, result.Error?.Message);
        Assert.True(result.KeyBound);

        Assert.Equal(
            VcJwtErrorCode.KeyBindingInvalid,
            SdJwtVc
                .Verify(presented, issuer.PublicKey, new SdJwtVerifyOptions { Nonce = "other" })
                .Error!.Code
        );
        Assert.Equal(
            VcJwtErrorCode.KeyBindingInvalid,
            SdJwtVc
                .Verify(
                    presented,
                    issuer.PublicKey,
                    new SdJwtVerifyOptions { Audience = "https://evil.example" }
                )
                .Error!.Code
        );
        Assert.Equal(
            VcJwtErrorCode.KeyBindingMissing,
            SdJwtVc
                .Verify(
                    sdJwt,
                    issuer.PublicKey,
                    new SdJwtVerifyOptions { RequireKeyBinding = true }
                )
                .Error!.Code
        );
        // Dropping a disclosure after binding breaks sd_hash.
        var parts = presented.Split('~');
        var stripped = string.Join('~', parts.Where((_, i) => i != 1));
        Assert.Equal(
            VcJwtErrorCode.KeyBindingInvalid,
            SdJwtVc.Verify(stripped, issuer.PublicKey).Error!.Code
        );
    }

    [Fact]
    public void KeyBinding_SignedByAnotherKey_IsInvalid()
    {
        using var issuer = SigningKey.Generate(KeyType.P256);
        using var holder = SigningKey.Generate(KeyType.Ed25519);
        using var thief = SigningKey.Generate(KeyType.Ed25519);
        var sdJwt = SdJwtVc.Create(
            Document(),
            Paths,
            issuer,
            new SdJwtCreateOptions { HolderKey = holder.PublicKey }
        );
        var presented = SdJwtVc.Present(
            sdJwt,
            _ => true,
            new SdJwtKeyBinding
            {
                Key = thief,
                Audience = "a",
                Nonce = "n",
            }
        );
        Assert.Equal(
            VcJwtErrorCode.KeyBindingInvalid,
            SdJwtVc.Verify(presented, issuer.PublicKey).Error!.Code
        );
    }

    [Theory]
    [InlineData("@context")]
    [InlineData("credentialSubject.nope")]
    [InlineData("credentialSubject.phoneNumbers[7]")]
    [InlineData("type")]
    [InlineData("credentialSubject[")]
    public void Create_BadPath_Throws(string path)
    {
        using var key = SigningKey.Generate(KeyType.P256);
        Assert.Throws<ArgumentException>(() => SdJwtVc.Create(Document(), [path], key));
    }

    [Fact]
    public void Verify_SignatureChanged_IsInvalidSignature()
    {
        using var key = SigningKey.Generate(KeyType.P256);
        var sdJwt = SdJwtVc.Create(Document(), ["credentialSubject.firstName"], key);
        var dot = sdJwt.LastIndexOf('.', sdJwt.IndexOf('~', StringComparison.Ordinal));
        var c = sdJwt[dot + 5] == 'A' ? 'B' : 'A';
        var tampered = sdJwt[..(dot + 5)] + c + sdJwt[(dot + 6)..];
        Assert.Equal(
            VcJwtErrorCode.InvalidSignature,
            SdJwtVc.Verify(tampered, key.PublicKey).Error!.Code
        );
    }

    [Fact]
    public void Verify_IssClaimThatIsNotTheIssuer_IsClaimMismatch()
    {
        // An attacker's iss would make a verifier look up the attacker's key for someone else's credential.
        using var key = SigningKey.Generate(KeyType.P256);
        var node = JsonNode.Parse(Source)!.AsObject();
        node["iss"] = "did:example:attacker";
        var header = Base64UrlText.Encode("""{"alg":"ES256","typ":"vc+sd-jwt"}"""u8);
        var input =
            header + "." + Base64UrlText.Encode(Encoding.UTF8.GetBytes(node.ToJsonString()));
        var jwt = input + "." + Base64UrlText.Encode(key.Sign(Encoding.ASCII.GetBytes(input)));
        Assert.Equal(
            VcJwtErrorCode.ClaimMismatch,
            SdJwtVc.Verify(jwt + "~", key.PublicKey).Error!.Code
        );
    }

    private static string SignedWithClaims(SigningKey key, Action<JsonObject> claims)
    {
        var node = JsonNode.Parse(Source)!.AsObject();
        claims(node);
        var header = Base64UrlText.Encode("""{"alg":"ES256","typ":"vc+sd-jwt"}"""u8);
        var input =
            header + "." + Base64UrlText.Encode(Encoding.UTF8.GetBytes(node.ToJsonString()));
        return input + "." + Base64UrlText.Encode(key.Sign(Encoding.ASCII.GetBytes(input))) + "~";
    }

    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private static SdJwtVerifyOptions AtNow(TimeSpan? skew = null) =>
        new() { TimeProvider = new FixedClock(Now), ClockSkew = skew ?? TimeSpan.FromMinutes(5) };

    [Fact]
    public void Verify_FractionalExpInThePast_IsExpired()
    {
        // RFC 7519 §2: a NumericDate may be fractional; such an exp must still be enforced.
        using var key = SigningKey.Generate(KeyType.P256);
        var exp = Now.AddHours(-1).ToUnixTimeSeconds() + 0.5;
        var jwt = SignedWithClaims(key, c => c["exp"] = exp);
        Assert.Equal(
            VcJwtErrorCode.Expired,
            SdJwtVc.Verify(jwt, key.PublicKey, AtNow()).Error!.Code
        );
    }

    [Fact]
    public void Verify_FractionalNbfInTheFuture_IsNotYetValid()
    {
        using var key = SigningKey.Generate(KeyType.P256);
        var nbf = Now.AddHours(1).ToUnixTimeSeconds() + 0.25;
        var jwt = SignedWithClaims(key, c => c["nbf"] = nbf);
        Assert.Equal(
            VcJwtErrorCode.NotYetValid,
            SdJwtVc.Verify(jwt, key.PublicKey, AtNow()).Error!.Code
        );
    }

    [Fact]
    public void Verify_ExpJustPassed_IsAcceptedWithinTheClockSkewOnly()
    {
        using var key = SigningKey.Generate(KeyType.P256);
        var jwt = SignedWithClaims(key, c => c["exp"] = Now.AddMinutes(-2).ToUnixTimeSeconds());
        Assert.True(SdJwtVc.Verify(jwt, key.PublicKey, AtNow()).IsValid);
        Assert.Equal(
            VcJwtErrorCode.Expired,
            SdJwtVc.Verify(jwt, key.PublicKey, AtNow(TimeSpan.FromMinutes(1))).Error!.Code
        );
    }

    [Theory]
    [InlineData("exp")]
    [InlineData("nbf")]
    public void Verify_TimeClaimThatIsNotANumericDate_IsClaimMismatchEvenWithoutAClock(string claim)
    {
        using var key = SigningKey.Generate(KeyType.P256);
        var jwt = SignedWithClaims(key, c => c[claim] = "2030-01-01T00:00:00Z");
        Assert.Equal(VcJwtErrorCode.ClaimMismatch, SdJwtVc.Verify(jwt, key.PublicKey).Error!.Code);
        Assert.Equal(
            VcJwtErrorCode.ClaimMismatch,
            SdJwtVc.Verify(jwt, key.PublicKey, AtNow()).Error!.Code
        );
    }

    [Fact]
    public void Verify_DisclosuresNestingTooDeep_IsARefusalNotAnException()
    {
        // Each part is within the parser's depth limit; put together they are not.
        using var key = SigningKey.Generate(KeyType.P256);
        JsonNode value = new JsonObject { ["x"] = 1 };
        for (var i = 0; i < 55; i++)
        {
            value = new JsonObject { ["d"] = value };
        }
        var disclosure = Base64UrlText.Encode(
            Encoding.UTF8.GetBytes(new JsonArray("salt", "deep", value).ToJsonString())
        );
        var digest = Base64UrlText.Encode(
            System.Security.Cryptography.SHA256.HashData(Encoding.ASCII.GetBytes(disclosure))
        );
        var node = JsonNode.Parse(Source)!.AsObject();
        var at = node["credentialSubject"]!.AsObject();
        for (var i = 0; i < 20; i++)
        {
            var next = new JsonObject();
            at["n"] = next;
            at = next;
        }
        at["_sd"] = new JsonArray(digest);
        var header = Base64UrlText.Encode("""{"alg":"ES256","typ":"vc+sd-jwt"}"""u8);
        var input =
            header + "." + Base64UrlText.Encode(Encoding.UTF8.GetBytes(node.ToJsonString()));
        var jwt = input + "." + Base64UrlText.Encode(key.Sign(Encoding.ASCII.GetBytes(input)));
        var result = SdJwtVc.Verify(jwt + "~" + disclosure + "~", key.PublicKey);
        Assert.False(result.IsValid);
        Assert.Equal(VcJwtErrorCode.InvalidDisclosure, result.Error.Code);
    }
}
