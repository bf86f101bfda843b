using System.Text;
using System.Text.Json;
using Credstack.Credentials.Baking;
using Credstack.Tests.Shared;

namespace Credstack.Credentials.Tests.Baking;

public sealed class SvgBadgeTests
{
    private const string Svg = """
        <?xml version="1.0" encoding="UTF-8"?>
        <!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle cx="5" cy="5" r="4"/></svg>
        """;

    private const string CredentialJson = """
        {"@context":["https://www.w3.org/ns/credentials/v2"],"id":"urn:uuid:1","type":["VerifiableCredential","OpenBadgeCredential"],"name":"Teamwork <&> ✓"}
        """;

    private const string Jwt = "eyJhbGciOiJFZERTQSJ9.eyJpc3MiOiJkaWQ6ZXhhbXBsZToxIn0.c2lnbmF0dXJl";

    private static string SampleText(string name) =>
        File.ReadAllText(SharedData.PathOf("vectors", "1edtech-validator-samples", "ob30", name));

    [Fact]
    public void BakeCredentialJson_ThenExtract_RoundTripsInCData()
    {
        var baked = SvgBadge.BakeCredential(Svg, CredentialJson);
        Assert.True(baked.IsSuccess, baked.ToString());
        Assert.Contains(
            "xmlns:openbadges=\"https://purl.imsglobal.org/ob/v3p0\"",
            baked.Value,
            StringComparison.Ordinal
        );
        Assert.Contains("<openbadges:credential><![CDATA[", baked.Value, StringComparison.Ordinal);
        Assert.Contains("<circle", baked.Value, StringComparison.Ordinal);

        var extracted = SvgBadge.Extract(baked.Value);
        Assert.True(extracted.IsSuccess, extracted.ToString());
        Assert.Equal(BakedBadgeKind.OpenBadgeCredential, extracted.Value.Kind);
        Assert.Equal(CredentialJson, extracted.Value.Text);
        Assert.Null(extracted.Value.Verify);
    }

    [Fact]
    public void BakeCredentialJwt_ThenExtract_UsesVerifyAttribute()
    {
        var baked = SvgBadge.BakeCredential(Svg, Jwt).Value;
        Assert.Contains(
            $"<openbadges:credential verify=\"{Jwt}\"",
            baked,
            StringComparison.Ordinal
        );
        var extracted = SvgBadge.Extract(Encoding.UTF8.GetBytes(baked)).Value;
        Assert.Equal(Jwt, extracted.Text);
        Assert.Equal(Jwt, extracted.Verify);
        Assert.False(extracted.IsJson);
    }

    [Fact]
    public void BakeTwice_ReplacesTheElement()
    {
        var once = SvgBadge.BakeCredential(Svg, Jwt).Value;
        var twice = SvgBadge.BakeCredential(once, CredentialJson).Value;
        Assert.Single(
            System.Text.RegularExpressions.Regex.Matches(twice, "<openbadges:credential")
        );
        Assert.Equal(CredentialJson, SvgBadge.Extract(twice).Value.Text);
    }

    [Fact]
    public void BakeOb2HostedAssertion_ThenExtract_RoundTrips()
    {
        const string assertion =
            """{"@context":"https://w3id.org/openbadges/v2","type":"Assertion","id":"https://example.org/assertions/1"}""";
        var baked = SvgBadge.Bake(Svg, BakedBadgeKind.OpenBadgesAssertion, assertion);
        Assert.True(baked.IsSuccess, baked.ToString());
        Assert.Contains(
            "xmlns:openbadges=\"http://openbadges.org\"",
            baked.Value,
            StringComparison.Ordinal
        );
        Assert.Contains(
            "<openbadges:assertion verify=\"https://example.org/assertions/1\">",
            baked.Value,
            StringComparison.Ordinal
        );

        var extracted = SvgBadge.Extract(baked.Value).Value;
        Assert.Equal(BakedBadgeKind.OpenBadgesAssertion, extracted.Kind);
        Assert.Equal(assertion, extracted.Text);
        Assert.Equal("https://example.org/assertions/1", extracted.Verify);
    }

    [Fact]
    public void BakeOb2SignedAssertion_ThenExtract_GivesTheJws()
    {
        var baked = SvgBadge.BakeAssertion(Svg, Jwt).Value;
        var extracted = SvgBadge.Extract(baked, BakedBadgeKind.OpenBadgesAssertion).Value;
        Assert.Equal(Jwt, extracted.Text);
        Assert.Equal(
            BakingErrors.NotFound,
            SvgBadge.Extract(baked, BakedBadgeKind.OpenBadgeCredential).Error?.Code
        );
    }

