namespace Credstack.Server.Features.Notifications;

/// <summary>
/// A claim link of a credential (<c>{PublicOrigin}/claim/{token}</c>): only the SHA-256 of the token is
/// stored; the token itself travels in the recipient's e-mail.
/// </summary>
internal sealed class CredentialClaim
{
    public Guid Id { get; set; }

    public Guid OrganizationId { get; set; }

    public Guid CredentialId { get; set; }

    /// <summary>Lower-case hex SHA-256 of the token's text.</summary>
    public required string TokenHash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the link was first opened; null until then.</summary>
    public DateTimeOffset? FirstClaimedAt { get; set; }
}
