using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Credstack.Credentials.DataIntegrity;
using Credstack.Credentials.Dids;
using Credstack.Credentials.Verification;

namespace Credstack.Server.Process.Tests.Infrastructure;

/// <summary>Checks stored credentials with the real verifier (did:key offline, status lists from a node).</summary>
public static class CredentialChecks
{
    /// <summary>
    /// The whole verifier (schema, proof, issuer key, dates, status with the status list's own proof) on
    /// every credential (both cores); asserts each is valid, naming the first failures. Returns the time.
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
        return await ForEachAsync(
            credentials,
            async (text, ct) =>
            {
                var report = await verifier.VerifyAsync(text, ct);
                return report.Verdict == Verdict.Valid ? null : report.ToJson().ToJsonString();
            }
        );
    }

    /// <summary>
    /// The Data Integrity proof of every credential: canonicalized (RDFC-1.0), hashed and its Ed25519
    /// signature checked against the issuer's did:key, which must be the credential's issuer. Cheaper than
    /// the whole verifier (no schema, no status list), so affordable for every credential of a large job.
    /// </summary>
    public static async Task<TimeSpan> AssertAllSignaturesValidAsync(
        IReadOnlyCollection<string> credentials
    )
    {
        using var resolver = new DidResolver(new OfflineDidResolver());
        return await ForEachAsync(
            credentials,
            async (text, ct) =>
            {
                var credential = JsonNode.Parse(text)!.AsObject();
                var proof = DataIntegrityProofs.GetProofs(credential).Single();
                var prepared = DataIntegrityProofs.PrepareProof(credential, proof);
                if (!prepared.Success)
                {
                    return $"{credential["id"]}: {prepared.Problem?.Message}";
                }
                var method = prepared.Value.VerificationMethod;
                var issuer = (string?)credential["issuer"]!["id"];
                if (issuer is null || method.Split('#')[0] != issuer)
                {
                    return $"{credential["id"]}: signed by {method}, issued by {issuer}";
                }
                var key = await resolver.DereferenceAsync(method, ct);
                if (key.VerificationMethod?.Key is null)
                {
                    return $"{credential["id"]}: {method} does not resolve";
                }
                return DataIntegrityProofs.VerifySignature(
                    prepared.Value,
                    key.VerificationMethod.Key
                )
                    ? null
                    : $"{credential["id"]}: the signature does not verify";
            }
        );
    }

    /// <summary><paramref name="count"/> of <paramref name="items"/> chosen at random (a logged seed).</summary>
    public static List<T> Sample<T>(IReadOnlyList<T> items, int count, out int seed)
    {
        seed = Random.Shared.Next();
#pragma warning disable CA5394 // not security: a test sample, reproducible from its seed
        var random = new Random(seed);
        return [.. items.OrderBy(_ => random.Next()).Take(count)];
#pragma warning restore CA5394
    }

    private static async Task<TimeSpan> ForEachAsync(
        IReadOnlyCollection<string> credentials,
        Func<string, CancellationToken, ValueTask<string?>> check
    )
    {
        var failures = new ConcurrentQueue<string>();
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(
            credentials,
            new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
            async (text, ct) =>
            {
                if (await check(text, ct) is { } failure)
                {
                    failures.Enqueue(failure);
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
