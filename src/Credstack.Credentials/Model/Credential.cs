using System.Text.Json;
using System.Text.Json.Serialization;

namespace Credstack.Credentials.Model;

/// <summary>
/// The properties every verifiable credential shares (VC 2.0 §4, with the VC 1.1 date names kept for older
/// credentials). The concrete types add their <c>credentialSubject</c>.
/// </summary>
public abstract record Credential : IJsonLdNode
{
    /// <summary>The JSON-LD contexts (<c>@context</c>), in order.</summary>
    [JsonPropertyName("@context")]
    public OneOrMany<ContextEntry>? Context { get; init; }

    /// <summary>The identifier (<c>id</c>), an IRI.</summary>
    [JsonPropertyName("id")]
    public string? Id { get; init; }

    /// <summary>The types (<c>type</c>).</summary>
    [JsonPropertyName("type")]
    public OneOrMany<string>? Type { get; init; }

    /// <summary>The name of the credential.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; init; }

    /// <summary>A description of the credential.</summary>
    [JsonPropertyName("description")]
    public string? Description { get; init; }

    /// <summary>An image of the credential.</summary>
    [JsonPropertyName("image")]
    public IdOrObject<Image>? Image { get; init; }

    /// <summary>The issuer: a URL or a Profile with an <c>id</c> (VC 2.0 §4.7).</summary>
    [JsonPropertyName("issuer")]
    public IdOrObject<Profile>? Issuer { get; init; }

    /// <summary>VC 2.0 <c>validFrom</c>, an XMLSchema dateTimeStamp, kept as written.</summary>
    [JsonPropertyName("validFrom")]
    public string? ValidFrom { get; init; }

    /// <summary>VC 2.0 <c>validUntil</c>, kept as written.</summary>
    [JsonPropertyName("validUntil")]
    public string? ValidUntil { get; init; }

    /// <summary>VC 1.1 <c>issuanceDate</c>, kept as written.</summary>
    [JsonPropertyName("issuanceDate")]
    public string? IssuanceDate { get; init; }

    /// <summary>VC 1.1 <c>expirationDate</c>, kept as written.</summary>
    [JsonPropertyName("expirationDate")]
    public string? ExpirationDate { get; init; }

    /// <summary>OB 3.0 <c>awardedDate</c>, kept as written.</summary>
    [JsonPropertyName("awardedDate")]
    public string? AwardedDate { get; init; }

    /// <summary>Evidence.</summary>
    [JsonPropertyName("evidence")]
    public OneOrMany<Evidence>? Evidence { get; init; }

    /// <summary>Status entries.</summary>
    [JsonPropertyName("credentialStatus")]
    public OneOrMany<CredentialStatus>? CredentialStatus { get; init; }

    /// <summary>Schemas the credential claims.</summary>
    [JsonPropertyName("credentialSchema")]
    public OneOrMany<CredentialSchema>? CredentialSchema { get; init; }

    /// <summary>Refresh services.</summary>
    [JsonPropertyName("refreshService")]
    public OneOrMany<RefreshService>? RefreshService { get; init; }

    /// <summary>Terms of use.</summary>
    [JsonPropertyName("termsOfUse")]
    public OneOrMany<TermsOfUse>? TermsOfUse { get; init; }

    /// <summary>The embedded proof or proof set, kept as JSON (checked by the proof verifiers).</summary>
    [JsonPropertyName("proof")]
    public JsonElement? Proof { get; init; }

    /// <inheritdoc />
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; init; }

    /// <summary>The start of the validity period: <c>validFrom</c>, else VC 1.1 <c>issuanceDate</c>, parsed strictly
    /// as a dateTimeStamp; <see langword="null"/> when absent or malformed.</summary>
    /// <returns>The instant, or <see langword="null"/>.</returns>
    public DateTimeOffset? GetValidFrom() => Parse(ValidFrom ?? IssuanceDate);

    /// <summary>The end of the validity period: <c>validUntil</c>, else VC 1.1 <c>expirationDate</c>, parsed strictly;
    /// <see langword="null"/> when absent or malformed.</summary>
    /// <returns>The instant, or <see langword="null"/>.</returns>
    public DateTimeOffset? GetValidUntil() => Parse(ValidUntil ?? ExpirationDate);

    /// <summary>Whether <c>type</c> includes <paramref name="type"/> (ordinal comparison).</summary>
    /// <param name="type">The type to look for, e.g. <see cref="CredentialTypes.OpenBadgeCredential"/>.</param>
    /// <returns><see langword="true"/> if present.</returns>
    public bool HasType(string type) => Type?.Contains(type) == true;

    private static DateTimeOffset? Parse(string? text) =>
        Validation.XsdDateTime.TryParseDateTimeStamp(text, out var value) ? value : null;
}
