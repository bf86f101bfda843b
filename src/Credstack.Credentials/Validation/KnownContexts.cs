using System.Collections.Frozen;

namespace Credstack.Credentials.Validation;

/// <summary>
/// The JSON-LD context URLs Credstack knows, in one place. They are the ones bundled by the offline document
/// loader (Credstack.LinkedData/Contexts); any other context URL is reported as a warning because it cannot be
/// resolved offline and may redefine terms.
/// </summary>
public static class KnownContexts
{
    /// <summary>VC Data Model 2.0 base context (VC 2.0 §4.3).</summary>
    public const string Vc2 = "https://www.w3.org/ns/credentials/v2";

    /// <summary>VC Data Model 1.1 base context.</summary>
    public const string Vc1 = "https://www.w3.org/2018/credentials/v1";

    /// <summary>The current OB 3.0 context (OB 3.0 §B.1.1 <c>@context</c>), the one Credstack writes.</summary>
    public const string OpenBadges = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";

    /// <summary>The current CLR 2.0 context, the one Credstack writes.</summary>
    public const string Clr = "https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json";

    /// <summary>OB 3.0 context URLs accepted as "the OB 3.0 context". All but <see cref="OpenBadges"/> are
    /// older releases and earn a warning.</summary>
    public static FrozenSet<string> OpenBadgesAccepted { get; } =
        FrozenSet.Create(
            StringComparer.Ordinal,
            OpenBadges,
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json",
            "https://purl.imsglobal.org/spec/ob/v3p0/context.json"
        );

    /// <summary>CLR 2.0 context URLs accepted as "the CLR 2.0 context"; all but <see cref="Clr"/> earn a warning.</summary>
    public static FrozenSet<string> ClrAccepted { get; } =
        FrozenSet.Create(
            StringComparer.Ordinal,
            Clr,
            "https://purl.imsglobal.org/spec/clr/v2p0/context.json"
        );

    /// <summary>Every context URL that is not reported as unknown.</summary>
    public static FrozenSet<string> Allowed { get; } =
        FrozenSet.Create(
            StringComparer.Ordinal,
            [
                Vc2,
                Vc1,
                "https://www.w3.org/ns/credentials/examples/v2",
                "https://www.w3.org/2018/credentials/examples/v1",
                "https://www.w3.org/ns/credentials/undefined-terms/v2",
                "https://www.w3.org/ns/credentials/status/v1",
                "https://w3id.org/vc/status-list/2021/v1",
                "https://w3id.org/security/data-integrity/v2",
                "https://w3id.org/security/data-integrity/v1",
                "https://w3id.org/security/multikey/v1",
                "https://w3id.org/security/jwk/v1",
                "https://w3id.org/security/suites/ed25519-2020/v1",
                "https://w3id.org/security/suites/jws-2020/v1",
                "https://w3id.org/security/v1",
                "https://w3id.org/security/v2",
                "https://www.w3.org/ns/did/v1",
                "https://www.w3.org/ns/odrl.jsonld",
                "https://purl.imsglobal.org/spec/ob/v3p0/context/ob_v3p0.jsonld",
                "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json",
                .. OpenBadgesAccepted,
                .. ClrAccepted,
            ]
        );

    /// <summary>Contexts that set a default vocabulary (<c>@vocab</c>): with one of them every type term is defined.</summary>
    public static FrozenSet<string> WithDefaultVocabulary { get; } =
        FrozenSet.Create(
            StringComparer.Ordinal,
            "https://www.w3.org/ns/credentials/examples/v2",
            "https://www.w3.org/ns/credentials/undefined-terms/v2"
        );

    // The type terms of every Open Badges 3.0 context version (3.0.1 to 3.0.3, the unversioned URL and
    // the ob_v3p0.jsonld alias define the same classes).
    private static readonly FrozenSet<string> Ob3TypeTerms = FrozenSet.Create(
        StringComparer.Ordinal,
        "Achievement",
        "AchievementCredential",
        "AchievementSubject",
        "Address",
        "Alignment",
        "Criteria",
        "EndorsementCredential",
        "EndorsementSubject",
        "Evidence",
        "GeoCoordinates",
        "IdentifierEntry",
        "IdentityObject",
        "Image",
        "OpenBadgeCredential",
        "Profile",
        "Related",
        "Result",
        "ResultDescription",
        "RubricCriterionLevel"
    );

