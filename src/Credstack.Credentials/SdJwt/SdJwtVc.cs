using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Credstack.Credentials.Jose;
using Credstack.Credentials.Keys;

namespace Credstack.Credentials.SdJwt;

/// <summary>
/// Credentials and presentations secured with SD-JWT (VC-JOSE-COSE §3.2: <c>application/vc+sd-jwt</c>,
/// <c>application/vp+sd-jwt</c>; RFC 9901 Selective Disclosure for JWTs): the issuer chooses which claims are
/// selectively disclosable, the holder chooses which disclosures to present (optionally with a key binding
/// JWT), and the verifier checks the signature, every disclosure's digest, and the key binding. Malformed input
/// is an <see cref="SdJwtResult"/> with a code, never an exception.
/// </summary>
public static class SdJwtVc
{
    /// <summary>The <c>typ</c> of an SD-JWT credential (VC-JOSE-COSE §3.2.1).</summary>
    public const string CredentialType = "vc+sd-jwt";

    /// <summary>The <c>typ</c> of an SD-JWT presentation (VC-JOSE-COSE §3.2.2).</summary>
    public const string PresentationType = "vp+sd-jwt";

    private const string DigestAlgorithm = "sha-256";

    private static readonly HashSet<string> NeverDisclosable = new(StringComparer.Ordinal)
    {
        "_sd",
        "...",
        "_sd_alg",
        "@context",
        "cnf",
        "iss",
    };

    /// <summary>
    /// Signs a credential or presentation (chosen by its <c>type</c>) as an SD-JWT, making each of
    /// <paramref name="disclosurePaths"/> selectively disclosable: <c>credentialSubject.firstName</c> (an object
    /// property, RFC 9901 §4.2.1) or <c>credentialSubject.phoneNumbers[0]</c> (an array element, §4.2.2). The
    /// result is <c>JWT~disclosure~…~</c> with every disclosure; <c>_sd</c> digests are sorted (§4.2.4.1) and
    /// <c>_sd_alg</c> is <c>sha-256</c>.
    /// </summary>
    /// <exception cref="ArgumentException">The document is not an object, a path does not exist or names a claim that must stay visible, or a top-level property is undefined.</exception>
    public static string Create(
        JsonElement document,
        IEnumerable<string> disclosurePaths,
        SigningKey key,
        SdJwtCreateOptions? options = null
    )
    {
        ArgumentNullException.ThrowIfNull(disclosurePaths);
        ArgumentNullException.ThrowIfNull(key);
        options ??= new SdJwtCreateOptions();
        var presentation = VcEnvelope.CheckBeforeSigning(document, nameof(document));
        var root = JsonNode.Parse(document.GetRawText())!.AsObject();
        var paths = disclosurePaths
            .Select(p => (Text: p, Segments: ParsePath(p)))
            .OrderByDescending(p => p.Segments.Count)
            .ToList();
        var disclosures = new List<string>();
        var sdArrays = new List<JsonArray>();
        foreach (var (text, segments) in paths)
        {
            JsonNode? parent = root;
            foreach (var segment in segments.Take(segments.Count - 1))
            {
                parent = segment.Index is { } i
                    ? parent is JsonArray a && i < a.Count
                        ? a[i]
                        : null
                    : (parent as JsonObject)?[segment.Name!];
                if (parent is null)
                {
                    throw new ArgumentException(
                        $"disclosure path '{text}' does not exist",
                        nameof(disclosurePaths)
                    );
                }
            }
            var last = segments[^1];
            var salt = Base64UrlText.Encode(RandomNumberGenerator.GetBytes(16));
            if (last.Index is { } index)
            {
                if (parent is not JsonArray array || index >= array.Count)
                {
                    throw new ArgumentException(
                        $"disclosure path '{text}' does not exist",
                        nameof(disclosurePaths)
                    );
                }
                var value = array[index];
                array[index] = null;
                var encoded = Encode(new JsonArray(salt, value));
                disclosures.Add(encoded);
                array[index] = new JsonObject { ["..."] = Digest(encoded) };
            }
            else
            {
                var name = last.Name!;
                if (parent is not JsonObject obj || !obj.ContainsKey(name))
                {
                    throw new ArgumentException(
                        $"disclosure path '{text}' does not exist",
                        nameof(disclosurePaths)
                    );
                }
                if (
                    NeverDisclosable.Contains(name)
                    || (ReferenceEquals(obj, root) && name == "type")
                )
                {
                    throw new ArgumentException(
                        $"'{name}' cannot be selectively disclosable",
                        nameof(disclosurePaths)
                    );
                }
                var value = obj[name];
                obj.Remove(name);
                var encoded = Encode(new JsonArray(salt, name, value));
                disclosures.Add(encoded);
                if (obj["_sd"] is not JsonArray sd)
                {
                    sd = [];
                    obj["_sd"] = sd;
                    sdArrays.Add(sd);
                }
                sd.Add(Digest(encoded));
            }
        }
        foreach (var sd in sdArrays)
        {
            // RFC 9901 §4.2.4.1: the digests' order must not reveal the claims' order.
            var sorted = sd.Select(n => n!.GetValue<string>())
                .Order(StringComparer.Ordinal)
                .ToList();
            sd.Clear();
            foreach (var d in sorted)
            {
                sd.Add(d);
            }
        }
        if (disclosures.Count > 0)
        {
            root["_sd_alg"] = DigestAlgorithm;
        }
        if (options.HolderKey is not null)
        {
            root["cnf"] = new JsonObject { ["jwk"] = options.HolderKey.ToJwk() };
        }
        var header = new JsonObject
        {
            ["alg"] = key.Algorithm,
            ["typ"] = presentation ? PresentationType : CredentialType,
            ["cty"] = presentation ? "vp" : "vc",
        };
        if (options.Kid is not null)
        {
            header["kid"] = options.Kid;
        }
        var jwt = SignJwt(header, root, key);
        // The disclosures follow the paths, deepest first; their order carries no meaning (RFC 9901 §4).
        var sb = new StringBuilder(jwt).Append('~');
        foreach (var d in disclosures)
        {
            sb.Append(d).Append('~');
        }
        return sb.ToString();
    }

