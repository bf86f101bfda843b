using MimeKit;

namespace Credstack.Server.Features.Notifications;

/// <summary>Where e-mails go: an SMTP server (<see cref="SmtpEmailTransport"/>) or a pickup folder (<see cref="PickupDirectoryEmailTransport"/>).</summary>
internal interface IEmailTransport
{
    /// <summary>Opens a session for a batch of messages (one SMTP connection, reused; opened lazily).</summary>
    IEmailSession OpenSession();
}

/// <summary>A batch's connection to the transport.</summary>
internal interface IEmailSession : IAsyncDisposable
{
    /// <summary>
    /// Sends one message. Throws <see cref="EmailDeliveryException"/>: permanent when the server refused the
    /// message or the recipient for good (SMTP 5xx), transient otherwise (4xx, connection errors).
    /// </summary>
    Task SendAsync(MimeMessage message, CancellationToken cancellationToken);
}

/// <summary>A message that was not delivered, and whether trying again could help.</summary>
internal sealed class EmailDeliveryException : Exception
{
    public EmailDeliveryException() { }

    public EmailDeliveryException(string message)
        : base(message) { }

    public EmailDeliveryException(string message, Exception innerException)
        : base(message, innerException) { }

    public EmailDeliveryException(string message, bool permanent, Exception? innerException)
        : base(message, innerException) => Permanent = permanent;

    /// <summary>True when the server refused for good (a bounce): never retried.</summary>
    public bool Permanent { get; }
}
