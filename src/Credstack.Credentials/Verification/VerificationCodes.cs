namespace Credstack.Credentials.Verification;

/// <summary>
/// Every code a verification report can carry, with its plain-language message. Codes are stable (tests,
/// the API and the CLI's JSON output rely on them); messages may be refined.
/// </summary>
public static class VerificationCodes
{
    // parse
    /// <summary>The input was read as a credential.</summary>
    public const string ParseOk = "parse.ok";

    /// <summary>The input is not JSON, a JWT, or an image carrying a credential.</summary>
    public const string ParseMalformed = "parse.malformed";

    /// <summary>The input is JSON but not a credential.</summary>
    public const string ParseNotACredential = "parse.not-a-credential";

    /// <summary>
    /// The enveloping media type is wrong: a JWT <c>typ</c>/<c>cty</c>, an SD-JWT <c>typ</c> or a COSE <c>typ</c> (label 16) /
    /// content type (label 3) that does not name a credential or presentation (VC-JOSE-COSE §3).
    /// </summary>
    public const string ParseMediaType = "parse.media-type";

    // context
    /// <summary>The @context is valid.</summary>
    public const string ContextOk = "context.ok";

    /// <summary>The @context is missing or its first entry is not a VC base context.</summary>
    public const string ContextInvalid = "context.invalid";

    /// <summary>A context could not be loaded (not bundled, remote loading off).</summary>
    public const string ContextUnavailable = "context.unavailable";

    // schema and data model
    /// <summary>The credential conforms to its JSON Schema and the data model rules.</summary>
    public const string SchemaOk = "schema.ok";

    /// <summary>The credential breaks its JSON Schema or a data model rule.</summary>
    public const string SchemaInvalid = "schema.invalid";

    // proof
    /// <summary>The proof's signature is valid.</summary>
    public const string ProofOk = "proof.ok";

    /// <summary>The credential carries no proof.</summary>
    public const string ProofMissing = "proof.missing";

    /// <summary>A proof is not a JSON object with the required properties.</summary>
    public const string ProofMalformed = "proof.malformed";

    /// <summary>The proof type or cryptosuite is not supported.</summary>
    public const string ProofUnsupportedSuite = "proof.unsupported-suite";

    /// <summary>The proof uses the draft suite name eddsa-2022.</summary>
    public const string ProofLegacySuite = "proof.legacy-suite";

    /// <summary>The proofValue is not multibase base58btc of a 64-byte signature.</summary>
    public const string ProofValueEncoding = "proof.value-encoding";

    /// <summary>The proof's created or expires is not a valid date-time.</summary>
    public const string ProofDateInvalid = "proof.date-invalid";

    /// <summary>The proof has expired.</summary>
    public const string ProofExpired = "proof.expired";

    /// <summary>The proof purpose is not the one expected.</summary>
    public const string ProofPurposeMismatch = "proof.purpose-mismatch";

    /// <summary>The presentation proof's challenge is not the one expected.</summary>
    public const string ProofChallengeMismatch = "proof.challenge-mismatch";

    /// <summary>The presentation proof's domain is not the one expected.</summary>
    public const string ProofDomainMismatch = "proof.domain-mismatch";

    /// <summary>A proof names a previousProof that the document does not carry.</summary>
    public const string ProofPreviousMissing = "proof.previous-missing";

    /// <summary>Safe mode: part of the document would not be covered by the signature.</summary>
    public const string ProofSafeMode = "proof.safe-mode";

    /// <summary>The document could not be canonicalized.</summary>
    public const string ProofCanonicalization = "proof.canonicalization";

    /// <summary>The signature does not match the document and key.</summary>
    public const string ProofSignatureInvalid = "proof.signature-invalid";

    /// <summary>An SD-JWT disclosure is malformed, repeated, or referenced by no digest (RFC 9901 §7.1).</summary>
    public const string ProofDisclosureInvalid = "proof.disclosure-invalid";

