using Credstack.Server.Data;
using Credstack.Server.Features.Issuing;
using Credstack.Server.Infrastructure.Auth;

namespace Credstack.Server.Features.Notifications;

/// <summary>
/// Queues the recipient's e-mail for a credential being issued (the transactional outbox): one row, which
/// also holds the claim link's token hash, is
/// added to the caller's context and saved by the caller's own <c>SaveChanges</c>, in its transaction, so an
/// e-mail exists exactly when its credential does. No query, no rendering: bulk issuing calls this for every
/// row of a 100,000-row file; the message is rendered when <see cref="EmailDispatcher"/> sends it.
/// </summary>
internal static class NotificationQueue
{
    internal static void QueueCredentialIssued(CredstackDbContext db, IssuedCredential credential)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (CredentialIssued(credential) is { } email)
        {
            db.Add(email);
        }
    }

    /// <summary>
    /// The outbox row for a credential's recipient, or null when it has no e-mail address; for callers that
    /// insert many rows at once (bulk issuing, through <see cref="BulkInsert"/> in their own transaction).
    /// </summary>
    internal static OutboundEmail? CredentialIssued(IssuedCredential credential)
    {
        ArgumentNullException.ThrowIfNull(credential);
        if (string.IsNullOrWhiteSpace(credential.RecipientEmail))
        {
            return null;
        }
        // The credential's issuing time is the queue time (due at once); a caller that has not set it yet
        // gets the clock's.
        var now =
            credential.IssuedAt > DateTimeOffset.UnixEpoch
                ? credential.IssuedAt
                : DateTimeOffset.UtcNow;
        // 256 random bits (base64url) stored as their SHA-256, like an API key.
        var token = ApiKeySecrets.NewToken();
        return new OutboundEmail
        {
            Id = Guid.CreateVersion7(now),
            OrganizationId = credential.OrganizationId,
            CredentialId = credential.Id,
            To = credential.RecipientEmail,
            Kind = EmailKinds.CredentialIssued,
            Status = EmailStatuses.Queued,
            NextAttemptAt = now,
            ClaimToken = token,
            ClaimTokenHash = ApiKeySecrets.Hash(token),
            CreatedAt = now,
        };
    }
}
