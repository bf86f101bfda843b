using System.Collections.Concurrent;
using System.Diagnostics;
using Credstack.Credentials.Dids;
using Credstack.Credentials.Verification;

namespace Credstack.Server.Process.Tests.Infrastructure;

/// <summary>Verifies stored credentials with the real verifier (did:key offline, status lists from a node).</summary>
public static class CredentialChecks
{
    /// <summary>
    /// Verifies every credential (both cores) and asserts each is valid; the message names the first
    /// failures. Returns how long it took.
    /// </summary>
    public static async Task<TimeSpan> AssertAllValidAsync(
        IReadOnlyCollection<string> credentials,
        ServerProcess node
    )
    {
        using var fetcher = new NodeDocumentFetcher(node);
        using var resolver = new DidResolver(new OfflineDidResolver());
        var verifier = new CredentialVerifier(
            new VerifierOptions
            {
                // did:key resolves locally; the status lists come from the node.
                Resolver = resolver,
                Fetcher = fetcher,
            }
        );
        var failures = new ConcurrentQueue<string>();
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(
            credentials,
            new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
            async (text, ct) =>
            {
                var report = await verifier.VerifyAsync(text, ct);
                if (report.Verdict != Verdict.Valid)
                {
                    failures.Enqueue(report.ToJson().ToJsonString());
                }
            }
        );
        Assert.True(
            failures.IsEmpty,
            $"{failures.Count} of {credentials.Count} credentials do not verify, e.g.\n"
                + string.Join('\n', failures.Take(3))
        );
        return clock.Elapsed;
    }
}
