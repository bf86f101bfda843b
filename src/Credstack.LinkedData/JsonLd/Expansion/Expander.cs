using System.Text.Json;
using System.Text.Json.Nodes;
using Credstack.LinkedData.JsonLd.Context;

namespace Credstack.LinkedData.JsonLd.Expansion;

/// <summary>
/// The Expansion Algorithm (JSON-LD 1.1 API §5.1.2) and Value Expansion (§5.3.2), producing the normative
/// expanded form in its internal shape (<see cref="ExpandedForm"/>: the toRdf node map reads it directly;
/// <see cref="ExpandDocument(JsonNode?, JsonLdOptions)"/> converts it to fresh <see cref="JsonNode"/>s). Keys are processed
/// in document order (the <c>ordered</c> flag is false), except where the algorithm requires
/// lexicographic order (type-scoped contexts).
/// </summary>
internal sealed class Expander
{
    private readonly bool _safe;
    private readonly int _maxDepth;

    // The last @type value decoded by ReadTypeStrings (one expansion runs on one thread).
    private JsonNode? _typeNode;
    private string[]? _typeStrings;

    // One member of the root object that expansion treats as absent (a Data Integrity verifier expands
    // a secured document without its proof, without copying the document).
    private JsonObject? _omitFrom;
    private string? _omitKey;

    private Expander(ProcessorSettings settings)
    {
        _safe = settings.SafeMode;
        _maxDepth = settings.MaxDepth;
    }

    /// <summary>JSON-LD 1.1 API §9.1 expand(): the initial context, expandContext, expansion, and the final shaping.</summary>
    public static JsonArray ExpandDocument(JsonNode? input, JsonLdOptions options) =>
        ExpandedForm.ToJsonArray(ExpandInternal(input, options, null));

    /// <summary>
    /// <see cref="ExpandDocument(JsonNode?, JsonLdOptions)"/> in the internal expanded form, as if the root
    /// object had no member <paramref name="omitRootMember"/> (when not null).
    /// </summary>
    public static ExpandedArray ExpandInternal(
        JsonNode? input,
        JsonLdOptions options,
        string? omitRootMember
    )
    {
        var settings = new ProcessorSettings(
            options.DocumentLoader ?? BundledDocumentLoader.Instance,
            string.Equals(options.ProcessingMode, "json-ld-1.0", StringComparison.Ordinal),
            options.SafeMode,
            options.MaxDepth,
            options.MaxRemoteContexts
        );
        var baseUrl = options.Base;
        var context = ContextCache.InitialContext(settings, baseUrl);
        if (options.ExpandContext is { } expandContext)
        {
            var local =
                expandContext is JsonObject expandObject
                && expandObject.TryGetPropertyValue(Keywords.Context, out var inner)
                    ? inner
                    : expandContext;
            context = ContextProcessor.Process(context, local, context.OriginalBaseUrl);
        }
        var expander = new Expander(settings);
        if (omitRootMember is not null && input is JsonObject root)
        {
            expander._omitFrom = root;
            expander._omitKey = omitRootMember;
        }
        var expanded = expander.Expand(context, null, input, baseUrl, fromMap: false, depth: 0);
        // §9.1 expand() step 8 / §5.1.2 final step: a lone @graph is unwrapped; always an array.
        if (
            expanded is ExpandedMap obj
            && obj.Count == 1
            && obj.TryGetValue(Keywords.Graph, out var graph)
        )
        {
            obj.Remove(Keywords.Graph);
            expanded = graph;
        }
        return expanded switch
        {
            null => [],
            ExpandedArray array => array,
            _ => new ExpandedArray(expanded),
        };
    }

    // §5.1.2 Expansion Algorithm.
    private object? Expand(
        ActiveContext context,
        string? activeProperty,
        JsonNode? element,
        string? baseUrl,
        bool fromMap,
        int depth
    ) =>
        ExpandWith(
            context,
            activeProperty,
            context.GetTerm(activeProperty),
            element,
            baseUrl,
            fromMap,
            depth
        );

    // §5.1.2 Expansion Algorithm, with the active property's definition in the active context known.
    private object? ExpandWith(
        ActiveContext context,
        string? activeProperty,
        TermDefinition? activeDefinition,
        JsonNode? element,
        string? baseUrl,
        bool fromMap,
        int depth
    )
    {
        // Step 1.
        if (element is null)
        {
            return null;
        }
        if (depth > _maxDepth)
        {
            throw new JsonLdException(
                JsonLdErrorCodes.DepthLimitExceeded,
                $"the document nests deeper than {_maxDepth}"
            );
        }
        // Step 3: the property-scoped context of the active property (activeDefinition).
        switch (element)
        {
            case JsonValue scalar:
                // Step 4.1: free-floating scalars are dropped.
                if (activeProperty is null or Keywords.Graph)
                {
                    if (_safe)
                    {
                        throw SafeMode.Violation(
                            "free-floating scalar",
                            $"the value {scalar.ToJsonString()} is not the value of any property and would be dropped"
                        );
                    }
                    return null;
                }
                // Step 4.2.
                if (activeDefinition is { HasContext: true })
                {
                    context = ContextProcessor.Process(
                        context,
                        activeDefinition.Context,
                        activeDefinition.BaseUrl,
                        shared: true
                    );
                    activeDefinition = context.GetTerm(activeProperty);
                }
                // Step 4.3.
                return ExpandValue(context, activeProperty, activeDefinition, scalar);
            case JsonArray array:
                // Step 5.
                return ExpandArray(
                    context,
                    activeProperty,
                    activeDefinition,
                    array,
                    null,
                    baseUrl,
                    fromMap,
                    depth
                );
            default:
                return ExpandObject(
                    context,
                    activeProperty,
                    activeDefinition,
                    (JsonObject)element,
                    baseUrl,
                    fromMap,
                    depth
                );
        }
    }

