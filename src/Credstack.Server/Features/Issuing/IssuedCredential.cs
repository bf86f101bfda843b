namespace Credstack.Server.Features.Issuing;

/// <summary>
/// A credential the organisation issued, stored exactly as signed (<see cref="Content"/>), with its place in
/// the organisation's revocation and suspension lists and its current status.
/// </summary>
internal sealed class IssuedCredential
{
    /// <summary>The last path segment of the public id (<c>{PublicOrigin}/credentials/{Id}</c>).</summary>
    public Guid Id { get; set; }

    public Guid OrganizationId { get; set; }

    /// <summary>The credential's <c>id</c> as signed.</summary>
    public required string CredentialId { get; set; }

    public Guid? TemplateId { get; set; }

    public int? TemplateVersion { get; set; }

    public string? Name { get; set; }

    public string? RecipientName { get; set; }

    public string? RecipientEmail { get; set; }

    /// <summary><c>ldp</c> (a JSON-LD credential with a Data Integrity proof) or <c>jwt</c> (a VC-JWT).</summary>
    public required string Format { get; set; }

    /// <summary>The credential exactly as signed: JSON text, or the compact JWT.</summary>
    public required string Content { get; set; }

    public DateTimeOffset IssuedAt { get; set; }

    public DateTimeOffset? ValidUntil { get; set; }

    /// <summary>The number of the organisation's revocation list the credential is in (1, 2, …); null without a status entry.</summary>
    public int? RevocationList { get; set; }

    /// <summary>The index in the revocation list <see cref="RevocationList"/>; null when the credential has no status entry.</summary>
    public int? RevocationIndex { get; set; }

    /// <summary>The number of the organisation's suspension list the credential is in.</summary>
    public int? SuspensionList { get; set; }

    /// <summary>The index in the suspension list <see cref="SuspensionList"/>.</summary>
    public int? SuspensionIndex { get; set; }

    public bool Revoked { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    public string? RevocationReason { get; set; }

    public bool Suspended { get; set; }

    /// <summary>The <c>Idempotency-Key</c> the credential was issued under, if any.</summary>
    public string? IdempotencyKey { get; set; }

    /// <summary>SHA-256 (hex) of the request issued under <see cref="IdempotencyKey"/>.</summary>
    public string? RequestHash { get; set; }

    /// <summary>The bulk job that issued the credential, if any.</summary>
    public Guid? BulkJobId { get; set; }

    /// <summary>
    /// The line of the bulk job's CSV file the credential was issued for; unique per job, which makes bulk
    /// issuing exactly-once whatever node issues the row.
    /// </summary>
    public int? BulkLine { get; set; }

    /// <summary>
    /// A query projection of every column but <see cref="Content"/> (empty), for lists and summaries that do
    /// not read the signed credential itself.
    /// </summary>
    public static readonly System.Linq.Expressions.Expression<
        Func<IssuedCredential, IssuedCredential>
    > WithoutContent = c => new IssuedCredential
    {
        Id = c.Id,
        OrganizationId = c.OrganizationId,
        CredentialId = c.CredentialId,
        TemplateId = c.TemplateId,
        TemplateVersion = c.TemplateVersion,
        Name = c.Name,
        RecipientName = c.RecipientName,
        RecipientEmail = c.RecipientEmail,
        Format = c.Format,
        Content = "",
        IssuedAt = c.IssuedAt,
        ValidUntil = c.ValidUntil,
        Revoked = c.Revoked,
        RevokedAt = c.RevokedAt,
        RevocationReason = c.RevocationReason,
        Suspended = c.Suspended,
    };
}
