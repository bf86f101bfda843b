using System.Text.Json.Nodes;
using Credstack.LinkedData.Rdf;

namespace Credstack.LinkedData.JsonLd;

public static partial class JsonLdProcessor
{
    /// <summary>
    /// Expands a JSON-LD document and deserializes it to RDF (JSON-LD 1.1 API §6.1 toRdf, §8.1
    /// Deserialize JSON-LD to RDF Algorithm). Throws <see cref="JsonLdException"/> with the spec's error code.
    /// </summary>
    public static IReadOnlyList<Quad> ToRdf(JsonNode? input, JsonLdOptions? options = null) =>
        ToRdfFromExpanded(Expand(input, options), options);

    /// <summary>Deserializes an already expanded document to RDF (JSON-LD 1.1 API §8.1).</summary>
    public static IReadOnlyList<Quad> ToRdfFromExpanded(
        JsonArray expanded,
        JsonLdOptions? options = null
    ) => throw new NotImplementedException("toRdf is being written (issue 2)");
}
