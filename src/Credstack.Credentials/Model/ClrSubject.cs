using System.Text.Json;
using System.Text.Json.Serialization;

namespace Credstack.Credentials.Model;

/// <summary>The learner and their records: the <c>credentialSubject</c> of a ClrCredential (CLR 2.0 ClrSubject).</summary>
public sealed record ClrSubject : IJsonLdNode
{
    /// <summary>The identifier (<c>id</c>), an IRI.</summary>
    [JsonPropertyName("id")]
    public string? Id { get; init; }

    /// <summary>The types (<c>type</c>).</summary>
    [JsonPropertyName("type")]
    public OneOrMany<string>? Type { get; init; }

    /// <summary>Identities of the learner.</summary>
    [JsonPropertyName("identifier")]
    public OneOrMany<IdentityObject>? Identifier { get; init; }

    /// <summary>Achievements in the CLR.</summary>
    [JsonPropertyName("achievement")]
    public OneOrMany<Achievement>? Achievement { get; init; }

    /// <summary>The AchievementCredentials that make up the CLR.</summary>
    [JsonPropertyName("verifiableCredential")]
    public OneOrMany<OpenBadgeCredential>? VerifiableCredential { get; init; }

    /// <summary>Associations between the achievements.</summary>
    [JsonPropertyName("association")]
    public OneOrMany<Association>? Association { get; init; }

    /// <inheritdoc />
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; init; }
}
