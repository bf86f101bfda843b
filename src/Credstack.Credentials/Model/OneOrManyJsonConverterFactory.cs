using System.Text.Json;
using System.Text.Json.Serialization;

namespace Credstack.Credentials.Model;

/// <summary>Reads and writes <see cref="OneOrMany{T}"/>: a bare value or a JSON array.</summary>
internal sealed class OneOrManyJsonConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert.IsGenericType
        && typeToConvert.GetGenericTypeDefinition() == typeof(OneOrMany<>);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options)
    {
        var itemType = typeToConvert.GetGenericArguments()[0];
        return (JsonConverter)
            Activator.CreateInstance(typeof(OneOrManyJsonConverter<>).MakeGenericType(itemType))!;
    }

    private sealed class OneOrManyJsonConverter<T> : JsonConverter<OneOrMany<T>>
    {
        public override OneOrMany<T>? Read(
            ref Utf8JsonReader reader,
            Type typeToConvert,
            JsonSerializerOptions options
        )
        {
            var itemInfo = (System.Text.Json.Serialization.Metadata.JsonTypeInfo<T>)
                options.GetTypeInfo(typeof(T));
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                var single = JsonSerializer.Deserialize(ref reader, itemInfo);
                return single is null
                    ? throw new JsonException("a null value is not allowed here")
                    : new OneOrMany<T>(single);
            }
            var items = new List<T>();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                var item = JsonSerializer.Deserialize(ref reader, itemInfo);
                if (item is null)
                {
                    throw new JsonException("a null array item is not allowed here");
                }
                items.Add(item);
            }
            return new OneOrMany<T>(items);
        }

        public override void Write(
            Utf8JsonWriter writer,
            OneOrMany<T> value,
            JsonSerializerOptions options
        )
        {
            var itemInfo = (System.Text.Json.Serialization.Metadata.JsonTypeInfo<T>)
                options.GetTypeInfo(typeof(T));
            if (!value.IsArray && value.Count == 1)
            {
                JsonSerializer.Serialize(writer, value[0], itemInfo);
                return;
            }
            writer.WriteStartArray();
            foreach (var item in value.Items)
            {
                JsonSerializer.Serialize(writer, item, itemInfo);
            }
            writer.WriteEndArray();
        }
    }
}