    // Step 5: an array (or a single item treated as a one-item array).
    private ExpandedArray ExpandArray(
        ActiveContext context,
        string? activeProperty,
        TermDefinition? activeDefinition,
        JsonArray? array,
        JsonNode? single,
        string? baseUrl,
        bool fromMap,
        int depth
    )
    {
        // Step 5.1.
        var result = new ExpandedArray();
        var isList =
            activeDefinition is not null && (activeDefinition.Container & ContainerFlags.List) != 0;
        if (array is null)
        {
            AddExpandedItem(
                result,
                ExpandWith(
                    context,
                    activeProperty,
                    activeDefinition,
                    single,
                    baseUrl,
                    fromMap,
                    depth + 1
                ),
                isList
            );
            return result;
        }
        // Step 5.2.
        foreach (var item in array)
        {
            AddExpandedItem(
                result,
                ExpandWith(
                    context,
                    activeProperty,
                    activeDefinition,
                    item,
                    baseUrl,
                    fromMap,
                    depth + 1
                ),
                isList
            );
        }
        return result;
    }

    private static void AddExpandedItem(ExpandedArray result, object? expandedItem, bool isList)
    {
        // Step 5.2.2: a nested array in a list is a list of lists.
        if (isList && expandedItem is ExpandedArray nested)
        {
            expandedItem = new ExpandedMap(Keywords.List, nested);
        }
        // Step 5.2.3.
        if (expandedItem is ExpandedArray items)
        {
            MoveAll(items, result);
        }
        else if (expandedItem is not null)
        {
            result.Add(expandedItem);
        }
    }

    // Steps 6 to 20: a map.
    private object? ExpandObject(
        ActiveContext context,
        string? activeProperty,
        TermDefinition? activeDefinition,
        JsonObject element,
        string? baseUrl,
        bool fromMap,
        int depth
    )
    {
        var omit = ReferenceEquals(element, _omitFrom) ? _omitKey : null;
        // Step 7: a non-propagated (type-scoped) context does not apply to a new node object.
        if (
            context.PreviousContext is not null
            && !fromMap
            && !KeepsContext(context, element, omit)
        )
        {
            context = context.PreviousContext;
        }
        // Step 8: the property-scoped context.
        if (activeDefinition is { HasContext: true })
        {
            context = ContextProcessor.Process(
                context,
                activeDefinition.Context,
                activeDefinition.BaseUrl,
                overrideProtected: true,
                shared: true
            );
        }
        // Step 9: an embedded context.
        if (element.TryGetPropertyValue(Keywords.Context, out var localContext))
        {
            context = ContextProcessor.Process(context, localContext, baseUrl);
        }
        // Step 10.
        var typeScopedContext = context;
        // Steps 11 and 12: apply type-scoped contexts (in lexicographic order) and find the input type.
        string? inputType = null;
        string? firstTypeKey = null;
        List<string>? typeKeys = null;
        // Indexed access: enumerating a JsonObject allocates an enumerator.
        for (var i = 0; i < element.Count; i++)
        {
            var key = element.GetAt(i).Key;
            if (key == omit)
            {
                continue;
            }
            if (context.IsKeywordKey(key, Keywords.Type))
            {
                if (firstTypeKey is null)
                {
                    firstTypeKey = key;
                }
                else
                {
                    typeKeys ??= [firstTypeKey];
                    typeKeys.Add(key);
                }
            }
        }
        if (firstTypeKey is not null)
        {
            if (typeKeys is not null)
            {
                typeKeys.Sort(StringComparer.Ordinal);
                firstTypeKey = typeKeys[0];
                foreach (var typeKey in typeKeys)
                {
                    context = ApplyTypeScopedContexts(context, typeScopedContext, element[typeKey]);
                }
            }
            else
            {
                context = ApplyTypeScopedContexts(
                    context,
                    typeScopedContext,
                    element[firstTypeKey]
                );
            }
            // Step 12: the input type is the last value of the first type entry, IRI expanded.
            var typeStrings = ReadTypeStrings(element[firstTypeKey]);
            if (typeStrings is { Length: > 0 })
            {
                inputType = context.ExpandIri(
                    typeStrings[^1],
                    documentRelative: false,
                    vocab: true
                );
            }
        }
        // Step 12: result, nests; steps 13 and 14.
        // About one entry per key of the element.
        var result = new ExpandedMap(element.Count);
        ExpandEntries(
            context,
            typeScopedContext,
            activeProperty,
            element,
            result,
            inputType,
            baseUrl,
            depth,
            omit
        );
        return FinishObject(activeProperty, result);
    }

    // Step 7's test: an element with an entry expanding to @value, or a lone entry expanding to @id,
    // keeps the non-propagated context.
    private static bool KeepsContext(ActiveContext context, JsonObject element, string? omit)
    {
        var single = element.Count - (omit is not null && element.ContainsKey(omit) ? 1 : 0) == 1;
        for (var i = 0; i < element.Count; i++)
        {
            var key = element.GetAt(i).Key;
            if (key == omit)
            {
                continue;
            }
            if (
                context.IsKeywordKey(key, Keywords.Value)
                || (single && context.IsKeywordKey(key, Keywords.Id))
            )
            {
                return true;
            }
        }
        return false;
    }

