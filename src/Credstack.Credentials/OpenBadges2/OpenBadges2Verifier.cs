using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Credstack.Credentials.DataIntegrity;
using Credstack.Credentials.Verification;

namespace Credstack.Credentials.OpenBadges2;

/// <summary>
/// Verifies Open Badges 2.0 assertions (OB 2.0 "Badge Verification"): hosted assertions, fetched from their
/// <c>id</c> on an origin the issuer allows, and signed assertions, a JWS (RS256) whose key
/// (<c>verification.creator</c>, a CryptographicKey with <c>publicKeyPem</c>) is owned by the issuer. Every
/// document is fetched through the injectable <see cref="IDocumentFetcher"/>; failures are report entries.
/// </summary>
/// <param name="fetcher">Fetches the assertion, badge class, issuer profile, key and revocation list.</param>
/// <param name="time">The clock for <c>expires</c>.</param>
internal sealed class OpenBadges2Verifier(IDocumentFetcher fetcher, TimeProvider time)
{
    /// <summary>The OB 2.0 JSON-LD context.</summary>
    public const string Context = "https://w3id.org/openbadges/v2";

    /// <summary>Whether a JSON object is an OB 2.0 assertion: the OB 2.0 context or an Assertion with a badge and recipient, and no VC type.</summary>
    public static bool IsAssertion(JsonObject document)
    {
        var types = CredentialVerifier.Strings(document["type"]);
        if (types.Contains("VerifiableCredential") || types.Contains("VerifiablePresentation"))
        {
            return false;
        }
        var contexts = CredentialVerifier.Strings(document["@context"]);
        return contexts.Contains(Context)
            || contexts.Contains(Context + "/")
            || (
                (types.Contains("Assertion") || document["verify"] is not null)
                && document["recipient"] is not null
                && document["badge"] is not null
            );
    }

    /// <summary>Reads a compact JWS whose payload is an OB 2.0 assertion (a signed badge), or returns false.</summary>
    public static bool TryReadSignedAssertion(string jws, out JsonObject assertion)
    {
        assertion = null!;
        var parts = jws.Split('.');
        if (parts.Length != 3)
        {
            return false;
        }
        try
        {
            if (
                JsonNode.Parse(Base64Url.DecodeFromChars(parts[1])) is JsonObject payload
                && IsAssertion(payload)
            )
            {
                assertion = payload;
                return true;
            }
        }
        catch (Exception e)
            when (e
                    is JsonException
                        or FormatException
                        or ArgumentException
                        or InvalidOperationException
            ) { }
        return false;
    }

    /// <summary>Verifies a hosted assertion given only by its URL (a baked OB 2.0 badge).</summary>
    public async Task VerifyUrlAsync(
        string url,
        List<VerificationCheck> checks,
        CancellationToken cancellationToken
    )
    {
        var fetched = await FetchObjectAsync(url, "assertion", "$", checks, cancellationToken)
            .ConfigureAwait(false);
        if (fetched is null)
        {
            return;
        }
        checks.Add(
            new(
                "parse",
                CheckStatus.Passed,
                VerificationCodes.ParseOk,
                $"the Open Badges 2.0 assertion was fetched from {url}"
            )
        );
        await VerifyAsync(fetched, null, checks, cancellationToken, alreadyFetched: true)
            .ConfigureAwait(false);
    }

