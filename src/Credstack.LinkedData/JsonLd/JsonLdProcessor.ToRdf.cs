using System.Text.Json.Nodes;
using Credstack.LinkedData.JsonLd.Expansion;
using Credstack.LinkedData.JsonLd.ToRdf;
using Credstack.LinkedData.Rdf;

namespace Credstack.LinkedData.JsonLd;

public static partial class JsonLdProcessor
{
    /// <summary>
    /// Expands a JSON-LD document and deserializes it to RDF (JSON-LD 1.1 API §6.1 toRdf, §8.1
    /// Deserialize JSON-LD to RDF Algorithm). Throws <see cref="JsonLdException"/> with the spec's error code.
    /// </summary>
    public static IReadOnlyList<Quad> ToRdf(JsonNode? input, JsonLdOptions? options = null) =>
        ToRdfFromInternal(Expander.ExpandInternal(input, options ?? DefaultOptions, null), options);

    /// <summary>
    /// <see cref="ToRdf(JsonNode?, JsonLdOptions?)"/> of <paramref name="input"/> as if it had no member
    /// <paramref name="omitRootMember"/>, without copying it (a Data Integrity verifier's document
    /// without its proof).
    /// </summary>
    internal static IReadOnlyList<Quad> ToRdf(
        JsonObject input,
        string omitRootMember,
        JsonLdOptions? options
    ) =>
        ToRdfFromInternal(
            Expander.ExpandInternal(input, options ?? DefaultOptions, omitRootMember),
            options
        );

    /// <summary>
    /// Deserializes an already expanded document to RDF (JSON-LD 1.1 API §8.1): builds the node map
    /// (§7.1, blank nodes relabelled <c>b0</c>, <c>b1</c>, ...) and converts each node, value and list
    /// (§8.2, §8.3). Terms that are not well-formed (relative IRIs, bad language tags) are dropped as the
    /// spec says, or refused with <see cref="JsonLdErrorCodes.SafeModeViolation"/> in safe mode.
    /// </summary>
    public static IReadOnlyList<Quad> ToRdfFromExpanded(
        JsonArray expanded,
        JsonLdOptions? options = null
    )
    {
        ArgumentNullException.ThrowIfNull(expanded);
        // Deep enough for what the node map accepts (ToRdfFromInternal); a structure under a key the
        // node map skips may nest deeper than the node map's limit, but not without end.
        var maxDepth = options?.MaxDepth ?? 128;
        return ToRdfFromInternal(ExpandedForm.FromJsonArray(expanded, 4 * maxDepth + 8), options);
    }

    // §8.1 over the internal expanded form (ExpandedForm) that the expander produces.
    internal static List<Quad> ToRdfFromInternal(ExpandedArray expanded, JsonLdOptions? options)
    {
        var maxDepth = options?.MaxDepth ?? 128;
        // The expanded form nests about twice as deep as its source (arrays around every value).
        var nodeMap = NodeMapBuilder.Rent(2 * maxDepth + 2);
        nodeMap.Add(expanded);
        var quads = new RdfDeserializer(nodeMap, options).Run();
        nodeMap.Return();
        return quads;
    }
}
