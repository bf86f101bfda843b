using System.Text.Json;
using System.Text.Json.Serialization;

namespace Credstack.Credentials.Model;

/// <summary>The earner and what they earned: the <c>credentialSubject</c> of an OpenBadgeCredential (OB 3.0 §B.1.1 AchievementSubject).</summary>
public sealed record AchievementSubject : IJsonLdNode
{
    /// <summary>The identifier (<c>id</c>), an IRI.</summary>
    [JsonPropertyName("id")]
    public string? Id { get; init; }

    /// <summary>The types (<c>type</c>).</summary>
    [JsonPropertyName("type")]
    public OneOrMany<string>? Type { get; init; }

    /// <summary>When the activity ended (xsd:dateTime).</summary>
    [JsonPropertyName("activityEndDate")]
    public string? ActivityEndDate { get; init; }

    /// <summary>When the activity started (xsd:dateTime).</summary>
    [JsonPropertyName("activityStartDate")]
    public string? ActivityStartDate { get; init; }

    /// <summary>The credits earned.</summary>
    [JsonPropertyName("creditsEarned")]
    public double? CreditsEarned { get; init; }

    /// <summary>The achievement.</summary>
    [JsonPropertyName("achievement")]
    public Achievement? Achievement { get; init; }

    /// <summary>Identities of the earner (e.g. a hashed email).</summary>
    [JsonPropertyName("identifier")]
    public OneOrMany<IdentityObject>? Identifier { get; init; }

    /// <summary>An image of the earner's achievement.</summary>
    [JsonPropertyName("image")]
    public IdOrObject<Image>? Image { get; init; }

    /// <summary>A licence number.</summary>
    [JsonPropertyName("licenseNumber")]
    public string? LicenseNumber { get; init; }

    /// <summary>A narrative of how it was earned.</summary>
    [JsonPropertyName("narrative")]
    public string? Narrative { get; init; }

    /// <summary>The results.</summary>
    [JsonPropertyName("result")]
    public OneOrMany<Result>? Result { get; init; }

    /// <summary>The role of the earner.</summary>
    [JsonPropertyName("role")]
    public string? Role { get; init; }

    /// <summary>The organisation that assessed the earner, when not the issuer.</summary>
    [JsonPropertyName("source")]
    public Profile? Source { get; init; }

    /// <summary>The academic term.</summary>
    [JsonPropertyName("term")]
    public string? Term { get; init; }

    /// <inheritdoc />
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; init; }
}
