using System.Text.Json;
using System.Text.Json.Nodes;
using Credstack.Credentials.Validation;

namespace Credstack.Credentials.Tests.Validation;

/// <summary>VC 2.0 data-model rules not exercised by the 1EdTech samples, each on a one-property change of
/// ob30/simple.json.</summary>
public sealed class DataModelRuleTests
{
    [Theory]
    [InlineData("issuer", "\"not a url\"", ValidationCodes.IdNotUrl, "$.issuer")]
    [InlineData("issuer", "42", ValidationCodes.IssuerInvalid, "$.issuer")]
    [InlineData(
        "issuer",
        "{\"type\":\"Profile\",\"name\":\"x\"}",
        ValidationCodes.IssuerIdMissing,
        "$.issuer.id"
    )]
    [InlineData(
        "credentialSubject",
        "\"did:example:1\"",
        ValidationCodes.CredentialSubjectInvalid,
        "$.credentialSubject"
    )]
    [InlineData("validFrom", "\"2010-01-01T00:00:00\"", ValidationCodes.DateInvalid, "$.validFrom")]
    [InlineData(
        "validUntil",
        "\"2009-01-01T00:00:00Z\"",
        ValidationCodes.ValidUntilBeforeValidFrom,
        "$.validUntil"
    )]
    [InlineData("id", "\"3527\"", ValidationCodes.IdNotUrl, "$.id")]
    [InlineData("id", "[\"urn:uuid:1\"]", ValidationCodes.IdInvalid, "$.id")]
    [InlineData(
        "type",
        "\"OpenBadgeCredential\"",
        ValidationCodes.TypeMissingVerifiableCredential,
        "$.type"
    )]
    [InlineData("type", "[1]", ValidationCodes.TypeInvalid, "$.type")]
    [InlineData(
        "@context",
        "[\"https://www.w3.org/ns/credentials/v2\"]",
        ValidationCodes.OpenBadgesContextMissing,
        "$['@context']"
    )]
    [InlineData(
        "@context",
        "[\"https://www.w3.org/ns/credentials/v2\", 7]",
        ValidationCodes.ContextInvalidEntry,
        "$['@context'][1]"
    )]
    [InlineData("@context", "[]", ValidationCodes.ContextMissing, "$['@context']")]
    public void Validate_BrokenProperty_ReportsError(
        string property,
        string json,
        string code,
        string path
    )
    {
        var report = CredentialValidator.Validate(WithProperty(property, json));
        Assert.Contains(report.Errors, p => p.Code == code && p.Path == path);
    }

    [Fact]
    public void Validate_MissingContext_ReportsError()
    {
        var node = JsonNode.Parse(Samples.Load("ob30/simple.json").GetRawText())!.AsObject();
        node.Remove("@context");
        var report = CredentialValidator.Validate(JsonSerializer.SerializeToElement(node));
        Assert.Contains(
            report.Errors,
            p => p.Code == ValidationCodes.ContextMissing && p.Path == "$['@context']"
        );
    }

    [Fact]
    public void Validate_UnknownAndEmbeddedContexts_AreWarnings()
    {
        var report = CredentialValidator.Validate(
            WithProperty(
                "@context",
                """["https://www.w3.org/ns/credentials/v2","https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json","https://example.org/ctx",{"x":"https://example.org/x"}]"""
            )
        );
        Assert.True(report.IsValid);
        Assert.Contains(
            report.Warnings,
            p => p.Code == ValidationCodes.ContextUnknown && p.Path == "$['@context'][2]"
        );
        Assert.Contains(
            report.Warnings,
            p => p.Code == ValidationCodes.ContextEmbedded && p.Path == "$['@context'][3]"
        );
    }

    [Fact]
    public void Validate_ValidSample_ExposesParsedDates()
    {
        var report = CredentialValidator.Validate(
            WithProperty("validUntil", "\"2030-06-01T12:00:00+02:00\"")
        );
        Assert.True(report.IsValid);
        Assert.Empty(report.Problems);
        Assert.Equal(new DateTimeOffset(2010, 1, 1, 0, 0, 0, TimeSpan.Zero), report.ValidFrom);
        Assert.Equal(
            new DateTimeOffset(2030, 6, 1, 12, 0, 0, TimeSpan.FromHours(2)),
            report.ValidUntil
        );
        Assert.Equal(CredentialKind.OpenBadge, report.Kind);
        Assert.Equal(VcVersion.Vc20, report.Version);
    }

    [Fact]
    public void Validate_WithoutNow_DoesNotCheckTheValidityPeriod()
    {
        var report = CredentialValidator.Validate(Samples.Load("ob30/simple-err-expired.json"));
        Assert.DoesNotContain(report.Problems, p => p.Code == ValidationCodes.Expired);
    }

    [Fact]
    public void Validate_NotAnObject_ReportsError()
    {
        var report = CredentialValidator.Validate(JsonDocument.Parse("[1]").RootElement);
        Assert.Equal(ValidationCodes.NotAnObject, Assert.Single(report.Problems).Code);
    }

    [Fact]
    public void Validate_DeeplyNestedInput_DoesNotThrow()
    {
        var deep = new string('[', 60) + new string(']', 60);
        var report = CredentialValidator.Validate(WithProperty("evidence", deep));
        Assert.False(report.IsValid);
    }

    [Theory]
    [InlineData("https://example.com/a", true)]
    [InlineData("did:example:123", true)]
    [InlineData("urn:uuid:f6ab24cd-86e8-4eaf-b8c6-ded74e8fd41c", true)]
    [InlineData("/relative/path", false)]
    [InlineData("example.com", false)]
    [InlineData("https://exa mple.com", false)]
    [InlineData("1http://x", false)]
    [InlineData("mailto:", false)]
    public void IsUrl_Value_MatchesRfc3986AbsoluteForm(string value, bool expected)
    {
        Assert.Equal(expected, CredentialValidator.IsUrl(value));
    }

    private static JsonElement WithProperty(string property, string json)
    {
        var node = JsonNode.Parse(Samples.Load("ob30/simple.json").GetRawText())!.AsObject();
        node[property] = JsonNode.Parse(json);
        return JsonSerializer.SerializeToElement(node);
    }
}
