using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Credstack.Credentials.Keys;

namespace Credstack.Credentials.Jose;

/// <summary>
/// Rules shared by the enveloping proof formats of VC-JOSE-COSE (vc+jwt, vc+sd-jwt, vc+cose and their
/// presentation forms): presentation detection, enveloped credentials (§3 / VC DM 2.0 §4.13.1), data: URLs
/// and the issuing check for undefined top-level terms.
/// </summary>
internal static class VcEnvelope
{
    /// <summary>The media types a <c>data:</c> URL of an EnvelopedVerifiableCredential may carry.</summary>
    public static readonly string[] CredentialMediaTypes =
    [
        "application/vc+jwt",
        "application/vc+sd-jwt",
        "application/vc+cose",
        "application/dc+sd-jwt",
        "application/vc",
        "application/vc+ld+json",
    ];

    /// <summary>
    /// The properties VC DM 2.0 defines at the top level of a credential or presentation (§4, the base
    /// context), plus the JWT claims VC-JOSE-COSE allows beside them.
    /// </summary>
    private static readonly HashSet<string> DataModelTerms = new(StringComparer.Ordinal)
    {
        "@context",
        "id",
        "type",
        "issuer",
        "credentialSubject",
        "validFrom",
        "validUntil",
        "credentialStatus",
        "credentialSchema",
        "evidence",
        "termsOfUse",
        "refreshService",
        "renderMethod",
        "confidenceMethod",
        "relatedResource",
        "name",
        "description",
        "proof",
        "holder",
        "verifiableCredential",
        // VC DM 1.1 names, still read by verifiers.
        "issuanceDate",
        "expirationDate",
        // RFC 7519 registered claims and cnf (RFC 7800) may sit beside the credential's properties.
        "iss",
        "sub",
        "aud",
        "exp",
        "nbf",
        "iat",
        "jti",
        "cnf",
    };

    /// <summary>
    /// The checks every enveloping proof makes before it signs <paramref name="document"/> (VC-JOSE-COSE §3):
    /// a JSON object, every top-level property defined by its contexts, and a presentation's credentials in
    /// the enveloped form. Returns whether the document is a presentation; throws
    /// <see cref="ArgumentException"/> (for <paramref name="parameterName"/>) naming the problem.
    /// </summary>
    public static bool CheckBeforeSigning(JsonElement document, string parameterName)
    {
        if (document.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException("the document must be a JSON object", parameterName);
        }
        ThrowIfUndefinedTopLevelTerm(document, parameterName);
        var presentation = IsPresentation(document);
        if (presentation && CheckPresentationCredentials(document) is { } problem)
        {
            throw new ArgumentException(problem, parameterName);
        }
        return presentation;
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming a top-level property no context defines (<see cref="UndefinedTopLevelTerm"/>).</summary>
    public static void ThrowIfUndefinedTopLevelTerm(JsonElement document, string parameterName)
    {
        if (UndefinedTopLevelTerm(document) is { } term)
        {
            throw new ArgumentException(
                $"'{term}' is not defined by the credential's contexts (an unknown extension); define it in a context",
                parameterName
            );
        }
    }

    public static bool IsPresentation(JsonElement document) =>
        HasType(document, "VerifiablePresentation");

    public static bool HasType(JsonElement document, string name) =>
        document.ValueKind == JsonValueKind.Object
        && document.TryGetProperty("type", out var type)
        && (
            type.ValueKind == JsonValueKind.String
                ? type.GetString() == name
                : type.ValueKind == JsonValueKind.Array
                    && type.EnumerateArray()
                        .Any(t => t.ValueKind == JsonValueKind.String && t.GetString() == name)
        );

    /// <summary>
    /// A presentation's credentials, checked for shape: VC-JOSE-COSE §3.1.2 / §3.3.2 / §3.2.2 require the
    /// credentials of an enveloped presentation to be EnvelopedVerifiableCredential objects whose <c>id</c> is a
    /// <c>data:</c> URL of a secured credential (VC DM 2.0 §4.13.1). Credentials with an embedded proof
    /// (type VerifiableCredential) are accepted too. Returns the problem, or null.
    /// </summary>
    public static string? CheckPresentationCredentials(JsonElement presentation)
    {
        if (!IsPresentation(presentation))
        {
            return "the document's type does not include VerifiablePresentation";
        }
        if (!presentation.TryGetProperty("verifiableCredential", out var list))
        {
            return null;
        }
        var items = list.ValueKind == JsonValueKind.Array ? list.EnumerateArray().ToList() : [list];
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            if (item.ValueKind != JsonValueKind.Object)
            {
                return $"verifiableCredential[{i}] is not an object";
            }
            if (HasType(item, "EnvelopedVerifiableCredential"))
            {
                var id = item.TryGetProperty("id", out var idElement)
                    ? idElement.ValueKind == JsonValueKind.String
                        ? idElement.GetString()
                        : null
                    : null;
                if (id is null || !TryParseDataUrl(id, out var url))
                {
                    return $"verifiableCredential[{i}] is an EnvelopedVerifiableCredential whose id is not a data: URL";
                }
                if (!CredentialMediaTypes.Contains(url.MediaType, StringComparer.Ordinal))
                {
                    return $"verifiableCredential[{i}]: the data: URL's media type '{url.MediaType}' is not a secured credential";
                }
                if (url.Content.Length == 0)
                {
                    return $"verifiableCredential[{i}]: the data: URL is empty";
                }
            }
            else if (!HasType(item, "VerifiableCredential"))
            {
                return $"verifiableCredential[{i}] is neither an EnvelopedVerifiableCredential nor a VerifiableCredential";
            }
        }
        return null;
    }

