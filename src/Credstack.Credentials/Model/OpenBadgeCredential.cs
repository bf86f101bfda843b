using System.Text.Json;
using System.Text.Json.Serialization;

namespace Credstack.Credentials.Model;

/// <summary>An Open Badges 3.0 credential: OpenBadgeCredential, also known as AchievementCredential (OB 3.0 §B.1.1).</summary>
public sealed record OpenBadgeCredential : Credential
{
    /// <summary>The earner and the achievement.</summary>
    [JsonPropertyName("credentialSubject")]
    public AchievementSubject? CredentialSubject { get; init; }

    /// <summary>Endorsements of the credential.</summary>
    [JsonPropertyName("endorsement")]
    public OneOrMany<EndorsementCredential>? Endorsement { get; init; }

    /// <summary>Endorsements as compact JWS.</summary>
    [JsonPropertyName("endorsementJwt")]
    public OneOrMany<string>? EndorsementJwt { get; init; }
}
