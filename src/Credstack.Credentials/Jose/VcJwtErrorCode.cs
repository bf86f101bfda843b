namespace Credstack.Credentials.Jose;

/// <summary>
/// Why a secured credential or presentation was refused: a VC-JWT (<see cref="VcJwt"/>), an SD-JWT
/// (<see cref="SdJwt.SdJwtVc"/>) or a COSE_Sign1 (<see cref="Cose.VcCose"/>).
/// </summary>
public enum VcJwtErrorCode
{
    /// <summary>Not a JWS compact serialization (three base64url parts separated by dots).</summary>
    Malformed,

    /// <summary>Longer than the configured limit.</summary>
    TooLarge,

    /// <summary>A part is not strict base64url without padding.</summary>
    InvalidBase64Url,

    /// <summary>The header or payload is not a JSON object (or repeats a member name).</summary>
    InvalidJson,

    /// <summary><c>alg: none</c>: an unsecured JWT is never accepted.</summary>
    AlgorithmNone,

    /// <summary>An algorithm other than RS256, ES256, ES384, ES512 or EdDSA.</summary>
    UnsupportedAlgorithm,

    /// <summary>The header lists <c>crit</c> extensions, which are not understood (RFC 7515 §4.1.11).</summary>
    UnsupportedCritical,

    /// <summary><c>typ</c> or <c>cty</c> names something other than a credential JWT.</summary>
    InvalidType,

    /// <summary>The header has neither <c>kid</c> nor <c>jwk</c> and no key was supplied.</summary>
    MissingKey,

    /// <summary>The <c>kid</c> could not be dereferenced to a key.</summary>
    KeyNotResolved,

    /// <summary>The header's <c>jwk</c> cannot be read as a public key.</summary>
    InvalidKey,

    /// <summary>The header's <c>jwk</c> contains private key material (OB 3.0 §8.2.2: never <c>d</c>).</summary>
    PrivateKeyInHeader,

    /// <summary>The key's type does not fit <c>alg</c> (e.g. an RSA key with ES256).</summary>
    KeyAlgorithmMismatch,

    /// <summary>The signature does not verify.</summary>
    InvalidSignature,

    /// <summary>The key's controller is not the credential's issuer.</summary>
    KeyNotControlledByIssuer,

    /// <summary>A required claim is missing.</summary>
    MissingClaim,

    /// <summary>A claim disagrees with the credential (OB 3.0 §8.2.4.1) or has the wrong type.</summary>
    ClaimMismatch,

    /// <summary>A claim that this form forbids is present (<c>vc</c>/<c>vp</c> in a <c>vc+jwt</c>).</summary>
    ForbiddenClaim,

    /// <summary>The payload does not hold a credential (no object with <c>@context</c>).</summary>
    NotACredential,

    /// <summary>A VC 1.1 presentation (a <c>vp</c> claim), which is not handled (<c>vp+jwt</c> presentations are).</summary>
    PresentationNotSupported,

    /// <summary><c>nbf</c> is in the future.</summary>
    NotYetValid,

    /// <summary><c>exp</c> is in the past.</summary>
    Expired,

    /// <summary>A presentation whose credentials are not enveloped (secured) credentials, or whose type is not VerifiablePresentation.</summary>
    InvalidPresentation,

    /// <summary>Not CBOR, not a COSE_Sign1, or truncated (COSE only).</summary>
    InvalidCbor,

    /// <summary>The text form is not base64 (COSE only).</summary>
    InvalidBase64,

    /// <summary>An SD-JWT disclosure is not base64url of a JSON array of 2 or 3 elements, or uses a reserved name.</summary>
    InvalidDisclosure,

    /// <summary>An SD-JWT disclosure, or a digest, appears twice.</summary>
    DuplicateDisclosure,

    /// <summary>An SD-JWT disclosure that no digest in the token refers to.</summary>
    UnreferencedDisclosure,

    /// <summary>The SD-JWT's <c>_sd_alg</c> is not a supported hash algorithm (sha-256).</summary>
    UnsupportedDigestAlgorithm,

    /// <summary>The key binding JWT is malformed, signed with another key, or bound to another SD-JWT, audience or nonce.</summary>
    KeyBindingInvalid,

    /// <summary>Key binding was required but the SD-JWT carries no key binding JWT.</summary>
    KeyBindingMissing,
}
