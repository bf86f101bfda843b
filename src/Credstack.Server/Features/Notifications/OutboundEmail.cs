namespace Credstack.Server.Features.Notifications;

/// <summary>
/// One e-mail in the outbox: written in the same transaction as the credential it announces, rendered and
/// sent later by <see cref="EmailDispatcher"/>. The message itself is not stored; it is rendered at send time
/// from the credential, its template version and the organisation.
/// </summary>
internal sealed class OutboundEmail
{
    public Guid Id { get; set; }

    public Guid OrganizationId { get; set; }

    /// <summary>The <see cref="Issuing.IssuedCredential.Id"/> the e-mail is about.</summary>
    public Guid CredentialId { get; set; }

    /// <summary>The recipient's address.</summary>
    public required string To { get; set; }

    /// <summary>What the e-mail says: <see cref="EmailKinds.CredentialIssued"/>.</summary>
    public required string Kind { get; set; }

    /// <summary><see cref="EmailStatuses"/>: queued, sending, sent, failed or bounced.</summary>
    public required string Status { get; set; }

    /// <summary>How many times a dispatcher claimed the e-mail to send it.</summary>
    public int Attempts { get; set; }

    /// <summary>When the e-mail is due (again): its creation, or after a transient failure the backoff's end.</summary>
    public DateTimeOffset NextAttemptAt { get; set; }

    /// <summary>The dispatcher that is sending the e-mail, while <see cref="Status"/> is <c>sending</c>.</summary>
    public string? LeaseOwner { get; set; }

    /// <summary>Until when the lease holds; after that a crashed dispatcher's e-mail is due again.</summary>
    public DateTimeOffset? LeaseUntil { get; set; }

    public string? LastError { get; set; }

    /// <summary>
    /// The claim token (base64url) of the link in this e-mail, kept only until the e-mail is sent, bounced or
    /// failed, then wiped: only its SHA-256 stays, in <see cref="ClaimTokenHash"/>.
    /// </summary>
    public string? ClaimToken { get; set; }

    /// <summary>Lower-case hex SHA-256 of the claim token's text: how <c>GET /claim/{token}</c> finds the row.</summary>
    public required string ClaimTokenHash { get; set; }

    /// <summary>When the claim link was first opened; null until then.</summary>
    public DateTimeOffset? ClaimedAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? SentAt { get; set; }
}

/// <summary>The states of an <see cref="OutboundEmail"/>.</summary>
internal static class EmailStatuses
{
    public const string Queued = "queued";
    public const string Sending = "sending";
    public const string Sent = "sent";
    public const string Failed = "failed";
    public const string Bounced = "bounced";
}

/// <summary>The kinds of <see cref="OutboundEmail"/>.</summary>
internal static class EmailKinds
{
    public const string CredentialIssued = "credential-issued";
}
