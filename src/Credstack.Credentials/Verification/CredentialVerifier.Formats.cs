using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Credstack.Credentials.Baking;
using Credstack.Credentials.Dids;
using Credstack.Credentials.Jose;

namespace Credstack.Credentials.Verification;

public sealed partial class CredentialVerifier
{
    /// <summary>A baked PNG or SVG (OB 3.0 §5.3 baking): take the credential out, then verify it.</summary>
    private async Task<VerificationReport> VerifyBakedAsync(
        ReadOnlyMemory<byte> input,
        string format,
        CancellationToken cancellationToken
    )
    {
        var extracted =
            format == "png" ? PngBadge.Extract(input.Span) : SvgBadge.Extract(input.ToArray());
        if (!extracted.TryGetValue(out var baked))
        {
            return Fatal(
                format,
                VerificationCodes.ParseMalformed,
                $"no credential could be taken out of the {format.ToUpperInvariant()} image: {extracted.Error!.Message}"
            );
        }
        if (
            baked.Kind == BakedBadgeKind.OpenBadgesAssertion
            && !baked.IsJson
            && !LooksLikeJwt(baked.Text.Trim())
        )
        {
            // OB 2.0 baked a hosted assertion's URL.
            return await VerifyHostedOpenBadges2Async(baked.Text.Trim(), format, cancellationToken)
                .ConfigureAwait(false);
        }
        var report = await VerifyTextAsync(baked.Text, format, cancellationToken)
            .ConfigureAwait(false);
        return report with { Format = format };
    }

    /// <summary>A VC-JWT (OB 3.0 §8.2): the JWS with the key its header names, then the credential's other checks.</summary>
    private async Task<VerificationReport> VerifyJwtAsync(
        string jwt,
        string format,
        CancellationToken cancellationToken
    )
    {
        var checks = new List<VerificationCheck>();
        var result = await VcJwt
            .VerifyAsync(
                jwt,
                Options.Resolver,
                new VcJwtVerifyOptions { TimeProvider = Options.Time },
                cancellationToken
            )
            .ConfigureAwait(false);
        if (result.Jwt is null)
        {
            return Refused(format, result.Error!, "the JWT could not be read: ", null);
        }
        checks.Add(
            new(
                "parse",
                CheckStatus.Passed,
                VerificationCodes.ParseOk,
                $"a {result.Jwt.Algorithm} VC-JWT ({result.Jwt.Form})"
            )
        );
        JsonObject? credential = null;
        try
        {
            credential = JsonNode.Parse(result.Jwt.Credential.GetRawText()) as JsonObject;
        }
        catch (JsonException) { }
        if (credential is null)
        {
            checks.Add(
                new(
                    "parse",
                    CheckStatus.Failed,
                    VerificationCodes.ParseNotACredential,
                    "the JWT does not carry a credential object"
                )
            );
            return Report(checks, format, null);
        }

        if (result.IsValid)
        {
            checks.Add(
                new(
                    "proof",
                    CheckStatus.Passed,
                    VerificationCodes.ProofOk,
                    $"valid {result.Jwt.Algorithm} JWT signature",
                    "$"
                )
            );
            if (result.VerificationMethod is { } method)
            {
                checks.Add(
                    new(
                        "issuer",
                        CheckStatus.Passed,
                        VerificationCodes.IssuerOk,
                        $"the key {method.Id} is controlled by {method.Controller}"
                    )
                );
            }
        }
        else
        {
            var error = result.Error!;
            var (check, code, status) = MapEnvelopeError(error, result.KeyResolutionError);
            checks.Add(new(check, status, code, error.Message, "$"));
            if (result.Jwt.Form == VcJwtForm.VpJose)
            {
                return Report(checks, format, credential);
            }
        }

        if (result.Jwt.Form == VcJwtForm.VpJose)
        {
            // VC-JOSE-COSE §3.1.2: a vp+jwt presentation; its credentials are verified in turn.
            CheckContext(credential, checks);
            if (result.IsValid)
            {
                await CheckEnvelopedCredentialsAsync(credential, checks, cancellationToken)
                    .ConfigureAwait(false);
            }
            return Report(checks, format, credential);
        }
        await CheckContentAsync(credential, checks, cancellationToken).ConfigureAwait(false);
        return Report(checks, format, credential);
    }

