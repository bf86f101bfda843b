using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Credstack.LinkedData.Json;

/// <summary>
/// Parses JSON text into a <see cref="JsonNode"/> tree built in one pass, for a caller that reads every
/// node (JSON-LD expansion and toRdf do). <see cref="JsonNode.Parse(string, JsonNodeOptions?, JsonDocumentOptions)"/>
/// builds a <see cref="JsonDocument"/> first and creates the nodes lazily from it when they are first
/// read, and decodes a string from UTF-8 each time it is read; here each string is decoded once, while
/// parsing, and no document is kept. Accepts and refuses the same texts (syntax, depth, comments and
/// trailing commas as the options say), with the same <see cref="JsonException"/> positions.
/// </summary>
public static class JsonText
{
    /// <summary>
    /// Parses <paramref name="json"/> (as <c>JsonNode.Parse(json, documentOptions: options)</c> does);
    /// null for the literal <c>null</c>. Throws <see cref="JsonException"/> for invalid JSON and for an object
    /// with two members of one name (RFC 8259 §4: names SHOULD be unique; JSON-LD and JCS need them to be),
    /// with the position of the second name.
    /// </summary>
    public static JsonNode? Parse(string json, JsonDocumentOptions options = default)
    {
        ArgumentNullException.ThrowIfNull(json);
        var max = Encoding.UTF8.GetMaxByteCount(json.Length);
        var buffer = ArrayPool<byte>.Shared.Rent(max);
        try
        {
            var length = Encoding.UTF8.GetBytes(json, buffer);
            return Parse(buffer.AsSpan(0, length), options);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Parses UTF-8 JSON text (as <c>JsonNode.Parse</c> does); see <see cref="Parse(string, JsonDocumentOptions)"/>.
    /// </summary>
    public static JsonNode? Parse(
        ReadOnlySpan<byte> utf8Json,
        JsonDocumentOptions options = default
    )
    {
        // JsonDocumentOptions holds no JsonCommentHandling.Allow (its setter refuses it).
        var reader = new Utf8JsonReader(
            utf8Json,
            new JsonReaderOptions
            {
                MaxDepth = options.MaxDepth,
                CommentHandling = options.CommentHandling,
                AllowTrailingCommas = options.AllowTrailingCommas,
            }
        );
        // Read() throws for empty input and for invalid text; the last Read() for trailing content.
        reader.Read();
        JsonNode? node;
        try
        {
            node = ReadValue(ref reader);
        }
        catch (DuplicateMemberException e)
        {
            // JsonException positions are zero-based: the line, and the byte within it.
            var before = utf8Json[..(int)e.Offset];
            var lineStart = before.LastIndexOf((byte)'\n') + 1;
            throw new JsonException(
                e.Message,
                e.Path,
                before.Count((byte)'\n'),
                e.Offset - lineStart
            );
        }
        if (reader.Read())
        {
            // Unreachable: the reader itself throws on content after a complete top-level value.
            throw new JsonException("unexpected content after the JSON value");
        }
        return node;
    }

    /// <summary>
    /// Reads the value at <paramref name="reader"/>'s current token into a <see cref="JsonNode"/> tree, as
    /// <see cref="Parse(ReadOnlySpan{byte}, JsonDocumentOptions)"/> does, leaving the reader on the value's
    /// last token (what a <see cref="JsonConverter{T}"/> must do). An object with two members of one name
    /// is a <see cref="JsonException"/> whose <see cref="JsonException.Path"/> names the second one.
    /// </summary>
    public static JsonNode? Read(ref Utf8JsonReader reader)
    {
        try
        {
            return ReadValue(ref reader);
        }
        catch (DuplicateMemberException e)
        {
            throw new JsonException(e.Message, e.Path, null, null);
        }
    }

    /// <summary>
    /// A converter that reads a <see cref="JsonObject"/> with <see cref="Read"/>: the whole tree at once, and
    /// a duplicated member name refused (System.Text.Json's own <see cref="JsonObject"/> is read lazily, so
    /// a duplicate surfaced as an <see cref="ArgumentException"/> wherever the object was first touched).
    /// </summary>
    public static JsonConverter<JsonObject> ObjectConverter { get; } = new JsonObjectConverter();

    // The value at the reader's current token; the reader is left on its last token.
    private static JsonNode? ReadValue(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
            {
                var obj = new JsonObject();
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var name = reader.GetString()!;
                    var at = reader.TokenStartIndex;
                    reader.Read();
                    JsonNode? value;
                    try
                    {
                        value = ReadValue(ref reader);
                    }
                    catch (DuplicateMemberException e)
                    {
                        e.Segments.Add(Segment(name));
                        throw;
                    }
                    if (!obj.TryAdd(name, value))
                    {
                        throw new DuplicateMemberException(name, at, Segment(name));
                    }
                }
                return obj;
            }
            case JsonTokenType.StartArray:
            {
                var array = new JsonArray();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    try
                    {
                        array.Add(ReadValue(ref reader));
                    }
                    catch (DuplicateMemberException e)
                    {
                        e.Segments.Add(
                            "[" + array.Count.ToString(CultureInfo.InvariantCulture) + "]"
                        );
                        throw;
                    }
                }
                return array;
            }
            case JsonTokenType.String:
                return JsonValue.Create(reader.GetString()!);
            case JsonTokenType.True:
                return JsonValue.Create(true);
            case JsonTokenType.False:
                return JsonValue.Create(false);
            case JsonTokenType.Number:
                // The number keeps its exact text (a lazily parsed value does too).
                return JsonValue.Create(JsonElement.ParseValue(ref reader))!;
            default:
                return null;
        }
    }

    // A JSONPath segment as System.Text.Json writes them: .name, or ['name'] when it needs quoting.
    private static string Segment(string name) =>
        name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '@' or '-')
            ? "." + name
            : "['" + name.Replace("'", "\\'", StringComparison.Ordinal) + "']";

    /// <summary>Unwinds the recursion, collecting the path (innermost segment first).</summary>
    private sealed class DuplicateMemberException(string name, long offset, string segment)
        : Exception($"the object has two members named '{name}' (a duplicate member name)")
    {
        public long Offset { get; } = offset;

        public List<string> Segments { get; } = [segment];

        public string Path
        {
            get
            {
                var path = new StringBuilder("$");
                for (var i = Segments.Count - 1; i >= 0; i--)
                {
                    path.Append(Segments[i]);
                }
                return path.ToString();
            }
        }
    }

    private sealed class JsonObjectConverter : JsonConverter<JsonObject>
    {
        public override JsonObject? Read(
            ref Utf8JsonReader reader,
            Type typeToConvert,
            JsonSerializerOptions options
        ) =>
            reader.TokenType == JsonTokenType.StartObject
                ? (JsonObject)JsonText.Read(ref reader)!
                : throw new JsonException("The JSON value could not be converted to an object.");

        public override void Write(
            Utf8JsonWriter writer,
            JsonObject value,
            JsonSerializerOptions options
        ) => value.WriteTo(writer, options);
    }
}