    /// <summary>
    /// The type terms (capitalised or digit-initial terms, anywhere in the context including scoped contexts)
    /// each known context defines; extracted from the bundled context documents. Used to spot <c>type</c> values
    /// that JSON-LD expansion would not resolve, as 1EdTech's validator does in JSON-LD safe mode.
    /// </summary>
    public static FrozenDictionary<string, FrozenSet<string>> TypeTerms { get; } =
        new Dictionary<string, FrozenSet<string>>(StringComparer.Ordinal)
        {
            ["https://www.w3.org/ns/credentials/v2"] = FrozenSet.Create(
                StringComparer.Ordinal,
                "BitstringStatusList",
                "BitstringStatusListCredential",
                "BitstringStatusListEntry",
                "DataIntegrityProof",
                "EnvelopedVerifiableCredential",
                "EnvelopedVerifiablePresentation",
                "JsonSchema",
                "JsonSchemaCredential",
                "VerifiableCredential",
                "VerifiablePresentation"
            ),
            ["https://www.w3.org/2018/credentials/v1"] = FrozenSet.Create(
                StringComparer.Ordinal,
                "EcdsaSecp256k1Signature2019",
                "EcdsaSecp256r1Signature2019",
                "Ed25519Signature2018",
                "JsonSchemaValidator2018",
                "ManualRefreshService2018",
                "RsaSignature2018",
                "VerifiableCredential",
                "VerifiablePresentation"
            ),
            ["https://www.w3.org/2018/credentials/examples/v1"] = FrozenSet.Create(
                StringComparer.Ordinal,
                "3rdPartyCorrelation",
                "AllVerifiers",
                "AlumniCredential",
                "Archival",
                "BachelorDegree",
                "CLCredentialDefinition2019",
                "CLSignature2019",
                "Child",
                "DisputeCredential",
                "HolderPolicy",
                "IssuerPolicy",
                "Mother",
                "PrescriptionCredential",
                "RelationshipCredential",
                "UniversityDegreeCredential",
                "ZkpExampleSchema2018"
            ),
            ["https://w3id.org/security/data-integrity/v2"] = FrozenSet.Create(
                StringComparer.Ordinal,
                "DataIntegrityProof"
            ),
            ["https://w3id.org/security/data-integrity/v1"] = FrozenSet.Create(
                StringComparer.Ordinal,
                "DataIntegrityProof"
            ),
            ["https://w3id.org/security/multikey/v1"] = FrozenSet.Create(
                StringComparer.Ordinal,
                "Multikey"
            ),
            ["https://w3id.org/security/jwk/v1"] = FrozenSet.Create(
                StringComparer.Ordinal,
                "JsonWebKey"
            ),
            ["https://www.w3.org/ns/credentials/status/v1"] = FrozenSet.Create(
                StringComparer.Ordinal,
                "BitstringStatusList",
                "BitstringStatusListCredential",
                "BitstringStatusListEntry"
            ),
            ["https://w3id.org/vc/status-list/2021/v1"] = FrozenSet.Create(
                StringComparer.Ordinal,
                "StatusList2021",
                "StatusList2021Credential",
                "StatusList2021Entry"
            ),
            ["https://w3id.org/security/suites/ed25519-2020/v1"] = FrozenSet.Create(
                StringComparer.Ordinal,
                "Ed25519Signature2020",
                "Ed25519VerificationKey2020"
            ),
            ["https://w3id.org/security/v1"] = FrozenSet.Create(
                StringComparer.Ordinal,
                "CryptographicKey",
                "EcdsaKoblitzSignature2016",
                "Ed25519Signature2018",
                "EncryptedMessage",
                "GraphSignature2012",
                "LinkedDataSignature2015",
                "LinkedDataSignature2016"
            ),
            ["https://w3id.org/security/v2"] = FrozenSet.Create(
                StringComparer.Ordinal,
                "AesKeyWrappingKey2019",
                "DeleteKeyOperation",
                "DeriveSecretOperation",
                "EcdsaSecp256k1Signature2019",
                "EcdsaSecp256k1VerificationKey2019",
                "EcdsaSecp256r1Signature2019",
                "EcdsaSecp256r1VerificationKey2019",
                "Ed25519Signature2018",
                "Ed25519VerificationKey2018",
                "EquihashProof2018",
                "ExportKeyOperation",
                "GenerateKeyOperation",
                "KmsOperation",
                "RevokeKeyOperation",
                "RsaSignature2018",
                "RsaVerificationKey2018",
                "Sha256HmacKey2019",
                "SignOperation",
                "UnwrapKeyOperation",
                "VerifyOperation",
                "WrapKeyOperation",
                "X25519KeyAgreementKey2019"
            ),
            ["https://w3id.org/security/suites/jws-2020/v1"] = FrozenSet.Create(
                StringComparer.Ordinal,
                "JsonWebKey2020",
                "JsonWebSignature2020"
            ),
            ["https://www.w3.org/ns/odrl.jsonld"] = FrozenSet.Create(
                StringComparer.Ordinal,
                "Action",
                "Agreement",
                "Assertion",
                "Asset",
                "AssetCollection",
                "ConflictTerm",
                "Constraint",
                "Duty",
                "LeftOperand",
                "LogicalConstraint",
                "Offer",
                "Operator",
                "Party",
                "PartyCollection",
                "PartyScope",
                "Permission",
                "Policy",
                "Privacy",
                "Prohibition",
                "Request",
                "RightOperand",
                "Rule",
                "Set",
                "Ticket"
            ),
            ["https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"] = Ob3TypeTerms,
            ["https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json"] = Ob3TypeTerms,
            ["https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json"] = Ob3TypeTerms,
            ["https://purl.imsglobal.org/spec/ob/v3p0/context.json"] = Ob3TypeTerms,
            ["https://purl.imsglobal.org/spec/ob/v3p0/context/ob_v3p0.jsonld"] = Ob3TypeTerms,
            ["https://purl.imsglobal.org/spec/ob/v3p0/extensions.json"] = FrozenSet.Create(
                StringComparer.Ordinal,
                "1EdTechCredentialRefresh",
                "1EdTechJsonSchemaValidator2019",
                "1EdTechRevocationList"
            ),
            ["https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json"] = FrozenSet.Create(
                StringComparer.Ordinal,
                "Association",
                "ClrCredential",
                "ClrSubject"
            ),
            ["https://purl.imsglobal.org/spec/clr/v2p0/context.json"] = FrozenSet.Create(
                StringComparer.Ordinal,
                "Association",
                "ClrCredential",
                "ClrSubject"
            ),
        }.ToFrozenDictionary(StringComparer.Ordinal);
}
