namespace Credstack.LinkedData.JsonLd.Expansion;

/// <summary>
/// A map of the internal expanded form (see <see cref="ExpandedForm"/>): entries in insertion order, in
/// one array searched linearly (expanded maps have a handful of keys). Setting an existing key keeps its
/// position, removing one closes the gap: the order is that of a <c>JsonObject</c> given the same
/// operations, which the node map's blank node numbering depends on.
/// </summary>
internal sealed class ExpandedMap
{
    private KeyValuePair<string, object?>[] _entries;

    public ExpandedMap()
        : this(4) { }

    /// <summary>A map with room for <paramref name="capacity"/> entries before it grows.</summary>
    public ExpandedMap(int capacity) =>
        _entries = new KeyValuePair<string, object?>[Math.Max(capacity, 2)];

    /// <summary>A map of one entry, with room for a second (value objects, references).</summary>
    public ExpandedMap(string key, object? value)
    {
        _entries = new KeyValuePair<string, object?>[2];
        _entries[0] = new KeyValuePair<string, object?>(key, value);
        Count = 1;
    }

    /// <summary>The number of entries.</summary>
    public int Count { get; private set; }

    /// <summary>The value of <paramref name="key"/>, null when absent; setting adds or replaces it.</summary>
    public object? this[string key]
    {
        get
        {
            var i = IndexOf(key);
            return i < 0 ? null : _entries[i].Value;
        }
        set
        {
            var i = IndexOf(key);
            if (i >= 0)
            {
                _entries[i] = new KeyValuePair<string, object?>(key, value);
            }
            else
            {
                Append(key, value);
            }
        }
    }

    /// <summary>The entry at <paramref name="index"/> (insertion order).</summary>
    public KeyValuePair<string, object?> GetAt(int index) => _entries[index];

    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    public bool TryGetValue(string key, out object? value)
    {
        var i = IndexOf(key);
        if (i < 0)
        {
            value = null;
            return false;
        }
        value = _entries[i].Value;
        return true;
    }

    /// <summary>Adds the entry unless <paramref name="key"/> is present.</summary>
    public bool TryAdd(string key, object? value)
    {
        if (IndexOf(key) >= 0)
        {
            return false;
        }
        Append(key, value);
        return true;
    }

    public bool Remove(string key)
    {
        var i = IndexOf(key);
        if (i < 0)
        {
            return false;
        }
        Count--;
        Array.Copy(_entries, i + 1, _entries, i, Count - i);
        _entries[Count] = default;
        return true;
    }

    /// <summary>Removes every entry and returns them in order.</summary>
    public KeyValuePair<string, object?>[] TakeEntries()
    {
        var entries = _entries.AsSpan(0, Count).ToArray();
        Array.Clear(_entries, 0, Count);
        Count = 0;
        return entries;
    }

    private int IndexOf(string key)
    {
        var entries = _entries;
        for (var i = 0; i < Count; i++)
        {
            if (string.Equals(entries[i].Key, key, StringComparison.Ordinal))
            {
                return i;
            }
        }
        return -1;
    }

    private void Append(string key, object? value)
    {
        if (Count == _entries.Length)
        {
            Array.Resize(ref _entries, Count * 2);
        }
        _entries[Count++] = new KeyValuePair<string, object?>(key, value);
    }
}
