using System.Text.Json;
using System.Text.Json.Serialization;

namespace Credstack.Credentials.Model;

/// <summary>A Comprehensive Learner Record 2.0 ClrCredential (CLR 2.0 §B.1.3).</summary>
public sealed record ClrCredential : Credential
{
    /// <summary>Whether the CLR holds only part of the learner's records.</summary>
    [JsonPropertyName("partial")]
    public bool? Partial { get; init; }

    /// <summary>The learner and the records.</summary>
    [JsonPropertyName("credentialSubject")]
    public ClrSubject? CredentialSubject { get; init; }

    /// <summary>Endorsements of the CLR.</summary>
    [JsonPropertyName("endorsement")]
    public OneOrMany<EndorsementCredential>? Endorsement { get; init; }

    /// <summary>Endorsements as compact JWS.</summary>
    [JsonPropertyName("endorsementJwt")]
    public OneOrMany<string>? EndorsementJwt { get; init; }
}
