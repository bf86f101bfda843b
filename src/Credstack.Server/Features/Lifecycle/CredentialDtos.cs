using System.Text.Json.Nodes;

namespace Credstack.Server.Features.Lifecycle;

/// <summary>An issued credential as the API lists it.</summary>
internal sealed record CredentialSummary(
    Guid Id,
    string CredentialId,
    Guid? TemplateId,
    int? TemplateVersion,
    string? Name,
    string? RecipientName,
    string? RecipientEmail,
    string Format,
    string Status,
    DateTimeOffset IssuedAt,
    DateTimeOffset? ValidUntil,
    DateTimeOffset? RevokedAt,
    string? RevocationReason
);

/// <summary>One credential with its signed content (an object, or a VC-JWT string).</summary>
internal sealed record CredentialDetail(CredentialSummary Summary, JsonNode Credential);

/// <summary>A page of credentials.</summary>
internal sealed record CredentialListResponse(
    IReadOnlyList<CredentialSummary> Items,
    int Page,
    int PageSize,
    int Total
);

/// <summary>POST body of <c>/revoke</c>.</summary>
internal sealed record RevokeRequest(string? Reason);
