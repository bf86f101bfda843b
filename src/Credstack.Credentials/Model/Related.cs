using System.Text.Json;
using System.Text.Json.Serialization;

namespace Credstack.Credentials.Model;

/// <summary>A related achievement, e.g. another language version (OB 3.0 §B.1.16 Related).</summary>
public sealed record Related : IJsonLdNode
{
    /// <summary>The identifier (<c>id</c>), an IRI.</summary>
    [JsonPropertyName("id")]
    public string? Id { get; init; }

    /// <summary>The types (<c>type</c>).</summary>
    [JsonPropertyName("type")]
    public OneOrMany<string>? Type { get; init; }

    /// <summary>The language of the related achievement.</summary>
    [JsonPropertyName("inLanguage")]
    public string? InLanguage { get; init; }

    /// <summary>The version of the related achievement.</summary>
    [JsonPropertyName("version")]
    public string? Version { get; init; }

    /// <inheritdoc />
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; init; }
}
