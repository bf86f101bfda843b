using Credstack.Server.Features.Members;

namespace Credstack.Server.Features.ApiKeys;

/// <summary>An organisation's API key. Only the SHA-256 of the secret is stored.</summary>
internal sealed class ApiKey
{
    public Guid Id { get; set; }

    public Guid OrganizationId { get; set; }

    public required string Name { get; set; }

    /// <summary>The first characters of the key (<c>csk_</c> and a few more), shown to tell keys apart.</summary>
    public required string Prefix { get; set; }

    /// <summary>Lower-case hex SHA-256 of the whole key.</summary>
    public required string Hash { get; set; }

    /// <summary>The role the key acts with; never more than its creator's.</summary>
    public OrganizationRole Role { get; set; }

    /// <summary>Space-separated permissions the key is limited to, or empty for all of its role's.</summary>
    public string Scopes { get; set; } = "";

    /// <summary>The member the key acts for (its creator), when known.</summary>
    public string? UserId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? ExpiresAt { get; set; }

    public DateTimeOffset? LastUsedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }
}
