using System.Text.Json;
using System.Text.Json.Nodes;

namespace Credstack.LinkedData.JsonLd.Context;

/// <summary>
/// The Context Processing Algorithm (JSON-LD 1.1 API §4.1.2) and Create Term Definition (§4.2.2).
/// Results of processing a local context against an active context are cached in
/// <see cref="ContextCache"/>; every returned <see cref="ActiveContext"/> is immutable.
/// </summary>
internal static class ContextProcessor
{
    /// <summary>
    /// Processes <paramref name="localContext"/> against <paramref name="active"/>, through the cache.
    /// <paramref name="shared"/> says the local context is immutable and long-lived (a remote document or
    /// a term's scoped context), so it is cached by reference rather than by its JSON text.
    /// </summary>
    public static ActiveContext Process(
        ActiveContext active,
        JsonNode? localContext,
        string? baseUrl,
        bool overrideProtected = false,
        bool propagate = true,
        bool shared = false
    )
    {
        object key;
        if (shared)
        {
            key = (object?)localContext ?? NullKey.Instance;
        }
        else if (localContext is null)
        {
            key = NullKey.Instance;
        }
        else if (localContext is JsonValue value && value.TryGetValue<string>(out var url))
        {
            key = url;
        }
        else if (UrlListKey.TryCreate(localContext) is { } urls)
        {
            // The usual document context: an array of context URLs.
            key = urls;
        }
        else
        {
            JsonLimits.CheckDepth(localContext, active.Settings.MaxDepth);
            key = new JsonTextKey(localContext.ToJsonString());
        }
        var flags = (overrideProtected ? 1 : 0) | (propagate ? 2 : 0);
        var cacheKey = new ContextCache.Key(active, key, baseUrl, flags);
        if (ContextCache.TryGet(cacheKey, out var cached))
        {
            return cached;
        }
        var result = ProcessCore(
            active,
            localContext,
            baseUrl,
            remoteContexts: null,
            overrideProtected,
            propagate,
            validateScopedContext: true,
            shared,
            depth: 0
        );
        ContextCache.Add(cacheKey, result);
        return result;
    }

    /// <summary>JSON-LD 1.1 API §4.1.2 Context Processing Algorithm, steps 1 to 6.</summary>
    internal static ActiveContext ProcessCore(
        ActiveContext active,
        JsonNode? localContext,
        string? baseUrl,
        RemoteChain? remoteContexts,
        bool overrideProtected,
        bool propagate,
        bool validateScopedContext,
        bool shared,
        int depth
    )
    {
        var settings = active.Settings;
        if (depth > settings.MaxDepth)
        {
            throw new JsonLdException(
                JsonLdErrorCodes.DepthLimitExceeded,
                $"contexts nest deeper than {settings.MaxDepth}"
            );
        }
        // Step 1: result is a copy of the active context.
        var result = active.Clone();
        // Step 2: @propagate in a context definition overrides the propagate flag.
        if (
            localContext is JsonObject localObject
            && localObject.TryGetPropertyValue(Keywords.Propagate, out var propagateNode)
        )
        {
            if (!TryGetBool(propagateNode, out propagate))
            {
                throw new JsonLdException(
                    JsonLdErrorCodes.InvalidPropagateValue,
                    "@propagate must be true or false"
                );
            }
        }
        // Step 3: a non-propagated context remembers what to revert to.
        if (!propagate && result.PreviousContext is null)
        {
            result.PreviousContext = active;
        }
        // Step 4: normalise to an array.
        if (localContext is JsonArray array)
        {
            foreach (var item in array)
            {
                result = ProcessItem(
                    active,
                    result,
                    item,
                    baseUrl,
                    remoteContexts,
                    overrideProtected,
                    propagate,
                    validateScopedContext,
                    shared,
                    depth
                );
            }
        }
        else
        {
            result = ProcessItem(
                active,
                result,
                localContext,
                baseUrl,
                remoteContexts,
                overrideProtected,
                propagate,
                validateScopedContext,
                shared,
                depth
            );
        }
        // Step 6.
        return result;
    }

