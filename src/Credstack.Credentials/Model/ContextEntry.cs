using System.Text.Json;
using System.Text.Json.Serialization;

namespace Credstack.Credentials.Model;

/// <summary>
/// One entry of <c>@context</c>: a context URL or an embedded context definition (JSON-LD 1.1 §3.1).
/// </summary>
[JsonConverter(typeof(ContextEntryJsonConverter))]
public sealed class ContextEntry : IEquatable<ContextEntry>
{
    /// <summary>A context referenced by URL.</summary>
    /// <param name="url">The context URL.</param>
    public ContextEntry(string url) => Url = url;

    /// <summary>An embedded context definition (or any other non-string JSON value, kept verbatim).</summary>
    /// <param name="definition">The JSON value.</param>
    public ContextEntry(JsonElement definition) => Definition = definition.Clone();

    /// <summary>The context URL, or <see langword="null"/> for an embedded definition.</summary>
    public string? Url { get; }

    /// <summary>The embedded definition, or <see langword="null"/> for a URL.</summary>
    public JsonElement? Definition { get; }

    /// <summary>A context referenced by URL.</summary>
    /// <param name="url">The context URL.</param>
    public static implicit operator ContextEntry(string url) => new(url);

    /// <summary>A context referenced by URL.</summary>
    /// <param name="url">The context URL.</param>
    /// <returns>The entry.</returns>
    public static ContextEntry FromString(string url) => new(url);

    /// <inheritdoc />
    public bool Equals(ContextEntry? other) =>
        other is not null
        && string.Equals(Url, other.Url, StringComparison.Ordinal)
        && (
            Definition is null
                ? other.Definition is null
                : other.Definition is not null
                    && JsonElement.DeepEquals(Definition.Value, other.Definition.Value)
        );

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as ContextEntry);

    /// <inheritdoc />
    public override int GetHashCode() => Url is null ? 0 : StringComparer.Ordinal.GetHashCode(Url);

    /// <inheritdoc />
    public override string ToString() => Url ?? Definition?.GetRawText() ?? string.Empty;
}

/// <summary>Reads and writes <see cref="ContextEntry"/>.</summary>
internal sealed class ContextEntryJsonConverter : JsonConverter<ContextEntry>
{
    public override ContextEntry Read(
        ref Utf8JsonReader reader,
        Type typeToConvert,
        JsonSerializerOptions options
    )
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return new ContextEntry(reader.GetString()!);
        }
        using var doc = JsonDocument.ParseValue(ref reader);
        return new ContextEntry(doc.RootElement);
    }

    public override void Write(
        Utf8JsonWriter writer,
        ContextEntry value,
        JsonSerializerOptions options
    )
    {
        if (value.Definition is { } definition)
        {
            definition.WriteTo(writer);
        }
        else
        {
            writer.WriteStringValue(value.Url);
        }
    }
}
