using System.Text.Json;
using System.Text.Json.Serialization;

namespace Credstack.Credentials.Model;

/// <summary>An achievement that can be awarded (OB 3.0 §B.1.2 Achievement).</summary>
public sealed record Achievement : IJsonLdNode
{
    /// <summary>The identifier (<c>id</c>), an IRI.</summary>
    [JsonPropertyName("id")]
    public string? Id { get; init; }

    /// <summary>The types (<c>type</c>).</summary>
    [JsonPropertyName("type")]
    public OneOrMany<string>? Type { get; init; }

    /// <summary>Alignments to frameworks.</summary>
    [JsonPropertyName("alignment")]
    public OneOrMany<Alignment>? Alignment { get; init; }

    /// <summary>The achievement type (e.g. <c>Badge</c>, <c>Certificate</c>).</summary>
    [JsonPropertyName("achievementType")]
    public string? AchievementType { get; init; }

    /// <summary>Who created the achievement.</summary>
    [JsonPropertyName("creator")]
    public Profile? Creator { get; init; }

    /// <summary>The credits available.</summary>
    [JsonPropertyName("creditsAvailable")]
    public double? CreditsAvailable { get; init; }

    /// <summary>How it is earned.</summary>
    [JsonPropertyName("criteria")]
    public Criteria? Criteria { get; init; }

    /// <summary>A description.</summary>
    [JsonPropertyName("description")]
    public string? Description { get; init; }

    /// <summary>Endorsements of this achievement.</summary>
    [JsonPropertyName("endorsement")]
    public OneOrMany<EndorsementCredential>? Endorsement { get; init; }

    /// <summary>Endorsements as compact JWS.</summary>
    [JsonPropertyName("endorsementJwt")]
    public OneOrMany<string>? EndorsementJwt { get; init; }

    /// <summary>The field of study.</summary>
    [JsonPropertyName("fieldOfStudy")]
    public string? FieldOfStudy { get; init; }

    /// <summary>A human-readable code.</summary>
    [JsonPropertyName("humanCode")]
    public string? HumanCode { get; init; }

    /// <summary>The image.</summary>
    [JsonPropertyName("image")]
    public IdOrObject<Image>? Image { get; init; }

    /// <summary>The language (BCP 47).</summary>
    [JsonPropertyName("inLanguage")]
    public string? InLanguage { get; init; }

    /// <summary>The name.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; init; }

    /// <summary>Other identifiers.</summary>
    [JsonPropertyName("otherIdentifier")]
    public OneOrMany<IdentifierEntry>? OtherIdentifier { get; init; }

    /// <summary>Related achievements.</summary>
    [JsonPropertyName("related")]
    public OneOrMany<Related>? Related { get; init; }

    /// <summary>Possible results.</summary>
    [JsonPropertyName("resultDescription")]
    public OneOrMany<ResultDescription>? ResultDescription { get; init; }

    /// <summary>The specialization.</summary>
    [JsonPropertyName("specialization")]
    public string? Specialization { get; init; }

    /// <summary>Tags.</summary>
    [JsonPropertyName("tag")]
    public OneOrMany<string>? Tag { get; init; }

    /// <summary>The version.</summary>
    [JsonPropertyName("version")]
    public string? Version { get; init; }

    /// <inheritdoc />
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; init; }
}
