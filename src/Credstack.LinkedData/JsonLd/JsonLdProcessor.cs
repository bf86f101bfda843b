using System.Text.Json.Nodes;
using Credstack.LinkedData.JsonLd.Expansion;

namespace Credstack.LinkedData.JsonLd;

/// <summary>The JSON-LD 1.1 processor (JSON-LD 1.1 API §9.1 JsonLdProcessor).</summary>
public static partial class JsonLdProcessor
{
    private static readonly JsonLdOptions DefaultOptions = new();

    /// <summary>
    /// Expands a JSON-LD document (JSON-LD 1.1 API §5.1 Expansion Algorithm), returning the expanded
    /// form: an array of node objects, made of new nodes (the input is not modified or re-parented).
    /// Processed contexts are cached across calls. Throws <see cref="JsonLdException"/> with the spec's
    /// error code, or <see cref="JsonLdErrorCodes.SafeModeViolation"/> / <see cref="JsonLdErrorCodes.DepthLimitExceeded"/>.
    /// </summary>
    public static JsonArray Expand(JsonNode? input, JsonLdOptions? options = null) =>
        Expander.ExpandDocument(input, options ?? DefaultOptions);
}
