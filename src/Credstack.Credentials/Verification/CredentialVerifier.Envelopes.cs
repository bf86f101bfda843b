using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Credstack.Credentials.Cose;
using Credstack.Credentials.Dids;
using Credstack.Credentials.Jose;
using Credstack.Credentials.Keys;
using Credstack.Credentials.SdJwt;

namespace Credstack.Credentials.Verification;

public sealed partial class CredentialVerifier
{
    /// <summary>
    /// A COSE_Sign1 (VC-JOSE-COSE §3.3): parse, resolve the protected <c>kid</c> to a key controlled by the
    /// issuer (or, for a presentation, the holder), check the signature, then the credential's own checks or the
    /// presentation's credentials.
    /// </summary>
    private async Task<VerificationReport> VerifyCoseAsync(
        ReadOnlyMemory<byte> bytes,
        string format,
        CancellationToken cancellationToken
    )
    {
        if (!VcCose.TryDecode(bytes, out var cose, out var error))
        {
            return Refused(format, error, "the COSE_Sign1 could not be read: ", null);
        }
        var document = ToObject(cose.Document);
        var checks = new List<VerificationCheck>
        {
            new(
                "parse",
                CheckStatus.Passed,
                VerificationCodes.ParseOk,
                $"a {cose.Algorithm} COSE_Sign1 ({(cose.IsPresentation ? VcCose.PresentationMediaType : VcCose.CredentialMediaType)})"
            ),
        };
        var controller =
            cose.IsPresentation ? HolderId(document)
            : document is null ? null
            : IssuerId(document);
        var key = await ResolveEnvelopeKeyAsync(cose.Kid, controller, checks, cancellationToken)
            .ConfigureAwait(false);
        if (key is null)
        {
            return Report(checks, format, document);
        }
        var result = VcCose.Check(cose, key);
        if (!result.IsValid)
        {
            var (check, code, status) = MapEnvelopeError(result.Error, null);
            checks.Add(new(check, status, code, result.Error.Message, "$"));
            return Report(checks, format, document);
        }
        checks.Add(
            new(
                "proof",
                CheckStatus.Passed,
                VerificationCodes.ProofOk,
                $"valid {cose.Algorithm} COSE_Sign1 signature",
                "$"
            )
        );
        return await FinishEnvelopedAsync(
                document,
                cose.IsPresentation,
                checks,
                format,
                cancellationToken
            )
            .ConfigureAwait(false);
    }

    /// <summary>
    /// An SD-JWT (VC-JOSE-COSE §3.2, RFC 9901): resolve the header's <c>kid</c>, verify the signature and every
    /// disclosure (and the key binding JWT when present), then check the disclosed credential or presentation.
    /// </summary>
    private async Task<VerificationReport> VerifySdJwtAsync(
        string text,
        string format,
        CancellationToken cancellationToken
    )
    {
        if (!SdJwtVc.TryPeek(text, out var kid, out var controller, out _, out var peekError))
        {
            return Refused(format, peekError, "the SD-JWT could not be read: ", null);
        }
        var checks = new List<VerificationCheck>();
        var key = await ResolveEnvelopeKeyAsync(kid, controller, checks, cancellationToken)
            .ConfigureAwait(false);
        if (key is null)
        {
            checks.Insert(
                0,
                new("parse", CheckStatus.Passed, VerificationCodes.ParseOk, "an SD-JWT")
            );
            return Report(checks, format, null);
        }
        var result = SdJwtVc.Verify(
            text,
            key,
            new SdJwtVerifyOptions
            {
                TimeProvider = Options.Time,
                Audience = Options.Domain,
                Nonce = Options.Challenge,
            }
        );
        if (!result.IsValid)
        {
            var (check, code, status) = MapEnvelopeError(result.Error, null);
            if (check == "parse")
            {
                return Refused(format, result.Error, "the SD-JWT could not be read: ", null);
            }
            checks.Insert(
                0,
                new("parse", CheckStatus.Passed, VerificationCodes.ParseOk, "an SD-JWT")
            );
            checks.Add(new(check, status, code, result.Error.Message, "$"));
            return Report(checks, format, null);
        }
        checks.Insert(
            0,
            new(
                "parse",
                CheckStatus.Passed,
                VerificationCodes.ParseOk,
                $"a {result.Algorithm} SD-JWT ({(result.IsPresentation ? "vp" : "vc")}+sd-jwt) with {result.Disclosures.Count} disclosure(s)"
            )
        );
        checks.Add(
            new(
                "proof",
                CheckStatus.Passed,
                VerificationCodes.ProofOk,
                $"valid {result.Algorithm} SD-JWT signature; every disclosure matches a digest{(result.KeyBound ? "; key binding verified" : "")}",
                "$"
            )
        );
        var document = ToObject(result.Document.Value);
        return await FinishEnvelopedAsync(
                document,
                result.IsPresentation,
                checks,
                format,
                cancellationToken
            )
            .ConfigureAwait(false);
    }

