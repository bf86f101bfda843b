using System.Globalization;
using System.Runtime.InteropServices;
using Credstack.LinkedData.JsonLd.Expansion;

namespace Credstack.LinkedData.JsonLd.ToRdf;

/// <summary>
/// Node Map Generation (JSON-LD 1.1 API §7.1) over an expanded document in its internal form
/// (<see cref="ExpandedForm"/>), with the blank node identifier
/// generator of §7.2 (every blank node identifier is relabelled <c>_:b0</c>, <c>_:b1</c>, ...).
/// One instance per thread is reused (<see cref="Rent"/>, <see cref="Return"/>), with its records and
/// maps, so that a run allocates little more than its quads.
/// </summary>
internal sealed class NodeMapBuilder
{
    internal const string DefaultGraph = "@default";
    internal const string ConflictingIndexes = "conflicting indexes";

    /// <summary>The number of labels kept in <see cref="CommonLabels"/>.</summary>
    internal const int CommonLabelCount = 64;

    /// <summary>
    /// The labels <c>_:b0</c> ... <c>_:b63</c>, shared by every run (documents rarely have more blank
    /// nodes), so issuing them allocates nothing.
    /// </summary>
    internal static readonly string[] CommonLabels = CreateCommonLabels();

    // Builders that held more nodes or blank node labels than this are not kept for the next run.
    private const int MaxCachedNodes = 1024;

    [ThreadStatic]
    private static NodeMapBuilder? _threadCache;

    private int _maxDepth;
    private Dictionary<string, string>? _blankNodes;
    private int _counter;

    // The default graph's map, reused; named graphs get new maps.
    private readonly Dictionary<string, NodeRecord> _defaultGraph = new(StringComparer.Ordinal);

    // Records handed out in this run are _records[.._recordsUsed]; the rest are cleared spares.
    private readonly List<NodeRecord> _records = [];
    private int _recordsUsed;

    /// <summary>A builder for one run (not reused).</summary>
    public NodeMapBuilder(int maxDepth) => _maxDepth = maxDepth;

    /// <summary>The thread's cached builder (or a new one) for one run; give it back with <see cref="Return"/>.</summary>
    public static NodeMapBuilder Rent(int maxDepth)
    {
        var builder = _threadCache ?? new NodeMapBuilder(maxDepth);
        // A run that throws never returns its builder: the next run starts with a new one.
        _threadCache = null;
        builder._maxDepth = maxDepth;
        return builder;
    }

    /// <summary>
    /// Empties the builder (dropping every reference to the run's data) and keeps it for the thread's
    /// next <see cref="Rent"/>, unless it grew large. The node map must not be used afterwards.
    /// </summary>
    public void Return()
    {
        if (_recordsUsed > MaxCachedNodes || _counter > MaxCachedNodes)
        {
            return;
        }
        for (var i = 0; i < _recordsUsed; i++)
        {
            _records[i].Clear();
        }
        _recordsUsed = 0;
        _defaultGraph.Clear();
        Graphs.Clear();
        _blankNodes?.Clear();
        _counter = 0;
        ValueCount = 0;
        _threadCache = this;
    }

    /// <summary>Graphs by name (<c>@default</c> for the default graph), each a map of nodes by id.</summary>
    public Dictionary<string, Dictionary<string, NodeRecord>> Graphs { get; } =
        new(StringComparer.Ordinal);

    /// <summary>The number of types and property values recorded: about the number of triples.</summary>
    public int ValueCount { get; private set; }

    /// <summary>Generate Blank Node Identifier (JSON-LD 1.1 API §7.2): a fresh one for null.</summary>
    public string GenerateBlankNodeId(string? identifier)
    {
        if (
            identifier is not null
            && _blankNodes is not null
            && _blankNodes.TryGetValue(identifier, out var existing)
        )
        {
            return existing;
        }
        var issued =
            _counter < CommonLabelCount
                ? CommonLabels[_counter]
                : "_:b" + _counter.ToString(CultureInfo.InvariantCulture);
        _counter++;
        if (identifier is not null)
        {
            _blankNodes ??= new Dictionary<string, string>(StringComparer.Ordinal);
            _blankNodes.Add(identifier, issued);
        }
        return issued;
    }

