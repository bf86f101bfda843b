using Credstack.LinkedData.JsonLd.Expansion;

namespace Credstack.LinkedData.JsonLd.ToRdf;

/// <summary>A node of the node map (JSON-LD 1.1 API §7.1): its id, types and property values.</summary>
internal sealed class NodeRecord(string id)
{
    /// <summary>The node's IRI or blank node identifier (<c>_:</c>-prefixed).</summary>
    public string Id { get; } = id;

    /// <summary>The <c>@type</c> values, without duplicates; null when there are none.</summary>
    public List<string>? Types { get; set; }

    /// <summary>The node's <c>@index</c>, if any.</summary>
    public string? Index { get; set; }

    /// <summary>
    /// Property values in insertion order; null until the first property is added. A list searched
    /// linearly: nodes have few properties, and this avoids a dictionary per node.
    /// </summary>
    public List<KeyValuePair<string, List<MapItem>>>? Properties { get; private set; }

    /// <summary>The value list of <paramref name="property"/>, created when missing.</summary>
    public List<MapItem> GetOrAddProperty(string property)
    {
        Properties ??= new List<KeyValuePair<string, List<MapItem>>>(8);
        var properties = Properties;
        for (var i = 0; i < properties.Count; i++)
        {
            if (string.Equals(properties[i].Key, property, StringComparison.Ordinal))
            {
                return properties[i].Value;
            }
        }
        var list = new List<MapItem>(2);
        properties.Add(new KeyValuePair<string, List<MapItem>>(property, list));
        return list;
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
