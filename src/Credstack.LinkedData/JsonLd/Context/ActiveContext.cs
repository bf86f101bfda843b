namespace Credstack.LinkedData.JsonLd.Context;

/// <summary>
/// An active context (JSON-LD 1.1 API §4.1). Immutable once returned by <see cref="ContextProcessor"/>:
/// processed contexts are cached and shared across threads and documents. Term lookup is one
/// dictionary hit.
/// </summary>
internal sealed class ActiveContext
{
    private Dictionary<string, TermDefinition> _terms;

    // Terms aliasing @value, @id and @type, computed on first use (the context is immutable by then).
    private KeywordAliases? _aliases;

    private ActiveContext(ProcessorSettings settings, Dictionary<string, TermDefinition> terms)
    {
        Settings = settings;
        _terms = terms;
    }

    /// <summary>The options the context was built under.</summary>
    public ProcessorSettings Settings { get; }

    /// <summary>The base IRI (null: none).</summary>
    public string? BaseIri { get; set; }

    /// <summary>The original base URL of the document.</summary>
    public string? OriginalBaseUrl { get; set; }

    /// <summary>The vocabulary mapping.</summary>
    public string? Vocab { get; set; }

    /// <summary>The default language (lowercased).</summary>
    public string? DefaultLanguage { get; set; }

    /// <summary>The default base direction.</summary>
    public string? DefaultDirection { get; set; }

    /// <summary>The context to revert to when entering a new node object (non-propagated contexts).</summary>
    public ActiveContext? PreviousContext { get; set; }

    /// <summary>Whether any term definition is protected.</summary>
    public bool HasProtectedTerms { get; private set; }

    /// <summary>Whether json-ld-1.0 processing mode applies.</summary>
    public bool JsonLd10 => Settings.JsonLd10;

    /// <summary>A new, empty active context.</summary>
    public static ActiveContext Create(ProcessorSettings settings, string? baseIri) =>
        new(settings, new Dictionary<string, TermDefinition>(StringComparer.Ordinal))
        {
            BaseIri = baseIri,
            OriginalBaseUrl = baseIri,
        };

    /// <summary>A mutable copy, to build a derived context from.</summary>
    public ActiveContext Clone() =>
        new(
            settings: Settings,
            terms: new Dictionary<string, TermDefinition>(_terms, StringComparer.Ordinal)
        )
        {
            BaseIri = BaseIri,
            OriginalBaseUrl = OriginalBaseUrl,
            Vocab = Vocab,
            DefaultLanguage = DefaultLanguage,
            DefaultDirection = DefaultDirection,
            PreviousContext = PreviousContext,
            HasProtectedTerms = HasProtectedTerms,
        };

    /// <summary>The term definition for <paramref name="term"/>, if any.</summary>
    public TermDefinition? GetTerm(string? term) =>
        term is not null && _terms.TryGetValue(term, out var definition) ? definition : null;

    /// <summary>Whether <paramref name="term"/> has a definition (possibly null-mapped).</summary>
    public bool HasTerm(string term) => _terms.ContainsKey(term);

    /// <summary>Adds or replaces a definition (while building).</summary>
    public void SetTerm(string term, TermDefinition definition)
    {
        _terms[term] = definition;
        if (definition.Protected)
        {
            HasProtectedTerms = true;
        }
    }

    /// <summary>Removes a definition (while building), returning it.</summary>
    public TermDefinition? RemoveTerm(string term) =>
        _terms.Remove(term, out var definition) ? definition : null;

    /// <summary>Recomputes <see cref="HasProtectedTerms"/> after removals.</summary>
    public void RefreshProtected()
    {
        var any = false;
        foreach (var definition in _terms.Values)
        {
            if (definition.Protected)
            {
                any = true;
                break;
            }
        }
        HasProtectedTerms = any;
    }

    /// <summary>Drops the term table (while building from a nullified context).</summary>
    public void ClearTerms()
    {
        _terms = new Dictionary<string, TermDefinition>(StringComparer.Ordinal);
        HasProtectedTerms = false;
    }

