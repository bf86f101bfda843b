using Credstack.Credentials.Validation;

namespace Credstack.Credentials.Tests.Validation;

/// <summary>
/// What structural validation must report for each sample (validated at <see cref="SampleExpectations.Now"/>):
/// every error and warning as "code @ JSONPath". <c>DifferenceFrom1EdTech</c> explains, for each sample where
/// our verdict differs from 1EdTech's validator (EXPECTED.json), why; <c>Note</c> explains anything else worth
/// knowing. The test fails if a verdict differs without a reason, or agrees while claiming to differ.
/// </summary>
internal static class SampleExpectations
{
    public static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static readonly IReadOnlyDictionary<string, SampleExpectation> All =
        new SampleExpectation[]
        {
            new(
                "clr20/complex.json",
                Kind: CredentialKind.Clr,
                Errors: [],
                Warnings: ["vc.context.vc11 @ $['@context'][0]"]
            ),
            new(
                "clr20/simple-noproof.json",
                Kind: CredentialKind.Clr,
                Errors:
                [
                    "clr.context.missing @ $['@context']",
                    "schema.pattern @ $['@context'][1]",
                ],
                Warnings:
                [
                    "vc.context.unknown @ $['@context'][1]",
                    "vc.context.vc11 @ $['@context'][0]",
                ],
                Note: "1EdTech rejects it for the missing proof; structurally it uses the pre-release CLR context https://dc.imsglobal.org/draft/clr/v2p0/context, which the CLR 2.0 schema does not accept."
            ),
            new("clr20/simple.json", Kind: CredentialKind.Clr, Errors: [], Warnings: []),
            new(
                "clr20/simple_old_safesigned.json",
                Kind: CredentialKind.Clr,
                Errors:
                [
                    "clr.context.missing @ $['@context']",
                    "schema.pattern @ $['@context'][1]",
                ],
                Warnings:
                [
                    "vc.context.unknown @ $['@context'][1]",
                    "vc.context.vc11 @ $['@context'][0]",
                ],
                Note: "No 1EdTech verdict recorded; it uses the pre-release CLR context, which the CLR 2.0 schema rejects."
            ),
            new(
                "clr20/simple_v1.json",
                Kind: CredentialKind.Clr,
                Errors: [],
                Warnings: ["vc.context.vc11 @ $['@context'][0]"]
            ),
            new(
                "ob30/bit-string-list/credential-status-revoked-blank-nodes.json",
                Kind: CredentialKind.OpenBadge,
                Errors: [],
                Warnings: [],
                DifferenceFrom1EdTech: "Revocation (BitstringStatusList bit 23) is a status check, not structural validation; see Status/."
            ),
            new(
                "ob30/bit-string-list/credential-status-revoked.json",
                Kind: CredentialKind.OpenBadge,
                Errors: [],
                Warnings: [],
                DifferenceFrom1EdTech: "Revocation (fetched over the network) is a status check, not structural validation; see Status/."
            ),
            new(
                "ob30/bit-string-list/testlist.json",
                Kind: CredentialKind.Unknown,
                Errors: [],
                Warnings: ["schema.notApplicable @ $"],
                Note: "A BitstringStatusListCredential, not an OB/CLR credential: the data-model rules apply, no schema."
            ),
            new(
                "ob30/complete.json",
                Kind: CredentialKind.OpenBadge,
                Errors: [],
                Warnings: [],
                DifferenceFrom1EdTech: "1EdTech fetches the credentialSchema URLs and one of them 404s; Credstack never fetches schemas (it validates against its embedded copy of the official schema, which the credential passes)."
            ),
            new(
                "ob30/complete_v1.json",
                Kind: CredentialKind.OpenBadge,
                Errors:
                [
                    "vc.date.expired @ $.expirationDate",
                    "vc.type.undefinedTerm @ $.credentialSubject.achievement.creator.endorsement[0].credentialSchema[0].type",
                    "vc.type.undefinedTerm @ $.credentialSubject.achievement.creator.endorsement[0].credentialStatus.type",
                    "vc.type.undefinedTerm @ $.credentialSubject.achievement.creator.endorsement[0].refreshService.type",
                    "vc.type.undefinedTerm @ $.credentialSubject.achievement.creator.endorsement[1].credentialSchema[0].type",
                    "vc.type.undefinedTerm @ $.credentialSubject.achievement.creator.endorsement[1].credentialStatus.type",
                    "vc.type.undefinedTerm @ $.credentialSubject.achievement.creator.endorsement[1].refreshService.type",
                    "vc.type.undefinedTerm @ $.credentialSubject.achievement.endorsement[0].credentialSchema[0].type",
                    "vc.type.undefinedTerm @ $.credentialSubject.achievement.endorsement[0].credentialStatus.type",
                    "vc.type.undefinedTerm @ $.credentialSubject.achievement.endorsement[0].refreshService.type",
                    "vc.type.undefinedTerm @ $.endorsement[0].credentialSchema[0].type",
                    "vc.type.undefinedTerm @ $.endorsement[0].credentialStatus.type",
                    "vc.type.undefinedTerm @ $.endorsement[0].refreshService.type",
                    "vc.type.undefinedTerm @ $.issuer.endorsement[0].credentialSchema[0].type",
                    "vc.type.undefinedTerm @ $.issuer.endorsement[0].credentialStatus.type",
                    "vc.type.undefinedTerm @ $.issuer.endorsement[0].refreshService.type",
                    "vc.type.undefinedTerm @ $.credentialSchema[0].type",
                    "vc.type.undefinedTerm @ $.credentialStatus.type",
                    "vc.type.undefinedTerm @ $.refreshService.type",
                    "schema.required @ $.credentialSubject.achievement.creator.endorsement[0].id",
                    "schema.required @ $.credentialSubject.achievement.creator.endorsement[1].id",
                    "schema.required @ $.credentialSubject.achievement.creator.endorsement[1].name",
                    "schema.required @ $.credentialSubject.achievement.endorsement[0].id",
                    "schema.enum @ $.credentialSubject.identifier[0].identityType",
                    "schema.enum @ $.credentialSubject.identifier[1].identityType",
                    "schema.required @ $.endorsement[0].id",
                    "schema.required @ $.issuer.endorsement[0].id",
                ],
                Warnings: ["vc.context.vc11 @ $['@context'][0]"],
                Note: "1EdTech fails it on a schema URL that 404s; Credstack finds real problems instead: the 1EdTech* status/schema/refresh types are used without the extensions context (undefined JSON-LD terms, as the JS reference also reports), endorsements lack ids, identityType \"email\" is not in the OB 3.0 enumeration, and it expired in 2020."
            ),
            new(
                "ob30/credential-status-revoked.json",
                Kind: CredentialKind.OpenBadge,
                Errors: [],
                Warnings: ["vc.context.vc11 @ $['@context'][0]"],
                DifferenceFrom1EdTech: "Revocation (1EdTechRevocationList, fetched over the network) is a status check, not structural validation; see Status/."
            ),
            new(
                "ob30/endorsement-err-schema-status-refresh.json",
                Kind: CredentialKind.Endorsement,
                Errors: [],
                Warnings: ["vc.context.vc11 @ $['@context'][0]"],
                Note: "Not in EXPECTED.json. Its faults are a credentialSchema URL that 404s, a revocation list and a refresh service, all network checks outside structural validation."
            ),
            new(
                "ob30/endorsement-valid.json",
                Kind: CredentialKind.Endorsement,
                Errors: [],
                Warnings: []
            ),
            new(
                "ob30/sd/derivedcredential.json",
                Kind: CredentialKind.OpenBadge,
                Errors: [],
                Warnings: []
            ),
            new(
                "ob30/simple-context-alias.json",
                Kind: CredentialKind.OpenBadge,
                Errors: [],
                Warnings: []
            ),
            new(
                "ob30/simple-context-version.json",
                Kind: CredentialKind.OpenBadge,
                Errors: [],
                Warnings: ["ob.context.outdated @ $['@context'][1]"]
            ),
            new(
                "ob30/simple-did-key-method.json",
                Kind: CredentialKind.OpenBadge,
                Errors: [],
                Warnings: []
            ),
            new(
                "ob30/simple-did-web-method.json",
                Kind: CredentialKind.OpenBadge,
                Errors: [],
                Warnings: []
            ),
            new(
                "ob30/simple-eddsa-2022.json",
                Kind: CredentialKind.OpenBadge,
                Errors: [],
                Warnings: ["vc.context.vc11 @ $['@context'][0]"]
            ),
            new(
                "ob30/simple-err-context.json",
                Kind: CredentialKind.OpenBadge,
                Errors:
                [
                    "vc.context.firstNotBase @ $['@context'][0]",
                    "vc.type.undefinedTerm @ $.type[0]",
                    "vc.type.undefinedTerm @ $.proof[0].type",
                    "schema.required @ $.validFrom",
                    "schema.minItems @ $['@context']",
                    "schema.enum @ $['@context'][0]",
                    "schema.required @ $.credentialSubject.achievement",
                ],
                Warnings: ["vc.date.vc11Property @ $.issuanceDate"],
                Note: "Without the VC base context, VerifiableCredential and DataIntegrityProof are undefined terms too; the sample also uses issuanceDate and lacks credentialSubject.achievement."
            ),
            new(
                "ob30/simple-err-credential-subject-achievement-result-description-type.json",
                Kind: CredentialKind.OpenBadge,
                Errors:
                [
                    "vc.type.undefinedTerm @ $.credentialSubject.achievement.resultDescription[2].type",
                ],
                Warnings: [],
                Note: "The OB schema does not constrain ResultDescription.type; caught as an undefined type term, as 1EdTech (JSON-LD safe mode) does."
            ),
            new(
                "ob30/simple-err-credential-subject-identifier-type.json",
                Kind: CredentialKind.OpenBadge,
                Errors:
                [
                    "vc.type.undefinedTerm @ $.credentialSubject.identifier[0].type",
                    "schema.enum @ $.credentialSubject.identifier[0].type",
                ],
                Warnings: []
            ),
            new(
                "ob30/simple-err-credential-subject-profile-type.json",
                Kind: CredentialKind.OpenBadge,
                Errors: ["vc.type.undefinedTerm @ $.credentialSubject.source.type"],
                Warnings: [],
                Note: "The OB schema does not constrain source.type, so the JSON Schema accepts it; the undefined type term InvalidProfile is what 1EdTech (JSON-LD safe mode) rejects, and so does Credstack."
            ),
            new(
                "ob30/simple-err-credential-subject-result-type.json",
                Kind: CredentialKind.OpenBadge,
                Errors:
                [
                    "vc.type.undefinedTerm @ $.credentialSubject.result[1].type[0]",
                    "schema.typeValue @ $.credentialSubject.result[1].type",
                ],
                Warnings: []
            ),
            new(
                "ob30/simple-err-credential-subject-type.json",
                Kind: CredentialKind.OpenBadge,
                Errors:
                [
                    "vc.type.undefinedTerm @ $.credentialSubject.type[0]",
                    "schema.typeValue @ $.credentialSubject.type",
                ],
                Warnings: []
            ),
            new(
                "ob30/simple-err-evidence-type.json",
                Kind: CredentialKind.OpenBadge,
                Errors: ["vc.type.undefinedTerm @ $.evidence[1].type"],
                Warnings: [],
                Note: "The OB schema does not constrain Evidence.type; caught as an undefined type term, as 1EdTech (JSON-LD safe mode) does."
            ),
            new(
                "ob30/simple-err-expired.json",
                Kind: CredentialKind.OpenBadge,
                Errors: ["vc.date.expired @ $.validUntil"],
                Warnings: []
            ),
            new(
                "ob30/simple-err-issued.json",
                Kind: CredentialKind.OpenBadge,
                Errors:
                [
                    "vc.date.notYetValid @ $.validFrom",
                    "schema.required @ $.credentialSubject.achievement",
                ],
                Warnings: [],
                Note: "Besides the validFrom in 2040, the sample also lacks credentialSubject.achievement."
            ),
            new(
                "ob30/simple-err-issuer-otheridentifier-type.json",
                Kind: CredentialKind.OpenBadge,
                Errors:
                [
                    "vc.type.undefinedTerm @ $.issuer.otherIdentifier[1].type",
                    "schema.enum @ $.issuer.otherIdentifier[1].type",
                ],
                Warnings: []
            ),
            new(
                "ob30/simple-err-issuer-parentorg-type.json",
                Kind: CredentialKind.OpenBadge,
                Errors:
                [
                    "vc.type.undefinedTerm @ $.issuer.parentOrg.type[0]",
                    "schema.typeValue @ $.issuer.parentOrg.type",
                ],
                Warnings: []
            ),
            new(
                "ob30/simple-err-issuer-type.json",
                Kind: CredentialKind.OpenBadge,
                Errors:
                [
                    "vc.type.undefinedTerm @ $.issuer.type[0]",
                    "schema.typeValue @ $.issuer.type",
                ],
                Warnings: []
            ),
            new(
                "ob30/simple-err-issuer.json",
                Kind: CredentialKind.OpenBadge,
                Errors:
                [
                    "vc.issuer.missing @ $.issuer",
                    "schema.required @ $.issuer",
                    "schema.required @ $.credentialSubject.achievement",
                ],
                Warnings: [],
                Note: "Besides the missing issuer, the sample also lacks credentialSubject.achievement."
            ),
            new(
                "ob30/simple-err-proof-method-no-scheme.json",
                Kind: CredentialKind.OpenBadge,
                Errors: [],
                Warnings: [],
                DifferenceFrom1EdTech: "The broken part is the proof (verification method); proofs are checked by the proof verifier, not by structural validation."
            ),
            new(
                "ob30/simple-err-proof-method-unknown-did-method.json",
                Kind: CredentialKind.OpenBadge,
                Errors: [],
                Warnings: [],
                DifferenceFrom1EdTech: "The broken part is the proof (verification method); proofs are checked by the proof verifier."
            ),
            new(
                "ob30/simple-err-proof-method-unknown-scheme.json",
                Kind: CredentialKind.OpenBadge,
                Errors: [],
                Warnings: [],
                DifferenceFrom1EdTech: "The broken part is the proof (verification method); proofs are checked by the proof verifier."
            ),
            new(
                "ob30/simple-err-proof-method.json",
                Kind: CredentialKind.OpenBadge,
                Errors: [],
                Warnings: [],
                DifferenceFrom1EdTech: "The broken part is the proof (verification method key); proofs are checked by the proof verifier."
            ),
            new(
                "ob30/simple-err-proof-value.json",
                Kind: CredentialKind.OpenBadge,
                Errors: [],
                Warnings: [],
                DifferenceFrom1EdTech: "The broken part is the signature; proofs are checked by the proof verifier."
            ),
            new(
                "ob30/simple-err-type.json",
                Kind: CredentialKind.OpenBadge,
                Errors:
                [
                    "ob.type.missing @ $.type",
                    "vc.type.undefinedTerm @ $.type[1]",
                    "schema.typeValue @ $.type",
                    "schema.required @ $.credentialSubject.achievement",
                ],
                Warnings: [],
                Note: "Besides the type, the sample also lacks credentialSubject.achievement."
            ),
            new(
                "ob30/simple-multiple-proofs.json",
                Kind: CredentialKind.OpenBadge,
                Errors: ["vc.type.undefinedTerm @ $.proof[0].type"],
                Warnings: [],
                Note: "1EdTech reports the unknown proof type SomeProofType from JSON-LD validation; Credstack reports it as an undefined type term at the same place."
            ),
            new(
                "ob30/simple-noproof.json",
                Kind: CredentialKind.OpenBadge,
                Errors: ["schema.required @ $.credentialSubject.achievement"],
                Warnings: ["vc.context.vc11 @ $['@context'][0]"],
                Note: "1EdTech rejects it for the missing proof (checked by the proof verifier); structurally it also lacks credentialSubject.achievement, which the OB schema requires."
            ),
            new("ob30/simple.json", Kind: CredentialKind.OpenBadge, Errors: [], Warnings: []),
            new(
                "ob30/simple_v1.json",
                Kind: CredentialKind.OpenBadge,
                Errors: [],
                Warnings: ["vc.context.vc11 @ $['@context'][0]"]
            ),
            new(
                "ldp/ob-eddsa-rdfc-2022.json#unsignedCredential",
                Kind: CredentialKind.OpenBadge,
                Errors: [],
                Warnings: []
            ),
            new(
                "ldp/ob-eddsa-rdfc-2022.json#signedCredential",
                Kind: CredentialKind.OpenBadge,
                Errors: [],
                Warnings: []
            ),
            new(
                "ldp/clr-eddsa-rdfc-2022.json#unsignedCredential",
                Kind: CredentialKind.Clr,
                Errors: [],
                Warnings: []
            ),
            new(
                "ldp/clr-eddsa-rdfc-2022.json#signedCredential",
                Kind: CredentialKind.Clr,
                Errors: [],
                Warnings: []
            ),
        }.ToDictionary(e => e.Id, StringComparer.Ordinal);
}

internal sealed record SampleExpectation(
    string Id,
    CredentialKind Kind,
    string[] Errors,
    string[] Warnings,
    string? DifferenceFrom1EdTech = null,
    string? Note = null
);