    // Step 11.2: for each type (in lexicographic order) with a scoped context, apply it, not propagated.
    private ActiveContext ApplyTypeScopedContexts(
        ActiveContext context,
        ActiveContext typeScopedContext,
        JsonNode? value
    )
    {
        var terms = ReadTypeStrings(value);
        if (terms is null)
        {
            return context;
        }
        if (terms.Length == 1)
        {
            return ApplyTypeScopedContext(context, typeScopedContext, terms[0]);
        }
        // Order matters only when several types have scoped contexts.
        var scoped = 0;
        foreach (var term in terms)
        {
            if (typeScopedContext.GetTerm(term) is { HasContext: true })
            {
                scoped++;
            }
        }
        if (scoped == 0)
        {
            return context;
        }
        if (scoped > 1)
        {
            terms = (string[])terms.Clone();
            Array.Sort(terms, StringComparer.Ordinal);
        }
        foreach (var term in terms)
        {
            context = ApplyTypeScopedContext(context, typeScopedContext, term);
        }
        return context;
    }

    // The strings of a @type value, decoded once per node (the same value is read for type-scoped
    // contexts, the input type and the @type entry itself); null when it is not a string or an array
    // of strings.
    private string[]? ReadTypeStrings(JsonNode? value)
    {
        if (value is null)
        {
            return null;
        }
        if (ReferenceEquals(value, _typeNode))
        {
            return _typeStrings;
        }
        string[]? strings;
        if (value is JsonValue single)
        {
            strings = single.TryGetValue<string>(out var term) ? [term] : null;
        }
        else if (value is JsonArray array)
        {
            strings = new string[array.Count];
            for (var i = 0; i < strings.Length; i++)
            {
                if (array[i] is JsonValue item && item.TryGetValue<string>(out var term))
                {
                    strings[i] = term;
                }
                else
                {
                    strings = null;
                    break;
                }
            }
        }
        else
        {
            strings = null;
        }
        _typeNode = value;
        _typeStrings = strings;
        return strings;
    }

    private static ActiveContext ApplyTypeScopedContext(
        ActiveContext context,
        ActiveContext typeScopedContext,
        string term
    )
    {
        var definition = typeScopedContext.GetTerm(term);
        return definition is { HasContext: true }
            ? ContextProcessor.Process(
                context,
                definition.Context,
                definition.BaseUrl,
                propagate: false,
                shared: true
            )
            : context;
    }

    // Step 13 (and step 14 for nested entries).
    private void ExpandEntries(
        ActiveContext context,
        ActiveContext typeScopedContext,
        string? activeProperty,
        JsonObject element,
        ExpandedMap result,
        string? inputType,
        string? baseUrl,
        int depth,
        string? omit = null
    )
    {
        List<string>? nests = null;
        for (var i = 0; i < element.Count; i++)
        {
            var (key, value) = element.GetAt(i);
            if (key == omit)
            {
                continue;
            }
            // Step 13.1.
            if (key == Keywords.Context)
            {
                continue;
            }
            // Step 13.2.
            var expandedProperty = context.ExpandKey(key, out var definition);
            // Step 13.3: keys that do not expand to an IRI or keyword are dropped.
            if (
                expandedProperty is null
                || (
                    !Keywords.IsKeyword(expandedProperty)
                    && !expandedProperty.Contains(':', StringComparison.Ordinal)
                )
            )
            {
                if (_safe)
                {
                    throw SafeMode.Violation(
                        "invalid property",
                        $"the property '{key}' does not expand to an absolute IRI and would be dropped"
                    );
                }
                continue;
            }
            // Step 13.4: keywords.
            if (expandedProperty[0] == '@' && Keywords.IsKeyword(expandedProperty))
            {
                if (
                    ExpandKeyword(
                        context,
                        typeScopedContext,
                        activeProperty,
                        key,
                        expandedProperty,
                        value,
                        result,
                        inputType,
                        baseUrl,
                        depth
                    )
                )
                {
                    (nests ??= []).Add(key);
                }
                continue;
            }
            if (_safe && !Iri.IsAbsoluteOrBlank(expandedProperty))
            {
                throw SafeMode.Violation(
                    "invalid property",
                    $"the property '{key}' expands to the relative IRI '{expandedProperty}'"
                );
            }
            // Step 13.5.
            var container = definition?.Container ?? ContainerFlags.None;
            object? expandedValue;
            if (definition?.TypeMapping == Keywords.Json)
            {
                // Step 13.6: a JSON literal.
                expandedValue = new ExpandedMap(Keywords.Value, CheckedJson(value))
                {
                    [Keywords.Type] = Keywords.Json,
                };
            }
            else if ((container & ContainerFlags.Language) != 0 && value is JsonObject languageMap)
            {
                // Step 13.7: a language map.
                expandedValue = ExpandLanguageMap(context, definition!, languageMap);
            }
            else if (
                (container & (ContainerFlags.Index | ContainerFlags.Type | ContainerFlags.Id)) != 0
                && value is JsonObject map
            )
            {
                // Step 13.8: an index, id or type map.
                expandedValue = ExpandIndexMap(context, key, definition!, map, baseUrl, depth);
            }
            else
            {
                // Step 13.9.
                expandedValue = ExpandWith(
                    context,
                    key,
                    definition,
                    value,
                    baseUrl,
                    fromMap: false,
                    depth + 1
                );
            }
            // Step 13.10.
            if (expandedValue is null)
            {
                continue;
            }
            // Step 13.11: a list container makes a list object.
            if ((container & ContainerFlags.List) != 0 && !IsListObject(expandedValue))
            {
                expandedValue = new ExpandedMap(
                    Keywords.List,
                    expandedValue as ExpandedArray ?? new ExpandedArray(expandedValue)
                );
            }
            // Step 13.12: a graph container makes graph objects.
            if (
                (container & ContainerFlags.Graph) != 0
                && (container & (ContainerFlags.Id | ContainerFlags.Index)) == 0
            )
            {
                expandedValue = ToGraphObjects(expandedValue);
            }
            if (definition is { Reverse: true })
            {
                // Step 13.13: a reverse property.
                var reverseMap = GetOrAddObject(result, Keywords.Reverse);
                AddReverseValues(reverseMap, expandedProperty, expandedValue);
            }
            else
            {
                // Step 13.14.
                AddValue(result, expandedProperty, expandedValue);
            }
        }
        // Step 14: nested properties.
        if (nests is null)
        {
            return;
        }
        foreach (var nestingKey in nests)
        {
            // Step 14.1.
            var nestedValues = element[nestingKey];
            if (nestedValues is JsonArray nestedArray)
            {
                foreach (var nested in nestedArray)
                {
                    ExpandNested(
                        context,
                        typeScopedContext,
                        activeProperty,
                        nestingKey,
                        nested,
                        result,
                        inputType,
                        baseUrl,
                        depth
                    );
                }
            }
            else
            {
                ExpandNested(
                    context,
                    typeScopedContext,
                    activeProperty,
                    nestingKey,
                    nestedValues,
                    result,
                    inputType,
                    baseUrl,
                    depth
                );
            }
        }
    }

