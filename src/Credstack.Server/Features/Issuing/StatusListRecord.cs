namespace Credstack.Server.Features.Issuing;

/// <summary>
/// A published BitstringStatusListCredential of an organisation (one per purpose). Its bits follow from the
/// credentials' statuses; the signed credential is cached here and re-signed on read when dirty.
/// </summary>
internal sealed class StatusListRecord
{
    public Guid Id { get; set; }

    public Guid OrganizationId { get; set; }

    /// <summary><c>revocation</c> or <c>suspension</c>.</summary>
    public required string Purpose { get; set; }

    public int Number { get; set; }

    /// <summary>The signed list credential as served, null until first built.</summary>
    public string? SignedJson { get; set; }

    public string? ETag { get; set; }

    /// <summary>Bumped (atomically) on every status change of a credential in the list.</summary>
    public int Version { get; set; } = 1;

    /// <summary>The <see cref="Version"/> <see cref="SignedJson"/> was built from; behind it means dirty.</summary>
    public int SignedVersion { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
