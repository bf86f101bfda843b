using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Credstack.Credentials.DataIntegrity;
using Credstack.Credentials.Dids;
using Credstack.Credentials.Keys;
using Credstack.Credentials.OpenBadges2;
using Credstack.LinkedData.Json;

namespace Credstack.Credentials.Verification;

/// <summary>
/// Verifies a credential in any form Credstack reads (JSON-LD VC 2.0 or 1.1, VC-JWT, a baked PNG or SVG,
/// Open Badges 2.0) and reports one entry per check (OB 3.0 §9 verification: parse, context, schema, each
/// proof, issuer and key controller, dates, status, endorsements) with an overall verdict. Expected
/// failures are report entries, never exceptions.
/// </summary>
/// <param name="options">How keys, status lists and contexts are obtained.</param>
public sealed partial class CredentialVerifier(VerifierOptions options)
{
    private const int MaxEndorsementDepth = 2;

    private static readonly JsonDocumentOptions JsonLimits = new() { MaxDepth = 128 };

    /// <summary>The options.</summary>
    public VerifierOptions Options { get; } = options;

    /// <summary>Verifies a credential given as bytes (JSON, a JWT, or a PNG/SVG image carrying one).</summary>
    public async Task<VerificationReport> VerifyAsync(
        ReadOnlyMemory<byte> input,
        CancellationToken cancellationToken = default
    )
    {
        if (input.Length > Options.MaxInputBytes)
        {
            return Fatal(
                null,
                VerificationCodes.ParseMalformed,
                $"the input is larger than {Options.MaxInputBytes} bytes"
            );
        }
        var span = input.Span;
        if (span.StartsWith(PngSignature))
        {
            return await VerifyBakedAsync(input, "png", cancellationToken).ConfigureAwait(false);
        }
        if (Cose.VcCose.LooksLikeCose(span))
        {
            // VC-JOSE-COSE §3.3: COSE_Sign1 bytes (tagged or not).
            return await VerifyCoseAsync(input, "cose", cancellationToken).ConfigureAwait(false);
        }
        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(span).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            return Fatal(
                null,
                VerificationCodes.ParseMalformed,
                "the input is neither UTF-8 text nor a PNG image"
            );
        }
        var trimmed = text.TrimStart();
        if (trimmed.StartsWith('<'))
        {
            return await VerifyBakedAsync(input, "svg", cancellationToken).ConfigureAwait(false);
        }
        return await VerifyTextAsync(text, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Verifies a credential given as text: JSON or a compact JWT.</summary>
    public Task<VerificationReport> VerifyAsync(
        string input,
        CancellationToken cancellationToken = default
    )
    {
        ArgumentNullException.ThrowIfNull(input);
        return VerifyTextAsync(input, null, cancellationToken);
    }

    /// <summary>Verifies a credential given as a JSON object.</summary>
    public Task<VerificationReport> VerifyAsync(
        JsonObject credential,
        CancellationToken cancellationToken = default
    )
    {
        ArgumentNullException.ThrowIfNull(credential);
        var checks = new List<VerificationCheck>
        {
            new(
                "parse",
                CheckStatus.Passed,
                VerificationCodes.ParseOk,
                "the credential is a JSON object"
            ),
        };
        return VerifyJsonAsync(credential, checks, "json-ld", 0, cancellationToken);
    }

    private static ReadOnlySpan<byte> PngSignature =>
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private async Task<VerificationReport> VerifyTextAsync(
        string text,
        string? format,
        CancellationToken cancellationToken
    )
    {
        var trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            return Fatal(format, VerificationCodes.ParseMalformed, "the input is empty");
        }
        if (LooksLikeJwt(trimmed))
        {
            return await VerifyCompactAsync(trimmed, format, cancellationToken)
                .ConfigureAwait(false);
        }
        if (SdJwt.SdJwtVc.LooksLikeSdJwt(trimmed))
        {
            return await VerifySdJwtAsync(trimmed, format ?? "sd-jwt", cancellationToken)
                .ConfigureAwait(false);
        }
        if (LooksLikeBase64(trimmed))
        {
            // The text form of a COSE_Sign1 is base64 (VC-JOSE-COSE test suite, data: URLs).
            if (
                Cose.VcCose.TryDecodeText(trimmed, out var bytes, out _)
                && Cose.VcCose.LooksLikeCose(bytes)
            )
            {
                return await VerifyCoseAsync(bytes, format ?? "cose", cancellationToken)
                    .ConfigureAwait(false);
            }
        }
        JsonNode? node;
        try
        {
            node = JsonText.Parse(trimmed, JsonLimits);
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line
                ? $" at line {line + 1}, position {e.BytePositionInLine + 1}"
                : "";
            return Fatal(
                format,
                VerificationCodes.ParseMalformed,
                $"the input is not valid JSON{where}: {FirstSentence(e.Message)}"
            );
        }
        if (
            node is JsonValue value
            && value.TryGetValue<string>(out var inner)
            && LooksLikeJwt(inner)
        )
        {
            return await VerifyCompactAsync(inner, format, cancellationToken).ConfigureAwait(false);
        }
        if (node is not JsonObject credential)
        {
            return Fatal(
                format,
                VerificationCodes.ParseNotACredential,
                "the input is JSON but not an object"
            );
        }
        var checks = new List<VerificationCheck>
        {
            new(
                "parse",
                CheckStatus.Passed,
                VerificationCodes.ParseOk,
                "the input was read as a JSON object"
            ),
        };
        return await VerifyJsonAsync(credential, checks, format ?? "json-ld", 0, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>A compact JWS: a signed OB 2.0 assertion, else a VC-JWT.</summary>
    private Task<VerificationReport> VerifyCompactAsync(
        string jws,
        string? format,
        CancellationToken cancellationToken
    ) =>
        OpenBadges2Verifier.TryReadSignedAssertion(jws, out var assertion)
            ? VerifySignedOpenBadges2Async(jws, assertion, format ?? "ob2-jws", cancellationToken)
            : VerifyJwtAsync(jws, format ?? "jwt", cancellationToken);

    private async Task<VerificationReport> VerifyJsonAsync(
        JsonObject credential,
        List<VerificationCheck> checks,
        string format,
        int depth,
        CancellationToken cancellationToken
    )
    {
        if (IsOpenBadges2(credential))
        {
            return await VerifyOpenBadges2Async(credential, checks, cancellationToken)
                .ConfigureAwait(false);
        }
        var types = Strings(credential["type"]);
        if (types.Contains("VerifiablePresentation"))
        {
            return await VerifyPresentationAsync(credential, checks, format, cancellationToken)
                .ConfigureAwait(false);
        }
        if (!types.Contains("VerifiableCredential"))
        {
            checks.Add(
                new(
                    "parse",
                    CheckStatus.Failed,
                    VerificationCodes.ParseNotACredential,
                    "the JSON is not a verifiable credential: its type does not include VerifiableCredential",
                    "$.type"
                )
            );
            return Report(checks, format, credential);
        }

        CheckContext(credential, checks);
        if (Options.ValidateSchema)
        {
            CheckSchema(credential, checks);
        }
        await CheckProofsAsync(credential, checks, cancellationToken).ConfigureAwait(false);
        CheckDates(credential, checks);
        if (Options.CheckStatus)
        {
            await CheckStatusAsync(credential, checks, cancellationToken).ConfigureAwait(false);
        }
        if (depth < MaxEndorsementDepth)
        {
            await CheckEndorsementsAsync(credential, checks, depth, cancellationToken)
                .ConfigureAwait(false);
        }
        return Report(checks, format, credential);
    }

    private static void CheckContext(JsonObject credential, List<VerificationCheck> checks)
    {
        var contexts = credential["@context"] switch
        {
            JsonArray a => a,
            JsonValue v => new JsonArray(v.DeepClone()),
            _ => null,
        };
        if (contexts is null || contexts.Count == 0)
        {
            checks.Add(
                new(
                    "context",
                    CheckStatus.Failed,
                    VerificationCodes.ContextInvalid,
                    "the credential has no @context",
                    "$['@context']"
                )
            );
            return;
        }
        var first = contexts[0] is JsonValue fv && fv.TryGetValue<string>(out var s) ? s : null;
        if (first is not (VcContexts.V2 or VcContexts.V1))
        {
            checks.Add(
                new(
                    "context",
                    CheckStatus.Failed,
                    VerificationCodes.ContextInvalid,
                    $"the first @context entry must be {VcContexts.V2} (VC 2.0) or {VcContexts.V1} (VC 1.1)",
                    "$['@context'][0]"
                )
            );
            return;
        }
        checks.Add(
            new(
                "context",
                CheckStatus.Passed,
                VerificationCodes.ContextOk,
                first == VcContexts.V2
                    ? "Verifiable Credentials 2.0 context"
                    : "Verifiable Credentials 1.1 context"
            )
        );
    }

    private async Task CheckProofsAsync(
        JsonObject credential,
        List<VerificationCheck> checks,
        CancellationToken cancellationToken
    )
    {
        var proofs = DataIntegrityProofs.GetProofs(credential);
        if (proofs.Count == 0)
        {
            checks.Add(
                new(
                    "proof",
                    CheckStatus.Failed,
                    VerificationCodes.ProofMissing,
                    "the credential carries no proof",
                    "$.proof"
                )
            );
            return;
        }
        var issuer = IssuerId(credential);
        if (issuer is null)
        {
            checks.Add(
                new(
                    "issuer",
                    CheckStatus.Failed,
                    VerificationCodes.IssuerInvalid,
                    "the credential has no issuer id",
                    "$.issuer"
                )
            );
        }
        for (var i = 0; i < proofs.Count; i++)
        {
            var path = credential["proof"] is JsonArray ? $"$.proof[{i}]" : "$.proof";
            await CheckProofAsync(
                    credential,
                    proofs[i],
                    issuer,
                    path,
                    new ProofExpectations { Now = Options.Time.GetUtcNow() },
                    checks,
                    cancellationToken
                )
                .ConfigureAwait(false);
        }
    }

    private async Task<bool> CheckProofAsync(
        JsonObject document,
        JsonObject proof,
        string? controllerExpected,
        string path,
        ProofExpectations expectations,
        List<VerificationCheck> checks,
        CancellationToken cancellationToken
    )
    {
        var prepared = Prepare(document, proof, expectations);
        if (!prepared.Success)
        {
            var status =
                prepared.Problem.Code == VerificationCodes.ContextUnavailable
                    ? CheckStatus.Indeterminate
                    : CheckStatus.Failed;
            checks.Add(new("proof", status, prepared.Problem.Code, prepared.Problem.Message, path));
            return false;
        }
        foreach (var warning in prepared.Value.Warnings)
        {
            checks.Add(
                new(
                    "proof",
                    CheckStatus.Warning,
                    warning.Code,
                    warning.Message,
                    path + ".cryptosuite"
                )
            );
        }

        var method = await Options
            .Resolver.DereferenceAsync(prepared.Value.VerificationMethod, cancellationToken)
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
                    $"the verification method '{prepared.Value.VerificationMethod}' could not be resolved: {method.Error.Message}",
                    path + ".verificationMethod"
                )
            );
            return false;
        }
        var key = method.VerificationMethod.Key!;
        if (controllerExpected is not null)
        {
            if (
                ControllerCheck.Check(method.VerificationMethod, controllerExpected) is { } mismatch
            )
            {
                checks.Add(
                    new(
                        "issuer",
                        CheckStatus.Failed,
                        VerificationCodes.IssuerControllerMismatch,
                        mismatch.Message,
                        path + ".verificationMethod"
                    )
                );
                return false;
            }
            checks.Add(
                new(
                    "issuer",
                    CheckStatus.Passed,
                    VerificationCodes.IssuerOk,
                    $"the key {method.VerificationMethod.Id} is controlled by {controllerExpected}",
                    path + ".verificationMethod"
                )
            );
        }
        var required = prepared.Value.RequiredKeyType;
        if (key.Type != required)
        {
            checks.Add(
                new(
                    "proof",
                    CheckStatus.Failed,
                    VerificationCodes.ProofSignatureInvalid,
                    $"the {prepared.Value.Cryptosuite} proof needs {KeyName(required)} key, but the verification method holds {KeyName(key.Type)} key",
                    path + ".verificationMethod"
                )
            );
            return false;
        }
        if (!prepared.Value.Verify(key))
        {
            checks.Add(
                new(
                    "proof",
                    CheckStatus.Failed,
                    VerificationCodes.ProofSignatureInvalid,
                    $"the {prepared.Value.Cryptosuite} signature does not match the document: it was changed after signing, or signed with another key",
                    path + ".proofValue"
                )
            );
            return false;
        }
        checks.Add(
            new(
                "proof",
                CheckStatus.Passed,
                VerificationCodes.ProofOk,
                $"valid {prepared.Value.Cryptosuite} signature",
                path
            )
        );
        return true;
    }

    // A proof ready for its key: a Data Integrity proof of one of DataIntegrityProofs' suites, or an
    // ecdsa-sd-2023 derived proof (VC DI ECDSA 1.0 §3.6.7), which has its own verify data.
    private sealed record ReadyProof(
        string Cryptosuite,
        string VerificationMethod,
        IReadOnlyList<ProofProblem> Warnings,
        KeyType RequiredKeyType,
        Func<VerificationKey, bool> Verify
    );

    private ProofResult<ReadyProof> Prepare(
        JsonObject document,
        JsonObject proof,
        ProofExpectations expectations
    )
    {
        if (
            proof["type"] is JsonValue type
            && type.TryGetValue<string>(out var typeName)
            && typeName == DataIntegritySuites.DataIntegrityProof
            && proof["cryptosuite"] is JsonValue suite
            && suite.TryGetValue<string>(out var suiteName)
            && suiteName == EcdsaSd2023.Cryptosuite
        )
        {
            var derived = EcdsaSd2023.PrepareDerivedProof(
                document,
                proof,
                expectations,
                Options.JsonLd
            );
            if (!derived.Success)
            {
                return ProofResult<ReadyProof>.Failed(derived.Problem);
            }
            var sd = derived.Value;
            // The base signature is the issuer's, with a P-256 key (SHA-256, §3.5.1).
            return ProofResult<ReadyProof>.Ok(
                new ReadyProof(
                    EcdsaSd2023.Cryptosuite,
                    sd.VerificationMethod,
                    [],
                    KeyType.P256,
                    key => EcdsaSd2023.VerifyDerivedProof(sd, key)
                )
            );
        }
        var prepared = DataIntegrityProofs.PrepareProof(
            document,
            proof,
            expectations,
            Options.JsonLd
        );
        if (!prepared.Success)
        {
            return ProofResult<ReadyProof>.Failed(prepared.Problem);
        }
        var value = prepared.Value;
        return ProofResult<ReadyProof>.Ok(
            new ReadyProof(
                value.Cryptosuite,
                value.VerificationMethod,
                value.Warnings,
                DataIntegrityProofs.RequiredKeyType(value),
                key => DataIntegrityProofs.VerifySignature(value, key)
            )
        );
    }

    private static string KeyName(KeyType type) =>
        type switch
        {
            KeyType.Ed25519 => "an Ed25519",
            KeyType.P256 => "a P-256",
            KeyType.P384 => "a P-384",
            KeyType.P521 => "a P-521",
            KeyType.Rsa => "an RSA",
            _ => $"a {type}",
        };

    private void CheckDates(JsonObject credential, List<VerificationCheck> checks)
    {
        var now = Options.Time.GetUtcNow();
        var v1 = credential["validFrom"] is null && credential["issuanceDate"] is not null;
        var fromName = v1 ? "issuanceDate" : "validFrom";
        var untilName = v1 ? "expirationDate" : "validUntil";
        var problems = 0;
        if (credential[fromName] is { } fromNode)
        {
            if (!TryDate(fromNode, out var from))
            {
                checks.Add(
                    new(
                        "dates",
                        CheckStatus.Failed,
                        VerificationCodes.DatesInvalid,
                        $"{fromName} is not an XML Schema dateTime with a time zone",
                        "$." + fromName
                    )
                );
                problems++;
            }
            else if (from > now)
            {
                checks.Add(
                    new(
                        "dates",
                        CheckStatus.Failed,
                        VerificationCodes.DatesNotYetValid,
                        $"the credential is not valid before {(string?)fromNode}",
                        "$." + fromName
                    )
                );
                problems++;
            }
        }
        if (credential[untilName] is { } untilNode)
        {
            if (!TryDate(untilNode, out var until))
            {
                checks.Add(
                    new(
                        "dates",
                        CheckStatus.Failed,
                        VerificationCodes.DatesInvalid,
                        $"{untilName} is not an XML Schema dateTime with a time zone",
                        "$." + untilName
                    )
                );
                problems++;
            }
            else if (until < now)
            {
                checks.Add(
                    new(
                        "dates",
                        CheckStatus.Failed,
                        VerificationCodes.DatesExpired,
                        $"the credential expired at {(string?)untilNode}",
                        "$." + untilName
                    )
                );
                problems++;
            }
        }
        if (problems == 0)
        {
            checks.Add(
                new(
                    "dates",
                    CheckStatus.Passed,
                    VerificationCodes.DatesOk,
                    "the credential is within its validity period"
                )
            );
        }

        static bool TryDate(JsonNode node, out DateTimeOffset value)
        {
            value = default;
            return node is JsonValue v
                && v.TryGetValue<string>(out var s)
                && DataIntegrityProofs.TryParseDateTime(s, out value);
        }
    }

    private async Task CheckEndorsementsAsync(
        JsonObject credential,
        List<VerificationCheck> checks,
        int depth,
        CancellationToken cancellationToken
    )
    {
        foreach (var (node, path) in Endorsements(credential))
        {
            var inner = new List<VerificationCheck>();
            var report = await VerifyJsonAsync(
                    (JsonObject)node.DeepClone(),
                    inner,
                    "json-ld",
                    depth + 1,
                    cancellationToken
                )
                .ConfigureAwait(false);
            if (report.Verdict == Verdict.Valid)
            {
                checks.Add(
                    new(
                        "endorsement",
                        CheckStatus.Passed,
                        VerificationCodes.EndorsementOk,
                        "the embedded endorsement verified",
                        path
                    )
                );
            }
            else
            {
                var firstProblem = report.Checks.FirstOrDefault(c =>
                    c.Status is CheckStatus.Failed or CheckStatus.Indeterminate
                );
                checks.Add(
                    new(
                        "endorsement",
                        report.Verdict == Verdict.Invalid
                            ? CheckStatus.Failed
                            : CheckStatus.Indeterminate,
                        VerificationCodes.EndorsementInvalid,
                        $"the embedded endorsement is {report.Verdict.ToString().ToLowerInvariant()}: {firstProblem?.Message}",
                        path
                    )
                );
            }
        }
    }

    private static IEnumerable<(JsonObject Node, string Path)> Endorsements(JsonObject credential)
    {
        // OB 3.0: endorsements may sit on the credential, the issuer profile and the achievement.
        foreach (
            var (owner, path) in new[]
            {
                (credential, "$"),
                (credential["issuer"] as JsonObject, "$.issuer"),
                (
                    (credential["credentialSubject"] as JsonObject)?["achievement"] as JsonObject,
                    "$.credentialSubject.achievement"
                ),
            }
        )
        {
            if (owner?["endorsement"] is JsonArray list)
            {
                for (var i = 0; i < list.Count; i++)
                {
                    if (list[i] is JsonObject e)
                    {
                        yield return (e, $"{path}.endorsement[{i}]");
                    }
                }
            }
            else if (owner?["endorsement"] is JsonObject single)
            {
                yield return (single, $"{path}.endorsement");
            }
        }
    }

    /// <summary>The issuer id of a credential: <c>issuer</c> as a string or <c>issuer.id</c>.</summary>
    public static string? IssuerId(JsonObject credential)
    {
        ArgumentNullException.ThrowIfNull(credential);
        return credential["issuer"] switch
        {
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            JsonObject o when o["id"] is JsonValue id && id.TryGetValue<string>(out var s) => s,
            _ => null,
        };
    }

    private static bool LooksLikeJwt(string text)
    {
        if (text.Length < 5 || !text.StartsWith("ey", StringComparison.Ordinal))
        {
            return false;
        }
        var dots = 0;
        foreach (var c in text)
        {
            if (c == '.')
            {
                dots++;
            }
            else if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '='))
            {
                return false;
            }
        }
        return dots == 2;
    }

    private static bool LooksLikeBase64(string text)
    {
        if (text.Length < 16)
        {
            return false;
        }
        foreach (var c in text)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '+' or '/' or '=' or '-' or '_'))
            {
                return false;
            }
        }
        return true;
    }

    internal static HashSet<string> Strings(JsonNode? node)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        switch (node)
        {
            case JsonValue v when v.TryGetValue<string>(out var s):
                set.Add(s);
                break;
            case JsonArray a:
                foreach (var item in a)
                {
                    if (item is JsonValue iv && iv.TryGetValue<string>(out var t))
                    {
                        set.Add(t);
                    }
                }
                break;
        }
        return set;
    }

    private static VerificationReport Report(
        List<VerificationCheck> checks,
        string? format,
        JsonObject? credential
    ) => new(VerificationReport.VerdictOf(checks), checks, format, credential);

    private static VerificationReport Fatal(string? format, string code, string message) =>
        new(
            Verdict.Invalid,
            [new VerificationCheck("parse", CheckStatus.Failed, code, message)],
            format,
            null
        );

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end > 0 ? message[..end] : message;
    }
}