    /// <summary>Verifies an assertion: hosted (given as JSON) or signed (<paramref name="jws"/> is the token it came from).</summary>
    public async Task VerifyAsync(
        JsonObject assertion,
        string? jws,
        List<VerificationCheck> checks,
        CancellationToken cancellationToken,
        bool alreadyFetched = false
    )
    {
        var id = Text(assertion["id"]);
        var verification =
            assertion["verification"] as JsonObject ?? assertion["verify"] as JsonObject;
        var kind = Text(verification?["type"])?.ToLowerInvariant();
        if (kind is null || !(kind is "hosted" or "hostedbadge" or "signed" or "signedbadge"))
        {
            checks.Add(
                new(
                    "proof",
                    CheckStatus.Failed,
                    VerificationCodes.ProofUnsupportedSuite,
                    "the assertion's verification.type must be hosted or signed (OB 2.0 VerificationObject)",
                    "$.verification.type"
                )
            );
            return;
        }
        var signed = kind.StartsWith("signed", StringComparison.Ordinal);
        if (signed && jws is null)
        {
            checks.Add(
                new(
                    "proof",
                    CheckStatus.Failed,
                    VerificationCodes.ProofMissing,
                    "a signed Open Badges 2.0 assertion must be given as its JWS, not as plain JSON",
                    "$.verification"
                )
            );
            return;
        }

        // The badge class and its issuer (OB 2.0: badge and issuer are URLs or embedded objects).
        var badge = await ObjectOrFetchAsync(
                assertion["badge"],
                "badge class",
                "$.badge",
                checks,
                cancellationToken
            )
            .ConfigureAwait(false);
        JsonObject? issuer = null;
        if (badge is not null)
        {
            issuer = await ObjectOrFetchAsync(
                    badge["issuer"],
                    "issuer profile",
                    "$.badge.issuer",
                    checks,
                    cancellationToken
                )
                .ConfigureAwait(false);
        }
        var issuerId = issuer is null ? null : Text(issuer["id"]);

        if (signed)
        {
            await CheckSignatureAsync(jws!, verification!, issuerId, checks, cancellationToken)
                .ConfigureAwait(false);
        }
        else
        {
            await CheckHostedAsync(
                    assertion,
                    id,
                    issuer,
                    issuerId,
                    alreadyFetched,
                    checks,
                    cancellationToken
                )
                .ConfigureAwait(false);
        }
        CheckRecipient(assertion, checks);
        CheckDates(assertion, checks);
        await CheckRevocationAsync(assertion, id, issuer, checks, cancellationToken)
            .ConfigureAwait(false);
    }

    private async Task CheckHostedAsync(
        JsonObject assertion,
        string? id,
        JsonObject? issuer,
        string? issuerId,
        bool alreadyFetched,
        List<VerificationCheck> checks,
        CancellationToken cancellationToken
    )
    {
        if (
            id is null
            || !Uri.TryCreate(id, UriKind.Absolute, out var idUri)
            || idUri.Scheme is not ("https" or "http")
        )
        {
            checks.Add(
                new(
                    "proof",
                    CheckStatus.Failed,
                    VerificationCodes.Ob2DocumentInvalid,
                    "a hosted assertion's id must be the http(s) URL it is published at",
                    "$.id"
                )
            );
            return;
        }
        if (!alreadyFetched)
        {
            var hosted = await FetchObjectAsync(id, "assertion", "$.id", checks, cancellationToken)
                .ConfigureAwait(false);
            if (hosted is null)
            {
                return;
            }
            if (!JsonNode.DeepEquals(hosted, assertion))
            {
                checks.Add(
                    new(
                        "proof",
                        CheckStatus.Failed,
                        VerificationCodes.Ob2HostedMismatch,
                        $"the assertion published at {id} differs from the one given: it was changed",
                        "$"
                    )
                );
                return;
            }
        }
        if (issuer is null || issuerId is null)
        {
            return;
        }
        if (!OriginAllowed(idUri, issuer, issuerId, out var why))
        {
            checks.Add(
                new(
                    "issuer",
                    CheckStatus.Failed,
                    VerificationCodes.Ob2OriginNotAllowed,
                    why,
                    "$.id"
                )
            );
            return;
        }
        checks.Add(
            new(
                "issuer",
                CheckStatus.Passed,
                VerificationCodes.IssuerOk,
                $"the assertion is hosted at {id}, where {issuerId} publishes its badges"
            )
        );
        checks.Add(
            new(
                "proof",
                CheckStatus.Passed,
                VerificationCodes.ProofOk,
                $"the hosted assertion at {id} matches",
                "$"
            )
        );
    }

