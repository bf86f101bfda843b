using System.Collections;
using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace Credstack.Credentials.Model;

/// <summary>
/// A JSON-LD value that may be written either as a single value or as an array (JSON-LD 1.1 §4.3.2 "sets": a
/// compacted one-item set is written without brackets). Keeps which form was read so that writing gives back
/// the same shape.
/// </summary>
/// <typeparam name="T">The item type.</typeparam>
[JsonConverter(typeof(OneOrManyJsonConverterFactory))]
public sealed class OneOrMany<T> : IReadOnlyList<T>, IEquatable<OneOrMany<T>>
{
    /// <summary>A single value, written without an array.</summary>
    /// <param name="single">The value.</param>
    public OneOrMany(T single)
    {
        Items = [single];
        IsArray = false;
    }

    /// <summary>An array of values, written as a JSON array (even with one item).</summary>
    /// <param name="items">The values.</param>
    public OneOrMany(IEnumerable<T> items)
    {
        Items = [.. items];
        IsArray = true;
    }

    /// <summary>The values in document order.</summary>
    public ImmutableArray<T> Items { get; }

    /// <summary>Whether the value is written as a JSON array.</summary>
    public bool IsArray { get; }

    /// <inheritdoc />
    public int Count => Items.Length;

    /// <inheritdoc />
    public T this[int index] => Items[index];

    /// <summary>Whether one of the values equals <paramref name="value"/> (default equality; ordinal for strings).</summary>
    /// <param name="value">The value to look for.</param>
    /// <returns><see langword="true"/> if present.</returns>
    public bool Contains(T value)
    {
        var comparer = EqualityComparer<T>.Default;
        foreach (var item in Items)
        {
            if (comparer.Equals(item, value))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Wraps a single value (written without an array).</summary>
    /// <param name="single">The value.</param>
    public static implicit operator OneOrMany<T>(T single) => new(single);

    /// <inheritdoc />
    public ImmutableArray<T>.Enumerator GetEnumerator() => Items.GetEnumerator();

    IEnumerator<T> IEnumerable<T>.GetEnumerator() => ((IEnumerable<T>)Items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => ((IEnumerable)Items).GetEnumerator();

    /// <inheritdoc />
    public bool Equals(OneOrMany<T>? other) =>
        other is not null
        && IsArray == other.IsArray
        && Items.AsSpan().SequenceEqual(other.Items.AsSpan(), EqualityComparer<T>.Default);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as OneOrMany<T>);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(IsArray);
        foreach (var item in Items)
        {
            hash.Add(item);
        }
        return hash.ToHashCode();
    }
}
