using System.Text.Json;
using System.Text.Json.Serialization;

namespace Credstack.Credentials.Model;

/// <summary>The endorsed entity: the <c>credentialSubject</c> of an EndorsementCredential (OB 3.0 §B.2.3 EndorsementSubject).</summary>
public sealed record EndorsementSubject : IJsonLdNode
{
    /// <summary>The identifier (<c>id</c>), an IRI.</summary>
    [JsonPropertyName("id")]
    public string? Id { get; init; }

    /// <summary>The types (<c>type</c>).</summary>
    [JsonPropertyName("type")]
    public OneOrMany<string>? Type { get; init; }

    /// <summary>The endorser's comment (Markdown).</summary>
    [JsonPropertyName("endorsementComment")]
    public string? EndorsementComment { get; init; }

    /// <inheritdoc />
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; init; }
}