    /// <summary>
    /// The holder's presentation of an SD-JWT (RFC 9901 §4.3): keeps the disclosures <paramref name="keep"/>
    /// accepts and, with <paramref name="keyBinding"/>, appends a key binding JWT (<c>typ: kb+jwt</c>) whose
    /// <c>sd_hash</c> covers the issuer JWT and the kept disclosures.
    /// </summary>
    /// <exception cref="ArgumentException">The SD-JWT cannot be split into a JWT and disclosures.</exception>
    public static string Present(
        string sdJwt,
        Func<SdJwtDisclosure, bool> keep,
        SdJwtKeyBinding? keyBinding = null
    )
    {
        ArgumentNullException.ThrowIfNull(sdJwt);
        ArgumentNullException.ThrowIfNull(keep);
        var parts = sdJwt.Trim().Split('~');
        if (parts.Length < 2)
        {
            throw new ArgumentException("not an SD-JWT (no '~')", nameof(sdJwt));
        }
        var sb = new StringBuilder(parts[0]).Append('~');
        foreach (var encoded in parts[1..^1])
        {
            if (!TryDecodeDisclosure(encoded, out var disclosure, out var error))
            {
                throw new ArgumentException(error.Message, nameof(sdJwt));
            }
            if (keep(disclosure))
            {
                sb.Append(encoded).Append('~');
            }
        }
        var presented = sb.ToString();
        if (keyBinding is null)
        {
            return presented;
        }
        var header = new JsonObject { ["alg"] = keyBinding.Key.Algorithm, ["typ"] = "kb+jwt" };
        var payload = new JsonObject
        {
            ["iat"] = (keyBinding.IssuedAt ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds(),
            ["aud"] = keyBinding.Audience,
            ["nonce"] = keyBinding.Nonce,
            ["sd_hash"] = Digest(presented),
        };
        return presented + SignJwt(header, payload, keyBinding.Key);
    }

    /// <summary>
    /// Verifies an SD-JWT with the issuer's <paramref name="key"/> (RFC 9901 §7.1 and §7.3): the signature, then
    /// each disclosure's digest (every disclosure must be referenced exactly once; no digest may repeat), then the
    /// key binding JWT when present or required.
    /// </summary>
    public static SdJwtResult Verify(
        string sdJwt,
        VerificationKey key,
        SdJwtVerifyOptions? options = null
    )
    {
        ArgumentNullException.ThrowIfNull(key);
        options ??= new SdJwtVerifyOptions();
        try
        {
            return VerifyCore(sdJwt, key, options);
        }
        catch (Exception e)
            when (e is JsonException or InvalidOperationException or FormatException)
        {
            // E.g. disclosed values that nest the document deeper than the parser allows.
            return Fail(
                VcJwtErrorCode.InvalidDisclosure,
                "the disclosed document cannot be read: " + e.Message
            );
        }
    }

    private static SdJwtResult VerifyCore(
        string sdJwt,
        VerificationKey key,
        SdJwtVerifyOptions options
    )
    {
        if (string.IsNullOrWhiteSpace(sdJwt))
        {
            return Fail(VcJwtErrorCode.Malformed, "the SD-JWT is empty");
        }
        if (sdJwt.Length > options.MaxTokenLength)
        {
            return Fail(
                VcJwtErrorCode.TooLarge,
                $"the SD-JWT is longer than {options.MaxTokenLength} characters"
            );
        }
        var parts = sdJwt.Trim().Split('~');
        if (parts.Length < 2)
        {
            return Fail(
                VcJwtErrorCode.Malformed,
                "an SD-JWT is JWT~disclosures~ (RFC 9901 §4): no '~' found"
            );
        }
        if (
            !TryReadJwt(
                parts[0],
                out var header,
                out var payload,
                out var signingInput,
                out var signature,
                out var jwtError
            )
        )
        {
            return new SdJwtResult(jwtError);
        }
        var alg = header.GetProperty("alg").GetString()!;
        var typ = VcJwtClaims.Str(header, "typ");
        var kid = VcJwtClaims.Str(header, "kid");
        if (CheckMediaTypes(header, out var presentation) is { } typeError)
        {
            return new SdJwtResult(typeError);
        }
        if (VcEnvelope.KeyTypeOfJoseAlgorithm(alg) != key.Type)
        {
            return Fail(
                VcJwtErrorCode.KeyAlgorithmMismatch,
                $"alg {alg} cannot be verified with a {key.Type} key"
            );
        }
        if (!key.Verify(signingInput, signature))
        {
            return new SdJwtResult(
                new VcJwtError(
                    VcJwtErrorCode.InvalidSignature,
                    "the SD-JWT's JWS signature does not verify"
                )
            )
            {
                Header = header,
                Payload = payload,
                Algorithm = alg,
                Kid = kid,
                Key = key,
            };
        }
        if (
            payload.TryGetProperty("_sd_alg", out var sdAlg)
            && !(sdAlg.ValueKind == JsonValueKind.String && sdAlg.GetString() == DigestAlgorithm)
        )
        {
            return Fail(
                VcJwtErrorCode.UnsupportedDigestAlgorithm,
                $"_sd_alg {sdAlg.GetRawText()} is not supported (sha-256)"
            );
        }

        // RFC 9901 §7.1 step 3: every disclosure is decoded and hashed; the same disclosure twice is refused.
        var byDigest = new Dictionary<string, SdJwtDisclosure>(StringComparer.Ordinal);
        var list = new List<SdJwtDisclosure>();
        for (var i = 1; i < parts.Length - 1; i++)
        {
            if (!TryDecodeDisclosure(parts[i], out var disclosure, out var error))
            {
                return new SdJwtResult(error);
            }
            if (!byDigest.TryAdd(disclosure.Digest, disclosure))
            {
                return Fail(VcJwtErrorCode.DuplicateDisclosure, $"disclosure {i} appears twice");
            }
            list.Add(disclosure);
        }
        var root = JsonNode.Parse(payload.GetRawText())!.AsObject();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var used = new HashSet<string>(StringComparer.Ordinal);
        if (Process(root, byDigest, seen, used) is { } processError)
        {
            return new SdJwtResult(processError);
        }
        if (used.Count != byDigest.Count)
        {
            var unused = list.First(d => !used.Contains(d.Digest));
            return Fail(
                VcJwtErrorCode.UnreferencedDisclosure,
                $"the disclosure of '{unused.Name ?? "an array element"}' is referenced by no digest in the SD-JWT"
            );
        }
        root.Remove("_sd_alg");
        JsonElement document;
        using (var doc = JsonDocument.Parse(root.ToJsonString()))
        {
            document = doc.RootElement.Clone();
        }

        // Key binding (RFC 9901 §4.3, §7.3).
        var kb = parts[^1];
        var keyBound = false;
        if (kb.Length > 0)
        {
            var presented = sdJwt.Trim()[..^kb.Length];
            if (CheckKeyBinding(kb, presented, document, options) is { } kbError)
            {
                return new SdJwtResult(kbError);
            }
            keyBound = true;
        }
        else if (options.RequireKeyBinding)
        {
            return Fail(VcJwtErrorCode.KeyBindingMissing, "the SD-JWT carries no key binding JWT");
        }

        if (document.TryGetProperty("vc", out _) || document.TryGetProperty("vp", out _))
        {
            return Fail(
                VcJwtErrorCode.ForbiddenClaim,
                "an SD-JWT credential or presentation must not contain vc or vp claims"
            );
        }
        if (!document.TryGetProperty("@context", out _))
        {
            return Fail(
                VcJwtErrorCode.NotACredential,
                "the disclosed payload holds no credential or presentation (no @context)"
            );
        }
        if (typ is null)
        {
            presentation = VcEnvelope.IsPresentation(document);
        }
        if (presentation)
        {
            if (VcEnvelope.CheckPresentationCredentials(document) is { } problem)
            {
                return Fail(VcJwtErrorCode.InvalidPresentation, problem);
            }
        }
        else if (!VcEnvelope.HasType(document, "VerifiableCredential"))
        {
            return Fail(
                VcJwtErrorCode.NotACredential,
                "the credential's type (after disclosure) does not include VerifiableCredential"
            );
        }
        // As for VC-JWT (OB 3.0 §8.2.4.1): iss, when present, names the issuer (the holder of a presentation)
        // whose key the verifier looks up, so it must be that document's issuer or holder.
        var iss = VcJwtClaims.Str(payload, "iss");
        var signer = presentation ? VcJwtClaims.HolderId(document) : VcJwtClaims.IssuerId(document);
        if (iss is not null && signer is not null && iss != signer)
        {
            return Fail(
                VcJwtErrorCode.ClaimMismatch,
                $"iss '{iss}' is not the {(presentation ? "presentation's holder" : "credential's issuer")} '{signer}'"
            );
        }
        if (CheckTime(payload, options) is { } timeError)
        {
            return new SdJwtResult(timeError);
        }
        return new SdJwtResult(null)
        {
            Header = header,
            Payload = payload,
            Document = document,
            Disclosures = list,
            IsPresentation = presentation,
            KeyBound = keyBound,
            Algorithm = alg,
            Kid = kid,
            Key = key,
        };
    }

    /// <summary>
    /// Reads the issuer JWT's <c>kid</c> and the issuer (or holder, for a presentation) without verifying, so
    /// that a verifier can find the key: <c>iss</c>, else <c>issuer</c>/<c>holder</c> in the payload or in a disclosure.
    /// </summary>
    public static bool TryPeek(
        string sdJwt,
        out string? kid,
        out string? issuer,
        out bool presentation,
        [NotNullWhen(false)] out VcJwtError? error
    )
    {
        ArgumentNullException.ThrowIfNull(sdJwt);
        kid = null;
        issuer = null;
        presentation = false;
        var parts = sdJwt.Trim().Split('~');
        if (parts.Length < 2)
        {
            error = new(
                VcJwtErrorCode.Malformed,
                "an SD-JWT is JWT~disclosures~ (RFC 9901 §4): no '~' found"
            );
            return false;
        }
        if (!TryReadJwt(parts[0], out var header, out var payload, out _, out _, out var jwtError))
        {
            error = jwtError;
            return false;
        }
        if (CheckMediaTypes(header, out presentation) is { } typeError)
        {
            error = typeError;
            return false;
        }
        error = null;
        kid = VcJwtClaims.Str(header, "kid");
        var name = presentation ? "holder" : "issuer";
        issuer = VcJwtClaims.Str(payload, "iss") ?? IdOf(payload, name);
        if (issuer is null)
        {
            foreach (var part in parts[1..^1])
            {
                if (TryDecodeDisclosure(part, out var d, out _) && d.Name == name)
                {
                    issuer = d.Value switch
                    {
                        JsonValue v when v.TryGetValue<string>(out var s) => s,
                        JsonObject o
                            when o["id"] is JsonValue id && id.TryGetValue<string>(out var s) => s,
                        _ => null,
                    };
                }
            }
        }
        return true;

        static string? IdOf(JsonElement payload, string name) =>
            payload.TryGetProperty(name, out var v)
                ? v.ValueKind == JsonValueKind.String
                    ? v.GetString()
                    : VcJwtClaims.Str(v, "id")
                : null;
    }

    /// <summary>True when the text looks like an SD-JWT: a compact JWS followed by '~'.</summary>
    public static bool LooksLikeSdJwt(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tilde = text.IndexOf('~', StringComparison.Ordinal);
        if (tilde < 5 || !text.StartsWith("ey", StringComparison.Ordinal))
        {
            return false;
        }
        foreach (var c in text)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~' or '='))
            {
                return false;
            }
        }
        return text.AsSpan(0, tilde).Count('.') == 2;
    }

