using System.Text.Json.Nodes;

namespace Credstack.LinkedData.JsonLd.Context;

/// <summary>
/// A term definition (JSON-LD 1.1 API §4.1 "term definition"). Built by <see cref="ContextProcessor"/>
/// and never changed once added to an <see cref="ActiveContext"/>, so it can be shared across threads.
/// </summary>
internal sealed class TermDefinition
{
    /// <summary>The IRI mapping: an IRI, blank node identifier or keyword; null for a null-mapped term.</summary>
    public string? IriMapping { get; set; }

    /// <summary>Whether the term is a reverse property.</summary>
    public bool Reverse { get; set; }

    /// <summary>The type mapping (<c>@id</c>, <c>@vocab</c>, <c>@json</c>, <c>@none</c> or an IRI).</summary>
    public string? TypeMapping { get; set; }

    /// <summary>Whether a language mapping is present (its value may be null).</summary>
    public bool HasLanguage { get; set; }

    /// <summary>The language mapping (lowercased), meaningful when <see cref="HasLanguage"/>.</summary>
    public string? Language { get; set; }

    /// <summary>Whether a direction mapping is present (its value may be null).</summary>
    public bool HasDirection { get; set; }

    /// <summary>The direction mapping, meaningful when <see cref="HasDirection"/>.</summary>
    public string? Direction { get; set; }

    /// <summary>The container mapping.</summary>
    public ContainerFlags Container { get; set; }

    /// <summary>The index mapping (property-valued index).</summary>
    public string? Index { get; set; }

    /// <summary>The nest value.</summary>
    public string? Nest { get; set; }

    /// <summary>Whether the term has a scoped context (which may be JSON null).</summary>
    public bool HasContext { get; set; }

    /// <summary>The scoped context; shared and never modified.</summary>
    public JsonNode? Context { get; set; }

    /// <summary>The base URL to resolve the scoped context against.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>Whether the term is protected.</summary>
    public bool Protected { get; set; }

    /// <summary>Whether the term may be used as a prefix in compact IRIs.</summary>
    public bool Prefix { get; set; }

    /// <summary>
    /// Whether this definition is the same as <paramref name="other"/> other than its protected flag
    /// (JSON-LD 1.1 API §4.2.2 step 27.1).
    /// </summary>
    public bool SameAs(TermDefinition other) =>
        string.Equals(IriMapping, other.IriMapping, StringComparison.Ordinal)
        && Reverse == other.Reverse
        && string.Equals(TypeMapping, other.TypeMapping, StringComparison.Ordinal)
        && HasLanguage == other.HasLanguage
        && string.Equals(Language, other.Language, StringComparison.Ordinal)
        && HasDirection == other.HasDirection
        && string.Equals(Direction, other.Direction, StringComparison.Ordinal)
        && Container == other.Container
        && string.Equals(Index, other.Index, StringComparison.Ordinal)
        && string.Equals(Nest, other.Nest, StringComparison.Ordinal)
        && Prefix == other.Prefix
        && HasContext == other.HasContext
        && JsonNode.DeepEquals(Context, other.Context);
}

/// <summary>The members of a container mapping.</summary>
[Flags]
internal enum ContainerFlags
{
    /// <summary>No container.</summary>
    None = 0,

    /// <summary><c>@list</c>.</summary>
    List = 1,

    /// <summary><c>@set</c>.</summary>
    Set = 2,

    /// <summary><c>@index</c>.</summary>
    Index = 4,

    /// <summary><c>@id</c>.</summary>
    Id = 8,

    /// <summary><c>@type</c>.</summary>
    Type = 16,

    /// <summary><c>@language</c>.</summary>
    Language = 32,

    /// <summary><c>@graph</c>.</summary>
    Graph = 64,
}
