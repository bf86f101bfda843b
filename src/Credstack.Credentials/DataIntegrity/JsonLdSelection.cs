using System.Globalization;
using System.Text.Json.Nodes;

namespace Credstack.Credentials.DataIntegrity;

/// <summary>
/// Selecting parts of a compact JSON-LD document with JSON Pointers (RFC 6901), as the selective disclosure
/// suites do it (VC DI ECDSA 1.0 §3.4.12 jsonPointerToPaths, §3.4.13 createInitialSelection, §3.4.14
/// selectPaths, §3.4.15 selectJsonLd). The document is assumed to alias <c>@id</c> and <c>@type</c> to
/// <c>id</c> and <c>type</c> (as the VC and OB contexts do); a keyword <c>@id</c> is carried as well (the
/// skolemized document, <see cref="EcdsaSd2023"/>, names its blank nodes with it).
/// </summary>
internal static class JsonLdSelection
{
    /// <summary>
    /// §3.4.12 jsonPointerToPaths: the reference tokens of <paramref name="pointer"/>, unescaped (<c>~1</c> is
    /// <c>/</c>, <c>~0</c> is <c>~</c>). The empty pointer (the whole document) has no tokens.
    /// </summary>
    /// <exception cref="ArgumentException">Not a JSON Pointer: it does not start with <c>/</c>, or has a
    /// <c>~</c> not followed by <c>0</c> or <c>1</c>.</exception>
    public static List<string> ParsePointer(string pointer)
    {
        ArgumentNullException.ThrowIfNull(pointer);
        var paths = new List<string>();
        if (pointer.Length == 0)
        {
            return paths;
        }
        if (pointer[0] != '/')
        {
            throw new ArgumentException(
                $"'{pointer}' is not a JSON Pointer (RFC 6901): it must start with '/'"
            );
        }
        foreach (var token in pointer[1..].Split('/'))
        {
            if (!token.Contains('~', StringComparison.Ordinal))
            {
                paths.Add(token);
                continue;
            }
            for (var i = 0; i < token.Length; i++)
            {
                if (token[i] == '~' && (i + 1 >= token.Length || token[i + 1] is not ('0' or '1')))
                {
                    throw new ArgumentException(
                        $"'{pointer}' is not a JSON Pointer (RFC 6901): '~' must be followed by 0 or 1"
                    );
                }
            }
            paths.Add(
                token
                    .Replace("~1", "/", StringComparison.Ordinal)
                    .Replace("~0", "~", StringComparison.Ordinal)
            );
        }
        return paths;
    }