    /// <summary>VC-JOSE-COSE §3.2.1 / §3.2.2: typ vc+sd-jwt or vp+sd-jwt (dc+sd-jwt, the IETF SD-JWT VC type, is
    /// read as a credential when its payload is one); cty vc or vp.</summary>
    private static VcJwtError? CheckMediaTypes(JsonElement header, out bool presentation)
    {
        presentation = false;
        var typ = VcJwtClaims.Str(header, "typ");
        if (typ is not null)
        {
            var t = typ.StartsWith("application/", StringComparison.Ordinal) ? typ[12..] : typ;
            if (t is not (CredentialType or PresentationType or "dc+sd-jwt"))
            {
                return new(
                    VcJwtErrorCode.InvalidType,
                    $"typ '{typ}' is not {CredentialType} or {PresentationType}"
                );
            }
            presentation = t == PresentationType;
        }
        if (header.TryGetProperty("cty", out var ctyElement))
        {
            var cty = ctyElement.ValueKind == JsonValueKind.String ? ctyElement.GetString() : null;
            var c =
                cty?.StartsWith("application/", StringComparison.Ordinal) == true ? cty[12..] : cty;
            if (
                c is not ("vc" or "vp" or "vc+ld+json" or "vp+ld+json")
                || (typ is not null && c.StartsWith("vp", StringComparison.Ordinal) != presentation)
            )
            {
                return new(
                    VcJwtErrorCode.InvalidType,
                    $"cty '{cty}' does not name a {(presentation ? "presentation" : "credential")}"
                );
            }
        }
        return null;
    }

