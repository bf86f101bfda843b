using System.Text.Json.Nodes;

namespace Credstack.LinkedData.JsonLd.Context;

/// <summary>
/// Create Term Definition (JSON-LD 1.1 API §4.2.2) for the terms of one context definition, with the
/// <c>defined</c> map that detects cyclic IRI mappings, and IRI Expansion with a local context (§5.2.2
/// steps 3 and 6.3).
/// </summary>
internal sealed class TermBuilder(
    ActiveContext active,
    JsonObject localContext,
    string? baseUrl,
    bool protectedDefault,
    bool overrideProtected,
    RemoteChain? remoteContexts,
    bool shared,
    int depth
)
{
    private readonly Dictionary<string, bool> _defined = new(StringComparer.Ordinal);

    private ProcessorSettings Settings => active.Settings;

    /// <summary>JSON-LD 1.1 API §4.2.2 Create Term Definition.</summary>
    public void Define(string term)
    {
        // Step 1: already defined, or being defined (a cycle).
        if (_defined.TryGetValue(term, out var done))
        {
            if (done)
            {
                return;
            }
            throw new JsonLdException(
                JsonLdErrorCodes.CyclicIriMapping,
                $"the definition of '{term}' depends on itself"
            );
        }
        // Step 2.
        if (term.Length == 0)
        {
            throw new JsonLdException(
                JsonLdErrorCodes.InvalidTermDefinition,
                "the empty string cannot be a term"
            );
        }
        _defined[term] = false;
        // Step 3.
        var value = localContext[term];
        // Step 4: only @type may be "redefined", and only to add @container: @set or @protected.
        if (term == Keywords.Type && !Settings.JsonLd10 && IsTypeContainerDefinition(value))
        {
            // Processing continues.
        }
        else if (Keywords.IsKeyword(term))
        {
            throw new JsonLdException(
                JsonLdErrorCodes.KeywordRedefinition,
                $"the keyword '{term}' cannot be redefined"
            );
        }
        // Step 5: terms of the form of a keyword are reserved and ignored.
        else if (Keywords.HasKeywordForm(term))
        {
            if (Settings.SafeMode)
            {
                throw SafeMode.Violation(
                    "reserved term",
                    $"the term '{term}' has the form of a keyword and would be ignored"
                );
            }
            _defined[term] = true;
            return;
        }
        // Step 6.
        var previous = active.RemoveTerm(term);
        if (previous is not null && previous.Protected)
        {
            active.RefreshProtected();
        }
        // Steps 7 to 9: normalise the value to a map.
        JsonObject? map;
        bool simpleTerm;
        JsonNode? idNode;
        bool hasId;
        if (value is null)
        {
            map = null;
            simpleTerm = false;
            idNode = null;
            hasId = true;
        }
        else if (value is JsonValue stringValue && stringValue.TryGetValue<string>(out _))
        {
            map = null;
            simpleTerm = true;
            idNode = value;
            hasId = true;
        }
        else if (value is JsonObject obj)
        {
            map = obj;
            simpleTerm = false;
            hasId = obj.TryGetPropertyValue(Keywords.Id, out idNode);
        }
        else
        {
            throw new JsonLdException(
                JsonLdErrorCodes.InvalidTermDefinition,
                $"the definition of '{term}' must be null, a string or an object"
            );
        }
        // Step 10.
        var definition = new TermDefinition();
        // Step 11: @protected.
        if (map is not null && map.TryGetPropertyValue(Keywords.Protected, out var protectedNode))
        {
            if (Settings.JsonLd10)
            {
                throw new JsonLdException(
                    JsonLdErrorCodes.InvalidTermDefinition,
                    "@protected is not allowed in json-ld-1.0 processing mode"
                );
            }
            if (!ContextProcessor.TryGetBool(protectedNode, out var isProtected))
            {
                throw new JsonLdException(
                    JsonLdErrorCodes.InvalidProtectedValue,
                    $"@protected of '{term}' must be true or false"
                );
            }
            definition.Protected = isProtected;
        }
        else
        {
            definition.Protected = protectedDefault;
        }
        // Step 12: @type.
        if (map is not null && map.TryGetPropertyValue(Keywords.Type, out var typeNode))
        {
            // Step 12.1.
            if (typeNode is not JsonValue typeValue || !typeValue.TryGetValue<string>(out var type))
            {
                throw new JsonLdException(
                    JsonLdErrorCodes.InvalidTypeMapping,
                    $"the @type of '{term}' must be a string"
                );
            }
            // Step 12.2.
            var expandedType = ExpandIri(type, documentRelative: false, vocab: true);
            // Steps 12.3 and 12.4.
            if (expandedType is Keywords.Json or Keywords.None && Settings.JsonLd10)
            {
                throw new JsonLdException(
                    JsonLdErrorCodes.InvalidTypeMapping,
                    $"@type {expandedType} is not allowed in json-ld-1.0 processing mode"
                );
            }
            if (
                expandedType
                    is not (Keywords.Id or Keywords.Vocab or Keywords.Json or Keywords.None)
                && (expandedType is null || !Iri.IsAbsolute(expandedType))
            )
            {
                throw new JsonLdException(
                    JsonLdErrorCodes.InvalidTypeMapping,
                    $"the @type '{type}' of '{term}' is not an absolute IRI, @id, @vocab, @json or @none"
                );
            }
            // Step 12.5.
            definition.TypeMapping = expandedType;
        }
        // Step 13: @reverse.
        if (map is not null && map.TryGetPropertyValue(Keywords.Reverse, out var reverseNode))
        {
            // Step 13.1.
            if (hasId || map.ContainsKey(Keywords.Nest))
            {
                throw new JsonLdException(
                    JsonLdErrorCodes.InvalidReverseProperty,
                    $"the reverse property '{term}' cannot have @id or @nest"
                );
            }
            // Step 13.2.
            if (
                reverseNode is not JsonValue reverseValue
                || !reverseValue.TryGetValue<string>(out var reverse)
            )
            {
                throw new JsonLdException(
                    JsonLdErrorCodes.InvalidIriMapping,
                    $"the @reverse of '{term}' must be a string"
                );
            }
            // Step 13.3: a reserved value: ignore the term.
            if (Keywords.HasKeywordForm(reverse))
            {
                if (Settings.SafeMode)
                {
                    throw SafeMode.Violation(
                        "reserved @reverse value",
                        $"the @reverse '{reverse}' of '{term}' has the form of a keyword"
                    );
                }
                _defined[term] = true;
                return;
            }
            // Step 13.4.
            var reverseIri = ExpandIri(reverse, documentRelative: false, vocab: true);
            if (reverseIri is null || !Iri.IsAbsoluteOrBlank(reverseIri) || reverseIri.Length == 0)
            {
                throw new JsonLdException(
                    JsonLdErrorCodes.InvalidIriMapping,
                    $"the @reverse '{reverse}' of '{term}' is not an IRI"
                );
            }
            definition.IriMapping = reverseIri;
            // Step 13.5.
            if (map.TryGetPropertyValue(Keywords.Container, out var reverseContainer))
            {
                definition.Container = reverseContainer switch
                {
                    null => ContainerFlags.None,
                    JsonValue v when v.TryGetValue<string>(out var c) && c == Keywords.Set =>
                        ContainerFlags.Set,
                    JsonValue v when v.TryGetValue<string>(out var c) && c == Keywords.Index =>
                        ContainerFlags.Index,
                    _ => throw new JsonLdException(
                        JsonLdErrorCodes.InvalidReverseProperty,
                        $"the container of the reverse property '{term}' must be @set, @index or null"
                    ),
                };
            }
            // A property-valued index applies to reverse index maps too (as the suite's #t0131 expects).
            if (map.ContainsKey(Keywords.Index))
            {
                ReadIndex(term, map, definition);
            }
            // Step 13.6.
            definition.Reverse = true;
            CheckOtherEntries(term, map);
            // Step 13.7.
            Finish(term, definition, previous);
            return;
        }
        // Step 14.
        definition.Reverse = false;
        string? iriMapping;
        var idString =
            idNode is JsonValue idValue && idValue.TryGetValue<string>(out var s) ? s : null;
        // Step 15: an explicit @id other than the term itself.
        if (hasId && !string.Equals(idString, term, StringComparison.Ordinal))
        {
            if (idNode is null)
            {
                // Step 15.1: a null-mapped term, kept to detect redefinitions.
                iriMapping = null;
            }
            else
            {
                // Step 15.2.1.
                if (idString is null)
                {
                    throw new JsonLdException(
                        JsonLdErrorCodes.InvalidIriMapping,
                        $"the @id of '{term}' must be a string or null"
                    );
                }
                // Step 15.2.2: a reserved value: ignore the term.
                if (!Keywords.IsKeyword(idString) && Keywords.HasKeywordForm(idString))
                {
                    if (Settings.SafeMode)
                    {
                        throw SafeMode.Violation(
                            "reserved @id value",
                            $"the @id '{idString}' of '{term}' has the form of a keyword"
                        );
                    }
                    _defined[term] = true;
                    return;
                }
                // Step 15.2.3.
                iriMapping = ExpandIri(idString, documentRelative: false, vocab: true);
                if (
                    iriMapping is null
                    || !(Keywords.IsKeyword(iriMapping) || Iri.IsAbsoluteOrBlank(iriMapping))
                )
                {
                    throw new JsonLdException(
                        JsonLdErrorCodes.InvalidIriMapping,
                        $"the @id '{idString}' of '{term}' is not an IRI, blank node identifier or keyword"
                    );
                }
                if (iriMapping == Keywords.Context)
                {
                    throw new JsonLdException(
                        JsonLdErrorCodes.InvalidKeywordAlias,
                        $"'{term}' cannot be an alias of @context"
                    );
                }
                // Step 15.2.4: a term that looks like an IRI must expand to its own IRI mapping.
                var innerColon = term.Length > 2 ? term.IndexOf(':', 1, term.Length - 2) : -1;
                if (innerColon > 0 || term.Contains('/', StringComparison.Ordinal))
                {
                    _defined[term] = true;
                    var self = ExpandIri(term, documentRelative: false, vocab: true);
                    if (!string.Equals(self, iriMapping, StringComparison.Ordinal))
                    {
                        throw new JsonLdException(
                            JsonLdErrorCodes.InvalidIriMapping,
                            $"the term '{term}' looks like an IRI but maps to '{iriMapping}'"
                        );
                    }
                }
                // Step 15.2.5: simple terms ending in a gen-delim may be used as prefixes.
                if (
                    simpleTerm
                    && !term.Contains(':', StringComparison.Ordinal)
                    && !term.Contains('/', StringComparison.Ordinal)
                    && (EndsWithGenDelim(iriMapping) || Iri.IsBlankNode(iriMapping))
                )
                {
                    definition.Prefix = true;
                }
            }
        }
        else
        {
            var colon = term.Length > 1 ? term.IndexOf(':', 1) : -1;
            if (colon > 0)
            {
                // Step 16: a compact IRI, IRI or blank node identifier.
                var prefix = term[..colon];
                // Step 16.1.
                if (localContext.ContainsKey(prefix))
                {
                    Define(prefix);
                }
                // Step 16.2.
                var prefixDefinition = active.GetTerm(prefix);
                iriMapping = prefixDefinition?.IriMapping is { } prefixIri
                    ? string.Concat(prefixIri, term.AsSpan(colon + 1))
                    : term; // Step 16.3.
            }
            else if (term.Contains('/', StringComparison.Ordinal))
            {
                // Step 17: a relative IRI reference (expanded without the local context: the term
                // itself is being defined).
                iriMapping = active.ExpandIri(term, documentRelative: false, vocab: true);
                if (iriMapping is null || !Iri.IsAbsolute(iriMapping))
                {
                    throw new JsonLdException(
                        JsonLdErrorCodes.InvalidIriMapping,
                        $"the term '{term}' does not expand to an absolute IRI"
                    );
                }
            }
            else if (term == Keywords.Type)
            {
                // Step 18.
                iriMapping = Keywords.Type;
            }
            else if (active.Vocab is not null)
            {
                // Step 19.
                iriMapping = active.Vocab + term;
            }
            else
            {
                throw new JsonLdException(
                    JsonLdErrorCodes.InvalidIriMapping,
                    $"the term '{term}' has no @id and there is no @vocab"
                );
            }
        }
        definition.IriMapping = iriMapping;
        // Step 20: @container.
        if (map is not null && map.TryGetPropertyValue(Keywords.Container, out var containerNode))
        {
            definition.Container = ParseContainer(term, containerNode);
            // Step 20.3.
            if ((definition.Container & ContainerFlags.Type) != 0)
            {
                if (definition.TypeMapping is null)
                {
                    definition.TypeMapping = Keywords.Id;
                }
                else if (definition.TypeMapping is not (Keywords.Id or Keywords.Vocab))
                {
                    throw new JsonLdException(
                        JsonLdErrorCodes.InvalidTypeMapping,
                        $"a type map '{term}' must have @type @id or @vocab"
                    );
                }
            }
        }
        // Step 21: @index.
        if (map is not null && map.ContainsKey(Keywords.Index))
        {
            ReadIndex(term, map, definition);
        }
        // Step 22: a scoped context.
        if (map is not null && map.TryGetPropertyValue(Keywords.Context, out var scopedContext))
        {
            if (Settings.JsonLd10)
            {
                throw new JsonLdException(
                    JsonLdErrorCodes.InvalidTermDefinition,
                    "scoped contexts are not allowed in json-ld-1.0 processing mode"
                );
            }
            // Step 22.3: validate it now (without following remote cycles); errors become
            // invalid scoped context.
            try
            {
                ContextProcessor.ProcessCore(
                    active,
                    scopedContext,
                    baseUrl,
                    remoteContexts,
                    overrideProtected: true,
                    propagate: true,
                    validateScopedContext: false,
                    shared,
                    depth + 1
                );
            }
            catch (JsonLdException e)
                when (e.Code
                        is not (
                            JsonLdErrorCodes.DepthLimitExceeded
                            or JsonLdErrorCodes.SafeModeViolation
                            or JsonLdErrorCodes.ContextOverflow
                        )
                )
            {
                throw new JsonLdException(
                    JsonLdErrorCodes.InvalidScopedContext,
                    $"the scoped context of '{term}' is invalid: {e.Detail}",
                    e
                );
            }
            // Step 22.4: keep the scoped context (cloned unless it is already immutable and shared).
            definition.HasContext = true;
            if (shared || scopedContext is null)
            {
                definition.Context = scopedContext;
            }
            else
            {
                JsonLimits.CheckDepth(scopedContext, Settings.MaxDepth);
                definition.Context = scopedContext.DeepClone();
            }
            definition.BaseUrl = baseUrl;
        }
        // Step 23: @language.
        if (
            map is not null
            && !map.ContainsKey(Keywords.Type)
            && map.TryGetPropertyValue(Keywords.Language, out var languageNode)
        )
        {
            if (languageNode is null)
            {
                definition.Language = null;
            }
            else if (
                languageNode is JsonValue languageValue
                && languageValue.TryGetValue<string>(out var language)
            )
            {
                definition.Language = language.ToLowerInvariant();
            }
            else
            {
                throw new JsonLdException(
                    JsonLdErrorCodes.InvalidLanguageMapping,
                    $"the @language of '{term}' must be a string or null"
                );
            }
            definition.HasLanguage = true;
        }
        // Step 24: @direction.
        if (
            map is not null
            && !map.ContainsKey(Keywords.Type)
            && map.TryGetPropertyValue(Keywords.Direction, out var directionNode)
        )
        {
            definition.Direction = ContextProcessor.ReadDirection(directionNode);
            definition.HasDirection = true;
        }
        // Step 25: @nest.
        if (map is not null && map.TryGetPropertyValue(Keywords.Nest, out var nestNode))
        {
            if (Settings.JsonLd10)
            {
                throw new JsonLdException(
                    JsonLdErrorCodes.InvalidTermDefinition,
                    "@nest is not allowed in json-ld-1.0 processing mode"
                );
            }
            if (
                nestNode is not JsonValue nestValue
                || !nestValue.TryGetValue<string>(out var nest)
                || (Keywords.IsKeyword(nest) && nest != Keywords.Nest)
            )
            {
                throw new JsonLdException(
                    JsonLdErrorCodes.InvalidNestValue,
                    $"the @nest of '{term}' must be @nest or a term"
                );
            }
            definition.Nest = nest;
        }
        // Step 26: @prefix.
        if (map is not null && map.TryGetPropertyValue(Keywords.Prefix, out var prefixNode))
        {
            if (
                Settings.JsonLd10
                || term.Contains(':', StringComparison.Ordinal)
                || term.Contains('/', StringComparison.Ordinal)
            )
            {
                throw new JsonLdException(
                    JsonLdErrorCodes.InvalidTermDefinition,
                    $"'{term}' cannot have @prefix"
                );
            }
            if (!ContextProcessor.TryGetBool(prefixNode, out var isPrefix))
            {
                throw new JsonLdException(
                    JsonLdErrorCodes.InvalidPrefixValue,
                    $"the @prefix of '{term}' must be true or false"
                );
            }
            definition.Prefix = isPrefix;
            if (isPrefix && Keywords.IsKeyword(definition.IriMapping))
            {
                throw new JsonLdException(
                    JsonLdErrorCodes.InvalidTermDefinition,
                    $"the keyword alias '{term}' cannot be a prefix"
                );
            }
        }
        // Step 27.
        if (map is not null)
        {
            CheckOtherEntries(term, map);
        }
        // Steps 28 and 29.
        Finish(term, definition, previous);
    }

    // Step 21: a property-valued index.
    private void ReadIndex(string term, JsonObject map, TermDefinition definition)
    {
        // Step 21.1.
        if (Settings.JsonLd10 || (definition.Container & ContainerFlags.Index) == 0)
        {
            throw new JsonLdException(
                JsonLdErrorCodes.InvalidTermDefinition,
                $"@index on '{term}' needs an @index container in json-ld-1.1"
            );
        }
        // Step 21.2.
        if (
            map[Keywords.Index] is not JsonValue indexValue
            || !indexValue.TryGetValue<string>(out var index)
            || ExpandIri(index, documentRelative: false, vocab: true) is not { } indexIri
            || Keywords.IsKeyword(indexIri)
            || !Iri.IsAbsoluteOrBlank(indexIri)
        )
        {
            throw new JsonLdException(
                JsonLdErrorCodes.InvalidTermDefinition,
                $"the @index of '{term}' must be a string expanding to an IRI"
            );
        }
        // Step 21.3.
        definition.Index = index;
    }

    private void Finish(string term, TermDefinition definition, TermDefinition? previous)
    {
        // Step 28: a protected term may only be "redefined" identically.
        if (!overrideProtected && previous is not null && previous.Protected)
        {
            if (!definition.SameAs(previous))
            {
                throw new JsonLdException(
                    JsonLdErrorCodes.ProtectedTermRedefinition,
                    $"the protected term '{term}' cannot be redefined"
                );
            }
            definition = previous;
        }
        // Step 29.
        active.SetTerm(term, definition);
        _defined[term] = true;
    }

    private static void CheckOtherEntries(string term, JsonObject map)
    {
        foreach (var (key, _) in map)
        {
            switch (key)
            {
                case Keywords.Id
                or Keywords.Reverse
                or Keywords.Container
                or Keywords.Context
                or Keywords.Direction
                or Keywords.Index
                or Keywords.Language
                or Keywords.Nest
                or Keywords.Prefix
                or Keywords.Protected
                or Keywords.Type:
                    continue;
                default:
                    throw new JsonLdException(
                        JsonLdErrorCodes.InvalidTermDefinition,
                        $"the definition of '{term}' has the unknown entry '{key}'"
                    );
            }
        }
    }

    // Step 4: { "@container": "@set" } and/or { "@protected": ... } on @type.
    private static bool IsTypeContainerDefinition(JsonNode? value)
    {
        if (value is not JsonObject map || map.Count == 0)
        {
            return false;
        }
        foreach (var (key, entry) in map)
        {
            if (key == Keywords.Protected)
            {
                continue;
            }
            if (
                key == Keywords.Container
                && entry is JsonValue v
                && v.TryGetValue<string>(out var c)
                && c == Keywords.Set
            )
            {
                continue;
            }
            return false;
        }
        return true;
    }

    private static bool EndsWithGenDelim(string iri) =>
        iri.Length > 0 && iri[^1] is ':' or '/' or '?' or '#' or '[' or ']' or '@';

    // Step 20.1: the allowed container mappings.
    private ContainerFlags ParseContainer(string term, JsonNode? node)
    {
        var flags = ContainerFlags.None;
        var count = 0;
        if (node is JsonValue value && value.TryGetValue<string>(out var single))
        {
            flags = ToFlag(term, single);
            count = 1;
            if (
                Settings.JsonLd10
                && flags is ContainerFlags.Graph or ContainerFlags.Id or ContainerFlags.Type
            )
            {
                throw InvalidContainer(term);
            }
            return flags;
        }
        if (node is not JsonArray array || Settings.JsonLd10)
        {
            throw InvalidContainer(term);
        }
        foreach (var item in array)
        {
            if (item is not JsonValue itemValue || !itemValue.TryGetValue<string>(out var name))
            {
                throw InvalidContainer(term);
            }
            var flag = ToFlag(term, name);
            if ((flags & flag) != 0)
            {
                throw InvalidContainer(term);
            }
            flags |= flag;
            count++;
        }
        if (count <= 1)
        {
            return flags;
        }
        if ((flags & ContainerFlags.List) != 0)
        {
            throw InvalidContainer(term);
        }
        if ((flags & ContainerFlags.Graph) != 0)
        {
            // @graph with @id or @index (not both), optionally @set.
            var rest = flags & ~(ContainerFlags.Graph | ContainerFlags.Set);
            if (rest is ContainerFlags.None or ContainerFlags.Id or ContainerFlags.Index)
            {
                return flags;
            }
            throw InvalidContainer(term);
        }
        // @set with exactly one of @index, @id, @type, @language.
        if ((flags & ContainerFlags.Set) != 0 && count == 2)
        {
            return flags;
        }
        throw InvalidContainer(term);
    }

    private static ContainerFlags ToFlag(string term, string name) =>
        name switch
        {
            Keywords.List => ContainerFlags.List,
            Keywords.Set => ContainerFlags.Set,
            Keywords.Index => ContainerFlags.Index,
            Keywords.Id => ContainerFlags.Id,
            Keywords.Type => ContainerFlags.Type,
            Keywords.Language => ContainerFlags.Language,
            Keywords.Graph => ContainerFlags.Graph,
            _ => throw InvalidContainer(term),
        };

    private static JsonLdException InvalidContainer(string term) =>
        new(
            JsonLdErrorCodes.InvalidContainerMapping,
            $"the @container of '{term}' is not a valid container mapping"
        );

    /// <summary>IRI Expansion with a local context (JSON-LD 1.1 API §5.2.2, steps 3 and 6.3 define dependencies first).</summary>
    private string? ExpandIri(string value, bool documentRelative, bool vocab)
    {
        if (Keywords.IsKeyword(value))
        {
            return value;
        }
        if (Keywords.HasKeywordForm(value))
        {
            return null;
        }
        // Step 3.
        if (
            localContext.ContainsKey(value) && (!_defined.TryGetValue(value, out var done) || !done)
        )
        {
            Define(value);
        }
        // Step 6.3.
        var colon = value.Length > 1 ? value.IndexOf(':', 1) : -1;
        if (colon > 0)
        {
            var prefix = value[..colon];
            var isBlankOrAuthority =
                prefix == "_"
                || (value.Length > colon + 2 && value[colon + 1] == '/' && value[colon + 2] == '/');
            if (
                !isBlankOrAuthority
                && localContext.ContainsKey(prefix)
                && (!_defined.TryGetValue(prefix, out var prefixDone) || !prefixDone)
            )
            {
                Define(prefix);
            }
        }
        return active.ExpandIri(value, documentRelative, vocab);
    }
}
