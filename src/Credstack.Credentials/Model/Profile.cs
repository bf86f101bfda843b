using System.Text.Json;
using System.Text.Json.Serialization;

namespace Credstack.Credentials.Model;

/// <summary>A person or organisation: the issuer, a creator or a source (OB 3.0 §B.1.14 Profile).</summary>
public sealed record Profile : IJsonLdNode
{
    /// <summary>The identifier (<c>id</c>), an IRI.</summary>
    [JsonPropertyName("id")]
    public string? Id { get; init; }

    /// <summary>The types (<c>type</c>).</summary>
    [JsonPropertyName("type")]
    public OneOrMany<string>? Type { get; init; }

    /// <summary>The name.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; init; }

    /// <summary>The home page.</summary>
    [JsonPropertyName("url")]
    public string? Url { get; init; }

    /// <summary>The phone number.</summary>
    [JsonPropertyName("phone")]
    public string? Phone { get; init; }

    /// <summary>A description.</summary>
    [JsonPropertyName("description")]
    public string? Description { get; init; }

    /// <summary>Endorsements of this profile.</summary>
    [JsonPropertyName("endorsement")]
    public OneOrMany<EndorsementCredential>? Endorsement { get; init; }

    /// <summary>Endorsements of this profile as compact JWS.</summary>
    [JsonPropertyName("endorsementJwt")]
    public OneOrMany<string>? EndorsementJwt { get; init; }

    /// <summary>The image (logo).</summary>
    [JsonPropertyName("image")]
    public IdOrObject<Image>? Image { get; init; }

    /// <summary>The email address.</summary>
    [JsonPropertyName("email")]
    public string? Email { get; init; }

    /// <summary>The postal address.</summary>
    [JsonPropertyName("address")]
    public Address? Address { get; init; }

    /// <summary>Other identifiers.</summary>
    [JsonPropertyName("otherIdentifier")]
    public OneOrMany<IdentifierEntry>? OtherIdentifier { get; init; }

    /// <summary>The name of the official who signs for the organisation.</summary>
    [JsonPropertyName("official")]
    public string? Official { get; init; }

    /// <summary>The parent organisation.</summary>
    [JsonPropertyName("parentOrg")]
    public Profile? ParentOrg { get; init; }

    /// <summary>The family name.</summary>
    [JsonPropertyName("familyName")]
    public string? FamilyName { get; init; }

    /// <summary>The given name.</summary>
    [JsonPropertyName("givenName")]
    public string? GivenName { get; init; }

    /// <summary>Additional names.</summary>
    [JsonPropertyName("additionalName")]
    public string? AdditionalName { get; init; }

    /// <summary>The patronymic name.</summary>
    [JsonPropertyName("patronymicName")]
    public string? PatronymicName { get; init; }

    /// <summary>The honorific prefix.</summary>
    [JsonPropertyName("honorificPrefix")]
    public string? HonorificPrefix { get; init; }

    /// <summary>The honorific suffix.</summary>
    [JsonPropertyName("honorificSuffix")]
    public string? HonorificSuffix { get; init; }

    /// <summary>The family name prefix.</summary>
    [JsonPropertyName("familyNamePrefix")]
    public string? FamilyNamePrefix { get; init; }

    /// <summary>The date of birth (xsd:date).</summary>
    [JsonPropertyName("dateOfBirth")]
    public string? DateOfBirth { get; init; }

    /// <inheritdoc />
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; init; }
}
