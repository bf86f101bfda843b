using System.Text.Json;
using System.Text.Json.Serialization;

namespace Credstack.Credentials.Model;

/// <summary>A level of a rubric criterion (OB 3.0 §B.1.19 RubricCriterionLevel).</summary>
public sealed record RubricCriterionLevel : IJsonLdNode
{
    /// <summary>The identifier (<c>id</c>), an IRI.</summary>
    [JsonPropertyName("id")]
    public string? Id { get; init; }

    /// <summary>The types (<c>type</c>).</summary>
    [JsonPropertyName("type")]
    public OneOrMany<string>? Type { get; init; }

    /// <summary>Alignments of the level.</summary>
    [JsonPropertyName("alignment")]
    public OneOrMany<Alignment>? Alignment { get; init; }

    /// <summary>A description of the level.</summary>
    [JsonPropertyName("description")]
    public string? Description { get; init; }

    /// <summary>The level name (e.g. <c>Mastered</c>).</summary>
    [JsonPropertyName("level")]
    public string? Level { get; init; }

    /// <summary>The level display name.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; init; }

    /// <summary>The points of the level (a string in OB 3.0).</summary>
    [JsonPropertyName("points")]
    public string? Points { get; init; }

    /// <inheritdoc />
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; init; }
}
