using System.Text.Json;
using System.Text.Json.Serialization;

namespace Credstack.Credentials.Model;

/// <summary>A result the earner achieved (OB 3.0 §B.1.17 Result).</summary>
public sealed record Result : IJsonLdNode
{
    /// <summary>The identifier (<c>id</c>), an IRI.</summary>
    [JsonPropertyName("id")]
    public string? Id { get; init; }

    /// <summary>The types (<c>type</c>).</summary>
    [JsonPropertyName("type")]
    public OneOrMany<string>? Type { get; init; }

    /// <summary>The id of the rubric level achieved.</summary>
    [JsonPropertyName("achievedLevel")]
    public string? AchievedLevel { get; init; }

    /// <summary>Alignments of the result.</summary>
    [JsonPropertyName("alignment")]
    public OneOrMany<Alignment>? Alignment { get; init; }

    /// <summary>The id of the <see cref="Model.ResultDescription"/> this result is for.</summary>
    [JsonPropertyName("resultDescription")]
    public string? ResultDescription { get; init; }

    /// <summary>The status (e.g. <c>Completed</c>).</summary>
    [JsonPropertyName("status")]
    public string? Status { get; init; }

    /// <summary>The value.</summary>
    [JsonPropertyName("value")]
    public string? Value { get; init; }

    /// <inheritdoc />
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; init; }
}
