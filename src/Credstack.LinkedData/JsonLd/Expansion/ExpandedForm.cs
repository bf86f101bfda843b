using System.Text.Json;
using System.Text.Json.Nodes;
using Credstack.LinkedData.JsonLd.Context;

namespace Credstack.LinkedData.JsonLd.Expansion;

/// <summary>
/// An array of the internal expanded form (see <see cref="ExpandedForm"/>).
/// </summary>
internal sealed class ExpandedArray : List<object?>
{
    public ExpandedArray() { }

    public ExpandedArray(object? item)
        : base(1) => Add(item);
}

/// <summary>
/// The internal expanded form that <see cref="Expander"/> produces and the toRdf node map reads: the
/// JSON-LD 1.1 expanded form (API §5.1.2) without <see cref="JsonNode"/>s of its own. Each item is
/// <list type="bullet">
/// <item><see cref="ExpandedMap"/> (a node, value, list, set or graph object; a reverse map),</item>
/// <item><see cref="ExpandedArray"/> (a property's value may also be stored as its single item, without the
/// array that the JSON form has),</item>
/// <item>a <see cref="string"/> (an IRI, keyword, language, direction, index or a literal's text),</item>
/// <item>a <see cref="JsonNode"/> of the caller's input, shared rather than copied (a literal's
/// <c>@value</c>: a scalar, or any JSON for a JSON literal), never modified,</item>
/// <item>or null.</item>
/// </list>
/// The public API converts it to and from <see cref="JsonNode"/>s at its edges.
/// </summary>
internal static class ExpandedForm
{
    /// <summary>The expanded form as new <see cref="JsonNode"/>s (input nodes are copied).</summary>
    public static JsonArray ToJsonArray(ExpandedArray expanded)
    {
        var result = new JsonArray();
        foreach (var item in expanded)
        {
            result.Add(ToJsonNode(item));
        }
        return result;
    }

    private static JsonNode? ToJsonNode(object? item)
    {
        switch (item)
        {
            case null:
                return null;
            case string text:
                return JsonValue.Create(text);
            case ExpandedArray array:
                return ToJsonArray(array);
            case ExpandedMap map:
                var obj = new JsonObject();
                for (var i = 0; i < map.Count; i++)
                {
                    var (key, value) = map.GetAt(i);
                    // A property's single value is stored without its array (Expander.AddValue).
                    obj[key] =
                        value is not ExpandedArray && IsProperty(key)
                            ? new JsonArray(ToJsonNode(value))
                            : ToJsonNode(value);
                }
                return obj;
            default:
                return ((JsonNode)item).DeepClone();
        }
    }

    // A key of a node object or reverse map that is a property (an IRI or blank node identifier), not a
    // keyword: its value is an array in the expanded form.
    private static bool IsProperty(string key) => key.Length == 0 || key[0] != '@';

    /// <summary>
    /// The internal form of an expanded document given as <see cref="JsonNode"/>s (the public
    /// toRdf-from-expanded entry point). <c>@value</c> entries keep the caller's nodes; other strings
    /// become <see cref="string"/>s. Throws <see cref="JsonLdErrorCodes.DepthLimitExceeded"/> beyond
    /// <paramref name="maxDepth"/> levels.
    /// </summary>
    public static ExpandedArray FromJsonArray(JsonArray expanded, int maxDepth) =>
        (ExpandedArray)FromJsonNode(expanded, maxDepth)!;

    private static object? FromJsonNode(JsonNode? node, int remaining)
    {
        switch (node)
        {
            case null:
                return null;
            case JsonArray array:
            {
                CheckDepth(remaining);
                var result = new ExpandedArray();
                for (var i = 0; i < array.Count; i++)
                {
                    result.Add(FromJsonNode(array[i], remaining - 1));
                }
                return result;
            }
            case JsonObject obj:
            {
                CheckDepth(remaining);
                var result = new ExpandedMap();
                for (var i = 0; i < obj.Count; i++)
                {
                    var (key, value) = obj.GetAt(i);
                    result[key] = string.Equals(key, Keywords.Value, StringComparison.Ordinal)
                        ? value
                        : FromJsonNode(value, remaining - 1);
                }
                return result;
            }
            default:
                return node is JsonValue scalar && scalar.TryGetValue(out string? text)
                    ? text
                    : node;
        }
    }

    private static void CheckDepth(int remaining)
    {
        if (remaining <= 0)
        {
            throw new JsonLdException(
                JsonLdErrorCodes.DepthLimitExceeded,
                "the expanded document nests too deeply"
            );
        }
    }

    /// <summary>The text of a string item (a <see cref="string"/> or a string <see cref="JsonValue"/>), or null.</summary>
    public static string? AsString(object? item) =>
        item as string ?? (item is JsonValue v && v.TryGetValue(out string? s) ? s : null);

    /// <summary>Whether <paramref name="item"/> is a string (a <see cref="string"/> or a string <see cref="JsonValue"/>).</summary>
    public static bool IsString(object? item) =>
        item is string || (item is JsonValue v && v.GetValueKind() == JsonValueKind.String);

    /// <summary>
    /// Deep equality of two items, as <see cref="JsonNode.DeepEquals"/> on their <see cref="JsonNode"/>
    /// forms (map entries in any order; a <see cref="string"/> equals a string <see cref="JsonValue"/>
    /// with the same text).
    /// </summary>
    public static bool DeepEquals(object? a, object? b)
    {
        if (ReferenceEquals(a, b))
        {
            return true;
        }
        switch (a)
        {
            case null:
                return b is null;
            case string text:
                return AsString(b) is { } other
                    && string.Equals(text, other, StringComparison.Ordinal);
            case ExpandedArray array:
            {
                if (b is not ExpandedArray otherArray || otherArray.Count != array.Count)
                {
                    return false;
                }
                for (var i = 0; i < array.Count; i++)
                {
                    if (!DeepEquals(array[i], otherArray[i]))
                    {
                        return false;
                    }
                }
                return true;
            }
            case ExpandedMap map:
            {
                if (b is not ExpandedMap otherMap || otherMap.Count != map.Count)
                {
                    return false;
                }
                for (var i = 0; i < map.Count; i++)
                {
                    var (key, value) = map.GetAt(i);
                    if (
                        !otherMap.TryGetValue(key, out var otherValue)
                        || !DeepEquals(value, otherValue)
                    )
                    {
                        return false;
                    }
                }
                return true;
            }
            default:
                return b switch
                {
                    string otherText => DeepEquals(otherText, a),
                    JsonNode otherNode => JsonNode.DeepEquals((JsonNode)a, otherNode),
                    _ => false,
                };
        }
    }
}