    /// <summary>
    /// Whether <paramref name="key"/> is <paramref name="keyword"/> or one of its aliases, without a
    /// dictionary lookup (only term definitions can map a key to a keyword).
    /// </summary>
    public bool IsKeywordKey(string key, string keyword)
    {
        if (string.Equals(key, keyword, StringComparison.Ordinal))
        {
            return true;
        }
        var aliases = (_aliases ??= KeywordAliases.Compute(_terms)).Of(keyword);
        foreach (var alias in aliases)
        {
            if (string.Equals(alias, key, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// IRI Expansion of a key (vocab true, document relative false), also returning the key's term
    /// definition: one dictionary lookup for the common case of a defined term.
    /// </summary>
    public string? ExpandKey(string key, out TermDefinition? definition)
    {
        if (_terms.TryGetValue(key, out definition))
        {
            // §5.2.2 steps 1 and 2 come first for keywords and keyword-like keys (never terms).
            return definition.IriMapping;
        }
        return ExpandIri(key, documentRelative: false, vocab: true);
    }

    /// <summary>
    /// IRI Expansion without a local context (JSON-LD 1.1 API §5.2.2), used by the expansion algorithm.
    /// </summary>
    public string? ExpandIri(string? value, bool documentRelative, bool vocab)
    {
        // Step 1: keywords and null are returned unchanged.
        if (value is null)
        {
            return null;
        }
        if (value.Length > 0 && value[0] == '@')
        {
            if (Keywords.IsKeyword(value))
            {
                return value;
            }
            // Step 2: the form of a keyword is reserved.
            if (Keywords.HasKeywordForm(value))
            {
                return null;
            }
        }
        // Steps 4 and 5: a term.
        if (
            _terms.TryGetValue(value, out var definition)
            && (vocab || Keywords.IsKeyword(definition.IriMapping))
        )
        {
            return definition.IriMapping;
        }
        // Step 6: a compact IRI, an IRI or a blank node identifier.
        var colon = value.Length > 1 ? value.IndexOf(':', 1) : -1;
        if (colon > 0)
        {
            // Step 6.2.
            if (
                (colon == 1 && value[0] == '_')
                || (value.Length > colon + 2 && value[colon + 1] == '/' && value[colon + 2] == '/')
            )
            {
                return value;
            }
            // Step 6.4.
            if (
                _terms.TryGetValue(value[..colon], out var prefix)
                && prefix.IriMapping is not null
                && prefix.Prefix
            )
            {
                return string.Concat(prefix.IriMapping, value.AsSpan(colon + 1));
            }
            // Step 6.5.
            if (Iri.IsAbsolute(value))
            {
                return value;
            }
        }
        // Step 7.
        if (vocab && Vocab is not null)
        {
            return Vocab + value;
        }
        // Step 8.
        if (documentRelative)
        {
            return Iri.Resolve(BaseIri, value);
        }
        return value;
    }

    private sealed class KeywordAliases(string[] value, string[] id, string[] type)
    {
        public string[] Of(string keyword) =>
            keyword switch
            {
                Keywords.Value => value,
                Keywords.Id => id,
                _ => type,
            };

        public static KeywordAliases Compute(Dictionary<string, TermDefinition> terms)
        {
            List<string>? value = null;
            List<string>? id = null;
            List<string>? type = null;
            foreach (var (term, definition) in terms)
            {
                switch (definition.IriMapping)
                {
                    case Keywords.Value:
                        (value ??= []).Add(term);
                        break;
                    case Keywords.Id:
                        (id ??= []).Add(term);
                        break;
                    case Keywords.Type:
                        (type ??= []).Add(term);
                        break;
                }
            }
            return new KeywordAliases(
                value?.ToArray() ?? [],
                id?.ToArray() ?? [],
                type?.ToArray() ?? []
            );
        }
    }
}
