using System.Text.Json.Nodes;
using Credstack.Credentials.DataIntegrity;

namespace Credstack.Credentials.Verification;

public sealed partial class CredentialVerifier
{
    /// <summary>
    /// A presentation (VC 2.0 §4.13): its own authentication proof, bound to the expected challenge and
    /// domain and controlled by the holder, then every credential it carries.
    /// </summary>
    private async Task<VerificationReport> VerifyPresentationAsync(
        JsonObject presentation,
        List<VerificationCheck> checks,
        string format,
        CancellationToken cancellationToken
    )
    {
        CheckContext(presentation, checks);
        var proofs = DataIntegrityProofs.GetProofs(presentation);
        if (proofs.Count == 0)
        {
            checks.Add(
                new(
                    "proof",
                    CheckStatus.Failed,
                    VerificationCodes.ProofMissing,
                    "the presentation carries no proof",
                    "$.proof"
                )
            );
        }
        var holder = presentation["holder"] switch
        {
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            JsonObject o => (string?)(o["id"] as JsonValue),
            _ => null,
        };
        var expectations = new ProofExpectations
        {
            ProofPurpose = "authentication",
            Challenge = Options.Challenge,
            Domain = Options.Domain,
            Now = Options.Time.GetUtcNow(),
        };
        for (var i = 0; i < proofs.Count; i++)
        {
            var path = presentation["proof"] is JsonArray ? $"$.proof[{i}]" : "$.proof";
            await CheckProofAsync(
                    presentation,
                    proofs[i],
                    holder,
                    path,
                    expectations,
                    checks,
                    cancellationToken
                )
                .ConfigureAwait(false);
        }

        await CheckEnvelopedCredentialsAsync(presentation, checks, cancellationToken)
            .ConfigureAwait(false);
        return Report(checks, format, presentation);
    }
}