    /// <summary>An SD-JWT key binding JWT is missing (when required), malformed or bound to another key, audience or nonce.</summary>
    public const string ProofKeyBindingInvalid = "proof.key-binding-invalid";

    // issuer and key
    /// <summary>The verification method was resolved and is controlled by the issuer.</summary>
    public const string IssuerOk = "issuer.ok";

    /// <summary>The verification method could not be resolved.</summary>
    public const string IssuerKeyUnresolved = "issuer.key-unresolved";

    /// <summary>The verification method could not be resolved now (network or offline).</summary>
    public const string IssuerKeyUnavailable = "issuer.key-unavailable";

    /// <summary>The verification method's controller is not the issuer.</summary>
    public const string IssuerControllerMismatch = "issuer.controller-mismatch";

    /// <summary>The issuer is missing or not a URL.</summary>
    public const string IssuerInvalid = "issuer.invalid";

    // dates
    /// <summary>The credential is within its validity period.</summary>
    public const string DatesOk = "dates.ok";

    /// <summary>The credential is not valid yet.</summary>
    public const string DatesNotYetValid = "dates.not-yet-valid";

    /// <summary>The credential has expired.</summary>
    public const string DatesExpired = "dates.expired";

    /// <summary>A date is not an XML Schema dateTime with a time zone.</summary>
    public const string DatesInvalid = "dates.invalid";

    // status
    /// <summary>No status entry is set.</summary>
    public const string StatusOk = "status.ok";

    /// <summary>The credential has no credentialStatus.</summary>
    public const string StatusNone = "status.none";

    /// <summary>The credential is revoked.</summary>
    public const string StatusRevoked = "status.revoked";

    /// <summary>The credential is suspended.</summary>
    public const string StatusSuspended = "status.suspended";

    /// <summary>A status message is set.</summary>
    public const string StatusMessage = "status.message";

    /// <summary>The status list could not be fetched or read.</summary>
    public const string StatusUnavailable = "status.unavailable";

    /// <summary>The status entry or the status list is malformed.</summary>
    public const string StatusInvalid = "status.invalid";

    // presentations
    /// <summary>
    /// An entry of a presentation's verifiableCredential cannot be read as a credential (not an object, an
    /// EnvelopedVerifiableCredential whose id is not a data: URL of a secured credential, …). The checks of
    /// the credentials that can be read are reported with the prefix <c>credential:</c>.
    /// </summary>
    public const string PresentationCredentialInvalid = "presentation.credential-invalid";

    // endorsements
    /// <summary>An embedded endorsement verified.</summary>
    public const string EndorsementOk = "endorsement.ok";

    /// <summary>An embedded endorsement did not verify.</summary>
    public const string EndorsementInvalid = "endorsement.invalid";

    // Open Badges 2.0
    /// <summary>A hosted OB 2.0 assertion, its badge class or issuer profile could not be fetched now.</summary>
    public const string Ob2DocumentUnavailable = "ob2.document-unavailable";

    /// <summary>A hosted OB 2.0 assertion, badge class, issuer or key document is missing or malformed.</summary>
    public const string Ob2DocumentInvalid = "ob2.document-invalid";

    /// <summary>The OB 2.0 assertion published at its id differs from the one given.</summary>
    public const string Ob2HostedMismatch = "ob2.hosted-mismatch";

    /// <summary>The hosted OB 2.0 assertion's URL is not on an origin the issuer allows.</summary>
    public const string Ob2OriginNotAllowed = "ob2.origin-not-allowed";

    /// <summary>The OB 2.0 recipient is not a well-formed (hashed) identity.</summary>
    public const string Ob2RecipientInvalid = "ob2.recipient-invalid";

    /// <summary>The OB 2.0 signing key's owner is not the badge's issuer.</summary>
    public const string Ob2KeyOwnerMismatch = "ob2.key-owner-mismatch";
}