    // Step 14.2.
    private void ExpandNested(
        ActiveContext context,
        ActiveContext typeScopedContext,
        string? activeProperty,
        string nestingKey,
        JsonNode? nested,
        ExpandedMap result,
        string? inputType,
        string? baseUrl,
        int depth
    )
    {
        if (depth + 1 > _maxDepth)
        {
            throw new JsonLdException(
                JsonLdErrorCodes.DepthLimitExceeded,
                $"the document nests deeper than {_maxDepth}"
            );
        }
        // Step 14.2.1.
        if (nested is not JsonObject nestedObject)
        {
            throw new JsonLdException(
                JsonLdErrorCodes.InvalidNestValue,
                $"the value of the nesting property '{nestingKey}' must be an object"
            );
        }
        foreach (var (key, _) in nestedObject)
        {
            if (context.ExpandIri(key, documentRelative: false, vocab: true) == Keywords.Value)
            {
                throw new JsonLdException(
                    JsonLdErrorCodes.InvalidNestValue,
                    $"the value of the nesting property '{nestingKey}' cannot be a value object"
                );
            }
        }
        // Step 14.2.2: steps 3 and 8 (the nesting term's scoped context), then 13 and 14.
        var nestDefinition = context.GetTerm(nestingKey);
        var nestedContext = nestDefinition is { HasContext: true }
            ? ContextProcessor.Process(
                context,
                nestDefinition.Context,
                nestDefinition.BaseUrl,
                overrideProtected: true,
                shared: true
            )
            : context;
        ExpandEntries(
            nestedContext,
            typeScopedContext,
            activeProperty,
            nestedObject,
            result,
            inputType,
            baseUrl,
            depth + 1
        );
    }

