using System.Text.Json;
using System.Text.Json.Serialization;

namespace Credstack.Credentials.Model;

/// <summary>A postal address (OB 3.0 §B.1.4 Address).</summary>
public sealed record Address : IJsonLdNode
{
    /// <summary>The identifier (<c>id</c>), an IRI.</summary>
    [JsonPropertyName("id")]
    public string? Id { get; init; }

    /// <summary>The types (<c>type</c>).</summary>
    [JsonPropertyName("type")]
    public OneOrMany<string>? Type { get; init; }

    /// <summary>The country.</summary>
    [JsonPropertyName("addressCountry")]
    public string? AddressCountry { get; init; }

    /// <summary>The ISO 3166-1 alpha-2 country code.</summary>
    [JsonPropertyName("addressCountryCode")]
    public string? AddressCountryCode { get; init; }

    /// <summary>The region.</summary>
    [JsonPropertyName("addressRegion")]
    public string? AddressRegion { get; init; }

    /// <summary>The locality (city).</summary>
    [JsonPropertyName("addressLocality")]
    public string? AddressLocality { get; init; }

    /// <summary>The street address.</summary>
    [JsonPropertyName("streetAddress")]
    public string? StreetAddress { get; init; }

    /// <summary>The post office box number.</summary>
    [JsonPropertyName("postOfficeBoxNumber")]
    public string? PostOfficeBoxNumber { get; init; }

    /// <summary>The postal code.</summary>
    [JsonPropertyName("postalCode")]
    public string? PostalCode { get; init; }

    /// <summary>The geographic coordinates.</summary>
    [JsonPropertyName("geo")]
    public GeoCoordinates? Geo { get; init; }

    /// <inheritdoc />
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; init; }
}
