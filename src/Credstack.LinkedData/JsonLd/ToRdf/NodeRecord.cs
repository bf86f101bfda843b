using Credstack.LinkedData.JsonLd.Expansion;

namespace Credstack.LinkedData.JsonLd.ToRdf;

/// <summary>
/// A node of the node map (JSON-LD 1.1 API §7.1): its id, types and property values. Records are reused
/// by the thread's <see cref="NodeMapBuilder"/> from one run to the next (<see cref="Clear"/>), with
/// their lists.
/// </summary>
internal sealed class NodeRecord
{
    // Value lists that grew beyond this are not kept for the next run.
    private const int MaxKeptValues = 64;

    // Property names and value lists in insertion order, searched linearly (nodes have few
    // properties). Slots at and beyond _propertyCount keep their (empty) lists for reuse.
    private string?[] _propertyNames = new string?[8];
    private List<MapItem>?[] _propertyValues = new List<MapItem>?[8];
    private int _propertyCount;

    /// <summary>The node's IRI or blank node identifier (<c>_:</c>-prefixed).</summary>
    public string Id { get; private set; } = string.Empty;

    /// <summary>The <c>@type</c> values, without duplicates; null or empty when there are none.</summary>
    public List<string>? Types { get; set; }

    /// <summary>The node's <c>@index</c>, if any.</summary>
    public string? Index { get; set; }

    /// <summary>The number of properties (each with its value list, possibly empty).</summary>
    public int PropertyCount => _propertyCount;

    /// <summary>Whether the node has types or properties.</summary>
    public bool HasContent => Types is { Count: > 0 } || _propertyCount > 0;

    /// <summary>The name of property <paramref name="index"/> (insertion order).</summary>
    public string PropertyName(int index) => _propertyNames[index]!;

    /// <summary>The values of property <paramref name="index"/> (insertion order).</summary>
    public List<MapItem> PropertyValues(int index) => _propertyValues[index]!;

    /// <summary>Starts the record of node <paramref name="id"/> (a new or cleared record).</summary>
    public void Start(string id) => Id = id;

    /// <summary>The value list of <paramref name="property"/>, created when missing.</summary>
    public List<MapItem> GetOrAddProperty(string property)
    {
        var names = _propertyNames;
        for (var i = 0; i < _propertyCount; i++)
        {
            if (string.Equals(names[i], property, StringComparison.Ordinal))
            {
                return _propertyValues[i]!;
            }
        }
        if (_propertyCount == names.Length)
        {
            Array.Resize(ref _propertyNames, names.Length * 2);
            Array.Resize(ref _propertyValues, names.Length * 2);
        }
        var slot = _propertyCount++;
        _propertyNames[slot] = property;
        return _propertyValues[slot] ??= new List<MapItem>(2);
    }

    /// <summary>Empties the record for reuse, dropping every reference to the last run's data.</summary>
    public void Clear()
    {
        for (var i = 0; i < _propertyCount; i++)
        {
            _propertyNames[i] = null;
            var values = _propertyValues[i]!;
            if (values.Capacity > MaxKeptValues)
            {
                _propertyValues[i] = null;
            }
            else
            {
                values.Clear();
            }
        }
        _propertyCount = 0;
        if (_propertyNames.Length > MaxKeptValues)
        {
            _propertyNames = new string?[8];
            _propertyValues = new List<MapItem>?[8];
        }
        if (Types is { Capacity: > MaxKeptValues })
        {
            Types = null;
        }
        Types?.Clear();
        Index = null;
        Id = string.Empty;
    }
}

/// <summary>The kind of a node-map property value.</summary>
internal enum MapItemKind
{
    /// <summary>A node reference (<c>{"@id": ...}</c>).</summary>
    Reference,

    /// <summary>A value object.</summary>
    Value,

    /// <summary>A list object.</summary>
    List,
}

/// <summary>
/// A property value in the node map: a node reference, a value object or a list object. One reference
/// whose type tells the kind (a struct: held in the value lists, no object per value).
/// </summary>
internal readonly struct MapItem
{
    // The id (string) of a reference, the value object (ExpandedMap), or a list's members (List<MapItem>).
    private readonly object _item;

    private MapItem(object item) => _item = item;

    public MapItemKind Kind =>
        _item switch
        {
            string => MapItemKind.Reference,
            ExpandedMap => MapItemKind.Value,
            _ => MapItemKind.List,
        };

    /// <summary>The referenced node's id (for references).</summary>
    public string? Id => _item as string;

    /// <summary>The value object (for values).</summary>
    public ExpandedMap? Value => _item as ExpandedMap;

    /// <summary>The list members (for lists).</summary>
    public List<MapItem>? List => _item as List<MapItem>;

    public static MapItem Reference(string id) => new(id);

    public static MapItem ValueObject(ExpandedMap value) => new(value);

    public static MapItem NewList() => new(new List<MapItem>());

    /// <summary>
    /// Node-map equality used to avoid duplicates (JSON-LD 1.1 API §7.1 steps 4.1 and 6.4.2): references
    /// by id, values by deep comparison; lists are never equal (each list is a distinct node).
    /// </summary>
    public bool SameAs(MapItem other) =>
        _item switch
        {
            string id => other._item is string otherId
                && string.Equals(id, otherId, StringComparison.Ordinal),
            ExpandedMap value => other._item is ExpandedMap otherValue
                && ExpandedForm.DeepEquals(value, otherValue),
            _ => false,
        };
}