    // Step 13.4: a keyword entry. Returns true for @nest (handled in step 14).
    private bool ExpandKeyword(
        ActiveContext context,
        ActiveContext typeScopedContext,
        string? activeProperty,
        string key,
        string expandedProperty,
        JsonNode? value,
        ExpandedMap result,
        string? inputType,
        string? baseUrl,
        int depth
    )
    {
        // Step 13.4.1.
        if (activeProperty == Keywords.Reverse)
        {
            throw new JsonLdException(
                JsonLdErrorCodes.InvalidReversePropertyMap,
                $"a reverse property map cannot contain the keyword '{key}'"
            );
        }
        // Step 13.4.2.
        if (
            result.ContainsKey(expandedProperty)
            && (context.JsonLd10 || expandedProperty is not (Keywords.Included or Keywords.Type))
        )
        {
            throw new JsonLdException(
                JsonLdErrorCodes.CollidingKeywords,
                $"'{key}' collides with another entry expanding to {expandedProperty}"
            );
        }
        object? expandedValue;
        switch (expandedProperty)
        {
            case Keywords.Id:
            {
                // Step 13.4.3.
                if (value is not JsonValue idValue || !idValue.TryGetValue<string>(out var id))
                {
                    throw new JsonLdException(
                        JsonLdErrorCodes.InvalidIdValue,
                        $"'{key}' must be a string"
                    );
                }
                var expandedId = context.ExpandIri(id, documentRelative: true, vocab: false);
                if (_safe)
                {
                    if (expandedId is null)
                    {
                        throw SafeMode.Violation(
                            "reserved @id value",
                            $"the {key} '{id}' has the form of a keyword and would be dropped"
                        );
                    }
                    if (!Iri.IsAbsoluteOrBlank(expandedId))
                    {
                        throw SafeMode.Violation(
                            "relative @id reference",
                            $"the {key} '{id}' is a relative IRI reference and there is no base IRI"
                        );
                    }
                }
                // A reserved (keyword-form) @id expands to null and is kept as null, as the suite's
                // #t0122 expects.
                result[Keywords.Id] = expandedId;
                return false;
            }
            case Keywords.Type:
            {
                // Step 13.4.4.
                expandedValue = ExpandTypeValue(typeScopedContext, key, value);
                // Step 13.4.4.5: merge with an earlier entry expanding to @type.
                if (result.TryGetValue(Keywords.Type, out var existing))
                {
                    result.Remove(Keywords.Type);
                    var merged = existing as ExpandedArray ?? new ExpandedArray(existing);
                    if (expandedValue is ExpandedArray more)
                    {
                        MoveAll(more, merged);
                    }
                    else if (expandedValue is not null)
                    {
                        merged.Add(expandedValue);
                    }
                    expandedValue = merged;
                }
                break;
            }
            case Keywords.Graph:
                // Step 13.4.5.
                expandedValue = ToArray(
                    Expand(context, Keywords.Graph, value, baseUrl, fromMap: false, depth + 1)
                );
                break;
            case Keywords.Included:
            {
                // Step 13.4.6.
                if (context.JsonLd10)
                {
                    return false;
                }
                // Step 13.4.6.2 (with @included as the active property, so that values are not
                // dropped as free-floating before the node-object check of step 13.4.6.3).
                var included = ToArray(
                    Expand(context, Keywords.Included, value, baseUrl, fromMap: false, depth + 1)
                );
                foreach (var item in included)
                {
                    if (
                        item is not ExpandedMap node
                        || node.ContainsKey(Keywords.Value)
                        || node.ContainsKey(Keywords.List)
                        || node.ContainsKey(Keywords.Set)
                    )
                    {
                        throw new JsonLdException(
                            JsonLdErrorCodes.InvalidIncludedValue,
                            $"'{key}' must contain node objects only"
                        );
                    }
                }
                if (result.TryGetValue(Keywords.Included, out var existing))
                {
                    result.Remove(Keywords.Included);
                    var merged = (ExpandedArray)existing!;
                    MoveAll(included, merged);
                    included = merged;
                }
                expandedValue = included;
                break;
            }
            case Keywords.Value:
                // Step 13.4.7.
                if (inputType == Keywords.Json)
                {
                    // Step 13.4.7.1: a JSON literal may be any JSON, null included.
                    result[Keywords.Value] = CheckedJson(value);
                    return false;
                }
                if (value is not null and not JsonValue)
                {
                    throw new JsonLdException(
                        JsonLdErrorCodes.InvalidValueObjectValue,
                        $"'{key}' must be a string, number, boolean or null"
                    );
                }
                // Step 13.4.7.4: null is kept for now (the value object is dropped in step 15.3).
                // The input's scalar is shared, not copied (ExpandedForm).
                result[Keywords.Value] = value;
                return false;
            case Keywords.Language:
            {
                // Step 13.4.8.
                if (
                    value is not JsonValue languageValue
                    || !languageValue.TryGetValue<string>(out var language)
                )
                {
                    throw new JsonLdException(
                        JsonLdErrorCodes.InvalidLanguageTaggedString,
                        $"'{key}' must be a string"
                    );
                }
                expandedValue = language.ToLowerInvariant();
                break;
            }
            case Keywords.Direction:
            {
                // Step 13.4.9.
                if (context.JsonLd10)
                {
                    return false;
                }
                if (
                    value is not JsonValue directionValue
                    || !directionValue.TryGetValue<string>(out var direction)
                    || direction is not ("ltr" or "rtl")
                )
                {
                    throw new JsonLdException(
                        JsonLdErrorCodes.InvalidBaseDirection,
                        $"'{key}' must be \"ltr\" or \"rtl\""
                    );
                }
                expandedValue = direction;
                break;
            }
            case Keywords.Index:
            {
                // Step 13.4.10.
                if (
                    value is not JsonValue indexValue
                    || !indexValue.TryGetValue<string>(out var index)
                )
                {
                    throw new JsonLdException(
                        JsonLdErrorCodes.InvalidIndexValue,
                        $"'{key}' must be a string"
                    );
                }
                expandedValue = index;
                break;
            }
            case Keywords.List:
                // Step 13.4.11: a free-floating list is dropped.
                if (activeProperty is null or Keywords.Graph)
                {
                    if (_safe)
                    {
                        throw SafeMode.Violation(
                            "object with only @list",
                            $"the list '{key}' is not the value of any property and would be dropped"
                        );
                    }
                    return false;
                }
                expandedValue = ToArray(
                    Expand(context, activeProperty, value, baseUrl, fromMap: false, depth + 1)
                );
                break;
            case Keywords.Set:
                // Step 13.4.12.
                expandedValue = Expand(
                    context,
                    activeProperty,
                    value,
                    baseUrl,
                    fromMap: false,
                    depth + 1
                );
                break;
            case Keywords.Reverse:
            {
                // Step 13.4.13.
                if (value is not JsonObject)
                {
                    throw new JsonLdException(
                        JsonLdErrorCodes.InvalidReverseValue,
                        $"'{key}' must be an object"
                    );
                }
                var reversed =
                    Expand(context, Keywords.Reverse, value, baseUrl, fromMap: false, depth + 1)
                    as ExpandedMap;
                if (reversed is null)
                {
                    return false;
                }
                // Step 13.4.13.3: doubly reversed properties are forward properties.
                if (
                    reversed.TryGetValue(Keywords.Reverse, out var doubly)
                    && doubly is ExpandedMap doublyMap
                )
                {
                    foreach (var (property, items) in doublyMap.TakeEntries())
                    {
                        AddValue(result, property, items);
                    }
                }
                // Step 13.4.13.4.
                var hasOther = false;
                for (var i = 0; i < reversed.Count; i++)
                {
                    if (reversed.GetAt(i).Key != Keywords.Reverse)
                    {
                        hasOther = true;
                        break;
                    }
                }
                if (hasOther)
                {
                    var reverseMap = GetOrAddObject(result, Keywords.Reverse);
                    foreach (var (property, items) in reversed.TakeEntries())
                    {
                        if (property == Keywords.Reverse)
                        {
                            continue;
                        }
                        AddReverseValues(reverseMap, property, items);
                    }
                }
                return false;
            }
            case Keywords.Nest:
                // Step 13.4.14.
                return true;
            default:
                // Other keywords (@context is skipped earlier; framing keywords do not apply).
                return false;
        }
        // Step 13.4.16.
        if (expandedValue is not null)
        {
            result[expandedProperty] = expandedValue;
        }
        return false;
    }

    // Step 13.4.4: @type values are IRI expanded against the type-scoped context.
    private object? ExpandTypeValue(ActiveContext typeScopedContext, string key, JsonNode? value)
    {
        var strings = ReadTypeStrings(value);
        if (strings is null)
        {
            throw new JsonLdException(
                JsonLdErrorCodes.InvalidTypeValue,
                $"'{key}' must be a string or an array of strings"
            );
        }
        if (value is JsonValue)
        {
            var expanded = ExpandType(typeScopedContext, key, strings[0]);
            return expanded is null ? new ExpandedArray() : expanded;
        }
        var result = new ExpandedArray();
        foreach (var type in strings)
        {
            var expanded = ExpandType(typeScopedContext, key, type);
            if (expanded is not null)
            {
                result.Add(expanded);
            }
        }
        return result;
    }