    // Step 5: one context of the local context array.
    private static ActiveContext ProcessItem(
        ActiveContext active,
        ActiveContext result,
        JsonNode? context,
        string? baseUrl,
        RemoteChain? remoteContexts,
        bool overrideProtected,
        bool propagate,
        bool validateScopedContext,
        bool shared,
        int depth
    )
    {
        var settings = active.Settings;
        // Step 5.1: null resets the context, unless protected terms forbid it.
        if (context is null)
        {
            // Step 5.1.1.
            if (!overrideProtected && result.HasProtectedTerms)
            {
                throw new JsonLdException(
                    JsonLdErrorCodes.InvalidContextNullification,
                    "a context with protected terms cannot be nullified"
                );
            }
            // Step 5.1.2.
            var reset = ActiveContext.Create(settings, active.OriginalBaseUrl);
            if (!propagate)
            {
                reset.PreviousContext = result;
            }
            return reset;
        }
        // Step 5.2: a remote context.
        if (context is JsonValue contextValue && contextValue.TryGetValue<string>(out var url))
        {
            // Step 5.2.1.
            string resolved;
            if (Iri.IsAbsolute(url))
            {
                resolved = url;
            }
            else if (baseUrl is not null && Iri.IsAbsolute(baseUrl))
            {
                resolved = Iri.Resolve(baseUrl, url);
            }
            else
            {
                throw new JsonLdException(
                    JsonLdErrorCodes.LoadingRemoteContextFailed,
                    $"the relative context reference '{url}' has no base IRI to resolve against"
                );
            }
            // Step 5.2.2: scoped contexts are only validated, without following cycles.
            if (!validateScopedContext && RemoteChain.Contains(remoteContexts, resolved))
            {
                return result;
            }
            // Step 5.2.3: limit the number of remote contexts, and detect cycles.
            if (RemoteChain.Contains(remoteContexts, resolved))
            {
                throw new JsonLdException(
                    JsonLdErrorCodes.RecursiveContextInclusion,
                    $"the remote context '{resolved}' includes itself"
                );
            }
            if ((remoteContexts?.Count ?? 0) >= settings.MaxRemoteContexts)
            {
                throw new JsonLdException(
                    JsonLdErrorCodes.ContextOverflow,
                    $"more than {settings.MaxRemoteContexts} nested remote contexts"
                );
            }
            // Steps 5.2.4 and 5.2.5: dereference (cached per loader and URL).
            var loaded = RemoteContextCache.Load(settings, resolved, requireContext: true);
            // Step 5.2.6: process the loaded context recursively.
            return ProcessCore(
                result,
                loaded.Context,
                loaded.DocumentUrl,
                new RemoteChain(resolved, remoteContexts),
                overrideProtected,
                propagate: true,
                validateScopedContext,
                shared: true,
                depth + 1
            );
        }
        // Step 5.3.
        if (context is not JsonObject definition)
        {
            throw new JsonLdException(
                JsonLdErrorCodes.InvalidLocalContext,
                "a local context must be null, a string or an object"
            );
        }
        // Step 5.4: a context definition.
        return ProcessDefinition(
            result,
            definition,
            baseUrl,
            remoteContexts,
            overrideProtected,
            shared,
            depth
        );
    }

