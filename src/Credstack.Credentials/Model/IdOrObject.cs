using System.Text.Json.Serialization;

namespace Credstack.Credentials.Model;

/// <summary>
/// A value that is either a bare IRI string (a reference) or an embedded object, as VC 2.0 allows for
/// <c>issuer</c> (§4.7) and OB 3.0 for <c>image</c>. Writing keeps the form that was read.
/// </summary>
/// <typeparam name="T">The embedded object type.</typeparam>
[JsonConverter(typeof(IdOrObjectJsonConverterFactory))]
public sealed class IdOrObject<T> : IEquatable<IdOrObject<T>>
    where T : class, IJsonLdNode
{
    /// <summary>A reference by IRI.</summary>
    /// <param name="iri">The IRI.</param>
    public IdOrObject(string iri) => Iri = iri;

    /// <summary>An embedded object.</summary>
    /// <param name="value">The object.</param>
    public IdOrObject(T value) => Object = value;

    /// <summary>The IRI when the value is a bare string; otherwise <see langword="null"/>.</summary>
    public string? Iri { get; }

    /// <summary>The embedded object; <see langword="null"/> when the value is a bare IRI.</summary>
    public T? Object { get; }

    /// <summary>The identifier: the bare IRI, or the embedded object's <c>id</c>.</summary>
    public string? Id => Iri ?? Object?.Id;

    /// <summary>Wraps an embedded object.</summary>
    /// <param name="value">The object.</param>
    public static implicit operator IdOrObject<T>(T value) => new(value);

    /// <inheritdoc />
    public bool Equals(IdOrObject<T>? other) =>
        other is not null
        && string.Equals(Iri, other.Iri, StringComparison.Ordinal)
        && Equals(Object, other.Object);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as IdOrObject<T>);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Iri, Object);
}
