using System.Text.Json;
using System.Text.Json.Serialization;

namespace Credstack.Credentials.Model;

/// <summary>Evidence of an achievement (OB 3.0 §B.1.8 Evidence).</summary>
public sealed record Evidence : IJsonLdNode
{
    /// <summary>The identifier (<c>id</c>), an IRI.</summary>
    [JsonPropertyName("id")]
    public string? Id { get; init; }

    /// <summary>The types (<c>type</c>).</summary>
    [JsonPropertyName("type")]
    public OneOrMany<string>? Type { get; init; }

    /// <summary>A narrative (Markdown) describing the evidence.</summary>
    [JsonPropertyName("narrative")]
    public string? Narrative { get; init; }

    /// <summary>The name of the evidence.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; init; }

    /// <summary>A description of the evidence.</summary>
    [JsonPropertyName("description")]
    public string? Description { get; init; }

    /// <summary>The genre of the evidence.</summary>
    [JsonPropertyName("genre")]
    public string? Genre { get; init; }

    /// <summary>The intended audience.</summary>
    [JsonPropertyName("audience")]
    public string? Audience { get; init; }

    /// <inheritdoc />
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; init; }
}
