namespace Credstack.Credentials.Model;

/// <summary>What <see cref="OpenBadgeCredentialFactory.Create"/> needs to write a new OpenBadgeCredential.</summary>
public sealed record OpenBadgeIssuance
{
    /// <summary>The credential id, an absolute URL (e.g. <c>urn:uuid:…</c> or the credential's public URL).</summary>
    public required string Id { get; init; }

    /// <summary>The issuer profile; its <c>id</c> must be a URL (VC 2.0 §4.7).</summary>
    public required Profile Issuer { get; init; }

    /// <summary>The achievement awarded.</summary>
    public required Achievement Achievement { get; init; }

    /// <summary>The recipient's email, stored only as a salted SHA-256 hash (OB 3.0 §B.1.11).</summary>
    public required string RecipientEmail { get; init; }

    /// <summary>The start of the validity period.</summary>
    public required DateTimeOffset ValidFrom { get; init; }

    /// <summary>The end of the validity period, if any.</summary>
    public DateTimeOffset? ValidUntil { get; init; }

    /// <summary>When the achievement was awarded, if it differs from <see cref="ValidFrom"/>.</summary>
    public DateTimeOffset? AwardedDate { get; init; }

    /// <summary>The recipient's own identifier (e.g. a DID), if known.</summary>
    public string? RecipientId { get; init; }

    /// <summary>The salt for the email hash; random when <see langword="null"/> (set it only for reproducible tests).</summary>
    public string? Salt { get; init; }

    /// <summary>The credential name; the achievement's name when <see langword="null"/>.</summary>
    public string? Name { get; init; }
}
