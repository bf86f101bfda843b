using Credstack.Credentials.Dids;
using Credstack.Credentials.Verification;

namespace Credstack.Credentials.Tests.Verification;

/// <summary>Builds offline verifiers for the tests: did:key/did:jwk locally, other documents from maps.</summary>
internal static class VerifierSetup
{
    public static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static CredentialVerifier Create(
        IReadOnlyDictionary<string, string>? didDocuments = null,
        IReadOnlyDictionary<string, string>? documents = null,
        DateTimeOffset? now = null,
        string? challenge = null,
        string? domain = null,
        bool validateSchema = true
    ) =>
        new(
            new VerifierOptions
            {
                // did:key and did:jwk locally; every other DID or URL only from the given documents.
                Resolver = new DidResolver(
                    new OfflineDidResolver(didDocuments ?? new Dictionary<string, string>())
                ),
                Fetcher = new OfflineDocumentFetcher(documents ?? new Dictionary<string, string>()),
                Time = new FixedClock(now ?? Now),
                Challenge = challenge,
                Domain = domain,
                ValidateSchema = validateSchema,
            }
        );

    /// <summary>The first failed (else indeterminate) check's code, or null when all passed.</summary>
    public static string? FirstProblem(VerificationReport report) =>
        report.Checks.FirstOrDefault(c => c.Status == CheckStatus.Failed)?.Code
        ?? report.Checks.FirstOrDefault(c => c.Status == CheckStatus.Indeterminate)?.Code;

    public static string Describe(VerificationReport report) =>
        report.Verdict
        + ": "
        + string.Join("; ", report.Checks.Select(c => $"{c.Status} {c.Code} {c.Path} {c.Message}"));
}
