using System.Threading.RateLimiting;
using Credstack.Server.Data;
using Credstack.Server.Features.Issuing;
using Credstack.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Credstack.Server.Features.Notifications;

/// <summary>
/// Sends the outbox: claims due e-mails with a lease (<see cref="OutboxClaims"/>), renders each from the
/// database, sends it through the configured <see cref="IEmailTransport"/> at most
/// <c>RatePerSecond</c> a second, and records the outcome in the same step: <c>sent</c>; <c>bounced</c> at once
/// on a permanent refusal (SMTP 5xx), never retried; after a transient failure (SMTP 4xx, a connection error)
/// queued again with exponential backoff, and <c>failed</c> after <c>MaxAttempts</c>.
/// <para>
/// Delivery is at least once, which is acceptable for e-mail: a process that dies after the server accepted a
/// message but before the row was marked sent leaves the row <c>sending</c>; when its lease runs out another
/// dispatcher sends it again (with the same Message-Id). Nothing is ever lost, and a duplicate needs a crash in
/// that window. Several processes on one PostgreSQL never hold the same row at once.
/// </para>
/// Never stops the host: every failure is logged and the loop goes on.
/// </summary>
internal sealed partial class EmailDispatcher(
    IServiceScopeFactory scopes,
    IEmailTransport transport,
    IOptions<EmailOptions> emailOptions,
    IOptions<CredstackOptions> credstackOptions,
    TimeProvider time,
    ILogger<EmailDispatcher> logger
) : BackgroundService
{
    /// <summary>How long a claim holds; a batch is sent well within it.</summary>
    internal static readonly TimeSpan LeaseDuration = TimeSpan.FromMinutes(5);

    /// <summary>Images larger than this are linked, not embedded.</summary>
    private const int MaxEmbeddedImageBytes = 512 * 1024;

    private readonly EmailOptions _options = emailOptions.Value;
    private readonly Uri _origin = credstackOptions.Value.PublicOrigin;
    private readonly string _owner = NewOwner();
    private readonly Dictionary<Guid, CredentialEmailImage?> _images = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var limiter = CreateLimiter(_options.RatePerSecond);
        var poll = TimeSpan.FromSeconds(Math.Clamp(_options.PollSeconds, 0.01, 3600));
        while (!stoppingToken.IsCancellationRequested)
        {
            var handled = 0;
            try
            {
                handled = await RunOnceAsync(limiter, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                // A database hiccup, a bug: log it and try again on the next round, never stop the host.
                LogRoundFailed(e);
            }
            if (handled == 0)
            {
                try
                {
                    await Task.Delay(poll, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
        await ReleaseLeasesAsync().ConfigureAwait(false);
    }

    /// <summary>A token bucket of one second's worth of messages, refilled evenly (RatePerSecond a second).</summary>
    internal static TokenBucketRateLimiter CreateLimiter(double ratePerSecond)
    {
        var rate = ratePerSecond > 0 ? ratePerSecond : 20;
        var period = TimeSpan.FromSeconds(Math.Max(1 / rate, 0.05));
        return new TokenBucketRateLimiter(
            new TokenBucketRateLimiterOptions
            {
                TokenLimit = Math.Max(1, (int)Math.Floor(rate)),
                TokensPerPeriod = Math.Max(1, (int)Math.Round(rate * period.TotalSeconds)),
                ReplenishmentPeriod = period,
                QueueLimit = 1,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                AutoReplenishment = true,
            }
        );
    }

    /// <summary>Claims and sends one batch; returns how many e-mails it handled.</summary>
    internal async Task<int> RunOnceAsync(RateLimiter limiter, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CredstackDbContext>();
        var now = time.GetUtcNow();
        var ids = await OutboxClaims
            .ClaimAsync(
                db,
                _owner,
                now,
                now + LeaseDuration,
                BatchSize(_options),
                cancellationToken
            )
            .ConfigureAwait(false);
        if (ids.Count == 0)
        {
            return 0;
        }
        var emails = await db
            .OutboundEmails.AsNoTracking()
            .Where(e => ids.Contains(e.Id))
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);
        var credentialIds = emails.Select(e => e.CredentialId).Distinct().ToList();
        var credentials = await db
            .Credentials.AsNoTracking()
            .Where(c => credentialIds.Contains(c.Id))
            .Select(IssuedCredential.WithoutContent)
            .ToDictionaryAsync(c => c.Id, cancellationToken)
            .ConfigureAwait(false);
        var organizationIds = emails.Select(e => e.OrganizationId).Distinct().ToList();
        var organizations = await db
            .Organizations.AsNoTracking()
            .Where(o => organizationIds.Contains(o.Id))
            .ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken)
            .ConfigureAwait(false);
        var templateIds = credentials
            .Values.Where(c => c.TemplateId is not null)
            .Select(c => c.TemplateId!.Value)
            .Distinct()
            .ToList();
        var versions = await db
            .TemplateVersions.AsNoTracking()
            .Where(v => templateIds.Contains(v.TemplateId))
            .Select(v => new
            {
                v.TemplateId,
                v.Version,
                v.Description,
                v.ImageId,
            })
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);

        var from = new MailboxAddress(
            _options.FromName,
            string.IsNullOrWhiteSpace(_options.From) ? "no-reply@" + Domain() : _options.From
        );
        var session = transport.OpenSession();
        await using (session.ConfigureAwait(false))
        {
            foreach (var email in emails.OrderBy(e => e.NextAttemptAt))
            {
                cancellationToken.ThrowIfCancellationRequested();
                credentials.TryGetValue(email.CredentialId, out var credential);
                if (credential is null || credential.Revoked || email.ClaimToken is null)
                {
                    await FinishAsync(
                            db,
                            email,
                            EmailStatuses.Failed,
                            credential is null ? "The credential is gone."
                                : credential.Revoked
                                    ? "The credential was revoked before the e-mail was sent."
                                : "The claim token is gone.",
                            cancellationToken
                        )
                        .ConfigureAwait(false);
                    continue;
                }
                try
                {
                    var version = versions.FirstOrDefault(v =>
                        v.TemplateId == credential.TemplateId
                        && v.Version == credential.TemplateVersion
                    );
                    var image = version?.ImageId is { } imageId
                        ? await ImageAsync(db, imageId, cancellationToken).ConfigureAwait(false)
                        : null;
                    var message = CredentialEmailRenderer.Render(
                        new CredentialEmailContent(
                            email.Id,
                            email.To,
                            credential.RecipientName,
                            organizations.GetValueOrDefault(email.OrganizationId) ?? "",
                            credential.Name ?? "a credential",
                            version?.Description,
                            new Uri(_origin, "/claim/" + email.ClaimToken),
                            new Uri(_origin, $"/credentials/{credential.Id:D}"),
                            image
                        ),
                        from,
                        Domain(),
                        time.GetUtcNow()
                    );
                    using var permit = await limiter
                        .AcquireAsync(1, cancellationToken)
                        .ConfigureAwait(false);
                    await session.SendAsync(message, cancellationToken).ConfigureAwait(false);
                }
                catch (EmailDeliveryException e) when (e.Permanent)
                {
                    LogBounced(email.Id, e.Message);
                    await FinishAsync(
                            db,
                            email,
                            EmailStatuses.Bounced,
                            e.Message,
                            cancellationToken
                        )
                        .ConfigureAwait(false);
                    continue;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // Transient (EmailDeliveryException), or unexpected (a bad address MimeKit cannot
                    // parse, a bug): retried, and failed after MaxAttempts, so one message never blocks the rest.
                    await RetryLaterAsync(db, email, e.Message, cancellationToken)
                        .ConfigureAwait(false);
                    continue;
                }
                // Marked sent right after the server accepted it (see the class comment on duplicates).
                await FinishAsync(db, email, EmailStatuses.Sent, null, CancellationToken.None)
                    .ConfigureAwait(false);
            }
        }
        return emails.Count;
    }

    private async Task FinishAsync(
        CredstackDbContext db,
        OutboundEmail email,
        string status,
        string? error,
        CancellationToken cancellationToken
    )
    {
        var now = time.GetUtcNow();
        DateTimeOffset? sentAt = status == EmailStatuses.Sent ? now : null;
        // The token is wiped once no message will carry it any more; only its hash stays.
        await db
            .OutboundEmails.Where(e => e.Id == email.Id && e.LeaseOwner == _owner)
            .ExecuteUpdateAsync(
                s =>
                    s.SetProperty(e => e.Status, status)
                        .SetProperty(e => e.SentAt, sentAt)
                        .SetProperty(e => e.LastError, Truncate(error))
                        .SetProperty(e => e.ClaimToken, (string?)null)
                        .SetProperty(e => e.LeaseOwner, (string?)null)
                        .SetProperty(e => e.LeaseUntil, (DateTimeOffset?)null),
                cancellationToken
            )
            .ConfigureAwait(false);
    }

    private async Task RetryLaterAsync(
        CredstackDbContext db,
        OutboundEmail email,
        string error,
        CancellationToken cancellationToken
    )
    {
        var maxAttempts = Math.Max(1, _options.MaxAttempts);
        if (email.Attempts >= maxAttempts)
        {
            LogGaveUp(email.Id, email.Attempts, error);
            await FinishAsync(db, email, EmailStatuses.Failed, error, cancellationToken)
                .ConfigureAwait(false);
            return;
        }
        var next = time.GetUtcNow() + Backoff(email.Attempts, _options.RetryBaseSeconds);
        LogRetry(email.Id, email.Attempts, next, error);
        await db
            .OutboundEmails.Where(e => e.Id == email.Id && e.LeaseOwner == _owner)
            .ExecuteUpdateAsync(
                s =>
                    s.SetProperty(e => e.Status, EmailStatuses.Queued)
                        .SetProperty(e => e.NextAttemptAt, next)
                        .SetProperty(e => e.LastError, Truncate(error))
                        .SetProperty(e => e.LeaseOwner, (string?)null)
                        .SetProperty(e => e.LeaseUntil, (DateTimeOffset?)null),
                cancellationToken
            )
            .ConfigureAwait(false);
    }

    /// <summary>
    /// How many e-mails to claim at once: <c>BatchSize</c>, but no more than the rate limit lets out in half
    /// the lease, so that a slow batch never outlives its lease (another process would send it again).
    /// </summary>
    internal static int BatchSize(EmailOptions options)
    {
        var rate = options.RatePerSecond > 0 ? options.RatePerSecond : 20;
        var fitsInLease = (int)Math.Max(1, rate * LeaseDuration.TotalSeconds / 2);
        return Math.Clamp(Math.Min(options.BatchSize, fitsInLease), 1, 1000);
    }

    /// <summary>base × 2^(attempts−1), at most an hour.</summary>
    internal static TimeSpan Backoff(int attempts, double baseSeconds)
    {
        var seconds = Math.Max(1, baseSeconds) * Math.Pow(2, Math.Max(0, attempts - 1));
        return TimeSpan.FromSeconds(Math.Min(seconds, 3600));
    }

    /// <summary>On a clean shutdown, hands back what this process claimed but did not send.</summary>
    private async Task ReleaseLeasesAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CredstackDbContext>();
            await db
                .OutboundEmails.Where(e =>
                    e.LeaseOwner == _owner && e.Status == EmailStatuses.Sending
                )
                .ExecuteUpdateAsync(
                    s =>
                        s.SetProperty(e => e.Status, EmailStatuses.Queued)
                            .SetProperty(e => e.Attempts, e => e.Attempts - 1)
                            .SetProperty(e => e.LeaseOwner, (string?)null)
                            .SetProperty(e => e.LeaseUntil, (DateTimeOffset?)null),
                    timeout.Token
                )
                .ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // The leases run out by themselves.
            LogReleaseFailed(e);
        }
    }

    private async Task<CredentialEmailImage?> ImageAsync(
        CredstackDbContext db,
        Guid imageId,
        CancellationToken cancellationToken
    )
    {
        if (_images.TryGetValue(imageId, out var cached))
        {
            return cached;
        }
        var url = new Uri(_origin, $"/images/{imageId:D}");
        var image = await db
            .TemplateImages.AsNoTracking()
            .Where(i => i.Id == imageId)
            .Select(i => new { i.MediaType, Size = i.Content.Length })
            .FirstOrDefaultAsync(cancellationToken)
            .ConfigureAwait(false);
        CredentialEmailImage? result = null;
        if (image is not null)
        {
            var content =
                image.Size <= MaxEmbeddedImageBytes
                    ? await db
                        .TemplateImages.AsNoTracking()
                        .Where(i => i.Id == imageId)
                        .Select(i => i.Content)
                        .FirstAsync(cancellationToken)
                        .ConfigureAwait(false)
                    : null;
            result = new CredentialEmailImage(url, image.MediaType, content);
        }
        // Images are immutable; a few are enough to cover a bulk job's.
        if (_images.Count >= 32)
        {
            _images.Clear();
        }
        _images[imageId] = result;
        return result;
    }

    private static string NewOwner()
    {
        var owner = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";
        return owner.Length <= 100 ? owner : owner[^100..];
    }

    private string Domain() => _origin.IdnHost is { Length: > 0 } host ? host : "localhost";

    private static string? Truncate(string? text) =>
        text is { Length: > 2000 } ? text[..2000] : text;

    [LoggerMessage(Level = LogLevel.Error, Message = "E-mail dispatch round failed")]
    private partial void LogRoundFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "E-mail {Id} bounced: {Error}")]
    private partial void LogBounced(Guid id, string error);

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "E-mail {Id} failed after {Attempts} attempts: {Error}"
    )]
    private partial void LogGaveUp(Guid id, int attempts, string error);

    [LoggerMessage(
        Level = LogLevel.Information,
        Message = "E-mail {Id} attempt {Attempts} failed, retrying at {Next}: {Error}"
    )]
    private partial void LogRetry(Guid id, int attempts, DateTimeOffset next, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not release e-mail leases")]
    private partial void LogReleaseFailed(Exception exception);
}
