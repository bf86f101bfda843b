using Microsoft.Extensions.Options;

namespace Credstack.Server.Features.Bulk;

/// <summary>
/// Runs bulk jobs in the background: polls for claimable chunks (at once again after work, after a short
/// pause when idle), starts with the host and stops between chunks on shutdown. An error is logged and
/// followed by a back-off; it never stops the process. Several processes on one PostgreSQL share the work.
/// </summary>
internal sealed partial class BulkIssuingWorker(
    IServiceScopeFactory scopes,
    IOptions<BulkOptions> options,
    ILogger<BulkIssuingWorker> logger
) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var workers = Math.Max(1, options.Value.Workers);
        return Task.WhenAll(
            Enumerable.Range(0, workers).Select(i => RunAsync(i == 0, stoppingToken))
        );
    }

    private async Task RunAsync(bool sweeper, CancellationToken stoppingToken)
    {
        var idle = TimeSpan.FromMilliseconds(Math.Max(10, options.Value.IdlePollMilliseconds));
        var backoff = TimeSpan.FromSeconds(1);
        var nextSweep = DateTime.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            bool worked;
            try
            {
                var scope = scopes.CreateAsyncScope();
                await using (scope.ConfigureAwait(false))
                {
                    var issuer = scope.ServiceProvider.GetRequiredService<BulkIssuer>();
                    if (sweeper && DateTime.UtcNow >= nextSweep)
                    {
                        // Uploads that a crash interrupted never run: their staging jobs are removed.
                        await issuer
                            .RemoveAbandonedUploadsAsync(stoppingToken)
                            .ConfigureAwait(false);
                        nextSweep = DateTime.UtcNow.AddMinutes(1);
                    }
                    worked = await issuer
                        .ProcessNextChunkAsync(stoppingToken)
                        .ConfigureAwait(false);
                }
                backoff = TimeSpan.FromSeconds(1);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The worker must outlive any error: it logs it and backs off.
            catch (Exception e)
#pragma warning restore CA1031
            {
                LogError(logger, e, backoff.TotalSeconds);
                if (!await DelayAsync(backoff, stoppingToken).ConfigureAwait(false))
                {
                    return;
                }
                backoff = TimeSpan.FromSeconds(Math.Min(30, backoff.TotalSeconds * 2));
                continue;
            }
            if (!worked && !await DelayAsync(idle, stoppingToken).ConfigureAwait(false))
            {
                return;
            }
        }
    }

    private static async Task<bool> DelayAsync(TimeSpan delay, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(delay, stoppingToken).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(
        Level = LogLevel.Error,
        Message = "Bulk issuing failed; retrying in {Seconds} s"
    )]
    private static partial void LogError(ILogger logger, Exception exception, double seconds);
}