    // Steps 5.5 to 5.13.
    private static ActiveContext ProcessDefinition(
        ActiveContext result,
        JsonObject context,
        string? baseUrl,
        RemoteChain? remoteContexts,
        bool overrideProtected,
        bool shared,
        int depth
    )
    {
        var settings = result.Settings;
        // Step 5.5: @version.
        if (context.TryGetPropertyValue(Keywords.Version, out var version))
        {
            // Step 5.5.1.
            if (
                version is not JsonValue versionValue
                || versionValue.GetValueKind() != JsonValueKind.Number
                || !versionValue.TryGetValue<double>(out var versionNumber)
                || versionNumber != 1.1
            )
            {
                throw new JsonLdException(
                    JsonLdErrorCodes.InvalidVersionValue,
                    "@version must be the number 1.1"
                );
            }
            // Step 5.5.2.
            if (settings.JsonLd10)
            {
                throw new JsonLdException(
                    JsonLdErrorCodes.ProcessingModeConflict,
                    "@version 1.1 in json-ld-1.0 processing mode"
                );
            }
        }
        // Step 5.6: @import.
        if (context.TryGetPropertyValue(Keywords.Import, out var import))
        {
            // Step 5.6.1.
            if (settings.JsonLd10)
            {
                throw new JsonLdException(
                    JsonLdErrorCodes.InvalidContextEntry,
                    "@import is not allowed in json-ld-1.0 processing mode"
                );
            }
            // Step 5.6.2.
            if (
                import is not JsonValue importValue
                || !importValue.TryGetValue<string>(out var importRef)
            )
            {
                throw new JsonLdException(
                    JsonLdErrorCodes.InvalidImportValue,
                    "@import must be a string"
                );
            }
            // Step 5.6.3.
            var importUrl = Iri.IsAbsolute(importRef) ? importRef : Iri.Resolve(baseUrl, importRef);
            if (!Iri.IsAbsolute(importUrl))
            {
                throw new JsonLdException(
                    JsonLdErrorCodes.InvalidImportValue,
                    $"@import '{importRef}' cannot be resolved to an absolute IRI"
                );
            }
            // Steps 5.6.4 to 5.6.6.
            var loaded = RemoteContextCache.Load(settings, importUrl, requireContext: true);
            if (loaded.Context is not JsonObject importContext)
            {
                throw new JsonLdException(
                    JsonLdErrorCodes.InvalidRemoteContext,
                    $"the imported context '{importUrl}' is not a single context definition"
                );
            }
            // Step 5.6.7.
            if (importContext.ContainsKey(Keywords.Import))
            {
                throw new JsonLdException(
                    JsonLdErrorCodes.InvalidContextEntry,
                    $"the imported context '{importUrl}' itself has @import"
                );
            }
            // Step 5.6.8: merge, the importing context's entries winning. The merged object owns clones,
            // as nodes of the shared remote document must never be re-parented.
            JsonLimits.CheckDepth(importContext, settings.MaxDepth);
            JsonLimits.CheckDepth(context, settings.MaxDepth);
            var merged = new JsonObject();
            foreach (var (key, value) in importContext)
            {
                if (!context.ContainsKey(key))
                {
                    merged[key] = value?.DeepClone();
                }
            }
            foreach (var (key, value) in context)
            {
                merged[key] = value?.DeepClone();
            }
            context = merged;
            shared = false;
        }
        // Step 5.7: @base, only outside remote contexts.
        if (remoteContexts is null && context.TryGetPropertyValue(Keywords.Base, out var baseNode))
        {
            if (baseNode is null)
            {
                // Step 5.7.2.
                result.BaseIri = null;
            }
            else if (
                baseNode is JsonValue baseValue
                && baseValue.TryGetValue<string>(out var baseRef)
            )
            {
                if (Iri.IsAbsolute(baseRef))
                {
                    // Step 5.7.3.
                    result.BaseIri = baseRef;
                }
                else if (result.BaseIri is not null)
                {
                    // Step 5.7.4.
                    result.BaseIri = Iri.Resolve(result.BaseIri, baseRef);
                }
                else
                {
                    // Step 5.7.5.
                    throw new JsonLdException(
                        JsonLdErrorCodes.InvalidBaseIri,
                        $"@base '{baseRef}' is relative and there is no base IRI"
                    );
                }
            }
            else
            {
                throw new JsonLdException(
                    JsonLdErrorCodes.InvalidBaseIri,
                    "@base must be a string or null"
                );
            }
        }
        // Step 5.8: @vocab.
        if (context.TryGetPropertyValue(Keywords.Vocab, out var vocabNode))
        {
            if (vocabNode is null)
            {
                // Step 5.8.2.
                result.Vocab = null;
            }
            else if (
                vocabNode is JsonValue vocabValue
                && vocabValue.TryGetValue<string>(out var vocab)
            )
            {
                // Step 5.8.3: json-ld-1.0 requires an absolute IRI or blank node identifier.
                if (settings.JsonLd10 && !Iri.IsAbsoluteOrBlank(vocab))
                {
                    throw new JsonLdException(
                        JsonLdErrorCodes.InvalidVocabMapping,
                        $"@vocab '{vocab}' must be an absolute IRI in json-ld-1.0"
                    );
                }
                var expanded = result.ExpandIri(vocab, documentRelative: true, vocab: true);
                if (expanded is null || Keywords.IsKeyword(expanded))
                {
                    throw new JsonLdException(
                        JsonLdErrorCodes.InvalidVocabMapping,
                        $"@vocab '{vocab}' is not an IRI"
                    );
                }
                if (settings.SafeMode && !Iri.IsAbsoluteOrBlank(expanded))
                {
                    throw SafeMode.Violation(
                        "relative @vocab reference",
                        $"@vocab '{vocab}' does not resolve to an absolute IRI"
                    );
                }
                result.Vocab = expanded;
            }
            else
            {
                throw new JsonLdException(
                    JsonLdErrorCodes.InvalidVocabMapping,
                    "@vocab must be a string or null"
                );
            }
        }
        // Step 5.9: @language.
        if (context.TryGetPropertyValue(Keywords.Language, out var languageNode))
        {
            if (languageNode is null)
            {
                result.DefaultLanguage = null;
            }
            else if (
                languageNode is JsonValue languageValue
                && languageValue.TryGetValue<string>(out var language)
            )
            {
                result.DefaultLanguage = language.ToLowerInvariant();
            }
            else
            {
                throw new JsonLdException(
                    JsonLdErrorCodes.InvalidDefaultLanguage,
                    "@language must be a string or null"
                );
            }
        }
        // Step 5.10: @direction.
        if (context.TryGetPropertyValue(Keywords.Direction, out var directionNode))
        {
            if (settings.JsonLd10)
            {
                throw new JsonLdException(
                    JsonLdErrorCodes.InvalidContextEntry,
                    "@direction is not allowed in json-ld-1.0 processing mode"
                );
            }
            result.DefaultDirection = ReadDirection(directionNode);
        }
        // Step 5.11: @propagate (its value was applied in step 2).
        if (context.TryGetPropertyValue(Keywords.Propagate, out var propagateNode))
        {
            if (settings.JsonLd10)
            {
                throw new JsonLdException(
                    JsonLdErrorCodes.InvalidContextEntry,
                    "@propagate is not allowed in json-ld-1.0 processing mode"
                );
            }
            if (!TryGetBool(propagateNode, out _))
            {
                throw new JsonLdException(
                    JsonLdErrorCodes.InvalidPropagateValue,
                    "@propagate must be true or false"
                );
            }
        }
        var protectedDefault = false;
        if (context.TryGetPropertyValue(Keywords.Protected, out var protectedNode))
        {
            if (settings.JsonLd10)
            {
                throw new JsonLdException(
                    JsonLdErrorCodes.InvalidContextEntry,
                    "@protected is not allowed in json-ld-1.0 processing mode"
                );
            }
            if (!TryGetBool(protectedNode, out protectedDefault))
            {
                throw new JsonLdException(
                    JsonLdErrorCodes.InvalidProtectedValue,
                    "@protected must be true or false"
                );
            }
        }
        // Steps 5.12 and 5.13: define every term.
        var builder = new TermBuilder(
            result,
            context,
            baseUrl,
            protectedDefault,
            overrideProtected,
            remoteContexts,
            shared,
            depth
        );
        foreach (var (key, _) in context)
        {
            switch (key)
            {
                case Keywords.Base
                or Keywords.Direction
                or Keywords.Import
                or Keywords.Language
                or Keywords.Propagate
                or Keywords.Protected
                or Keywords.Version
                or Keywords.Vocab:
                    continue;
                default:
                    builder.Define(key);
                    break;
            }
        }
        return result;
    }

