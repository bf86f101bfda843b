using Credstack.Server.Infrastructure;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Credstack.Server.Features.Notifications;

/// <summary>
/// The embedded default: writes each message as an <c>.eml</c> file (RFC 5322, as an SMTP server would
/// receive it) to <c>{DataDirectory}/mail-pickup</c>, for a mail server's pickup folder or a person to read.
/// Each file appears whole: it is written under a temporary name and then renamed.
/// </summary>
internal sealed class PickupDirectoryEmailTransport(IOptions<CredstackOptions> options)
    : IEmailTransport
{
    public string Directory { get; } =
        Path.Combine(Path.GetFullPath(options.Value.DataDirectory), "mail-pickup");

    public IEmailSession OpenSession() => new Session(Directory);

    private sealed class Session(string directory) : IEmailSession
    {
        public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
        {
            try
            {
                System.IO.Directory.CreateDirectory(directory);
                var name = $"{DateTime.UtcNow:yyyyMMddTHHmmssfff}-{Guid.NewGuid():N}";
                var temporary = Path.Combine(directory, name + ".tmp");
                await message
                    .WriteToAsync(FormatOptions.Default, temporary, cancellationToken)
                    .ConfigureAwait(false);
                File.Move(temporary, Path.Combine(directory, name + ".eml"));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new EmailDeliveryException(
                    $"pickup folder {directory}: {e.Message}",
                    permanent: false,
                    e
                );
            }
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
