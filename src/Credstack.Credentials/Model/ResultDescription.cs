using System.Text.Json;
using System.Text.Json.Serialization;

namespace Credstack.Credentials.Model;

/// <summary>Describes a possible result of an achievement (OB 3.0 §B.1.18 ResultDescription).</summary>
public sealed record ResultDescription : IJsonLdNode
{
    /// <summary>The identifier (<c>id</c>), an IRI.</summary>
    [JsonPropertyName("id")]
    public string? Id { get; init; }

    /// <summary>The types (<c>type</c>).</summary>
    [JsonPropertyName("type")]
    public OneOrMany<string>? Type { get; init; }

    /// <summary>Alignments of the result.</summary>
    [JsonPropertyName("alignment")]
    public OneOrMany<Alignment>? Alignment { get; init; }

    /// <summary>The ordered allowed values (for <c>resultType</c> with a fixed set).</summary>
    [JsonPropertyName("allowedValue")]
    public OneOrMany<string>? AllowedValue { get; init; }

    /// <summary>The name of the result.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; init; }

    /// <summary>The id of the rubric level required to earn the achievement.</summary>
    [JsonPropertyName("requiredLevel")]
    public string? RequiredLevel { get; init; }

    /// <summary>The value required to earn the achievement.</summary>
    [JsonPropertyName("requiredValue")]
    public string? RequiredValue { get; init; }

    /// <summary>The result type (e.g. <c>LetterGrade</c>, <c>RubricCriterionLevel</c>).</summary>
    [JsonPropertyName("resultType")]
    public string? ResultType { get; init; }

    /// <summary>The rubric levels.</summary>
    [JsonPropertyName("rubricCriterionLevel")]
    public OneOrMany<RubricCriterionLevel>? RubricCriterionLevel { get; init; }

    /// <summary>The maximum value.</summary>
    [JsonPropertyName("valueMax")]
    public string? ValueMax { get; init; }

    /// <summary>The minimum value.</summary>
    [JsonPropertyName("valueMin")]
    public string? ValueMin { get; init; }

    /// <inheritdoc />
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; init; }
}
