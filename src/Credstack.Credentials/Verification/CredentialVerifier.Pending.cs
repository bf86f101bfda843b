using System.Text.Json.Nodes;

namespace Credstack.Credentials.Verification;

public sealed partial class CredentialVerifier
{
    private static bool IsOpenBadges2(JsonObject credential) => false;

    private static Task<VerificationReport> VerifyOpenBadges2Async(
        JsonObject credential,
        List<VerificationCheck> checks,
        CancellationToken cancellationToken
    ) => Task.FromResult(Report(checks, "ob2", credential));

    private static Task<VerificationReport> VerifyHostedOpenBadges2Async(
        string url,
        string format,
        CancellationToken cancellationToken
    ) =>
        Task.FromResult(
            Fatal(
                format,
                VerificationCodes.ParseMalformed,
                "hosted Open Badges 2.0 assertions are not read yet"
            )
        );
}
