namespace Credstack.LinkedData.JsonLd;

/// <summary>
/// Error codes: those of the JSON-LD 1.1 API (§9.4.2 JsonLdErrorCode), spelled as the spec spells them,
/// and Credstack's own for limits and safe mode.
/// </summary>
public static class JsonLdErrorCodes
{
    /// <summary><c>colliding keywords</c> (JSON-LD 1.1 API).</summary>
    public const string CollidingKeywords = "colliding keywords";

    /// <summary><c>context overflow</c> (JSON-LD 1.1 API).</summary>
    public const string ContextOverflow = "context overflow";

    /// <summary><c>cyclic IRI mapping</c> (JSON-LD 1.1 API).</summary>
    public const string CyclicIriMapping = "cyclic IRI mapping";

    /// <summary><c>invalid @id value</c> (JSON-LD 1.1 API).</summary>
    public const string InvalidIdValue = "invalid @id value";

    /// <summary><c>invalid @import value</c> (JSON-LD 1.1 API).</summary>
    public const string InvalidImportValue = "invalid @import value";

    /// <summary><c>invalid @included value</c> (JSON-LD 1.1 API).</summary>
    public const string InvalidIncludedValue = "invalid @included value";

    /// <summary><c>invalid @index value</c> (JSON-LD 1.1 API).</summary>
    public const string InvalidIndexValue = "invalid @index value";

    /// <summary><c>invalid @nest value</c> (JSON-LD 1.1 API).</summary>
    public const string InvalidNestValue = "invalid @nest value";

    /// <summary><c>invalid @prefix value</c> (JSON-LD 1.1 API).</summary>
    public const string InvalidPrefixValue = "invalid @prefix value";

    /// <summary><c>invalid @propagate value</c> (JSON-LD 1.1 API).</summary>
    public const string InvalidPropagateValue = "invalid @propagate value";

    /// <summary><c>invalid @protected value</c> (JSON-LD 1.1 API).</summary>
    public const string InvalidProtectedValue = "invalid @protected value";

    /// <summary><c>invalid @reverse value</c> (JSON-LD 1.1 API).</summary>
    public const string InvalidReverseValue = "invalid @reverse value";

    /// <summary><c>invalid @version value</c> (JSON-LD 1.1 API).</summary>
    public const string InvalidVersionValue = "invalid @version value";

    /// <summary><c>invalid base direction</c> (JSON-LD 1.1 API).</summary>
    public const string InvalidBaseDirection = "invalid base direction";

    /// <summary><c>invalid base IRI</c> (JSON-LD 1.1 API).</summary>
    public const string InvalidBaseIri = "invalid base IRI";

    /// <summary><c>invalid container mapping</c> (JSON-LD 1.1 API).</summary>
    public const string InvalidContainerMapping = "invalid container mapping";

    /// <summary><c>invalid context entry</c> (JSON-LD 1.1 API).</summary>
    public const string InvalidContextEntry = "invalid context entry";

    /// <summary><c>invalid context nullification</c> (JSON-LD 1.1 API).</summary>
    public const string InvalidContextNullification = "invalid context nullification";

    /// <summary><c>invalid default language</c> (JSON-LD 1.1 API).</summary>
    public const string InvalidDefaultLanguage = "invalid default language";

    /// <summary><c>invalid IRI mapping</c> (JSON-LD 1.1 API).</summary>
    public const string InvalidIriMapping = "invalid IRI mapping";

    /// <summary><c>invalid JSON literal</c> (JSON-LD 1.1 API).</summary>
    public const string InvalidJSONLiteral = "invalid JSON literal";

    /// <summary><c>invalid keyword alias</c> (JSON-LD 1.1 API).</summary>
    public const string InvalidKeywordAlias = "invalid keyword alias";

    /// <summary><c>invalid language map value</c> (JSON-LD 1.1 API).</summary>
    public const string InvalidLanguageMapValue = "invalid language map value";

    /// <summary><c>invalid language mapping</c> (JSON-LD 1.1 API).</summary>
    public const string InvalidLanguageMapping = "invalid language mapping";

    /// <summary><c>invalid language-tagged string</c> (JSON-LD 1.1 API).</summary>
    public const string InvalidLanguageTaggedString = "invalid language-tagged string";

    /// <summary><c>invalid language-tagged value</c> (JSON-LD 1.1 API).</summary>
    public const string InvalidLanguageTaggedValue = "invalid language-tagged value";

