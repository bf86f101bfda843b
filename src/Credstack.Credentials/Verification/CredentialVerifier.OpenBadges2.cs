using System.Text.Json.Nodes;
using Credstack.Credentials.OpenBadges2;

namespace Credstack.Credentials.Verification;

public sealed partial class CredentialVerifier
{
    private static bool IsOpenBadges2(JsonObject credential) =>
        OpenBadges2Verifier.IsAssertion(credential);

    private OpenBadges2Verifier OpenBadges2 => new(Options.Fetcher, Options.Time);

    /// <summary>An OB 2.0 assertion given as JSON: a hosted assertion (a signed one must come as its JWS).</summary>
    private async Task<VerificationReport> VerifyOpenBadges2Async(
        JsonObject credential,
        List<VerificationCheck> checks,
        CancellationToken cancellationToken
    )
    {
        await OpenBadges2
            .VerifyAsync(credential, null, checks, cancellationToken)
            .ConfigureAwait(false);
        return Report(checks, "ob2", credential);
    }

    /// <summary>A signed OB 2.0 assertion: a compact JWS whose payload is the assertion.</summary>
    private async Task<VerificationReport> VerifySignedOpenBadges2Async(
        string jws,
        JsonObject assertion,
        string format,
        CancellationToken cancellationToken
    )
    {
        var checks = new List<VerificationCheck>
        {
            new(
                "parse",
                CheckStatus.Passed,
                VerificationCodes.ParseOk,
                "a signed Open Badges 2.0 assertion (JWS)"
            ),
        };
        await OpenBadges2
            .VerifyAsync(assertion, jws, checks, cancellationToken)
            .ConfigureAwait(false);
        return Report(checks, format, assertion);
    }

    /// <summary>A hosted OB 2.0 assertion given by its URL (OB 2.0 baking may carry just the URL).</summary>
    private async Task<VerificationReport> VerifyHostedOpenBadges2Async(
        string url,
        string format,
        CancellationToken cancellationToken
    )
    {
        if (
            !Uri.TryCreate(url, UriKind.Absolute, out var uri)
            || uri.Scheme is not ("https" or "http")
        )
        {
            return Fatal(
                format,
                VerificationCodes.ParseMalformed,
                "the image carries neither a credential nor an http(s) assertion URL"
            );
        }
        var checks = new List<VerificationCheck>();
        await OpenBadges2.VerifyUrlAsync(url, checks, cancellationToken).ConfigureAwait(false);
        return Report(checks, format, null);
    }
}
