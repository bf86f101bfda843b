using System.Text.Json;
using System.Text.Json.Serialization;

namespace Credstack.Credentials.Model;

/// <summary>Another identifier of a profile or achievement (OB 3.0 §B.1.10 IdentifierEntry).</summary>
public sealed record IdentifierEntry : IJsonLdNode
{
    /// <summary>The identifier (<c>id</c>), an IRI.</summary>
    [JsonPropertyName("id")]
    public string? Id { get; init; }

    /// <summary>The types (<c>type</c>).</summary>
    [JsonPropertyName("type")]
    public OneOrMany<string>? Type { get; init; }

    /// <summary>The identifier.</summary>
    [JsonPropertyName("identifier")]
    public string? Identifier { get; init; }

    /// <summary>The identifier type (e.g. <c>sourcedId</c>).</summary>
    [JsonPropertyName("identifierType")]
    public string? IdentifierType { get; init; }

    /// <inheritdoc />
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; init; }
}