    /// <summary>
    /// §3.4.15 selectJsonLd: a new document with the <c>@context</c> of <paramref name="document"/>, the root's
    /// id and type, and each value the pointers select, with the ids and types of the objects on the way
    /// (arrays keep the selected elements, in order, made dense). Null when there are no pointers.
    /// <paramref name="document"/> is not modified.
    /// </summary>
    /// <exception cref="ArgumentException">A pointer is malformed or selects nothing; the message names it.</exception>
    public static JsonObject? Select(JsonObject document, IReadOnlyList<string> pointers)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(pointers);
        if (pointers.Count == 0)
        {
            return null;
        }
        // Selected arrays are built as objects keyed by the element index ("sparse arrays"), made dense
        // arrays at the end (§3.4.15 step 6).
        var sparse = new HashSet<JsonObject>(ReferenceEqualityComparer.Instance);
        // §3.4.15 steps 3–4 (the @context first, as JSON-LD documents usually have it).
        var selection = new JsonObject();
        if (document["@context"] is { } context)
        {
            selection["@context"] = context.DeepClone();
        }
        foreach (var (key, member) in InitialSelection(document).ToList())
        {
            selection[key] = member?.DeepClone();
        }
        foreach (var pointer in pointers)
        {
            SelectPaths(pointer, ParsePointer(pointer), document, selection, sparse);
        }
        return (JsonObject)Densify(selection, sparse)!;
    }

    /// <summary>§3.4.13 createInitialSelection: the source's id (unless a blank node identifier) and type.</summary>
    private static JsonObject InitialSelection(JsonNode? source)
    {
        var selection = new JsonObject();
        if (source is not JsonObject o)
        {
            return selection;
        }
        foreach (var idKey in (ReadOnlySpan<string>)["id", "@id"])
        {
            if (
                o[idKey] is JsonValue id
                && id.TryGetValue<string>(out var text)
                && !text.StartsWith("_:", StringComparison.Ordinal)
            )
            {
                selection[idKey] = text;
            }
        }
        if (o.TryGetPropertyValue("type", out var type))
        {
            selection["type"] = type?.DeepClone();
        }
        return selection;
    }

    // §3.4.14 selectPaths.
    private static void SelectPaths(
        string pointer,
        List<string> paths,
        JsonObject document,
        JsonObject selectionDocument,
        HashSet<JsonObject> sparse
    )
    {
        if (paths.Count == 0)
        {
            // The empty pointer selects the whole document.
            foreach (var (key, member) in document)
            {
                selectionDocument[key] = member?.DeepClone();
            }
            return;
        }
        JsonNode? value = document;
        JsonNode selectedParent = selectionDocument;
        JsonNode? selectedValue = selectionDocument;
        foreach (var path in paths)
        {
            selectedParent =
                selectedValue
                ?? throw new ArgumentException(
                    $"the JSON Pointer '{pointer}' does not match the document"
                );
            if (!TryGetChild(value, path, out var child))
            {
                throw new ArgumentException(
                    $"the JSON Pointer '{pointer}' does not match the document"
                );
            }
            value = child;
            if (!TryGetSelected(selectedParent, path, out selectedValue))
            {
                if (value is JsonArray)
                {
                    var array = new JsonObject();
                    sparse.Add(array);
                    selectedValue = array;
                }
                else
                {
                    selectedValue = InitialSelection(value);
                }
                SetSelected(selectedParent, path, selectedValue);
            }
        }

        JsonNode? result;
        if (value is JsonObject source)
        {
            // Merge a shallow copy of what is selected so far with a deep copy of the value.
            var merged = new JsonObject();
            if (selectedValue is JsonObject previous && !sparse.Contains(previous))
            {
                foreach (var key in previous.Select(p => p.Key).ToList())
                {
                    var member = previous[key];
                    previous.Remove(key);
                    merged[key] = member;
                }
            }
            foreach (var (key, member) in source)
            {
                merged[key] = member?.DeepClone();
            }
            result = merged;
        }
        else
        {
            result = value?.DeepClone();
        }
        SetSelected(selectedParent, paths[^1], result);
    }

    // parentValue.path of the document: an object member, or an array element by its index.
    private static bool TryGetChild(JsonNode? parent, string path, out JsonNode? child)
    {
        child = null;
        switch (parent)
        {
            case JsonObject o:
                return o.TryGetPropertyValue(path, out child);
            case JsonArray a when TryIndex(path, out var index) && index < a.Count:
                child = a[index];
                return true;
            default:
                return false;
        }
    }

    private static bool TryGetSelected(JsonNode parent, string path, out JsonNode? child)
    {
        child = null;
        switch (parent)
        {
            case JsonObject o:
                return o.TryGetPropertyValue(path, out child) && child is not null;
            case JsonArray a when TryIndex(path, out var index) && index < a.Count:
                child = a[index];
                return child is not null;
            default:
                return false;
        }
    }

    private static void SetSelected(JsonNode parent, string path, JsonNode? value)
    {
        switch (parent)
        {
            case JsonObject o:
                o[path] = value;
                break;
            case JsonArray a when TryIndex(path, out var index) && index < a.Count:
                a[index] = value;
                break;
            default:
                throw new ArgumentException($"cannot select '{path}' in a literal value");
        }
    }

    // An array index in a JSON Pointer: digits, without leading zeros (RFC 6901 §4).
    private static bool TryIndex(string path, out int index)
    {
        index = -1;
        if (path.Length == 0 || (path.Length > 1 && path[0] == '0'))
        {
            return false;
        }
        foreach (var c in path)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }
        return int.TryParse(path, NumberStyles.None, CultureInfo.InvariantCulture, out index);
    }

    // §3.4.15 step 6: the sparse arrays become dense arrays, in index order.
    private static JsonNode? Densify(JsonNode? node, HashSet<JsonObject> sparse)
    {
        switch (node)
        {
            case JsonObject o when sparse.Contains(o):
            {
                var entries = o.Select(p =>
                        (Index: int.Parse(p.Key, CultureInfo.InvariantCulture), p.Key)
                    )
                    .OrderBy(e => e.Index)
                    .ToList();
                var array = new JsonArray();
                foreach (var (_, key) in entries)
                {
                    var element = o[key];
                    o.Remove(key);
                    array.Add(Densify(element, sparse));
                }
                return array;
            }
            case JsonObject o:
                foreach (var key in o.Select(p => p.Key).ToList())
                {
                    var member = o[key];
                    var dense = Densify(member, sparse);
                    if (!ReferenceEquals(dense, member))
                    {
                        o[key] = dense;
                    }
                }
                return o;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    var element = a[i];
                    var dense = Densify(element, sparse);
                    if (!ReferenceEquals(dense, element))
                    {
                        a[i] = dense;
                    }
                }
                return a;
            default:
                return node;
        }
    }
}