    private async Task<VerificationReport> FinishEnvelopedAsync(
        JsonObject? document,
        bool presentation,
        List<VerificationCheck> checks,
        string format,
        CancellationToken cancellationToken
    )
    {
        if (document is null)
        {
            checks.Add(
                new(
                    "parse",
                    CheckStatus.Failed,
                    VerificationCodes.ParseNotACredential,
                    "the payload is not a JSON object"
                )
            );
            return Report(checks, format, null);
        }
        if (presentation)
        {
            CheckContext(document, checks);
            await CheckEnvelopedCredentialsAsync(document, checks, cancellationToken)
                .ConfigureAwait(false);
            return Report(checks, format, document);
        }
        await CheckContentAsync(document, checks, cancellationToken).ConfigureAwait(false);
        return Report(checks, format, document);
    }

    /// <summary>Context, schema, dates and status of a credential whose securing was checked.</summary>
    private async Task CheckContentAsync(
        JsonObject credential,
        List<VerificationCheck> checks,
        CancellationToken cancellationToken
    )
    {
        CheckContext(credential, checks);
        if (Options.ValidateSchema)
        {
            CheckSchema(credential, checks);
        }
        CheckDates(credential, checks);
        if (Options.CheckStatus)
        {
            await CheckStatusAsync(credential, checks, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The credentials a presentation carries (VC DM 2.0 §4.13): each EnvelopedVerifiableCredential's data: URL
    /// (vc+jwt, vc+sd-jwt, vc+cose) and each embedded credential is verified, its checks reported with the prefix
    /// <c>credential:</c> and the entry's path.
    /// </summary>
    private async Task CheckEnvelopedCredentialsAsync(
        JsonObject presentation,
        List<VerificationCheck> checks,
        CancellationToken cancellationToken
    )
    {
        var credentials = presentation["verifiableCredential"] switch
        {
            JsonArray a => a.ToList(),
            JsonNode n => [n],
            null => [],
        };
        for (var i = 0; i < credentials.Count; i++)
        {
            var path = $"$.verifiableCredential[{i}]";
            var inner = await VerifyPresentedCredentialAsync(credentials[i], cancellationToken)
                .ConfigureAwait(false);
            if (
                inner.Credential is { } document
                && Strings(document["type"]).Contains("VerifiablePresentation")
            )
            {
                // VC DM 2.0 §4.13: a presentation carries credentials, not presentations.
                checks.Add(
                    new(
                        "credential:parse",
                        CheckStatus.Failed,
                        VerificationCodes.PresentationCredentialInvalid,
                        "the enveloped credential is a presentation",
                        path
                    )
                );
                continue;
            }
            foreach (var check in inner.Checks)
            {
                checks.Add(
                    check with
                    {
                        Check = "credential:" + check.Check,
                        Path = check.Path is null ? path : path + check.Path[1..],
                    }
                );
            }
        }
    }

    private async Task<VerificationReport> VerifyPresentedCredentialAsync(
        JsonNode? node,
        CancellationToken cancellationToken
    )
    {
        switch (node)
        {
            case JsonObject o when Strings(o["type"]).Contains("EnvelopedVerifiableCredential"):
            {
                var id = o["id"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
                if (id is null || !VcEnvelope.TryParseDataUrl(id, out var url))
                {
                    return Fatal(
                        null,
                        VerificationCodes.PresentationCredentialInvalid,
                        "an EnvelopedVerifiableCredential's id must be a data: URL of a secured credential"
                    );
                }
                if (url.MediaType is "application/vc+cose")
                {
                    if (!VcCose.TryDecodeText(url.Content, out var bytes, out var error))
                    {
                        return Refused("cose", error, "the enveloped COSE credential: ", null);
                    }
                    return await VerifyCoseAsync(bytes, "cose", cancellationToken)
                        .ConfigureAwait(false);
                }
                if (
                    url.MediaType
                    is not (
                        "application/vc+jwt"
                        or "application/vc+sd-jwt"
                        or "application/dc+sd-jwt"
                        or "application/vc"
                        or "application/vc+ld+json"
                    )
                )
                {
                    return Fatal(
                        null,
                        VerificationCodes.PresentationCredentialInvalid,
                        $"the data: URL's media type '{url.MediaType}' is not a secured credential"
                    );
                }
                var content = url.Content;
                if (url.Base64)
                {
                    try
                    {
                        content = Encoding.UTF8.GetString(Convert.FromBase64String(url.Content));
                    }
                    catch (FormatException)
                    {
                        return Fatal(
                            null,
                            VerificationCodes.PresentationCredentialInvalid,
                            "the data: URL says base64 but its content is not base64"
                        );
                    }
                }
                return await VerifyTextAsync(content, null, cancellationToken)
                    .ConfigureAwait(false);
            }
            case JsonObject o:
                return await VerifyAsync((JsonObject)o.DeepClone(), cancellationToken)
                    .ConfigureAwait(false);
            case JsonValue v when v.TryGetValue<string>(out var text):
                return await VerifyTextAsync(text, "jwt", cancellationToken).ConfigureAwait(false);
            default:
                return Fatal(
                    null,
                    VerificationCodes.PresentationCredentialInvalid,
                    "not a credential"
                );
        }
    }

    /// <summary>
    /// Finds the key a COSE or SD-JWT <c>kid</c> names: a DID URL or URL as is, a bare id relative to the
    /// controller (<c>controller#kid</c>); the method must be controlled by the issuer (holder). Adds the issuer
    /// check and returns the key, or null when there is none.
    /// </summary>
    private async Task<VerificationKey?> ResolveEnvelopeKeyAsync(
        string? kid,
        string? controller,
        List<VerificationCheck> checks,
        CancellationToken cancellationToken
    )
    {
        if (kid is null)
        {
            checks.Add(
                new(
                    "issuer",
                    CheckStatus.Failed,
                    VerificationCodes.IssuerKeyUnresolved,
                    "the protected header names no key (kid)"
                )
            );
            return null;
        }
        var methodId =
            kid.Contains(':', StringComparison.Ordinal) ? kid
            : controller is null ? null
            : controller + (kid.StartsWith('#') ? kid : "#" + kid);
        if (methodId is null)
        {
            checks.Add(
                new(
                    "issuer",
                    CheckStatus.Failed,
                    VerificationCodes.IssuerKeyUnresolved,
                    $"kid '{kid}' is relative and there is no issuer id to resolve it against"
                )
            );
            return null;
        }
        var method = await Options
            .Resolver.DereferenceAsync(methodId, cancellationToken)
            .ConfigureAwait(false);
        if (!method.IsSuccess)
        {
            var unavailable = IsUnavailable(method.Error);
            checks.Add(
                new(
                    "issuer",
                    unavailable ? CheckStatus.Indeterminate : CheckStatus.Failed,
                    unavailable
                        ? VerificationCodes.IssuerKeyUnavailable
                        : VerificationCodes.IssuerKeyUnresolved,
                    $"kid '{methodId}' could not be resolved: {method.Error.Message}"
                )
            );
            return null;
        }
        var vm = method.VerificationMethod;
        if (controller is null || !ControllerCheck.IsControlledBy(vm, controller))
        {
            checks.Add(
                new(
                    "issuer",
                    CheckStatus.Failed,
                    VerificationCodes.IssuerControllerMismatch,
                    $"the key '{vm.Id}' is controlled by '{vm.Controller}', not by '{controller}'"
                )
            );
            return null;
        }
        checks.Add(
            new(
                "issuer",
                CheckStatus.Passed,
                VerificationCodes.IssuerOk,
                $"the key {vm.Id} is controlled by {controller}"
            )
        );
        return vm.Key;
    }

    /// <summary>A refused envelope as a one-entry report, with the check and code the error maps to.</summary>
    private static VerificationReport Refused(
        string? format,
        VcJwtError error,
        string prefix,
        JsonObject? document
    )
    {
        var (check, code, _) = MapEnvelopeError(error, null);
        return new(
            Verdict.Invalid,
            [new VerificationCheck(check, CheckStatus.Failed, code, prefix + error.Message)],
            format,
            document
        );
    }

    private static JsonObject? ToObject(JsonElement element)
    {
        try
        {
            return JsonNode.Parse(element.GetRawText()) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>A presentation's holder id (a string, or the holder object's id).</summary>
    internal static string? HolderId(JsonObject? presentation) =>
        presentation?["holder"] switch
        {
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            JsonObject o when o["id"] is JsonValue id && id.TryGetValue<string>(out var s) => s,
            _ => null,
        };
}
