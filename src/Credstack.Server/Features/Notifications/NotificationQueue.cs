using Credstack.Server.Data;
using Credstack.Server.Features.Issuing;

namespace Credstack.Server.Features.Notifications;

/// <summary>Queues the e-mails that tell recipients about their credentials (the outbox).</summary>
internal static class NotificationQueue
{
    /// <summary>
    /// Adds the "you have a credential" e-mail for <paramref name="credential"/> to <paramref name="db"/>,
    /// without saving: the caller saves it in the transaction that stores the credential.
    /// </summary>
    internal static void QueueCredentialIssued(CredstackDbContext db, IssuedCredential credential)
    {
        // TODO(email branch): PLACEHOLDER replaced at merge by the `email` branch's outbox, which adds the
        // message entities here. Until then no e-mail is queued.
        _ = db;
        _ = credential;
    }
}