    /// <summary>Adds an expanded element to the node map (JSON-LD 1.1 API §7.1).</summary>
    public void Add(ExpandedArray element) =>
        Generate(element, GetOrAddGraph(DefaultGraph), null, null, null, null, 0);

    /// <summary>
    /// JSON-LD 1.1 API §7.1. Instead of the active graph's and active subject's names, the caller passes
    /// what they resolve to: <paramref name="graph"/>, and <paramref name="values"/> (the active subject's
    /// value list for <paramref name="activeProperty"/>, null when there is no active subject), and
    /// <paramref name="list"/> the members of the list object being filled.
    /// <paramref name="reverseSubject"/> stands for the spec's "active subject is a map": a reverse
    /// property being processed.
    /// </summary>
    private void Generate(
        object? element,
        Dictionary<string, NodeRecord> graph,
        string? reverseSubject,
        string? activeProperty,
        List<MapItem>? values,
        List<MapItem>? list,
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
        // §7.1 step 1: arrays are processed item by item (indexed: no enumerator allocation).
        if (element is ExpandedArray array)
        {
            for (var i = 0; i < array.Count; i++)
            {
                Generate(array[i], graph, reverseSubject, activeProperty, values, list, depth + 1);
            }
            return;
        }
        if (element is not ExpandedMap obj)
        {
            // Expanded form holds only maps and arrays here; free-floating scalars carry no RDF.
            return;
        }

        // One pass over the keys instead of a lookup for each of @value, @list and @id.
        var hasValue = false;
        var hasList = false;
        var hasId = false;
        object? listValue = null;
        object? idNode = null;
        for (var i = 0; i < obj.Count; i++)
        {
            var (key, value) = obj.GetAt(i);
            if (key.Length < 3 || key[0] != '@')
            {
                continue;
            }
            switch (key)
            {
                case "@value":
                    hasValue = true;
                    break;
                case "@list":
                    hasList = true;
                    listValue = value;
                    break;
                case "@id":
                    hasId = true;
                    idNode = value;
                    break;
            }
        }

        // §7.1 step 4: value objects.
        if (hasValue)
        {
            var item = MapItem.ValueObject(obj);
            if (list is not null)
            {
                list.Add(item);
            }
            else if (values is not null)
            {
                AddUnique(values, item);
            }
            return;
        }

        // §7.1 step 5: list objects.
        if (hasList)
        {
            var result = MapItem.NewList();
            Generate(
                listValue,
                graph,
                reverseSubject,
                activeProperty,
                values,
                result.List,
                depth + 1
            );
            if (list is not null)
            {
                list.Add(result);
            }
            else if (values is not null)
            {
                ValueCount++;
                values.Add(result);
            }
            return;
        }

        // §7.1 step 6: node objects. Step 6.1: the id, relabelled when blank.
        string id;
        if (hasId)
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
        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(graph, id, out var exists);
        if (!exists)
        {
            slot = NewRecord(id);
        }
        // A local copy: the recursion below adds to the map, which invalidates the reference.
        var node = slot!;

        if (reverseSubject is not null && activeProperty is not null)
        {
            // §7.1 step 6.4: a reverse property: the node points back to the active subject.
            AddUnique(node.GetOrAddProperty(activeProperty), MapItem.Reference(reverseSubject));
        }
        else if (activeProperty is not null)
        {
            // §7.1 step 6.5.
            if (list is not null)
            {
                list.Add(MapItem.Reference(id));
            }
            else if (values is not null)
            {
                AddUnique(values, MapItem.Reference(id));
            }
        }

        for (var i = 0; i < obj.Count; i++)
        {
            var (key, value) = obj.GetAt(i);
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
                    SetIndex(node, AsString(value));
                    break;
                case "@reverse":
                    // §7.1 step 6.8: each reverse value points back at this node.
                    if (value is ExpandedMap reverseMap)
                    {
                        for (var r = 0; r < reverseMap.Count; r++)
                        {
                            var (reverseProperty, reverseValues) = reverseMap.GetAt(r);
                            Generate(
                                reverseValues,
                                graph,
                                id,
                                reverseProperty,
                                null,
                                null,
                                depth + 1
                            );
                        }
                    }
                    break;
                case "@graph":
                    // §7.1 step 6.9: the node's named graph.
                    Generate(value, GetOrAddGraph(id), null, null, null, null, depth + 1);
                    break;
                case "@included":
                    // §7.1 step 6.10.
                    Generate(value, graph, null, null, null, null, depth + 1);
                    break;
                default:
                    if (key.Length > 0 && key[0] == '@')
                    {
                        // Other keywords (@context left behind, @set ...) carry no RDF.
                        break;
                    }
                    // §7.1 step 6.11.
                    var property = IsBlank(key) ? GenerateBlankNodeId(key) : key;
                    var propertyValues = node.GetOrAddProperty(property);
                    Generate(value, graph, null, property, propertyValues, null, depth + 1);
                    break;
            }
        }
    }

    private NodeRecord NewRecord(string id)
    {
        NodeRecord record;
        if (_recordsUsed < _records.Count)
        {
            record = _records[_recordsUsed];
        }
        else
        {
            record = new NodeRecord();
            _records.Add(record);
        }
        _recordsUsed++;
        record.Start(id);
        return record;
    }

    private static void SetIndex(NodeRecord node, string? index)
    {
        if (index is null)
        {
            return;
        }
        if (node.Index is not null && !string.Equals(node.Index, index, StringComparison.Ordinal))
        {
            throw new JsonLdException(
                ConflictingIndexes,
                $"node {node.Id} has two different @index values"
            );
        }
        node.Index = index;
    }

    private void AddTypes(NodeRecord node, object? value)
    {
        if (value is ExpandedArray types)
        {
            for (var i = 0; i < types.Count; i++)
            {
                AddType(node, AsString(types[i]));
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
        ValueCount++;
        node.Types.Add(type);
    }

    private Dictionary<string, NodeRecord> GetOrAddGraph(string name)
    {
        if (!Graphs.TryGetValue(name, out var graph))
        {
            graph = string.Equals(name, DefaultGraph, StringComparison.Ordinal)
                ? _defaultGraph
                : new Dictionary<string, NodeRecord>(StringComparer.Ordinal);
            Graphs.Add(name, graph);
        }
        return graph;
    }

    private void AddUnique(List<MapItem> values, MapItem item)
    {
        foreach (var existing in values)
        {
            if (existing.SameAs(item))
            {
                return;
            }
        }
        ValueCount++;
        values.Add(item);
    }

    /// <summary>
    /// The index of <paramref name="id"/> in <see cref="CommonLabels"/> (the same label), or -1.
    /// </summary>
    internal static int CommonLabelIndex(string id)
    {
        if (
            id.Length is 4 or 5
            && id[2] == 'b'
            && int.TryParse(
                id.AsSpan(3),
                NumberStyles.None,
                CultureInfo.InvariantCulture,
                out var index
            )
            && index < CommonLabelCount
            && string.Equals(CommonLabels[index], id, StringComparison.Ordinal)
        )
        {
            return index;
        }
        return -1;
    }

    private static string[] CreateCommonLabels()
    {
        var labels = new string[CommonLabelCount];
        for (var i = 0; i < labels.Length; i++)
        {
            labels[i] = "_:b" + i.ToString(CultureInfo.InvariantCulture);
        }
        return labels;
    }

    internal static bool IsBlank(string id) => id.Length >= 2 && id[0] == '_' && id[1] == ':';

    internal static string? AsString(object? node) => ExpandedForm.AsString(node);
}
