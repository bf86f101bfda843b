using System.Text.Json;
using System.Text.Json.Serialization;

namespace Credstack.Credentials.Model;

/// <summary>A relationship between two achievements in a CLR (CLR 2.0 Association).</summary>
public sealed record Association : IJsonLdNode
{
    /// <summary>The identifier (<c>id</c>), an IRI.</summary>
    [JsonPropertyName("id")]
    public string? Id { get; init; }

    /// <summary>The types (<c>type</c>).</summary>
    [JsonPropertyName("type")]
    public OneOrMany<string>? Type { get; init; }

    /// <summary>The association type (e.g. <c>isChildOf</c>).</summary>
    [JsonPropertyName("associationType")]
    public string? AssociationType { get; init; }

    /// <summary>The id of the source achievement.</summary>
    [JsonPropertyName("sourceId")]
    public string? SourceId { get; init; }

    /// <summary>The id of the target achievement.</summary>
    [JsonPropertyName("targetId")]
    public string? TargetId { get; init; }

    /// <inheritdoc />
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; init; }
}