    private string? ExpandType(ActiveContext typeScopedContext, string key, string type)
    {
        var expanded = typeScopedContext.ExpandIri(type, documentRelative: true, vocab: true);
        if (
            _safe
            && (expanded is null || !Iri.IsAbsoluteOrBlank(expanded))
            && expanded != Keywords.Json
        )
        {
            throw SafeMode.Violation(
                "relative @type reference",
                $"the {key} '{type}' does not expand to an absolute IRI"
            );
        }
        return expanded;
    }

    // Step 13.7: a language map.
    private static ExpandedArray ExpandLanguageMap(
        ActiveContext context,
        TermDefinition definition,
        JsonObject languageMap
    )
    {
        // Steps 13.7.1 to 13.7.3.
        var expanded = new ExpandedArray();
        var direction = definition.HasDirection ? definition.Direction : context.DefaultDirection;
        // Step 13.7.4.
        foreach (var (language, languageValue) in languageMap)
        {
            if (languageValue is JsonArray items)
            {
                foreach (var item in items)
                {
                    AddLanguageValue(context, expanded, language, item, direction);
                }
            }
            else
            {
                AddLanguageValue(context, expanded, language, languageValue, direction);
            }
        }
        return expanded;
    }

    // Step 13.7.4.2.
    private static void AddLanguageValue(
        ActiveContext context,
        ExpandedArray expanded,
        string language,
        JsonNode? item,
        string? direction
    )
    {
        if (item is null)
        {
            return;
        }
        if (item is not JsonValue itemValue || !itemValue.TryGetValue<string>(out var text))
        {
            throw new JsonLdException(
                JsonLdErrorCodes.InvalidLanguageMapValue,
                $"the language map entry '{language}' must hold strings"
            );
        }
        var v = new ExpandedMap(Keywords.Value, text);
        if (
            language != Keywords.None
            && context.ExpandIri(language, documentRelative: false, vocab: true) != Keywords.None
        )
        {
            v[Keywords.Language] = language.ToLowerInvariant();
        }
        if (direction is not null)
        {
            v[Keywords.Direction] = direction;
        }
        expanded.Add(v);
    }

    // Step 13.8: an index, id or type map.
    private ExpandedArray ExpandIndexMap(
        ActiveContext context,
        string key,
        TermDefinition definition,
        JsonObject map,
        string? baseUrl,
        int depth
    )
    {
        var container = definition.Container;
        // Steps 13.8.1 and 13.8.2.
        var expanded = new ExpandedArray();
        var indexKey = definition.Index ?? Keywords.Index;
        // Step 13.8.3.
        foreach (var (index, indexValue) in map)
        {
            // Steps 13.8.3.1 to 13.8.3.3.
            ActiveContext mapContext;
            if ((container & (ContainerFlags.Id | ContainerFlags.Type)) != 0)
            {
                mapContext = context.PreviousContext ?? context;
                if (
                    (container & ContainerFlags.Type) != 0
                    && mapContext.GetTerm(index) is { HasContext: true } indexDefinition
                )
                {
                    mapContext = ContextProcessor.Process(
                        mapContext,
                        indexDefinition.Context,
                        indexDefinition.BaseUrl,
                        shared: true
                    );
                }
            }
            else
            {
                mapContext = context;
            }
            // Step 13.8.3.4.
            var expandedIndex = context.ExpandIri(index, documentRelative: false, vocab: true);
            // Steps 13.8.3.5 and 13.8.3.6.
            var items = ExpandArray(
                mapContext,
                key,
                mapContext.GetTerm(key),
                indexValue as JsonArray,
                indexValue,
                baseUrl,
                fromMap: true,
                depth + 1
            );
            // Step 13.8.3.7.
            foreach (var entry in items)
            {
                var item = entry;
                // Step 13.8.3.7.1.
                if ((container & ContainerFlags.Graph) != 0 && !IsGraphObject(item))
                {
                    item = new ExpandedMap(Keywords.Graph, new ExpandedArray(item));
                }
                var itemObject = item as ExpandedMap;
                if (
                    (container & ContainerFlags.Index) != 0
                    && indexKey != Keywords.Index
                    && expandedIndex != Keywords.None
                    && itemObject is not null
                )
                {
                    // Step 13.8.3.7.2: a property-valued index.
                    var reExpandedIndex = ExpandValue(
                        context,
                        indexKey,
                        context.GetTerm(indexKey),
                        JsonValue.Create(index)!
                    );
                    var expandedIndexKey = context.ExpandIri(
                        indexKey,
                        documentRelative: false,
                        vocab: true
                    )!;
                    var values = new ExpandedArray(reExpandedIndex);
                    if (itemObject.TryGetValue(expandedIndexKey, out var existing))
                    {
                        itemObject.Remove(expandedIndexKey);
                        if (existing is ExpandedArray existingArray)
                        {
                            MoveAll(existingArray, values);
                        }
                        else if (existing is not null)
                        {
                            values.Add(existing);
                        }
                    }
                    itemObject[expandedIndexKey] = values;
                    // Step 13.8.3.7.2.5.
                    if (itemObject.ContainsKey(Keywords.Value))
                    {
                        throw new JsonLdException(
                            JsonLdErrorCodes.InvalidValueObject,
                            $"a value in the index map '{key}' cannot take the index property '{indexKey}'"
                        );
                    }
                }
                else if (
                    (container & ContainerFlags.Index) != 0
                    && itemObject is not null
                    && !itemObject.ContainsKey(Keywords.Index)
                    && expandedIndex != Keywords.None
                )
                {
                    // Step 13.8.3.7.3.
                    itemObject[Keywords.Index] = index;
                }
                else if (
                    (container & ContainerFlags.Id) != 0
                    && itemObject is not null
                    && !itemObject.ContainsKey(Keywords.Id)
                    && expandedIndex != Keywords.None
                )
                {
                    // Step 13.8.3.7.4.
                    var id = context.ExpandIri(index, documentRelative: true, vocab: false);
                    if (_safe && (id is null || !Iri.IsAbsoluteOrBlank(id)))
                    {
                        throw SafeMode.Violation(
                            "relative @id reference",
                            $"the id map key '{index}' of '{key}' is not an absolute IRI"
                        );
                    }
                    itemObject[Keywords.Id] = id;
                }
                else if (
                    (container & ContainerFlags.Type) != 0
                    && itemObject is not null
                    && expandedIndex != Keywords.None
                )
                {
                    // Step 13.8.3.7.5.
                    if (_safe && (expandedIndex is null || !Iri.IsAbsoluteOrBlank(expandedIndex)))
                    {
                        throw SafeMode.Violation(
                            "relative @type reference",
                            $"the type map key '{index}' of '{key}' is not an absolute IRI"
                        );
                    }
                    var types = new ExpandedArray(expandedIndex);
                    if (itemObject.TryGetValue(Keywords.Type, out var existingTypes))
                    {
                        itemObject.Remove(Keywords.Type);
                        if (existingTypes is ExpandedArray existingArray)
                        {
                            MoveAll(existingArray, types);
                        }
                        else if (existingTypes is not null)
                        {
                            types.Add(existingTypes);
                        }
                    }
                    itemObject[Keywords.Type] = types;
                }
                // Step 13.8.3.7.6.
                expanded.Add(item);
            }
        }
        return expanded;
    }