    internal static string? ReadDirection(JsonNode? node)
    {
        if (node is null)
        {
            return null;
        }
        if (node is JsonValue value && value.TryGetValue<string>(out var direction))
        {
            if (direction is "ltr" or "rtl")
            {
                return direction;
            }
        }
        throw new JsonLdException(
            JsonLdErrorCodes.InvalidBaseDirection,
            "a base direction must be \"ltr\", \"rtl\" or null"
        );
    }

    internal static bool TryGetBool(JsonNode? node, out bool value)
    {
        if (node is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
        {
            value = v.GetValue<bool>();
            return true;
        }
        value = false;
        return false;
    }

    /// <summary>The cache key of a null local context.</summary>
    private sealed class NullKey
    {
        public static readonly NullKey Instance = new();
    }

    /// <summary>The cache key of an inline local context: its JSON text (distinct from a URL string).</summary>
    private sealed record JsonTextKey(string Json);

    /// <summary>
    /// The cache key of a local context that is an array of strings (context URLs), compared item by item
    /// without serializing the array (distinct from a URL string and from a JSON text key).
    /// </summary>
    private sealed class UrlListKey : IEquatable<UrlListKey>
    {
        private const int MaxItems = 16;

        private readonly string[] _urls;
        private readonly int _hash;

        private UrlListKey(string[] urls)
        {
            _urls = urls;
            // Lengths and the last characters tell typical context URLs apart (".../v2" versus
            // ".../context-3.0.3.json"); equal hashes are settled by Equals.
            var hash = new HashCode();
            foreach (var url in urls)
            {
                hash.Add(url.Length);
                hash.Add(url.Length > 0 ? url[^1] : '\0');
                hash.Add(url.Length > 6 ? url[^6] : '\0');
            }
            _hash = hash.ToHashCode();
        }

        /// <summary>The key of <paramref name="context"/> when it is a short array of strings only, else null.</summary>
        public static UrlListKey? TryCreate(JsonNode context)
        {
            if (context is not JsonArray { Count: > 0 and <= MaxItems } array)
            {
                return null;
            }
            var urls = new string[array.Count];
            for (var i = 0; i < urls.Length; i++)
            {
                if (array[i] is not JsonValue item || !item.TryGetValue<string>(out var url))
                {
                    return null;
                }
                urls[i] = url;
            }
            return new UrlListKey(urls);
        }

        public bool Equals(UrlListKey? other) =>
            other is not null
            && _hash == other._hash
            && _urls.AsSpan().SequenceEqual(other._urls, StringComparer.Ordinal);

        public override bool Equals(object? obj) => Equals(obj as UrlListKey);

        public override int GetHashCode() => _hash;
    }
}
