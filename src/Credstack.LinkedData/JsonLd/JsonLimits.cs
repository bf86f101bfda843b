using System.Text.Json.Nodes;

namespace Credstack.LinkedData.JsonLd;

/// <summary>Depth checks that run before any recursive walk of untrusted JSON (cloning, serialising).</summary>
internal static class JsonLimits
{
    /// <summary>Throws <see cref="JsonLdErrorCodes.DepthLimitExceeded"/> if <paramref name="node"/> nests deeper than <paramref name="maxDepth"/>.</summary>
    public static void CheckDepth(JsonNode? node, int maxDepth)
    {
        if (!WithinDepth(node, maxDepth))
        {
            throw new JsonLdException(
                JsonLdErrorCodes.DepthLimitExceeded,
                $"the JSON nests deeper than {maxDepth}"
            );
        }
    }

    private static bool WithinDepth(JsonNode? node, int remaining)
    {
        switch (node)
        {
            case JsonObject obj:
                if (remaining <= 0)
                {
                    return false;
                }
                foreach (var (_, value) in obj)
                {
                    if (value is JsonObject or JsonArray && !WithinDepth(value, remaining - 1))
                    {
                        return false;
                    }
                }
                return true;
            case JsonArray array:
                if (remaining <= 0)
                {
                    return false;
                }
                foreach (var value in array)
                {
                    if (value is JsonObject or JsonArray && !WithinDepth(value, remaining - 1))
                    {
                        return false;
                    }
                }
                return true;
            default:
                return true;
        }
    }
}
