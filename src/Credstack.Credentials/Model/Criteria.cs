using System.Text.Json;
using System.Text.Json.Serialization;

namespace Credstack.Credentials.Model;

/// <summary>How an achievement is earned (OB 3.0 §B.1.6 Criteria).</summary>
public sealed record Criteria : IJsonLdNode
{
    /// <summary>The identifier (<c>id</c>), an IRI.</summary>
    [JsonPropertyName("id")]
    public string? Id { get; init; }

    /// <summary>A narrative (Markdown) of what the earner did.</summary>
    [JsonPropertyName("narrative")]
    public string? Narrative { get; init; }

    /// <summary>The types (<c>type</c>).</summary>
    [JsonPropertyName("type")]
    public OneOrMany<string>? Type { get; init; }

    /// <inheritdoc />
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; init; }
}
