using System.Text.Json.Nodes;

namespace Credstack.LinkedData.JsonLd.ToRdf;

/// <summary>
/// Node Map Generation (JSON-LD 1.1 API §7.1) over an expanded document, with the blank node identifier
/// generator of §7.1 (every blank node identifier is relabelled <c>_:b0</c>, <c>_:b1</c>, ...).
/// </summary>
internal sealed class NodeMapBuilder(int maxDepth)
{
    internal const string DefaultGraph = "@default";
    internal const string ConflictingIndexes = "conflicting indexes";

    private readonly Dictionary<string, string> _blankNodes = new(StringComparer.Ordinal);
    private readonly int _maxDepth = maxDepth;

    /// <summary>Graphs by name (<c>@default</c> for the default graph), each a map of nodes by id.</summary>
    public Dictionary<string, Dictionary<string, NodeRecord>> Graphs { get; } =
        new(StringComparer.Ordinal);

    /// <summary>The number of blank node identifiers issued so far.</summary>
    public int IssuedCount => _counter;

    private int _counter;

    /// <summary>Generate Blank Node Identifier (JSON-LD 1.1 API §7.2): a fresh one for null.</summary>
    public string GenerateBlankNodeId(string? identifier)
    {
        if (identifier is not null && _blankNodes.TryGetValue(identifier, out var existing))
        {
            return existing;
        }
        var issued = "_:b" + _counter.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _counter++;
        if (identifier is not null)
        {
            _blankNodes.Add(identifier, issued);
        }
        return issued;
    }

    /// <summary>Adds an expanded element to the node map (JSON-LD 1.1 API §7.1).</summary>
    public void Add(JsonNode? element) =>
        Generate(element, DefaultGraph, null, false, null, null, 0);

