using System.Text.Json;
using Credstack.Credentials.Model;
using Credstack.Credentials.Validation;

namespace Credstack.Credentials.Tests.Model;

public sealed class OpenBadgeCredentialFactoryTests
{
    private static OpenBadgeIssuance Issuance() =>
        new()
        {
            Id = "urn:uuid:9a2f1d0e-4a43-4e0e-9f57-0f2d1c0c6b11",
            Issuer = new Profile
            {
                Id = "https://credstack.example/issuers/1",
                Name = "Example College",
            },
            Achievement = new Achievement
            {
                Id = "https://credstack.example/achievements/teamwork",
                Name = "Teamwork",
                Description = "Works well in a team.",
                Criteria = new Criteria { Narrative = "Nominated by peers." },
            },
            RecipientEmail = "Learner@Example.org",
            ValidFrom = new DateTimeOffset(2025, 3, 4, 10, 11, 12, 345, TimeSpan.FromHours(1)),
            ValidUntil = new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero),
            Salt = "s4lt",
        };

    [Fact]
    public void Create_Issuance_WritesTheContextsInOrderAndUtcDates()
    {
        var json = CredentialJson.ToJsonElement(OpenBadgeCredentialFactory.Create(Issuance()));
        Assert.Equal(
            """["https://www.w3.org/ns/credentials/v2","https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"]""",
            json.GetProperty("@context").GetRawText()
        );
        Assert.Equal(
            """["VerifiableCredential","OpenBadgeCredential"]""",
            json.GetProperty("type").GetRawText()
        );
        Assert.Equal("2025-03-04T09:11:12Z", json.GetProperty("validFrom").GetString());
        Assert.Equal("2030-01-01T00:00:00Z", json.GetProperty("validUntil").GetString());
        Assert.Equal("Teamwork", json.GetProperty("name").GetString());
        Assert.Equal(
            """["Profile"]""",
            json.GetProperty("issuer").GetProperty("type").GetRawText()
        );
        var identifier = json.GetProperty("credentialSubject").GetProperty("identifier")[0];
        Assert.StartsWith(
            "sha256$",
            identifier.GetProperty("identityHash").GetString(),
            StringComparison.Ordinal
        );
        Assert.False(json.GetProperty("credentialSubject").TryGetProperty("id", out _));
        Assert.False(json.TryGetProperty("proof", out _));
    }

    [Fact]
    public void Create_Issuance_HashesTheRecipientEmail()
    {
        var credential = OpenBadgeCredentialFactory.Create(Issuance());
        var identity = credential.CredentialSubject!.Identifier![0];
        Assert.True(identity.MatchesEmail("learner@example.org"));
        Assert.DoesNotContain(
            "example.org",
            CredentialJson.Write(credential),
            StringComparison.OrdinalIgnoreCase
        );
    }

    [Fact]
    public void Create_Issuance_PassesValidationWithoutAnyProblem()
    {
        var report = CredentialValidator.Validate(OpenBadgeCredentialFactory.Create(Issuance()));
        Assert.True(report.Problems.IsEmpty, string.Join("\n", report.Problems));
    }

    [Fact]
    public void Create_Issuance_RoundTripsThroughJson()
    {
        var credential = OpenBadgeCredentialFactory.Create(Issuance());
        var text = CredentialJson.Write(credential);
        var back = CredentialJson.Read<OpenBadgeCredential>(text);
        Assert.True(back.Success, back.Error);
        Assert.Equal(text, CredentialJson.Write(back.Value));
        using var doc = JsonDocument.Parse(text);
        Assert.True(
            JsonElement.DeepEquals(doc.RootElement, CredentialJson.ToJsonElement(back.Value))
        );
    }
}