    /// <summary>
    /// The first top-level property that nothing but a <c>@vocab</c> fallback defines, or null: when every
    /// <c>@context</c> entry is the VC base context or a context whose only purpose is a default vocabulary
    /// (examples/v2, undefined-terms/v2), a top-level property outside the data model is an unknown extension
    /// (VC DM 2.0 §5.2: extensions are defined by a context), and issuing refuses it. With any other context
    /// the property may be defined there, and is accepted.
    /// </summary>
    public static string? UndefinedTopLevelTerm(JsonElement document)
    {
        if (
            document.ValueKind != JsonValueKind.Object
            || !document.TryGetProperty("@context", out var contexts)
        )
        {
            return null;
        }
        var list =
            contexts.ValueKind == JsonValueKind.Array
                ? contexts.EnumerateArray().ToList()
                : [contexts];
        foreach (var c in list)
        {
            if (
                c.ValueKind != JsonValueKind.String
                || c.GetString()
                    is not (
                        "https://www.w3.org/ns/credentials/v2"
                        or "https://www.w3.org/ns/credentials/examples/v2"
                        or "https://www.w3.org/ns/credentials/undefined-terms/v2"
                    )
            )
            {
                return null;
            }
        }
        foreach (var p in document.EnumerateObject())
        {
            if (!DataModelTerms.Contains(p.Name))
            {
                return p.Name;
            }
        }
        return null;
    }

    /// <summary>RFC 2397: <c>data:[mediatype][;base64],content</c>.</summary>
    public static bool TryParseDataUrl(string url, [NotNullWhen(true)] out DataUrl? result)
    {
        result = null;
        if (!url.StartsWith("data:", StringComparison.Ordinal))
        {
            return false;
        }
        var comma = url.IndexOf(',', StringComparison.Ordinal);
        if (comma < 0)
        {
            return false;
        }
        var meta = url[5..comma].Split(';');
        var base64 = meta.Length > 1 && meta[^1] == "base64";
        var mediaType = meta[0].Trim().ToLowerInvariant();
        var content = url[(comma + 1)..];
        if (content.Contains('%', StringComparison.Ordinal))
        {
            content = Uri.UnescapeDataString(content);
        }
        result = new DataUrl(mediaType, base64, content);
        return true;
    }

    /// <summary>Builds a <c>data:</c> URL for a secured credential (VC DM 2.0 §4.13.1).</summary>
    public static string DataUrlOf(string mediaType, string content, bool base64 = false) =>
        "data:" + mediaType + (base64 ? ";base64," : ",") + content;

    /// <summary>The key type a JOSE <c>alg</c> needs, or null when the algorithm is not supported.</summary>
    public static KeyType? KeyTypeOfJoseAlgorithm(string alg) =>
        alg switch
        {
            "RS256" => KeyType.Rsa,
            "ES256" => KeyType.P256,
            "ES384" => KeyType.P384,
            "ES512" => KeyType.P521,
            "EdDSA" or "Ed25519" => KeyType.Ed25519,
            _ => null,
        };
}

/// <summary>A parsed <c>data:</c> URL.</summary>
/// <param name="MediaType">The media type, lower case (may be empty).</param>
/// <param name="Base64">True when the content is base64.</param>
/// <param name="Content">The content, percent-decoded.</param>
internal sealed record DataUrl(string MediaType, bool Base64, string Content);