    // Steps 15 to 19.
    private object? FinishObject(string? activeProperty, ExpandedMap result)
    {
        object? shaped = result;
        if (result.TryGetValue(Keywords.Value, out var value))
        {
            // Step 15.1.
            for (var i = 0; i < result.Count; i++)
            {
                var key = result.GetAt(i).Key;
                if (
                    key
                    is not (
                        Keywords.Direction
                        or Keywords.Index
                        or Keywords.Language
                        or Keywords.Type
                        or Keywords.Value
                    )
                )
                {
                    throw new JsonLdException(
                        JsonLdErrorCodes.InvalidValueObject,
                        $"a value object cannot have the entry '{key}'"
                    );
                }
            }
            var hasType = result.TryGetValue(Keywords.Type, out var type);
            if (
                hasType
                && (result.ContainsKey(Keywords.Language) || result.ContainsKey(Keywords.Direction))
            )
            {
                throw new JsonLdException(
                    JsonLdErrorCodes.InvalidValueObject,
                    "a value object cannot have both @type and @language or @direction"
                );
            }
            var typeString = type as string;
            // Step 15.2: a JSON literal.
            if (typeString != Keywords.Json)
            {
                // Step 15.3.
                if (value is null || (value is JsonArray { Count: 0 }))
                {
                    if (_safe)
                    {
                        throw SafeMode.Violation(
                            "null @value value",
                            "a value object with a null @value would be dropped"
                        );
                    }
                    return null;
                }
                // Step 15.4.
                if (result.ContainsKey(Keywords.Language) && !ExpandedForm.IsString(value))
                {
                    throw new JsonLdException(
                        JsonLdErrorCodes.InvalidLanguageTaggedValue,
                        "a language-tagged value must be a string"
                    );
                }
                // Step 15.5.
                if (hasType && (typeString is null || !Iri.IsWellFormedAbsolute(typeString)))
                {
                    throw new JsonLdException(
                        JsonLdErrorCodes.InvalidTypedValue,
                        "the @type of a typed value must be an absolute IRI"
                    );
                }
            }
        }
        else if (result.TryGetValue(Keywords.Type, out var type) && type is not ExpandedArray)
        {
            // Step 16.
            result.Remove(Keywords.Type);
            result[Keywords.Type] = new ExpandedArray(type);
        }
        else if (result.TryGetValue(Keywords.Set, out var set) | result.ContainsKey(Keywords.List))
        {
            // Step 17.1.
            var allowed = result.ContainsKey(Keywords.Index) ? 2 : 1;
            if (result.Count > allowed)
            {
                throw new JsonLdException(
                    JsonLdErrorCodes.InvalidSetOrListObject,
                    "a set or list object can only have @index besides @set or @list"
                );
            }
            // Step 17.2.
            if (result.Remove(Keywords.Set))
            {
                shaped = set;
            }
        }
        // Step 18.
        if (
            shaped is ExpandedMap languageOnly
            && languageOnly.Count == 1
            && languageOnly.ContainsKey(Keywords.Language)
        )
        {
            if (_safe)
            {
                throw SafeMode.Violation(
                    "object with only @language",
                    "an object with only @language would be dropped"
                );
            }
            shaped = null;
        }
        // Step 19: free-floating values.
        if (activeProperty is null or Keywords.Graph && shaped is ExpandedMap top)
        {
            if (top.Count == 0 || top.ContainsKey(Keywords.Value) || top.ContainsKey(Keywords.List))
            {
                // Step 19.1.
                if (_safe)
                {
                    throw SafeMode.Violation(
                        top.Count == 0 ? "empty object" : "free-floating value",
                        "a value, list or empty object that is not the value of any property would be dropped"
                    );
                }
                shaped = null;
            }
            else if (top.Count == 1 && top.ContainsKey(Keywords.Id))
            {
                // Step 19.2.
                if (_safe)
                {
                    throw SafeMode.Violation(
                        "object with only @id",
                        $"the node '{top[Keywords.Id] as string}' has no properties and would be dropped"
                    );
                }
                shaped = null;
            }
        }
        return shaped;
    }

