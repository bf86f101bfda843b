using System.Text.Json;
using System.Text.Json.Nodes;
using Credstack.Credentials.Validation;

namespace Credstack.Credentials.Tests.Validation;

/// <summary>The compiled yes/no evaluator must agree with JsonSchema.Net on every sample, under every schema.</summary>
public sealed class CompiledJsonSchemaTests
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
    public void CompiledEvaluator_Sample_AgreesWithJsonSchemaNetUnderEverySchema(string id)
    {
        var sample = Samples.Load(id);
        foreach (
            var kind in new[]
            {
                CredentialKind.OpenBadge,
                CredentialKind.Endorsement,
                CredentialKind.Clr,
            }
        )
        {
            foreach (var version in new[] { VcVersion.Vc20, VcVersion.Vc11 })
            {
                Assert.True(
                    CredentialSchemaValidator.LibraryIsValid(sample, kind, version)
                        == CredentialSchemaValidator.FastIsValid(sample, kind, version),
                    $"{kind}/{version} disagree"
                );
            }
        }
    }

    [Theory]
    [InlineData("issuer", "42")]
    [InlineData("credentialSubject", "{}")]
    [InlineData("validFrom", "null")]
    [InlineData("name", "{\"en\":\"Name\",\"de\":\"Name\"}")]
    [InlineData("name", "{\"english\":\"Name\"}")]
    [InlineData("type", "\"OpenBadgeCredential\"")]
    [InlineData("type", "[]")]
    [InlineData("@context", "[\"https://www.w3.org/ns/credentials/v2\"]")]
    [InlineData("evidence", "[{\"type\":\"Evidence\"},{\"type\":[]}]")]
    [InlineData(
        "credentialSubject",
        "{\"type\":\"AchievementSubject\",\"achievement\":{\"id\":\"x\",\"type\":\"Achievement\",\"name\":\"n\",\"description\":\"d\",\"criteria\":{}},\"identifier\":{\"type\":\"IdentityObject\",\"hashed\":\"yes\",\"identityHash\":\"h\",\"identityType\":\"emailAddress\"}}"
    )]
    [InlineData(
        "credentialSubject",
        "{\"type\":\"AchievementSubject\",\"achievement\":{\"id\":\"x\",\"type\":\"Achievement\",\"name\":\"n\",\"description\":\"d\",\"criteria\":{}},\"identifier\":{\"type\":\"IdentityObject\",\"hashed\":true,\"identityHash\":\"h\",\"identityType\":\"ext:custom\",\"extra\":1}}"
    )]
    public void CompiledEvaluator_MutatedCredential_AgreesWithJsonSchemaNet(
        string property,
        string json
    )
    {
        var node = JsonNode.Parse(Samples.Load("ob30/simple.json").GetRawText())!.AsObject();
        node[property] = JsonNode.Parse(json);
        var mutated = JsonSerializer.SerializeToElement(node);
        Assert.Equal(
            CredentialSchemaValidator.LibraryIsValid(
                mutated,
                CredentialKind.OpenBadge,
                VcVersion.Vc20
            ),
            CredentialSchemaValidator.FastIsValid(mutated, CredentialKind.OpenBadge, VcVersion.Vc20)
        );
    }

    [Fact]
    public void Compile_UnsupportedKeyword_Throws()
    {
        var schema = JsonNode.Parse("""{"type":"string","maxLength":3}""")!;
        Assert.Throws<NotSupportedException>(() => CompiledJsonSchema.Compile(schema));
    }
}