    /// <summary>
    /// JSON-LD 1.1 API §7.1. <paramref name="activeSubject"/> with <paramref name="reverse"/> true stands
    /// for the spec's "active subject is a map" (a reverse property being processed).
    /// </summary>
    private void Generate(
        JsonNode? element,
        string activeGraph,
        string? activeSubject,
        bool reverse,
        string? activeProperty,
        MapItem? list,
        int depth
    )
    {
        if (depth > _maxDepth)
        {
            throw new JsonLdException(
                JsonLdErrorCodes.DepthLimitExceeded,
                "the expanded document nests too deeply"
            );
        }
        // §7.1 step 1: arrays are processed item by item.
        if (element is JsonArray array)
        {
            foreach (var item in array)
            {
                Generate(
                    item,
                    activeGraph,
                    activeSubject,
                    reverse,
                    activeProperty,
                    list,
                    depth + 1
                );
            }
            return;
        }
        if (element is not JsonObject obj)
        {
            // Expanded form holds only maps and arrays here; free-floating scalars carry no RDF.
            return;
        }

        // §7.1 step 2.
        var graph = GetOrAddGraph(activeGraph);
        NodeRecord? subjectNode = null;
        if (activeSubject is not null && !reverse)
        {
            graph.TryGetValue(activeSubject, out subjectNode);
        }

        // §7.1 step 4: value objects.
        if (obj.ContainsKey("@value"))
        {
            var item = MapItem.ValueObject(obj);
            if (list is not null)
            {
                list.List!.Add(item);
            }
            else if (subjectNode is not null && activeProperty is not null)
            {
                AddUnique(subjectNode.GetOrAddProperty(activeProperty), item);
            }
            return;
        }

        // §7.1 step 5: list objects.
        if (obj.TryGetPropertyValue("@list", out var listValue))
        {
            var result = MapItem.NewList();
            Generate(
                listValue,
                activeGraph,
                activeSubject,
                reverse,
                activeProperty,
                result,
                depth + 1
            );
            if (list is not null)
            {
                list.List!.Add(result);
            }
            else if (subjectNode is not null && activeProperty is not null)
            {
                subjectNode.GetOrAddProperty(activeProperty).Add(result);
            }
            return;
        }

        // §7.1 step 6: node objects. Step 6.1: the id, relabelled when blank.
        string id;
        if (obj.TryGetPropertyValue("@id", out var idNode))
        {
            // An @id the expansion left null (a keyword-like value it ignored) is not well-formed: the
            // empty string makes §8.1 and §8.2 drop the node and every reference to it.
            var rawId = AsString(idNode) ?? string.Empty;
            id = IsBlank(rawId) ? GenerateBlankNodeId(rawId) : rawId;
        }
        else
        {
            id = GenerateBlankNodeId(null);
        }

        // §7.1 step 6.2.
        if (!graph.TryGetValue(id, out var node))
        {
            node = new NodeRecord(id);
            graph.Add(id, node);
        }

        if (reverse && activeSubject is not null && activeProperty is not null)
        {
            // §7.1 step 6.4: a reverse property: the node points back to the active subject.
            AddUnique(node.GetOrAddProperty(activeProperty), MapItem.Reference(activeSubject));
        }
        else if (activeProperty is not null)
        {
            // §7.1 step 6.5.
            var reference = MapItem.Reference(id);
            if (list is not null)
            {
                list.List!.Add(reference);
            }
            else if (subjectNode is not null)
            {
                AddUnique(subjectNode.GetOrAddProperty(activeProperty), reference);
            }
        }

        foreach (var (key, value) in obj)
        {
            switch (key)
            {
                case "@id":
                    break;
                case "@type":
                    // §7.1 steps 3 and 6.6: types, blank ones relabelled, without duplicates.
                    AddTypes(node, value);
                    break;
                case "@index":
                    // §7.1 step 6.7.
                    var index = AsString(value);
                    if (index is not null)
                    {
                        if (
                            node.Index is not null
                            && !string.Equals(node.Index, index, StringComparison.Ordinal)
                        )
                        {
                            throw new JsonLdException(
                                ConflictingIndexes,
                                $"node {id} has two different @index values"
                            );
                        }
                        node.Index = index;
                    }
                    break;
                case "@reverse":
                    // §7.1 step 6.8: each reverse value points back at this node.
                    if (value is JsonObject reverseMap)
                    {
                        foreach (var (reverseProperty, values) in reverseMap)
                        {
                            Generate(
                                values,
                                activeGraph,
                                id,
                                true,
                                reverseProperty,
                                null,
                                depth + 1
                            );
                        }
                    }
                    break;
                case "@graph":
                    // §7.1 step 6.9: the node's named graph.
                    GetOrAddGraph(id);
                    Generate(value, id, null, false, null, null, depth + 1);
                    break;
                case "@included":
                    // §7.1 step 6.10.
                    Generate(value, activeGraph, null, false, null, null, depth + 1);
                    break;
                default:
                    if (key.Length > 0 && key[0] == '@')
                    {
                        // Other keywords (@context left behind, @set ...) carry no RDF.
                        break;
                    }
                    // §7.1 step 6.11.
                    var property = IsBlank(key) ? GenerateBlankNodeId(key) : key;
                    node.GetOrAddProperty(property);
                    Generate(value, activeGraph, id, false, property, null, depth + 1);
                    break;
            }
        }
    }

    private void AddTypes(NodeRecord node, JsonNode? value)
    {
        if (value is JsonArray types)
        {
            foreach (var t in types)
            {
                AddType(node, AsString(t));
            }
        }
        else
        {
            AddType(node, AsString(value));
        }
    }

    private void AddType(NodeRecord node, string? type)
    {
        if (type is null)
        {
            return;
        }
        if (IsBlank(type))
        {
            type = GenerateBlankNodeId(type);
        }
        node.Types ??= [];
        foreach (var existing in node.Types)
        {
            if (string.Equals(existing, type, StringComparison.Ordinal))
            {
                return;
            }
        }
        node.Types.Add(type);
    }

    private Dictionary<string, NodeRecord> GetOrAddGraph(string name)
    {
        if (!Graphs.TryGetValue(name, out var graph))
        {
            graph = new Dictionary<string, NodeRecord>(StringComparer.Ordinal);
            Graphs.Add(name, graph);
        }
        return graph;
    }

    private static void AddUnique(List<MapItem> values, MapItem item)
    {
        foreach (var existing in values)
        {
            if (existing.SameAs(item))
            {
                return;
            }
        }
        values.Add(item);
    }

    internal static bool IsBlank(string id) => id.Length >= 2 && id[0] == '_' && id[1] == ':';

    internal static string? AsString(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue(out string? s) ? s : null;
}
