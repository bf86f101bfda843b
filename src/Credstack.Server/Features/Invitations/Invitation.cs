using Credstack.Server.Features.Members;

namespace Credstack.Server.Features.Invitations;

/// <summary>An invitation to join an organisation with a role; accepted with a one-time token.</summary>
internal sealed class Invitation
{
    public Guid Id { get; set; }

    public Guid OrganizationId { get; set; }

    public required string Email { get; set; }

    public OrganizationRole Role { get; set; }

    /// <summary>SHA-256 (hex) of the token; the token itself is shown once, when the invitation is created.</summary>
    public required string TokenHash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? AcceptedAt { get; set; }

    public string? AcceptedByUserId { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    public Guid? CreatedByApiKeyId { get; set; }
}