    /// <summary>
    /// OB 2.0 VerificationObject: with <c>startsWith</c> the assertion URL must start with one of its values; with
    /// <c>allowedOrigins</c> its host must be one of them; otherwise it must share the issuer id's origin.
    /// </summary>
    private static bool OriginAllowed(
        Uri assertionId,
        JsonObject issuer,
        string issuerId,
        out string why
    )
    {
        var policy = issuer["verification"] as JsonObject;
        var startsWith = CredentialVerifier.Strings(policy?["startsWith"]);
        if (startsWith.Count > 0)
        {
            why =
                $"the assertion URL {assertionId} does not start with any of the issuer's allowed prefixes ({string.Join(", ", startsWith)})";
            foreach (var prefix in startsWith)
            {
                if (assertionId.AbsoluteUri.StartsWith(prefix, StringComparison.Ordinal))
                {
                    return true;
                }
            }
            return false;
        }
        var origins = CredentialVerifier.Strings(policy?["allowedOrigins"]);
        if (origins.Count > 0)
        {
            why =
                $"the assertion's host {assertionId.Authority} is not one of the issuer's allowed origins ({string.Join(", ", origins)})";
            return origins.Contains(assertionId.Authority) || origins.Contains(assertionId.Host);
        }
        why = $"the assertion at {assertionId} is not on the issuer's origin ({issuerId})";
        return Uri.TryCreate(issuerId, UriKind.Absolute, out var issuerUri)
            && string.Equals(issuerUri.Scheme, assertionId.Scheme, StringComparison.Ordinal)
            && string.Equals(
                issuerUri.Authority,
                assertionId.Authority,
                StringComparison.OrdinalIgnoreCase
            );
    }