    /// <summary><c>invalid local context</c> (JSON-LD 1.1 API).</summary>
    public const string InvalidLocalContext = "invalid local context";

    /// <summary><c>invalid remote context</c> (JSON-LD 1.1 API).</summary>
    public const string InvalidRemoteContext = "invalid remote context";

    /// <summary><c>invalid reverse property</c> (JSON-LD 1.1 API).</summary>
    public const string InvalidReverseProperty = "invalid reverse property";

    /// <summary><c>invalid reverse property map</c> (JSON-LD 1.1 API).</summary>
    public const string InvalidReversePropertyMap = "invalid reverse property map";

    /// <summary><c>invalid reverse property value</c> (JSON-LD 1.1 API).</summary>
    public const string InvalidReversePropertyValue = "invalid reverse property value";

    /// <summary><c>invalid scoped context</c> (JSON-LD 1.1 API).</summary>
    public const string InvalidScopedContext = "invalid scoped context";

    /// <summary><c>invalid script element</c> (JSON-LD 1.1 API).</summary>
    public const string InvalidScriptElement = "invalid script element";

    /// <summary><c>invalid set or list object</c> (JSON-LD 1.1 API).</summary>
    public const string InvalidSetOrListObject = "invalid set or list object";

    /// <summary><c>invalid term definition</c> (JSON-LD 1.1 API).</summary>
    public const string InvalidTermDefinition = "invalid term definition";

    /// <summary><c>invalid type mapping</c> (JSON-LD 1.1 API).</summary>
    public const string InvalidTypeMapping = "invalid type mapping";

    /// <summary><c>invalid type value</c> (JSON-LD 1.1 API).</summary>
    public const string InvalidTypeValue = "invalid type value";

    /// <summary><c>invalid typed value</c> (JSON-LD 1.1 API).</summary>
    public const string InvalidTypedValue = "invalid typed value";

    /// <summary><c>invalid value object</c> (JSON-LD 1.1 API).</summary>
    public const string InvalidValueObject = "invalid value object";

    /// <summary><c>invalid value object value</c> (JSON-LD 1.1 API).</summary>
    public const string InvalidValueObjectValue = "invalid value object value";

    /// <summary><c>invalid vocab mapping</c> (JSON-LD 1.1 API).</summary>
    public const string InvalidVocabMapping = "invalid vocab mapping";

    /// <summary><c>IRI confused with prefix</c> (JSON-LD 1.1 API).</summary>
    public const string IriConfusedWithPrefix = "IRI confused with prefix";

    /// <summary><c>keyword redefinition</c> (JSON-LD 1.1 API).</summary>
    public const string KeywordRedefinition = "keyword redefinition";

    /// <summary><c>loading document failed</c> (JSON-LD 1.1 API).</summary>
    public const string LoadingDocumentFailed = "loading document failed";

    /// <summary><c>loading remote context failed</c> (JSON-LD 1.1 API).</summary>
    public const string LoadingRemoteContextFailed = "loading remote context failed";

    /// <summary><c>multiple context link headers</c> (JSON-LD 1.1 API).</summary>
    public const string MultipleContextLinkHeaders = "multiple context link headers";

    /// <summary><c>processing mode conflict</c> (JSON-LD 1.1 API).</summary>
    public const string ProcessingModeConflict = "processing mode conflict";

    /// <summary><c>protected term redefinition</c> (JSON-LD 1.1 API).</summary>
    public const string ProtectedTermRedefinition = "protected term redefinition";

    /// <summary><c>recursive context inclusion</c> (JSON-LD 1.0 API; a remote context that includes itself).</summary>
    public const string RecursiveContextInclusion = "recursive context inclusion";

    /// <summary><c>list of lists</c> (JSON-LD 1.1 API).</summary>
    public const string ListOfLists = "list of lists";

    /// <summary><c>invalid input</c>: The input is not JSON, or not a JSON-LD document (Credstack).</summary>
    public const string InvalidInput = "invalid input";

    /// <summary><c>depth limit exceeded</c>: The input or a context nests deeper than the configured limit (Credstack).</summary>
    public const string DepthLimitExceeded = "depth limit exceeded";

    /// <summary><c>size limit exceeded</c>: The input is larger than the configured limit (Credstack).</summary>
    public const string SizeLimitExceeded = "size limit exceeded";

    /// <summary><c>safe mode violation</c>: Safe mode: a term, type or value would be dropped or left relative, so a signature would not cover it (Credstack).</summary>
    public const string SafeModeViolation = "safe mode violation";
}