    [Fact]
    public void Bake_PayloadContainingCDataEnd_RoundTrips()
    {
        const string tricky = """{"name":"a]]>b","x":"<![CDATA["}""";
        var baked = SvgBadge.BakeCredential(Svg, tricky).Value;
        Assert.Equal(tricky, SvgBadge.Extract(baked).Value.Text);
    }

    [Fact]
    public void Extract_ValidatorSimpleJsonSvg_GivesTheCredentialJson()
    {
        var extracted = SvgBadge.Extract(SampleText("simple-json.svg"));
        Assert.True(extracted.IsSuccess, extracted.ToString());
        Assert.True(extracted.Value.IsJson);
        using var json = JsonDocument.Parse(extracted.Value.Text);
        Assert.Equal(
            "http://example.com/credentials/3527",
            json.RootElement.GetProperty("id").GetString()
        );
    }

    [Theory]
    [InlineData("simple-jwt.svg")]
    [InlineData("simple-jwt_v1.svg")]
    public void Extract_ValidatorJwtSvg_GivesTheVerifyToken(string name)
    {
        var extracted = SvgBadge.Extract(
            File.ReadAllBytes(
                SharedData.PathOf("vectors", "1edtech-validator-samples", "ob30", name)
            )
        );
        Assert.True(extracted.IsSuccess, extracted.ToString());
        Assert.Equal(3, extracted.Value.Text.Split('.').Length);
        Assert.Equal(extracted.Value.Verify, extracted.Value.Text);
        Assert.StartsWith("eyJ", extracted.Value.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_WithoutElement_ReturnsNotFound() =>
        Assert.Equal(BakingErrors.NotFound, SvgBadge.Extract(Svg).Error?.Code);

    [Theory]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\"><g></svg>")]
    [InlineData("not xml at all")]
    [InlineData("")]
    [InlineData(
        "<svg xmlns=\"http://www.w3.org/2000/svg\"><openbadges:credential>x</openbadges:credential></svg>"
    )]
    public void Extract_MalformedXml_ReturnsMalformed(string svg) =>
        Assert.Equal(BakingErrors.SvgMalformed, SvgBadge.Extract(svg).Error?.Code);

    [Fact]
    public void Extract_NotSvgRoot_ReturnsRootError()
    {
        Assert.Equal(BakingErrors.SvgRoot, SvgBadge.Extract("<html><body/></html>").Error?.Code);
        Assert.Equal(BakingErrors.SvgRoot, SvgBadge.BakeCredential("<html/>", Jwt).Error?.Code);
    }

    [Fact]
    public void Extract_ExternalEntity_IsNotResolved()
    {
        const string xxe = """
            <?xml version="1.0"?>
            <!DOCTYPE svg [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
            <svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0">
              <openbadges:credential>&xxe;</openbadges:credential>
            </svg>
            """;
        var result = SvgBadge.Extract(xxe);
        Assert.Equal(BakingErrors.SvgMalformed, result.Error?.Code);
        Assert.Equal(BakingErrors.SvgMalformed, SvgBadge.BakeCredential(xxe, Jwt).Error?.Code);
    }

    [Fact]
    public void Extract_EntityExpansionBomb_IsRefused()
    {
        const string lol = """
            <?xml version="1.0"?>
            <!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>
            <svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0">
              <openbadges:credential>&c;</openbadges:credential>
            </svg>
            """;
        Assert.Equal(BakingErrors.SvgMalformed, SvgBadge.Extract(lol).Error?.Code);
    }

    [Fact]
    public void Extract_EmptyElement_ReturnsEmptyError()
    {
        const string svg =
            """<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"><openbadges:credential>  </openbadges:credential></svg>""";
        Assert.Equal(BakingErrors.Empty, SvgBadge.Extract(svg).Error?.Code);
    }

    [Fact]
    public void Bake_ClrCredential_HasNoSvgForm() =>
        Assert.Equal(
            BakingErrors.BadPayload,
            SvgBadge.Bake(Svg, BakedBadgeKind.ClrCredential, Jwt).Error?.Code
        );

    [Fact]
    public void Bake_ControlCharacterInPayload_ReturnsPayloadError() =>
        Assert.Equal(
            BakingErrors.BadPayload,
            SvgBadge.BakeCredential(Svg, "{\"a\":\"\u0001\"}").Error?.Code
        );

    [Fact]
    public void Extract_InvalidUtf8Bytes_ReturnsMalformed()
    {
        byte[] bytes =
        [
            .. "<svg xmlns=\"http://www.w3.org/2000/svg\">"u8,
            0xC3,
            0x28,
            .. "</svg>"u8,
        ];
        Assert.Equal(BakingErrors.SvgMalformed, SvgBadge.Extract(bytes).Error?.Code);
    }
}
