using System.Text.Json;
using Credstack.Credentials.Model;

namespace Credstack.Credentials.Tests.Model;

public sealed class RoundTripTests
{
    public static TheoryData<string> SampleIds()
    {
        var data = new TheoryData<string>();
        foreach (var id in Samples.AllIds())
        {
            data.Add(id);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(SampleIds))]
    public void ReadThenWrite_Sample_GivesSemanticallyIdenticalJson(string id)
    {
        var input = Samples.Load(id);
        var output = RoundTrip(input);
        Assert.True(
            JsonElement.DeepEquals(input, output),
            $"round trip changed the document:\n{input.GetRawText()}\n---\n{output.GetRawText()}"
        );
    }

    [Fact]
    public void Read_SimpleSample_ExposesTypedValues()
    {
        var credential = CredentialJson
            .Read<OpenBadgeCredential>(Samples.LoadBytes("ob30/simple.json"))
            .Value!;
        Assert.Equal("https://www.w3.org/ns/credentials/v2", credential.Context![0].Url);
        Assert.True(credential.Type!.IsArray);
        Assert.True(credential.Type.Contains("OpenBadgeCredential"));
        Assert.Equal("https://example.com/issuers/876543", credential.Issuer!.Id);
        Assert.Equal("Example Corp", credential.Issuer.Object!.Name);
        Assert.Equal("Teamwork", credential.CredentialSubject!.Achievement!.Name);
        Assert.Equal(JsonValueKind.Array, credential.Proof!.Value.ValueKind);
        Assert.True(credential.HasType(CredentialTypes.OpenBadgeCredential));
        Assert.Equal(
            new DateTimeOffset(2010, 1, 1, 0, 0, 0, TimeSpan.Zero),
            credential.GetValidFrom()
        );
        Assert.Null(credential.GetValidUntil());
    }

    [Fact]
    public void Read_UnknownProperties_AreKeptInDocumentOrder()
    {
        var json = """{"type":"Achievement","zeta":1,"alpha":{"b":[1,2]},"name":"x","mid":"m"}""";
        var achievement = CredentialJson.Read<Achievement>(json).Value!;
        Assert.Equal(["zeta", "alpha", "mid"], achievement.AdditionalProperties!.Keys);
        Assert.False(achievement.Type!.IsArray);
        Assert.Equal(
            """{"type":"Achievement","name":"x","zeta":1,"alpha":{"b":[1,2]},"mid":"m"}""",
            CredentialJson.Write(achievement)
        );
    }

    [Fact]
    public void Read_IssuerAsString_KeepsTheStringForm()
    {
        var json = """{"type":["VerifiableCredential"],"issuer":"did:example:issuer"}""";
        var credential = CredentialJson.Read<OpenBadgeCredential>(json).Value!;
        Assert.Equal("did:example:issuer", credential.Issuer!.Iri);
        Assert.Null(credential.Issuer.Object);
        Assert.Equal(json, CredentialJson.Write(credential));
    }

    [Fact]
    public void Write_ThroughBaseType_WritesTheRuntimeType()
    {
        Credential credential = CredentialJson
            .Read<OpenBadgeCredential>(Samples.LoadBytes("ob30/simple.json"))
            .Value!;
        using var doc = JsonDocument.Parse(CredentialJson.Write(credential));
        Assert.True(JsonElement.DeepEquals(Samples.Load("ob30/simple.json"), doc.RootElement));
    }

    [Fact]
    public void Read_WrongShape_ReturnsErrorWithPath()
    {
        var result = CredentialJson.Read<OpenBadgeCredential>("""{"issuer":42}""");
        Assert.False(result.Success);
        Assert.Contains("issuer", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TooDeep_ReturnsError()
    {
        var json =
            "{\"credentialSubject\":{\"x\":" + new string('[', 200) + new string(']', 200) + "}}";
        var result = CredentialJson.Read<OpenBadgeCredential>(json);
        Assert.False(result.Success);
    }

    [Fact]
    public void Read_NotJson_ReturnsError()
    {
        Assert.False(CredentialJson.Read<OpenBadgeCredential>("{not json").Success);
    }

    private static JsonElement RoundTrip(JsonElement input)
    {
        var types = input.TryGetProperty("type", out var t) ? t.GetRawText() : string.Empty;
        byte[] written;
        if (types.Contains("\"ClrCredential\"", StringComparison.Ordinal))
        {
            var result = CredentialJson.Read<ClrCredential>(input);
            Assert.True(result.Success, result.Error);
            written = CredentialJson.WriteUtf8(result.Value);
        }
        else if (types.Contains("\"EndorsementCredential\"", StringComparison.Ordinal))
        {
            var result = CredentialJson.Read<EndorsementCredential>(input);
            Assert.True(result.Success, result.Error);
            written = CredentialJson.WriteUtf8(result.Value);
        }
        else
        {
            var result = CredentialJson.Read<OpenBadgeCredential>(input);
            Assert.True(result.Success, result.Error);
            written = CredentialJson.WriteUtf8(result.Value);
        }
        using var doc = JsonDocument.Parse(written);
        return doc.RootElement.Clone();
    }
}
