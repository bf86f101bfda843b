using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Credstack.Server.Features.Notifications;

/// <summary>Sends through an SMTP server with MailKit; one connection per batch, reconnected after an error.</summary>
internal sealed class SmtpEmailTransport(IOptions<EmailOptions> options) : IEmailTransport
{
    private readonly SmtpSettings _settings = options.Value.Smtp;

    public IEmailSession OpenSession() => new Session(_settings);

    /// <summary>Maps <c>Credstack:Email:Smtp:Security</c> to MailKit's options.</summary>
    internal static SecureSocketOptions SecurityOption(string? security) =>
        (security ?? "auto").Trim().ToLowerInvariant() switch
        {
            "none" => SecureSocketOptions.None,
            "starttls" => SecureSocketOptions.StartTls,
            "ssl" or "tls" => SecureSocketOptions.SslOnConnect,
            "auto" or "" => SecureSocketOptions.Auto,
            var other => throw new InvalidOperationException(
                $"Credstack:Email:Smtp:Security '{other}' is not supported: use none, starttls, ssl or auto."
            ),
        };

    private sealed class Session(SmtpSettings settings) : IEmailSession
    {
        private SmtpClient? _client;

        public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
        {
            try
            {
                var client = await ConnectedAsync(cancellationToken).ConfigureAwait(false);
                await client.SendAsync(message, cancellationToken).ConfigureAwait(false);
            }
            catch (SmtpCommandException e)
            {
                // RFC 5321 §4.2.1: 5yz is a permanent negative completion reply (550 mailbox unavailable,
                // 553 mailbox name not allowed, ...): a bounce, never retried. 4yz is transient.
                var permanent = (int)e.StatusCode >= 500;
                throw new EmailDeliveryException(
                    $"SMTP {(int)e.StatusCode} ({e.ErrorCode}): {e.Message}",
                    permanent,
                    e
                );
            }
            catch (Exception e)
                when (e
                        is SmtpProtocolException
                            or ServiceNotConnectedException
                            or ServiceNotAuthenticatedException
                            or AuthenticationException
                            or SslHandshakeException
                            or IOException
                            or SocketException
                            or TimeoutException
                )
            {
                await DropAsync().ConfigureAwait(false);
                throw new EmailDeliveryException(
                    $"SMTP {settings.Host}:{settings.Port}: {e.Message}",
                    permanent: false,
                    e
                );
            }
        }

        private async Task<SmtpClient> ConnectedAsync(CancellationToken cancellationToken)
        {
            if (_client is { IsConnected: true })
            {
                return _client;
            }
            await DropAsync().ConfigureAwait(false);
            var client = new SmtpClient { Timeout = 30_000 };
            _client = client;
            await client
                .ConnectAsync(
                    settings.Host,
                    settings.Port,
                    SecurityOption(settings.Security),
                    cancellationToken
                )
                .ConfigureAwait(false);
            if (!string.IsNullOrEmpty(settings.User))
            {
                await client
                    .AuthenticateAsync(settings.User, settings.Password ?? "", cancellationToken)
                    .ConfigureAwait(false);
            }
            return client;
        }

        private async Task DropAsync()
        {
            var client = _client;
            _client = null;
            if (client is null)
            {
                return;
            }
            try
            {
                if (client.IsConnected)
                {
                    using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                    await client.DisconnectAsync(quit: true, timeout.Token).ConfigureAwait(false);
                }
            }
            catch (Exception e)
                when (e
                        is IOException
                            or SocketException
                            or OperationCanceledException
                            or SmtpProtocolException
                            or SmtpCommandException
                )
            {
                // The connection is going away anyway.
            }
            finally
            {
                client.Dispose();
            }
        }

        public async ValueTask DisposeAsync() => await DropAsync().ConfigureAwait(false);
    }
}
