using System.Globalization;

namespace Credstack.Credentials.Validation;

/// <summary>
/// Every validation code and its message template, in one place. Codes are stable API: tests and clients
/// match on them; messages are plain language and may be reworded.
/// </summary>
public static class ValidationCodes
{
    /// <summary>No <c>@context</c> (VC 2.0 §4.3).</summary>
    public const string ContextMissing = "vc.context.missing";

    internal const string ContextMissingMessage = "The credential has no @context.";

    /// <summary>An <c>@context</c> entry is neither a string nor an object.</summary>
    public const string ContextInvalidEntry = "vc.context.invalidEntry";

    internal const string ContextInvalidEntryMessage =
        "An @context entry must be a URL string or an embedded context object.";

    /// <summary>The first context is not a VC base context (VC 2.0 §4.3).</summary>
    public const string ContextFirstNotBase = "vc.context.firstNotBase";

    internal const string ContextFirstNotBaseMessage =
        "The first @context entry must be https://www.w3.org/ns/credentials/v2 (or https://www.w3.org/2018/credentials/v1 for a VC 1.1 credential), but it is '{0}'.";

    /// <summary>Warning: a VC 1.1 credential.</summary>
    public const string ContextVc11 = "vc.context.vc11";

    internal const string ContextVc11Message =
        "This is a Verifiable Credentials 1.1 credential; VC 2.0 is current and new Open Badges 3.0 credentials use it.";

    /// <summary>Warning: a context URL outside <see cref="KnownContexts.Allowed"/>.</summary>
    public const string ContextUnknown = "vc.context.unknown";

    internal const string ContextUnknownMessage =
        "The context '{0}' is not one Credstack knows; it cannot be resolved offline and may redefine terms.";

    /// <summary>Warning: an embedded context object.</summary>
    public const string ContextEmbedded = "vc.context.embedded";

    internal const string ContextEmbeddedMessage =
        "An embedded context definition is used; it may redefine terms.";

    /// <summary>An OB credential without an accepted OB 3.0 context (OB 3.0 §B.1.1).</summary>
    public const string OpenBadgesContextMissing = "ob.context.missing";

    internal const string OpenBadgesContextMissingMessage =
        "An Open Badges credential must include the Open Badges 3.0 context ({0}).";

    /// <summary>Warning: an older OB 3.0 context release.</summary>
    public const string OpenBadgesContextOutdated = "ob.context.outdated";

    internal const string OpenBadgesContextOutdatedMessage =
        "The Open Badges context '{0}' is an older release; the current one is {1}.";

    /// <summary>A CLR credential without an accepted CLR 2.0 context.</summary>
    public const string ClrContextMissing = "clr.context.missing";

    internal const string ClrContextMissingMessage =
        "A CLR credential must include the CLR 2.0 context ({0}).";

    /// <summary>Warning: an older CLR 2.0 context release.</summary>
    public const string ClrContextOutdated = "clr.context.outdated";

    internal const string ClrContextOutdatedMessage =
        "The CLR context '{0}' is an older release; the current one is {1}.";

    /// <summary>No <c>type</c> (VC 2.0 §4.5).</summary>
    public const string TypeMissing = "vc.type.missing";

    internal const string TypeMissingMessage = "The credential has no type.";

    /// <summary>A <c>type</c> that is not a string or an array of strings.</summary>
    public const string TypeInvalid = "vc.type.invalid";

    internal const string TypeInvalidMessage = "The type must be a string or an array of strings.";

    /// <summary><c>type</c> lacks VerifiableCredential (VC 2.0 §4.5).</summary>
    public const string TypeMissingVerifiableCredential = "vc.type.missingVerifiableCredential";

    internal const string TypeMissingVerifiableCredentialMessage =
        "The type must include VerifiableCredential.";

    /// <summary>An OB-context credential whose <c>type</c> names no OB credential type.</summary>
    public const string TypeMissingOpenBadgeCredential = "ob.type.missing";

    internal const string TypeMissingOpenBadgeCredentialMessage =
        "The credential uses the Open Badges context but its type includes neither OpenBadgeCredential nor AchievementCredential.";

    /// <summary>No <c>issuer</c> (VC 2.0 §4.7).</summary>
    public const string IssuerMissing = "vc.issuer.missing";

    internal const string IssuerMissingMessage = "The credential has no issuer.";

    /// <summary><c>issuer</c> is neither a string nor an object.</summary>
    public const string IssuerInvalid = "vc.issuer.invalid";

    internal const string IssuerInvalidMessage =
        "The issuer must be a URL or an object with an id.";

    /// <summary>An issuer object without <c>id</c> (VC 2.0 §4.7).</summary>
    public const string IssuerIdMissing = "vc.issuer.idMissing";

    internal const string IssuerIdMissingMessage = "The issuer object has no id.";

    /// <summary>No <c>credentialSubject</c> (VC 2.0 §4.8).</summary>
    public const string CredentialSubjectMissing = "vc.credentialSubject.missing";

    internal const string CredentialSubjectMissingMessage =
        "The credential has no credentialSubject.";

    /// <summary><c>credentialSubject</c> is not an object or an array of objects.</summary>
    public const string CredentialSubjectInvalid = "vc.credentialSubject.invalid";