    /// <summary>
    /// The report entry for a refused VC-JWT, SD-JWT or COSE_Sign1: which check failed, with which code from
    /// <see cref="VerificationCodes"/>, and whether the verdict is invalid or only indeterminate.
    /// </summary>
    internal static (string Check, string Code, CheckStatus Status) MapEnvelopeError(
        VcJwtError error,
        ResolutionError? resolution
    ) =>
        error.Code switch
        {
            // As for Data Integrity proofs: a key that cannot be had now (offline, network) leaves the
            // verdict indeterminate; a key that does not exist makes it invalid.
            VcJwtErrorCode.KeyNotResolved when IsUnavailable(resolution) => (
                "issuer",
                VerificationCodes.IssuerKeyUnavailable,
                CheckStatus.Indeterminate
            ),
            VcJwtErrorCode.KeyNotResolved => (
                "issuer",
                VerificationCodes.IssuerKeyUnresolved,
                CheckStatus.Failed
            ),
            VcJwtErrorCode.KeyNotControlledByIssuer => (
                "issuer",
                VerificationCodes.IssuerControllerMismatch,
                CheckStatus.Failed
            ),
            VcJwtErrorCode.NotYetValid => (
                "dates",
                VerificationCodes.DatesNotYetValid,
                CheckStatus.Failed
            ),
            VcJwtErrorCode.Expired => ("dates", VerificationCodes.DatesExpired, CheckStatus.Failed),
            VcJwtErrorCode.AlgorithmNone
            or VcJwtErrorCode.UnsupportedAlgorithm
            or VcJwtErrorCode.UnsupportedCritical
            or VcJwtErrorCode.UnsupportedDigestAlgorithm => (
                "proof",
                VerificationCodes.ProofUnsupportedSuite,
                CheckStatus.Failed
            ),
            VcJwtErrorCode.InvalidSignature => (
                "proof",
                VerificationCodes.ProofSignatureInvalid,
                CheckStatus.Failed
            ),
            VcJwtErrorCode.InvalidDisclosure
            or VcJwtErrorCode.DuplicateDisclosure
            or VcJwtErrorCode.UnreferencedDisclosure => (
                "proof",
                VerificationCodes.ProofDisclosureInvalid,
                CheckStatus.Failed
            ),
            VcJwtErrorCode.KeyBindingInvalid or VcJwtErrorCode.KeyBindingMissing => (
                "proof",
                VerificationCodes.ProofKeyBindingInvalid,
                CheckStatus.Failed
            ),
            VcJwtErrorCode.InvalidType => (
                "parse",
                VerificationCodes.ParseMediaType,
                CheckStatus.Failed
            ),
            VcJwtErrorCode.NotACredential
            or VcJwtErrorCode.ForbiddenClaim
            or VcJwtErrorCode.PresentationNotSupported => (
                "parse",
                VerificationCodes.ParseNotACredential,
                CheckStatus.Failed
            ),
            VcJwtErrorCode.InvalidPresentation => (
                "parse",
                VerificationCodes.PresentationCredentialInvalid,
                CheckStatus.Failed
            ),
            VcJwtErrorCode.Malformed
            or VcJwtErrorCode.TooLarge
            or VcJwtErrorCode.InvalidBase64Url
            or VcJwtErrorCode.InvalidBase64
            or VcJwtErrorCode.InvalidCbor
            or VcJwtErrorCode.InvalidJson => (
                "parse",
                VerificationCodes.ParseMalformed,
                CheckStatus.Failed
            ),
            _ => ("proof", VerificationCodes.ProofMalformed, CheckStatus.Failed),
        };

    /// <summary>
    /// A resolution failure that says nothing about the key (offline, network, timeout, HTTP error): the
    /// same cases the Data Integrity path reports as <see cref="VerificationCodes.IssuerKeyUnavailable"/>.
    /// </summary>
    private static bool IsUnavailable(ResolutionError? error) =>
        error?.Code
            is ResolutionErrorCode.NetworkDisabled
                or ResolutionErrorCode.NetworkError
                or ResolutionErrorCode.Timeout
                or ResolutionErrorCode.HttpError;

    private static string Utf8(ReadOnlySpan<byte> bytes) => Encoding.UTF8.GetString(bytes);
}
