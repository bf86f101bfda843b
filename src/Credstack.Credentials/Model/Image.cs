using System.Text.Json;
using System.Text.Json.Serialization;

namespace Credstack.Credentials.Model;

/// <summary>An image (OB 3.0 §B.1.12 Image): a URL or data URI with an optional caption.</summary>
public sealed record Image : IJsonLdNode
{
    /// <summary>The identifier (<c>id</c>), an IRI.</summary>
    [JsonPropertyName("id")]
    public string? Id { get; init; }

    /// <summary>The types (<c>type</c>).</summary>
    [JsonPropertyName("type")]
    public OneOrMany<string>? Type { get; init; }

    /// <summary>The image caption.</summary>
    [JsonPropertyName("caption")]
    public string? Caption { get; init; }

    /// <inheritdoc />
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; init; }
}