    internal const string CredentialSubjectInvalidMessage =
        "The credentialSubject must be an object or an array of objects.";

    /// <summary>An <c>id</c> that is not an absolute URL (VC 2.0 §4.4).</summary>
    public const string IdNotUrl = "vc.id.notUrl";

    internal const string IdNotUrlMessage =
        "'{0}' is not a URL; identifiers must be absolute URLs such as https://…, did:… or urn:uuid:….";

    /// <summary>An <c>id</c> that is not a string.</summary>
    public const string IdInvalid = "vc.id.invalid";

    internal const string IdInvalidMessage = "An id must be a single URL string.";

    /// <summary>A date that is not an XMLSchema dateTimeStamp (VC 2.0 §4.9).</summary>
    public const string DateInvalid = "vc.date.invalid";

    internal const string DateInvalidMessage =
        "'{0}' is not a valid date-time stamp; write it like 2024-01-31T12:00:00Z (a time zone is required).";

    /// <summary>A VC 1.1 credential without <c>issuanceDate</c>.</summary>
    public const string IssuanceDateMissing = "vc.date.issuanceDateMissing";

    internal const string IssuanceDateMissingMessage =
        "A VC 1.1 credential must have an issuanceDate.";

    /// <summary>Warning: <c>issuanceDate</c>/<c>expirationDate</c> in a VC 2.0 credential.</summary>
    public const string Vc11DatePropertyInVc20 = "vc.date.vc11Property";

    internal const string Vc11DatePropertyInVc20Message =
        "'{0}' is a VC 1.1 property; a VC 2.0 credential uses validFrom and validUntil.";

    /// <summary>The end of the validity period precedes its start.</summary>
    public const string ValidUntilBeforeValidFrom = "vc.date.untilBeforeFrom";

    internal const string ValidUntilBeforeValidFromMessage =
        "The credential stops being valid ({1}) before it starts being valid ({0}).";

    /// <summary>Checked only when a time is given: the validity period has not started.</summary>
    public const string NotYetValid = "vc.date.notYetValid";

    internal const string NotYetValidMessage = "The credential is not valid before {0}.";

    /// <summary>Checked only when a time is given: the validity period has ended.</summary>
    public const string Expired = "vc.date.expired";

    internal const string ExpiredMessage = "The credential expired at {0}.";

    /// <summary>JSON Schema: a required property is missing.</summary>
    public const string SchemaRequired = "schema.required";

    internal const string SchemaRequiredMessage = "The required property '{0}' is missing.";

    /// <summary>JSON Schema: wrong JSON type.</summary>
    public const string SchemaType = "schema.type";

    internal const string SchemaTypeMessage = "The value has the wrong JSON type; expected {0}.";

    /// <summary>JSON Schema: a <c>type</c> (or other set) lacks a required value.</summary>
    public const string SchemaTypeValue = "schema.typeValue";

    internal const string SchemaTypeValueMessage = "The type list must include {0}.";

    /// <summary>JSON Schema: a value outside the allowed set.</summary>
    public const string SchemaEnum = "schema.enum";

    internal const string SchemaEnumMessage = "The value must be one of: {0}.";

    /// <summary>JSON Schema: a string that does not match the expected pattern.</summary>
    public const string SchemaPattern = "schema.pattern";

    internal const string SchemaPatternMessage = "The value '{0}' does not have the expected form.";

    /// <summary>JSON Schema: a property the schema forbids.</summary>
    public const string SchemaAdditionalProperty = "schema.additionalProperty";

    internal const string SchemaAdditionalPropertyMessage =
        "The property '{0}' is not allowed here.";

    /// <summary>JSON Schema: too few items.</summary>
    public const string SchemaMinItems = "schema.minItems";

    internal const string SchemaMinItemsMessage = "The list must have at least {0} items.";

    /// <summary>JSON Schema: a value that matches none of the alternatives.</summary>
    public const string SchemaNoMatchingForm = "schema.noMatchingForm";

    internal const string SchemaNoMatchingFormMessage =
        "The value does not have any of the allowed forms.";

    /// <summary>JSON Schema: any other schema rule (the message gives the schema library's text).</summary>
    public const string SchemaInvalid = "schema.invalid";

    internal const string SchemaInvalidMessage = "The value is not valid: {0}";

    /// <summary>Warning: not an OB 3.0 / CLR 2.0 credential, no schema checked.</summary>
    public const string SchemaNotApplicable = "schema.notApplicable";

    internal const string SchemaNotApplicableMessage =
        "No Open Badges or CLR schema applies to this credential, so its structure was not checked.";

    /// <summary>The document is not a JSON object.</summary>
    public const string NotAnObject = "vc.notObject";

    internal const string NotAnObjectMessage = "A credential must be a JSON object.";

    /// <summary>A <c>type</c> value that none of the document's contexts defines (JSON-LD expansion would turn it
    /// into a relative IRI, which safe mode rejects).</summary>
    public const string TypeUndefinedTerm = "vc.type.undefinedTerm";

    internal const string TypeUndefinedTermMessage =
        "The type '{0}' is not defined by the credential's contexts; use a type they define (e.g. {1}) or a full URL.";

    internal static string Format(string template, params object?[] args) =>
        string.Format(CultureInfo.InvariantCulture, template, args);
}
