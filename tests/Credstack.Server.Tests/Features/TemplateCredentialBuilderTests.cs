using System.Text.Json.Nodes;
using Credstack.Credentials.Keys;
using Credstack.Server.Features.IssuerIdentity;
using Credstack.Server.Features.Issuing;
using Credstack.Server.Features.Templates;

namespace Credstack.Server.Tests.Features;

/// <summary>The prepared (bulk) build of a template's credential against the per-credential build.</summary>
public sealed class TemplateCredentialBuilderTests
{
    private static TemplateCredentialBuilder Builder(SigningKey key) =>
        new(
            new Uri("https://issuer.example"),
            new IssuerSigner(
                Guid.NewGuid(),
                "did:web:issuer.example",
                "did:web:issuer.example#key-1",
                key,
                new JsonObject
                {
                    ["id"] = "did:web:issuer.example",
                    ["type"] = new JsonArray("Profile"),
                    ["name"] = "Example University",
                    ["url"] = "https://issuer.example",
                }
            ),
            new CredentialTemplateVersion
            {
                Id = Guid.NewGuid(),
                TemplateId = Guid.NewGuid(),
                Version = 3,
                Kind = TemplateKind.MicroCredential,
                Name = "Data analysis",
                Description = "Cleans and explores data.",
                CriteriaNarrative = "Passes the project.",
                CriteriaUrl = "https://issuer.example/criteria",
                SkillsJson = """[{"name":"Data analysis","framework":"ESCO","code":"S7.4"}]""",
                EffortCredits = 1.5m,
                ValidityDays = 365,
                TagsJson = """["data"]""",
                ImageId = Guid.NewGuid(),
            }
        );

    private static TemplateRecipient Recipient(int which) =>
        which == 0
            ? new TemplateRecipient(
                "ada@example.org",
                "Ada Lovelace",
                new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero),
                null,
                null,
                null
            )
            : new TemplateRecipient(
                "Grace@Example.org",
                "Grace Hopper",
                new DateTimeOffset(2026, 5, 6, 7, 8, 9, TimeSpan.FromHours(2)),
                new DateTimeOffset(2028, 5, 6, 7, 8, 9, TimeSpan.Zero),
                "  Built a compiler.  ",
                [
                    new EvidenceRequest("https://evidence.example/1", "Project", null, "Notes"),
                    new EvidenceRequest(null, null, "A report", null),
                ]
            );

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void Prepared_BuildsTheSameCredentialAsBuild_PropertyForProperty(int which)
    {
        var recipient = Recipient(which);
        using var key = SigningKey.Generate(KeyType.Ed25519);
        var builder = Builder(key);
        var status = TemplateCredentialBuilder.StatusEntry(
            "https://issuer.example/status/1",
            StatusListService.Revocation,
            42
        );
        var expected = builder.Build("https://issuer.example/credentials/1", recipient, status);
        var actual = builder
            .Prepare()
            .Build(
                "https://issuer.example/credentials/1",
                recipient,
                (JsonObject)status.DeepClone()
            );

        // The hashed e-mail has a random salt per credential: it must hash this recipient's address with
        // its own salt; the rest must be identical, in the same order.
        var identity = actual["credentialSubject"]!["identifier"]![0]!;
        var salt = (string)identity["salt"]!;
        Assert.True(
            Credstack
                .Credentials.Model.IdentityObject.CreateHashedEmail(recipient.Email, salt)
                .MatchesEmail(recipient.Email)
        );
        Assert.Equal(
            (string?)
                Credstack
                    .Credentials.Model.IdentityObject.CreateHashedEmail(recipient.Email, salt)
                    .IdentityHash,
            (string?)identity["identityHash"]
        );
        Assert.NotEqual(salt, (string?)expected["credentialSubject"]!["identifier"]![0]!["salt"]);
        expected["credentialSubject"]!["identifier"]![0] = identity.DeepClone();
        Assert.Equal(expected.ToJsonString(), actual.ToJsonString());
    }

    [Fact]
    public void Prepared_IsReusable_EachBuildIsIndependent()
    {
        using var key = SigningKey.Generate(KeyType.Ed25519);
        var prepared = Builder(key).Prepare();
        var (first, second) = (Recipient(0), Recipient(1));
        var a = prepared.Build(
            "urn:a",
            first,
            TemplateCredentialBuilder.StatusEntry("https://l", "revocation", 1)
        );
        var b = prepared.Build(
            "urn:b",
            second,
            TemplateCredentialBuilder.StatusEntry("https://l", "revocation", 2)
        );
        Assert.Equal("urn:a", (string?)a["id"]);
        Assert.Null(a["validUntil"]);
        Assert.Null(a["credentialSubject"]!["narrative"]);
        Assert.Equal("urn:b", (string?)b["id"]);
        Assert.Equal("2028-05-06T07:08:09Z", (string?)b["validUntil"]);
        Assert.Equal("Built a compiler.", (string?)b["credentialSubject"]!["narrative"]);
        Assert.Equal(
            "Ada Lovelace",
            (string?)a["credentialSubject"]!["identifier"]![1]!["identityHash"]
        );
    }
}
