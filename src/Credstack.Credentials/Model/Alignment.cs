using System.Text.Json;
using System.Text.Json.Serialization;

namespace Credstack.Credentials.Model;

/// <summary>An alignment to a framework node (OB 3.0 §B.1.3 Alignment).</summary>
public sealed record Alignment : IJsonLdNode
{
    /// <summary>The identifier (<c>id</c>), an IRI.</summary>
    [JsonPropertyName("id")]
    public string? Id { get; init; }

    /// <summary>The types (<c>type</c>).</summary>
    [JsonPropertyName("type")]
    public OneOrMany<string>? Type { get; init; }

    /// <summary>The code of the target in the framework.</summary>
    [JsonPropertyName("targetCode")]
    public string? TargetCode { get; init; }

    /// <summary>A description of the target.</summary>
    [JsonPropertyName("targetDescription")]
    public string? TargetDescription { get; init; }

    /// <summary>The name of the target.</summary>
    [JsonPropertyName("targetName")]
    public string? TargetName { get; init; }

    /// <summary>The framework name.</summary>
    [JsonPropertyName("targetFramework")]
    public string? TargetFramework { get; init; }

    /// <summary>The target type (e.g. <c>CFItem</c>).</summary>
    [JsonPropertyName("targetType")]
    public string? TargetType { get; init; }

    /// <summary>The URL of the target.</summary>
    [JsonPropertyName("targetUrl")]
    public string? TargetUrl { get; init; }

    /// <inheritdoc />
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; init; }
}