    private static VcJwtError? Process(
        JsonNode? node,
        Dictionary<string, SdJwtDisclosure> disclosures,
        HashSet<string> seen,
        HashSet<string> used
    )
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["_sd"] is { } sdNode)
                {
                    if (sdNode is not JsonArray sd)
                    {
                        return new(VcJwtErrorCode.InvalidDisclosure, "_sd is not an array");
                    }
                    foreach (var item in sd)
                    {
                        if (item is not JsonValue v || !v.TryGetValue<string>(out var digest))
                        {
                            return new(
                                VcJwtErrorCode.InvalidDisclosure,
                                "an _sd entry is not a string"
                            );
                        }
                        if (!seen.Add(digest))
                        {
                            return new(
                                VcJwtErrorCode.DuplicateDisclosure,
                                "a digest appears twice in the SD-JWT"
                            );
                        }
                        if (!disclosures.TryGetValue(digest, out var d))
                        {
                            continue; // a decoy digest, or a claim the holder did not disclose
                        }
                        if (d.Name is null)
                        {
                            return new(
                                VcJwtErrorCode.InvalidDisclosure,
                                "an array-element disclosure is referenced from _sd"
                            );
                        }
                        if (obj.ContainsKey(d.Name))
                        {
                            return new(
                                VcJwtErrorCode.InvalidDisclosure,
                                $"the disclosed claim '{d.Name}' is already present"
                            );
                        }
                        used.Add(digest);
                        obj[d.Name] = d.Value?.DeepClone();
                    }
                    obj.Remove("_sd");
                }
                if (obj.ContainsKey("..."))
                {
                    return new(
                        VcJwtErrorCode.InvalidDisclosure,
                        "'...' appears outside an array element"
                    );
                }
                foreach (var (_, child) in obj.ToList())
                {
                    if (Process(child, disclosures, seen, used) is { } e)
                    {
                        return e;
                    }
                }
                return null;
            case JsonArray array:
                for (var i = array.Count - 1; i >= 0; i--)
                {
                    if (
                        array[i] is JsonObject element
                        && element.Count == 1
                        && element.ContainsKey("...")
                    )
                    {
                        if (
                            element["..."] is not JsonValue v
                            || !v.TryGetValue<string>(out var digest)
                        )
                        {
                            return new(
                                VcJwtErrorCode.InvalidDisclosure,
                                "an array element digest is not a string"
                            );
                        }
                        if (!seen.Add(digest))
                        {
                            return new(
                                VcJwtErrorCode.DuplicateDisclosure,
                                "a digest appears twice in the SD-JWT"
                            );
                        }
                        if (!disclosures.TryGetValue(digest, out var d))
                        {
                            array.RemoveAt(i); // undisclosed or decoy: the element is dropped
                            continue;
                        }
                        if (d.Name is not null)
                        {
                            return new(
                                VcJwtErrorCode.InvalidDisclosure,
                                $"the claim disclosure '{d.Name}' is referenced as an array element"
                            );
                        }
                        used.Add(digest);
                        array[i] = d.Value?.DeepClone();
                    }
                }
                foreach (var child in array.ToList())
                {
                    if (Process(child, disclosures, seen, used) is { } e)
                    {
                        return e;
                    }
                }
                return null;
            default:
                return null;
        }
    }

    private static VcJwtError? CheckKeyBinding(
        string kb,
        string presented,
        JsonElement document,
        SdJwtVerifyOptions options
    )
    {
        if (
            !TryReadJwt(
                kb,
                out var header,
                out var payload,
                out var signingInput,
                out var signature,
                out var error
            )
        )
        {
            return new(VcJwtErrorCode.KeyBindingInvalid, "the key binding JWT: " + error.Message);
        }
        if (VcJwtClaims.Str(header, "typ") != "kb+jwt")
        {
            return new(VcJwtErrorCode.KeyBindingInvalid, "the key binding JWT's typ is not kb+jwt");
        }
        if (
            !document.TryGetProperty("cnf", out var cnf)
            || cnf.ValueKind != JsonValueKind.Object
            || !cnf.TryGetProperty("jwk", out var jwk)
        )
        {
            return new(
                VcJwtErrorCode.KeyBindingInvalid,
                "the SD-JWT binds no holder key (cnf.jwk)"
            );
        }
        if (!VerificationKey.TryFromJwk(jwk, out var holderKey, out var keyError))
        {
            return new(VcJwtErrorCode.KeyBindingInvalid, "cnf.jwk: " + keyError);
        }
        var alg = header.GetProperty("alg").GetString()!;
        if (
            VcEnvelope.KeyTypeOfJoseAlgorithm(alg) != holderKey.Type
            || !holderKey.Verify(signingInput, signature)
        )
        {
            return new(
                VcJwtErrorCode.KeyBindingInvalid,
                "the key binding JWT is not signed by the holder key (cnf.jwk)"
            );
        }
        if (VcJwtClaims.Str(payload, "sd_hash") != Digest(presented))
        {
            return new(
                VcJwtErrorCode.KeyBindingInvalid,
                "the key binding JWT's sd_hash does not cover this SD-JWT and its disclosures"
            );
        }
        if (!payload.TryGetProperty("iat", out var iat) || iat.ValueKind != JsonValueKind.Number)
        {
            return new(VcJwtErrorCode.KeyBindingInvalid, "the key binding JWT has no numeric iat");
        }
        if (options.Audience is not null && VcJwtClaims.Str(payload, "aud") != options.Audience)
        {
            return new(
                VcJwtErrorCode.KeyBindingInvalid,
                "the key binding JWT's aud is not the expected audience"
            );
        }
        if (options.Nonce is not null && VcJwtClaims.Str(payload, "nonce") != options.Nonce)
        {
            return new(
                VcJwtErrorCode.KeyBindingInvalid,
                "the key binding JWT's nonce is not the expected nonce"
            );
        }
        return null;
    }

    private static VcJwtError? CheckTime(JsonElement payload, SdJwtVerifyOptions options) =>
        VcJwtClaims.CheckTimeWindow(payload, options.TimeProvider, options.ClockSkew, "SD-JWT");

    private static bool TryReadJwt(
        string jwt,
        out JsonElement header,
        out JsonElement payload,
        out byte[] signingInput,
        out byte[] signature,
        out VcJwtError error
    )
    {
        header = default;
        payload = default;
        signingInput = [];
        signature = [];
        error = null!;
        var segments = jwt.Split('.');
        if (segments.Length != 3 || segments[0].Length == 0)
        {
            error = new(
                VcJwtErrorCode.Malformed,
                "a JWS compact serialization has exactly three parts separated by '.'"
            );
            return false;
        }
        if (
            !Base64UrlText.TryDecode(segments[0], out var h)
            || !Base64UrlText.TryDecode(segments[1], out var p)
            || !Base64UrlText.TryDecode(segments[2], out var s)
        )
        {
            error = new(VcJwtErrorCode.InvalidBase64Url, "a part of the JWT is not base64url");
            return false;
        }
        if (!VcJwt.TryParseObject(h, out header) || !VcJwt.TryParseObject(p, out payload))
        {
            error = new(
                VcJwtErrorCode.InvalidJson,
                "the JWT header or payload is not a JSON object"
            );
            return false;
        }
        if (
            !header.TryGetProperty("alg", out var algElement)
            || algElement.ValueKind != JsonValueKind.String
        )
        {
            error = new(VcJwtErrorCode.Malformed, "the header has no alg");
            return false;
        }
        var alg = algElement.GetString()!;
        if (alg.Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            error = new(
                VcJwtErrorCode.AlgorithmNone,
                "alg 'none' (an unsecured JWT) is never accepted"
            );
            return false;
        }
        if (VcEnvelope.KeyTypeOfJoseAlgorithm(alg) is null)
        {
            error = new(
                VcJwtErrorCode.UnsupportedAlgorithm,
                $"alg '{alg}' is not supported (RS256, ES256, ES384, ES512, EdDSA)"
            );
            return false;
        }
        if (header.TryGetProperty("crit", out _))
        {
            error = new(
                VcJwtErrorCode.UnsupportedCritical,
                "the header lists crit extensions, which are not understood"
            );
            return false;
        }
        signingInput = Encoding.ASCII.GetBytes(jwt, 0, segments[0].Length + 1 + segments[1].Length);
        signature = s;
        return true;
    }

    private static bool TryDecodeDisclosure(
        string encoded,
        out SdJwtDisclosure disclosure,
        out VcJwtError error
    )
    {
        disclosure = null!;
        error = null!;
        if (encoded.Length == 0 || !Base64UrlText.TryDecode(encoded, out var bytes))
        {
            error = new(VcJwtErrorCode.InvalidDisclosure, "a disclosure is empty or not base64url");
            return false;
        }
        JsonArray? array;
        try
        {
            array = System.Text.Unicode.Utf8.IsValid(bytes)
                ? JsonNode.Parse(bytes, documentOptions: VcJwt.ParseOptions) as JsonArray
                : null;
        }
        catch (JsonException)
        {
            array = null;
        }
        if (
            array is null
            || array.Count is not (2 or 3)
            || array[0] is not JsonValue sv
            || !sv.TryGetValue<string>(out var salt)
        )
        {
            error = new(
                VcJwtErrorCode.InvalidDisclosure,
                "a disclosure is not a JSON array [salt, name, value] or [salt, value]"
            );
            return false;
        }
        string? name = null;
        if (array.Count == 3)
        {
            if (array[1] is not JsonValue nv || !nv.TryGetValue<string>(out name))
            {
                error = new(
                    VcJwtErrorCode.InvalidDisclosure,
                    "a disclosure's claim name is not a string"
                );
                return false;
            }
            if (name is "_sd" or "..." or "_sd_alg")
            {
                error = new(
                    VcJwtErrorCode.InvalidDisclosure,
                    $"a disclosure uses the reserved claim name '{name}'"
                );
                return false;
            }
        }
        var value = array[^1];
        array.RemoveAt(array.Count - 1);
        disclosure = new SdJwtDisclosure(encoded, salt, name, value, Digest(encoded));
        return true;
    }

    private static string Encode(JsonArray disclosure) =>
        Base64UrlText.Encode(Encoding.UTF8.GetBytes(disclosure.ToJsonString()));

    /// <summary>RFC 9901 §4.2.3: base64url(SHA-256(ASCII(text))).</summary>
    private static string Digest(string text) =>
        Base64UrlText.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(text)));

    private static string SignJwt(JsonObject header, JsonObject payload, SigningKey key) =>
        VcJwt.Sign(
            Encoding.UTF8.GetBytes(header.ToJsonString()),
            Encoding.UTF8.GetBytes(payload.ToJsonString()),
            key
        );

    private static SdJwtResult Fail(VcJwtErrorCode code, string message) =>
        new(new VcJwtError(code, message));

    private readonly record struct Segment(string? Name, int? Index);

    /// <summary>Parses <c>a.b[0].c</c> into segments.</summary>
    private static List<Segment> ParsePath(string path)
    {
        var segments = new List<Segment>();
        foreach (var part in path.Split('.'))
        {
            var p = part;
            var bracket = p.IndexOf('[', StringComparison.Ordinal);
            var name = bracket < 0 ? p : p[..bracket];
            if (name.Length > 0)
            {
                segments.Add(new Segment(name, null));
            }
            while (bracket >= 0)
            {
                var close = p.IndexOf(']', bracket);
                if (
                    close < 0
                    || !int.TryParse(
                        p.AsSpan(bracket + 1, close - bracket - 1),
                        System.Globalization.NumberStyles.None,
                        System.Globalization.CultureInfo.InvariantCulture,
                        out var index
                    )
                )
                {
                    throw new ArgumentException(
                        $"disclosure path '{path}' is not a.b or a[0]",
                        nameof(path)
                    );
                }
                segments.Add(new Segment(null, index));
                p = p[(close + 1)..];
                bracket = p.IndexOf('[', StringComparison.Ordinal);
            }
        }
        if (segments.Count == 0)
        {
            throw new ArgumentException("a disclosure path is empty", nameof(path));
        }
        return segments;
    }
}
