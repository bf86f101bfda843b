using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Credstack.Credentials.Dids;
using Credstack.Credentials.Keys;

namespace Credstack.Credentials.Jose;

/// <summary>
/// Credentials secured as JWTs (OB 3.0 §8.2 "JSON Web Token Proof Format", VC DM 1.1 §6.3.1, VC-JOSE-COSE
/// §3.1.1): create and verify JWS compact serializations with RS256, ES256 (also ES384/ES512) and EdDSA.
/// Every refusal is a <see cref="VcJwtResult"/> with a code; malformed input never throws.
/// </summary>
public static class VcJwt
{
    /// <summary>How JOSE, SD-JWT and COSE payloads are parsed.</summary>
    internal static readonly JsonDocumentOptions ParseOptions = new()
    {
        MaxDepth = 64,
        // RFC 7515 §5.2 step 4 / RFC 7519 §4: a repeated member name must be rejected (or the last taken);
        // rejecting closes parser-differential tricks.
        AllowDuplicateProperties = false,
    };

    private static readonly VcJwtVerifyOptions DefaultOptions = new();

    /// <summary>
    /// Signs <paramref name="credential"/> as a VC-JWT of the chosen form. The OpenBadges and vc-claim forms
    /// map <c>iss</c> (issuer id, required), <c>jti</c> (id), <c>sub</c> (credentialSubject.id), <c>nbf</c>
    /// (validFrom / issuanceDate) and <c>exp</c> (validUntil / expirationDate) from the credential.
    /// </summary>
    /// <exception cref="ArgumentException">The credential is not an object, or lacks an issuer id for a form that needs one.</exception>
    public static string Create(
        JsonElement credential,
        SigningKey key,
        VcJwtCreateOptions? options = null
    )
    {
        ArgumentNullException.ThrowIfNull(key);
        options ??= new VcJwtCreateOptions();
        if (credential.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException("the credential must be a JSON object", nameof(credential));
        }
        if (options.Form is VcJwtForm.VcJose or VcJwtForm.VpJose)
        {
            VcEnvelope.ThrowIfUndefinedTopLevelTerm(credential, nameof(credential));
            if (credential.TryGetProperty("vc", out _) || credential.TryGetProperty("vp", out _))
            {
                throw new ArgumentException(
                    "VC-JOSE-COSE §3.1: the payload must not contain vc or vp claims",
                    nameof(credential)
                );
            }
        }
        if (
            options.Form == VcJwtForm.VpJose
            && VcEnvelope.CheckPresentationCredentials(credential) is { } problem
        )
        {
            throw new ArgumentException(problem, nameof(credential));
        }
        var header = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(header))
        {
            w.WriteStartObject();
            w.WriteString("alg", key.Algorithm);
            w.WriteString(
                "typ",
                options.Form switch
                {
                    VcJwtForm.VcJose => "vc+jwt",
                    VcJwtForm.VpJose => "vp+jwt",
                    _ => "JWT",
                }
            );
            if (options.Kid is not null)
            {
                w.WriteString("kid", options.Kid);
            }
            if (options.Kid is null || options.EmbedJwk)
            {
                // Only the public members: OB 3.0 §8.2.2, the jwk MUST never contain "d".
                w.WritePropertyName("jwk");
                key.PublicKey.ToJwk().WriteTo(w);
            }
            w.WriteEndObject();
        }
        var payload = new ArrayBufferWriter<byte>(4096);
        using (var w = new Utf8JsonWriter(payload))
        {
            switch (options.Form)
            {
                case VcJwtForm.VcJose:
                case VcJwtForm.VpJose:
                    credential.WriteTo(w);
                    break;
                case VcJwtForm.OpenBadges:
                    w.WriteStartObject();
                    foreach (var p in credential.EnumerateObject())
                    {
                        if (p.Name is not ("iss" or "jti" or "sub" or "nbf" or "exp"))
                        {
                            p.WriteTo(w);
                        }
                    }
                    WriteClaims(w, credential);
                    w.WriteEndObject();
                    break;
                default:
                    w.WriteStartObject();
                    w.WritePropertyName("vc");
                    credential.WriteTo(w);
                    WriteClaims(w, credential);
                    w.WriteEndObject();
                    break;
            }
        }
        return Sign(header.WrittenSpan, payload.WrittenSpan, key);
    }

    /// <summary>
    /// Splits and parses a VC-JWT without checking its signature (header rules, form and credential shape are
    /// checked; claims are not).
    /// </summary>
    public static bool TryDecode(
        string token,
        [NotNullWhen(true)] out DecodedVcJwt? jwt,
        [NotNullWhen(false)] out VcJwtError? error,
        VcJwtVerifyOptions? options = null
    )
    {
        (jwt, error) = DecodeCore(token, options ?? DefaultOptions);
        return error is null;
    }

    /// <summary>
    /// Verifies a VC-JWT with <paramref name="key"/>, or with the header's <c>jwk</c> when
    /// <paramref name="key"/> is null (a self-asserted key: see <see cref="VcJwtResult.KeySource"/>).
    /// </summary>
    public static VcJwtResult Verify(
        string token,
        VerificationKey? key,
        VcJwtVerifyOptions? options = null
    )
    {
        options ??= DefaultOptions;
        var (jwt, error) = DecodeCore(token, options);
        if (error is not null)
        {
            return new VcJwtResult(error, jwt);
        }
        var source = VcJwtKeySource.Supplied;
        if (key is null)
        {
            if (!jwt!.Header.TryGetProperty("jwk", out var jwk))
            {
                return VcJwtResult.Fail(
                    VcJwtErrorCode.MissingKey,
                    jwt.Kid is { } kid
                        ? $"the header names kid '{kid}' but no key was supplied and no resolver given"
                        : "the header has neither kid nor jwk (OB 3.0 §8.2.2 requires one)",
                    jwt
                );
            }
            if (!ReadHeaderJwk(jwk, jwt, out key, out var failure))
            {
                return failure;
            }
            source = VcJwtKeySource.EmbeddedJwk;
        }
        return Check(jwt!, key, source, null, options);
    }

    /// <summary>
    /// Verifies a VC-JWT, finding the key from the header: <c>kid</c> is dereferenced through
    /// <paramref name="resolver"/> (a relative <c>#fragment</c> against the issuer id) and its controller must
    /// be the issuer; otherwise the header's <c>jwk</c> is used. Only cancellation throws.
    /// </summary>
    public static async ValueTask<VcJwtResult> VerifyAsync(
        string token,
        IDidResolver resolver,
        VcJwtVerifyOptions? options,
        CancellationToken cancellationToken
    )
    {
        ArgumentNullException.ThrowIfNull(resolver);
        options ??= DefaultOptions;
        var (jwt, error) = DecodeCore(token, options);
        if (error is not null)
        {
            return new VcJwtResult(error, jwt);
        }
        var hasJwk = jwt!.Header.TryGetProperty("jwk", out var jwk);
        var kid = jwt.Kid;
        // A vp+jwt presentation is signed by its holder (VC-JOSE-COSE §3.1.2).
        var issuer =
            jwt.Form == VcJwtForm.VpJose
                ? VcJwtClaims.HolderId(jwt.Credential) ?? VcJwtClaims.Str(jwt.Payload, "iss")
                : jwt.IssuerId ?? VcJwtClaims.Str(jwt.Payload, "iss");
        string? methodId = null;
        if (kid is not null)
        {
            if (kid.Contains(':', StringComparison.Ordinal))
            {
                methodId = kid;
            }
            else if (!hasJwk && issuer is not null)
            {
                methodId = issuer + (kid.StartsWith('#') ? kid : "#" + kid);
            }
        }
        if (methodId is null)
        {
            if (!hasJwk)
            {
                return VcJwtResult.Fail(
                    VcJwtErrorCode.MissingKey,
                    "the header has neither a resolvable kid nor a jwk (OB 3.0 §8.2.2 requires one)",
                    jwt
                );
            }
            if (!ReadHeaderJwk(jwk, jwt, out var embedded, out var failure))
            {
                return failure;
            }
            return Check(jwt, embedded, VcJwtKeySource.EmbeddedJwk, null, options);
        }
        var dereferenced = await resolver
            .DereferenceAsync(methodId, cancellationToken)
            .ConfigureAwait(false);
        if (!dereferenced.IsSuccess)
        {
            return new VcJwtResult(
                new VcJwtError(
                    VcJwtErrorCode.KeyNotResolved,
                    $"kid '{methodId}': {dereferenced.Error.Code}: {dereferenced.Error.Message}"
                ),
                jwt,
                keyResolutionError: dereferenced.Error
            );
        }
        var method = dereferenced.VerificationMethod;
        var result = Check(jwt, method.Key!, VcJwtKeySource.ResolvedKid, method, options);
        if (result.IsValid && (issuer is null || !ControllerCheck.IsControlledBy(method, issuer)))
        {
            return new VcJwtResult(
                new VcJwtError(
                    VcJwtErrorCode.KeyNotControlledByIssuer,
                    $"the key '{method.Id}' is controlled by '{method.Controller}', not by the issuer '{issuer}'"
                ),
                jwt,
                method.Key,
                VcJwtKeySource.ResolvedKid,
                method
            );
        }
        return result;
    }

    private static bool ReadHeaderJwk(
        JsonElement jwk,
        DecodedVcJwt jwt,
        out VerificationKey key,
        out VcJwtResult failure
    )
    {
        key = null!;
        failure = null!;
        if (jwk.ValueKind == JsonValueKind.Object && jwk.TryGetProperty("d", out _))
        {
            failure = VcJwtResult.Fail(
                VcJwtErrorCode.PrivateKeyInHeader,
                "the header's jwk contains a private key ('d'); OB 3.0 §8.2.2 forbids it",
                jwt
            );
            return false;
        }
        if (!VerificationKey.TryFromJwk(jwk, out var read, out var error))
        {
            failure = VcJwtResult.Fail(
                VcJwtErrorCode.InvalidKey,
                "the header's jwk: " + error,
                jwt
            );
            return false;
        }
        key = read;
        return true;
    }

    private static VcJwtResult Check(
        DecodedVcJwt jwt,
        VerificationKey key,
        VcJwtKeySource source,
        VerificationMethod? method,
        VcJwtVerifyOptions options
    )
    {
        if (KeyTypeOf(jwt.Algorithm) != key.Type)
        {
            return new VcJwtResult(
                new VcJwtError(
                    VcJwtErrorCode.KeyAlgorithmMismatch,
                    $"alg {jwt.Algorithm} cannot be verified with a {key.Type} key"
                ),
                jwt,
                key,
                source,
                method
            );
        }
        if (!VerifySignature(jwt, key))
        {
            return new VcJwtResult(
                new VcJwtError(
                    VcJwtErrorCode.InvalidSignature,
                    "the JWS signature does not verify"
                ),
                jwt,
                key,
                source,
                method
            );
        }
        var error = VcJwtClaims.Check(jwt) ?? CheckTime(jwt, options);
        return new VcJwtResult(error, jwt, key, source, method);
    }

    private static bool VerifySignature(DecodedVcJwt jwt, VerificationKey key)
    {
        // RFC 7515 §5.2 step 8: the signing input is ASCII(BASE64URL(header) '.' BASE64URL(payload)).
        var input = jwt.SigningInput;
        return key.Verify(input.Span, jwt.Signature);
    }

    private static VcJwtError? CheckTime(DecodedVcJwt jwt, VcJwtVerifyOptions options) =>
        VcJwtClaims.CheckTimeWindow(jwt.Payload, options.TimeProvider, options.ClockSkew, "JWT");

    private static KeyType? KeyTypeOf(string alg) => VcEnvelope.KeyTypeOfJoseAlgorithm(alg);

    private static (DecodedVcJwt? Jwt, VcJwtError? Error) DecodeCore(
        string token,
        VcJwtVerifyOptions options
    )
    {
        if (string.IsNullOrEmpty(token))
        {
            return (null, new(VcJwtErrorCode.Malformed, "the token is empty"));
        }
        if (token.Length > options.MaxTokenLength)
        {
            return (
                null,
                new(
                    VcJwtErrorCode.TooLarge,
                    $"the token is longer than {options.MaxTokenLength} characters"
                )
            );
        }
        token = token.Trim();
        var first = token.IndexOf('.', StringComparison.Ordinal);
        var second = first < 0 ? -1 : token.IndexOf('.', first + 1);
        if (first <= 0 || second < 0 || token.IndexOf('.', second + 1) >= 0)
        {
            return (
                null,
                new(
                    VcJwtErrorCode.Malformed,
                    "a JWS compact serialization has exactly three parts separated by '.'"
                )
            );
        }
        if (!Base64UrlText.TryDecode(token.AsSpan(0, first), out var headerBytes))
        {
            return (null, new(VcJwtErrorCode.InvalidBase64Url, "the header is not base64url"));
        }
        if (
            !Base64UrlText.TryDecode(
                token.AsSpan(first + 1, second - first - 1),
                out var payloadBytes
            )
        )
        {
            return (null, new(VcJwtErrorCode.InvalidBase64Url, "the payload is not base64url"));
        }
        if (!Base64UrlText.TryDecode(token.AsSpan(second + 1), out var signature))
        {
            return (null, new(VcJwtErrorCode.InvalidBase64Url, "the signature is not base64url"));
        }
        if (!TryParseObject(headerBytes, out var header))
        {
            return (null, new(VcJwtErrorCode.InvalidJson, "the header is not a JSON object"));
        }
        if (
            !header.TryGetProperty("alg", out var algElement)
            || algElement.ValueKind != JsonValueKind.String
        )
        {
            return (null, new(VcJwtErrorCode.Malformed, "the header has no alg"));
        }
        var alg = algElement.GetString()!;
        if (alg.Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            return (
                null,
                new(VcJwtErrorCode.AlgorithmNone, "alg 'none' (an unsecured JWT) is never accepted")
            );
        }
        if (KeyTypeOf(alg) is null)
        {
            return (
                null,
                new(
                    VcJwtErrorCode.UnsupportedAlgorithm,
                    $"alg '{alg}' is not supported (RS256, ES256, ES384, ES512, EdDSA)"
                )
            );
        }
        if (header.TryGetProperty("crit", out _))
        {
            return (
                null,
                new(
                    VcJwtErrorCode.UnsupportedCritical,
                    "the header lists crit extensions, which are not understood"
                )
            );
        }
        var typ = VcJwtClaims.Str(header, "typ");
        if (
            header.TryGetProperty("typ", out var typElement)
            && typElement.ValueKind != JsonValueKind.String
        )
        {
            return (null, new(VcJwtErrorCode.InvalidType, "typ is not a string"));
        }
        // VC-JOSE-COSE §3.1.2: vp+jwt secures a presentation.
        var vpJose = typ is "vp+jwt" or "application/vp+jwt";
        var vcJose = vpJose || typ is "vc+jwt" or "application/vc+jwt";
        if (typ is not null && !vcJose && !typ.Equals("JWT", StringComparison.OrdinalIgnoreCase))
        {
            return (
                null,
                new(VcJwtErrorCode.InvalidType, $"typ '{typ}' is not JWT, vc+jwt or vp+jwt")
            );
        }
        if (
            header.TryGetProperty("cty", out var cty)
            && !(
                cty.ValueKind == JsonValueKind.String
                && (
                    vpJose
                        ? cty.GetString()
                            is "vp"
                                or "application/vp"
                                or "vp+ld+json"
                                or "application/vp+ld+json"
                        : cty.GetString()
                            is "vc"
                                or "application/vc"
                                or "vc+ld+json"
                                or "application/vc+ld+json"
                )
            )
        )
        {
            return (
                null,
                new(
                    VcJwtErrorCode.InvalidType,
                    vpJose ? "cty does not name a presentation" : "cty does not name a credential"
                )
            );
        }
        if (!TryParseObject(payloadBytes, out var payload))
        {
            return (null, new(VcJwtErrorCode.InvalidJson, "the payload is not a JSON object"));
        }
        var hasVc = payload.TryGetProperty("vc", out var vc);
        if (vcJose && (hasVc || payload.TryGetProperty("vp", out _)))
        {
            // VC-JOSE-COSE §3.1.1: a vc+jwt payload is the credential; vc and vp claims are not allowed.
            return (
                null,
                new(
                    VcJwtErrorCode.ForbiddenClaim,
                    "a vc+jwt payload must not contain vc or vp claims"
                )
            );
        }
        if (!hasVc && payload.TryGetProperty("vp", out _))
        {
            return (
                null,
                new(
                    VcJwtErrorCode.PresentationNotSupported,
                    "the payload holds a presentation (vp claim)"
                )
            );
        }
        VcJwtForm form;
        JsonElement credential;
        if (vpJose)
        {
            if (VcEnvelope.CheckPresentationCredentials(payload) is { } problem)
            {
                return (null, new(VcJwtErrorCode.InvalidPresentation, problem));
            }
            form = VcJwtForm.VpJose;
            credential = payload;
        }
        else if (vcJose)
        {
            form = VcJwtForm.VcJose;
            credential = payload;
        }
        else if (hasVc)
        {
            if (vc.ValueKind != JsonValueKind.Object)
            {
                return (null, new(VcJwtErrorCode.NotACredential, "the vc claim is not an object"));
            }
            form = VcJwtForm.VcClaim;
            credential = FillFromClaims(vc, payload);
        }
        else
        {
            form = VcJwtForm.OpenBadges;
            credential = payload;
        }
        if (!credential.TryGetProperty("@context", out _))
        {
            return (
                null,
                new(VcJwtErrorCode.NotACredential, "the payload holds no credential (no @context)")
            );
        }
        var jwt = new DecodedVcJwt(
            header,
            payload,
            credential,
            form,
            alg,
            signature,
            Encoding.ASCII.GetBytes(token, 0, second)
        );
        return (jwt, null);
    }

    /// <summary>Parses well-formed UTF-8 JSON whose root is an object (false for anything else).</summary>
    internal static bool TryParseObject(byte[] utf8, out JsonElement element)
    {
        // JsonDocument checks UTF-8 only when a string is read; ill-formed UTF-8 is refused here, up front.
        if (!System.Text.Unicode.Utf8.IsValid(utf8))
        {
            element = default;
            return false;
        }
        try
        {
            using var doc = JsonDocument.Parse(utf8, ParseOptions);
            element = doc.RootElement.Clone();
            return element.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            element = default;
            return false;
        }
    }

    /// <summary>VC DM 1.1 §6.3.1 (JWT decoding): claims supply the properties the vc claim leaves out.</summary>
    private static JsonElement FillFromClaims(JsonElement vc, JsonElement payload)
    {
        var iss = VcJwtClaims.Str(payload, "iss");
        var jti = VcJwtClaims.Str(payload, "jti");
        var sub = VcJwtClaims.Str(payload, "sub");
        VcJwtClaims.TryNumericDate(payload, "nbf", out var nbf, out _);
        VcJwtClaims.TryNumericDate(payload, "exp", out var exp, out _);
        var addIssuer = iss is not null && !vc.TryGetProperty("issuer", out _);
        var addId = jti is not null && !vc.TryGetProperty("id", out _);
        var addFrom =
            nbf is not null
            && !vc.TryGetProperty("issuanceDate", out _)
            && !vc.TryGetProperty("validFrom", out _);
        var addUntil =
            exp is not null
            && !vc.TryGetProperty("expirationDate", out _)
            && !vc.TryGetProperty("validUntil", out _);
        var addSub =
            sub is not null
            && vc.TryGetProperty("credentialSubject", out var cs)
            && cs.ValueKind == JsonValueKind.Object
            && !cs.TryGetProperty("id", out _);
        if (!(addIssuer || addId || addFrom || addUntil || addSub))
        {
            return vc;
        }
        var node = JsonNode.Parse(vc.GetRawText())!.AsObject();
        if (addIssuer)
        {
            node["issuer"] = iss;
        }
        if (addId)
        {
            node["id"] = jti;
        }
        if (addFrom)
        {
            node["issuanceDate"] = DateTimeOffset
                .FromUnixTimeSeconds(nbf!.Value)
                .ToString(
                    "yyyy-MM-dd'T'HH:mm:ss'Z'",
                    System.Globalization.CultureInfo.InvariantCulture
                );
        }
        if (addUntil)
        {
            node["expirationDate"] = DateTimeOffset
                .FromUnixTimeSeconds(exp!.Value)
                .ToString(
                    "yyyy-MM-dd'T'HH:mm:ss'Z'",
                    System.Globalization.CultureInfo.InvariantCulture
                );
        }
        if (addSub)
        {
            node["credentialSubject"]!["id"] = sub;
        }
        using var doc = JsonDocument.Parse(node.ToJsonString());
        return doc.RootElement.Clone();
    }

    private static void WriteClaims(Utf8JsonWriter w, JsonElement credential)
    {
        // OB 3.0 §8.2.3 table: iss, jti, nbf and sub are required; exp when the credential expires.
        var issuer =
            VcJwtClaims.IssuerId(credential)
            ?? throw new ArgumentException(
                "the credential has no issuer id (needed for the iss claim)",
                nameof(credential)
            );
        w.WriteString("iss", issuer);
        if (VcJwtClaims.Str(credential, "id") is { } id)
        {
            w.WriteString("jti", id);
        }
        if (VcJwtClaims.ValidFrom(credential) is { } nbf)
        {
            w.WriteNumber("nbf", nbf);
        }
        if (VcJwtClaims.FirstSubjectId(credential) is { } sub)
        {
            w.WriteString("sub", sub);
        }
        if (VcJwtClaims.ValidUntil(credential) is { } exp)
        {
            w.WriteNumber("exp", exp);
        }
    }

    /// <summary>A compact JWS over <paramref name="header"/> and <paramref name="payload"/> (UTF-8 JSON).</summary>
    internal static string Sign(
        ReadOnlySpan<byte> header,
        ReadOnlySpan<byte> payload,
        SigningKey key
    )
    {
        // RFC 7515 §7.1: BASE64URL(header) '.' BASE64URL(payload) '.' BASE64URL(signature).
        var signingInput = Base64UrlText.Encode(header) + "." + Base64UrlText.Encode(payload);
        var signature = key.Sign(Encoding.ASCII.GetBytes(signingInput));
        return signingInput + "." + Base64UrlText.Encode(signature);
    }
}
