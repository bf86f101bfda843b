using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

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
    /// null for the literal <c>null</c>. Throws <see cref="JsonException"/> for invalid JSON, and
    /// <see cref="ArgumentException"/> for an object with two members of one name.
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
        var node = ReadValue(ref reader);
        if (reader.Read())
        {
            // Unreachable: the reader itself throws on content after a complete top-level value.
            throw new JsonException("unexpected content after the JSON value");
        }
        return node;
    }

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
                    reader.Read();
                    obj.Add(name, ReadValue(ref reader));
                }
                return obj;
            }
            case JsonTokenType.StartArray:
            {
                var array = new JsonArray();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    array.Add(ReadValue(ref reader));
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
}