    private async Task CheckSignatureAsync(
        string jws,
        JsonObject verification,
        string? issuerId,
        List<VerificationCheck> checks,
        CancellationToken cancellationToken
    )
    {
        var parts = jws.Split('.');
        string? alg;
        byte[] signature;
        try
        {
            alg = Text((JsonNode.Parse(Base64Url.DecodeFromChars(parts[0])) as JsonObject)?["alg"]);
            signature = Base64Url.DecodeFromChars(parts[2]);
        }
        catch (Exception e) when (e is JsonException or FormatException or ArgumentException)
        {
            checks.Add(
                new(
                    "proof",
                    CheckStatus.Failed,
                    VerificationCodes.ProofMalformed,
                    "the JWS header or signature is not valid base64url JSON",
                    "$"
                )
            );
            return;
        }
        if (alg != "RS256")
        {
            // OB 2.0 signed badges use RS256; anything else (including "none") is refused.
            checks.Add(
                new(
                    "proof",
                    CheckStatus.Failed,
                    VerificationCodes.ProofUnsupportedSuite,
                    $"the JWS algorithm '{alg}' is not RS256, which OB 2.0 signed badges use",
                    "$"
                )
            );
            return;
        }
        var creator = Text(verification["creator"]);
        if (creator is null)
        {
            checks.Add(
                new(
                    "issuer",
                    CheckStatus.Failed,
                    VerificationCodes.IssuerKeyUnresolved,
                    "a signed assertion must name its key in verification.creator",
                    "$.verification.creator"
                )
            );
            return;
        }
        var keyDocument = await FetchObjectAsync(
                creator,
                "key",
                "$.verification.creator",
                checks,
                cancellationToken
            )
            .ConfigureAwait(false);
        if (keyDocument is null)
        {
            return;
        }
        var pem = Text(keyDocument["publicKeyPem"]);
        var owner = Text(keyDocument["owner"]);
        if (pem is null)
        {
            checks.Add(
                new(
                    "issuer",
                    CheckStatus.Failed,
                    VerificationCodes.IssuerKeyUnresolved,
                    $"the key {creator} has no publicKeyPem",
                    "$.verification.creator"
                )
            );
            return;
        }
        if (issuerId is null || owner != issuerId)
        {
            checks.Add(
                new(
                    "issuer",
                    CheckStatus.Failed,
                    VerificationCodes.Ob2KeyOwnerMismatch,
                    $"the key {creator} is owned by '{owner}', not by the badge's issuer '{issuerId}'",
                    "$.verification.creator"
                )
            );
            return;
        }
        checks.Add(
            new(
                "issuer",
                CheckStatus.Passed,
                VerificationCodes.IssuerOk,
                $"the key {creator} is owned by {issuerId}",
                "$.verification.creator"
            )
        );
        bool valid;
        try
        {
            using var rsa = RSA.Create();
            rsa.ImportFromPem(pem);
            valid = rsa.VerifyData(
                Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]),
                signature,
                HashAlgorithmName.SHA256,
                RSASignaturePadding.Pkcs1
            );
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            checks.Add(
                new(
                    "issuer",
                    CheckStatus.Failed,
                    VerificationCodes.IssuerKeyUnresolved,
                    $"the publicKeyPem of {creator} is not an RSA public key: {e.Message}",
                    "$.verification.creator"
                )
            );
            return;
        }
        checks.Add(
            valid
                ? new(
                    "proof",
                    CheckStatus.Passed,
                    VerificationCodes.ProofOk,
                    "valid RS256 signature of the Open Badges 2.0 assertion",
                    "$"
                )
                : new(
                    "proof",
                    CheckStatus.Failed,
                    VerificationCodes.ProofSignatureInvalid,
                    "the RS256 signature does not match the assertion: it was changed after signing, or signed with another key",
                    "$"
                )
        );
    }

    /// <summary>OB 2.0 IdentityObject: a type, a boolean hashed, and for a hashed identity "sha256$hex" or "md5$hex".</summary>
    private static void CheckRecipient(JsonObject assertion, List<VerificationCheck> checks)
    {
        if (assertion["recipient"] is not JsonObject recipient)
        {
            checks.Add(
                new(
                    "schema",
                    CheckStatus.Failed,
                    VerificationCodes.Ob2RecipientInvalid,
                    "the assertion has no recipient object",
                    "$.recipient"
                )
            );
            return;
        }
        var type = Text(recipient["type"]);
        var identity = Text(recipient["identity"]);
        var hashed = recipient["hashed"] is JsonValue h && h.TryGetValue<bool>(out var hb) && hb;
        string? problem = null;
        if (type is null || identity is null)
        {
            problem = "the recipient needs a type and an identity";
        }
        else if (hashed && !IsHashedIdentity(identity))
        {
            problem =
                "a hashed recipient identity must be 'sha256$' followed by 64 hex digits or 'md5$' followed by 32";
        }
        else if (!hashed && type == "email" && !identity.Contains('@', StringComparison.Ordinal))
        {
            problem = "the recipient's email address is not an email address";
        }
        checks.Add(
            problem is null
                ? new(
                    "schema",
                    CheckStatus.Passed,
                    VerificationCodes.SchemaOk,
                    $"the recipient is a{(hashed ? " hashed" : "n unhashed")} {type} identity"
                )
                : new(
                    "schema",
                    CheckStatus.Failed,
                    VerificationCodes.Ob2RecipientInvalid,
                    problem,
                    "$.recipient"
                )
        );

        static bool IsHashedIdentity(string identity)
        {
            var dollar = identity.IndexOf('$', StringComparison.Ordinal);
            if (dollar < 0)
            {
                return false;
            }
            var algorithm = identity[..dollar].ToLowerInvariant();
            var hex = identity[(dollar + 1)..];
            var length = algorithm switch
            {
                "sha256" => 64,
                "md5" => 32,
                _ => -1,
            };
            return hex.Length == length && hex.All(char.IsAsciiHexDigit);
        }
    }

    private void CheckDates(JsonObject assertion, List<VerificationCheck> checks)
    {
        var issuedOn = Text(assertion["issuedOn"]);
        if (issuedOn is null || !DataIntegrityProofs.TryParseDateTime(issuedOn, out _))
        {
            // OB 2.0 DateTime: ISO 8601 with a time zone, or a Unix timestamp (seconds).
            if (!(assertion["issuedOn"] is JsonValue v && v.TryGetValue<long>(out _)))
            {
                checks.Add(
                    new(
                        "dates",
                        CheckStatus.Failed,
                        VerificationCodes.DatesInvalid,
                        "issuedOn is missing or not a date-time",
                        "$.issuedOn"
                    )
                );
                return;
            }
        }
        if (assertion["expires"] is { } expiresNode)
        {
            var expires = Text(expiresNode);
            if (expires is null || !DataIntegrityProofs.TryParseDateTime(expires, out var until))
            {
                checks.Add(
                    new(
                        "dates",
                        CheckStatus.Failed,
                        VerificationCodes.DatesInvalid,
                        "expires is not a date-time",
                        "$.expires"
                    )
                );
                return;
            }
            if (until < time.GetUtcNow())
            {
                checks.Add(
                    new(
                        "dates",
                        CheckStatus.Failed,
                        VerificationCodes.DatesExpired,
                        $"the badge expired at {expires}",
                        "$.expires"
                    )
                );
                return;
            }
        }
        checks.Add(
            new(
                "dates",
                CheckStatus.Passed,
                VerificationCodes.DatesOk,
                "the badge is within its validity period"
            )
        );
    }

    /// <summary><c>revoked</c> on the (hosted) assertion, and the issuer's <c>revocationList</c> when it names one.</summary>
    private async Task CheckRevocationAsync(
        JsonObject assertion,
        string? id,
        JsonObject? issuer,
        List<VerificationCheck> checks,
        CancellationToken cancellationToken
    )
    {
        if (assertion["revoked"] is JsonValue r && r.TryGetValue<bool>(out var revoked) && revoked)
        {
            var reason = Text(assertion["revocationReason"]);
            checks.Add(
                new(
                    "status",
                    CheckStatus.Failed,
                    VerificationCodes.StatusRevoked,
                    "the badge was revoked" + (reason is null ? "" : ": " + reason),
                    "$.revoked"
                )
            );
            return;
        }
        var listUrl = issuer is null ? null : Text(issuer["revocationList"]);
        if (listUrl is null || id is null)
        {
            checks.Add(
                new(
                    "status",
                    CheckStatus.Passed,
                    VerificationCodes.StatusOk,
                    "the badge is not revoked"
                )
            );
            return;
        }
        var list = await fetcher.FetchAsync(listUrl, cancellationToken).ConfigureAwait(false);
        if (list.Document is not JsonObject listObject)
        {
            checks.Add(
                new(
                    "status",
                    list.Unavailable ? CheckStatus.Indeterminate : CheckStatus.Failed,
                    list.Unavailable
                        ? VerificationCodes.StatusUnavailable
                        : VerificationCodes.StatusInvalid,
                    $"the issuer's revocation list {listUrl} could not be read: {list.Error ?? "not an object"}",
                    "$.badge.issuer.revocationList"
                )
            );
            return;
        }
        if (listObject["revokedAssertions"] is JsonArray entries)
        {
            foreach (var entry in entries)
            {
                var entryId = entry is JsonObject o ? Text(o["id"]) : Text(entry);
                if (entryId == id)
                {
                    var reason = entry is JsonObject eo ? Text(eo["revocationReason"]) : null;
                    checks.Add(
                        new(
                            "status",
                            CheckStatus.Failed,
                            VerificationCodes.StatusRevoked,
                            $"the issuer's revocation list lists the badge{(reason is null ? "" : ": " + reason)}",
                            "$.badge.issuer.revocationList"
                        )
                    );
                    return;
                }
            }
        }
        checks.Add(
            new(
                "status",
                CheckStatus.Passed,
                VerificationCodes.StatusOk,
                "the issuer's revocation list does not list the badge"
            )
        );
    }

    private async Task<JsonObject?> ObjectOrFetchAsync(
        JsonNode? node,
        string what,
        string path,
        List<VerificationCheck> checks,
        CancellationToken cancellationToken
    )
    {
        if (node is JsonObject embedded)
        {
            return embedded;
        }
        if (Text(node) is { } url)
        {
            return await FetchObjectAsync(url, what, path, checks, cancellationToken)
                .ConfigureAwait(false);
        }
        checks.Add(
            new(
                "parse",
                CheckStatus.Failed,
                VerificationCodes.Ob2DocumentInvalid,
                $"the {what} is neither a URL nor an object",
                path
            )
        );
        return null;
    }

    private async Task<JsonObject?> FetchObjectAsync(
        string url,
        string what,
        string path,
        List<VerificationCheck> checks,
        CancellationToken cancellationToken
    )
    {
        var fetched = await fetcher.FetchAsync(url, cancellationToken).ConfigureAwait(false);
        if (fetched.Document is JsonObject document)
        {
            return document;
        }
        var unavailable = fetched.Document is null && fetched.Unavailable;
        checks.Add(
            new(
                what == "key" ? "issuer" : "parse",
                unavailable ? CheckStatus.Indeterminate : CheckStatus.Failed,
                unavailable
                    ? VerificationCodes.Ob2DocumentUnavailable
                    : VerificationCodes.Ob2DocumentInvalid,
                $"the {what} at {url} could not be read: {fetched.Error ?? "it is not a JSON object"}",
                path
            )
        );
        return null;
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
