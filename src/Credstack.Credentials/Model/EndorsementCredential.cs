using System.Text.Json;
using System.Text.Json.Serialization;

namespace Credstack.Credentials.Model;

/// <summary>An Open Badges 3.0 EndorsementCredential (OB 3.0 §B.2.2).</summary>
public sealed record EndorsementCredential : Credential
{
    /// <summary>The endorsed entity.</summary>
    [JsonPropertyName("credentialSubject")]
    public EndorsementSubject? CredentialSubject { get; init; }
}