    // §5.3.2 Value Expansion.
    private ExpandedMap ExpandValue(
        ActiveContext context,
        string? activeProperty,
        TermDefinition? definition,
        JsonValue value
    )
    {
        var typeMapping = definition?.TypeMapping;
        // The kind is read without decoding the string: a literal's text is copied by cloning the node.
        var isString = value.GetValueKind() == JsonValueKind.String;
        if (isString && typeMapping is Keywords.Id or Keywords.Vocab)
        {
            // Steps 1 and 2.
            var text = value.GetValue<string>();
            var id = context.ExpandIri(
                text,
                documentRelative: true,
                vocab: typeMapping == Keywords.Vocab
            );
            if (_safe && (id is null || !Iri.IsAbsoluteOrBlank(id)))
            {
                throw SafeMode.Violation(
                    "relative @id reference",
                    $"the value '{text}' of '{activeProperty}' is not an absolute IRI"
                );
            }
            return new ExpandedMap(Keywords.Id, id);
        }
        // Step 3 (the input's scalar is shared, not copied: ExpandedForm).
        var result = new ExpandedMap(Keywords.Value, value);
        if (typeMapping is not null and not (Keywords.Id or Keywords.Vocab or Keywords.None))
        {
            // Step 4.
            result[Keywords.Type] = typeMapping;
        }
        else if (isString)
        {
            // Step 5.
            var language = definition is { HasLanguage: true }
                ? definition.Language
                : context.DefaultLanguage;
            var direction = definition is { HasDirection: true }
                ? definition.Direction
                : context.DefaultDirection;
            if (language is not null)
            {
                result[Keywords.Language] = language;
            }
            if (direction is not null)
            {
                result[Keywords.Direction] = direction;
            }
        }
        return result;
    }

    // A JSON literal's value, shared with the input (ExpandedForm) once its depth is checked (the
    // conversion to JsonNodes and JCS walk it recursively).
    private JsonNode? CheckedJson(JsonNode? value)
    {
        if (value is null)
        {
            return null;
        }
        JsonLimits.CheckDepth(value, _maxDepth);
        return value;
    }

    private static bool IsListObject(object? node) =>
        node is ExpandedMap obj && obj.ContainsKey(Keywords.List);

    // A graph object: @graph, optionally @id and @index, nothing else.
    private static bool IsGraphObject(object? node)
    {
        if (node is not ExpandedMap obj || !obj.ContainsKey(Keywords.Graph))
        {
            return false;
        }
        for (var i = 0; i < obj.Count; i++)
        {
            if (obj.GetAt(i).Key is not (Keywords.Graph or Keywords.Id or Keywords.Index))
            {
                return false;
            }
        }
        return true;
    }

    // Step 13.12.
    private static ExpandedArray ToGraphObjects(object expandedValue)
    {
        var result = new ExpandedArray();
        if (expandedValue is ExpandedArray array)
        {
            foreach (var item in array)
            {
                result.Add(new ExpandedMap(Keywords.Graph, new ExpandedArray(item)));
            }
        }
        else
        {
            result.Add(new ExpandedMap(Keywords.Graph, new ExpandedArray(expandedValue)));
        }
        return result;
    }

    // Step 13.13.4 / 13.4.13.4.2: values of a reverse property must be node objects.
    private static void AddReverseValues(ExpandedMap reverseMap, string property, object? values)
    {
        if (values is ExpandedArray array)
        {
            foreach (var item in array)
            {
                CheckReverseValue(item);
            }
        }
        else
        {
            CheckReverseValue(values);
        }
        AddValue(reverseMap, property, values);
    }

    private static void CheckReverseValue(object? item)
    {
        if (
            item is ExpandedMap obj
            && (obj.ContainsKey(Keywords.Value) || obj.ContainsKey(Keywords.List))
        )
        {
            throw new JsonLdException(
                JsonLdErrorCodes.InvalidReversePropertyValue,
                "the value of a reverse property must be a node object"
            );
        }
    }

    private static ExpandedMap GetOrAddObject(ExpandedMap result, string key)
    {
        if (result.TryGetValue(key, out var existing) && existing is ExpandedMap map)
        {
            return map;
        }
        map = new ExpandedMap();
        result[key] = map;
        return map;
    }

    /// <summary>
    /// "add value" with as array true (JSON-LD 1.1 API §5.1.2 helper): appends, flattening arrays. An
    /// array <paramref name="value"/> is the caller's to give: it becomes the entry or is emptied into it.
    /// A first single value is stored as it is, without its one-item array, until a second one comes
    /// (see <see cref="ExpandedForm"/>: property values; the conversion to JsonNodes adds the array).
    /// </summary>
    private static void AddValue(ExpandedMap map, string key, object? value)
    {
        // The common case: a new entry (one lookup).
        if (map.TryAdd(key, value ?? new ExpandedArray()))
        {
            return;
        }
        var existing = map[key];
        if (existing is not ExpandedArray target)
        {
            // A single value stored as it is: its array, in place.
            target = new ExpandedArray(existing);
            map[key] = target;
        }
        if (value is ExpandedArray items)
        {
            MoveAll(items, target);
        }
        else if (value is not null)
        {
            target.Add(value);
        }
    }

    private static ExpandedArray ToArray(object? node) =>
        node switch
        {
            null => [],
            ExpandedArray array => array,
            _ => new ExpandedArray(node),
        };

    /// <summary>Moves every item of <paramref name="from"/> to the end of <paramref name="to"/>.</summary>
    private static void MoveAll(ExpandedArray from, ExpandedArray to)
    {
        to.AddRange(from);
        from.Clear();
    }
}
