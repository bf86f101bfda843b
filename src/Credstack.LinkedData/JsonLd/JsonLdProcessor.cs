using System.Text.Json.Nodes;

namespace Credstack.LinkedData.JsonLd;

/// <summary>The JSON-LD 1.1 processor (JSON-LD 1.1 API §9.1 JsonLdProcessor).</summary>
public static partial class JsonLdProcessor
{
    /// <summary>
    /// Expands a JSON-LD document (JSON-LD 1.1 API §4.1 Expansion Algorithm), returning the expanded
    /// form: an array of node objects. Throws <see cref="JsonLdException"/> with the spec's error code.
    /// </summary>
    public static JsonArray Expand(JsonNode? input, JsonLdOptions? options = null) =>
        throw new NotImplementedException("expansion is being written (issue 2)");
}
