using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Credstack.Credentials.Model;

/// <summary>Reads and writes <see cref="IdOrObject{T}"/>: a JSON string or a JSON object.</summary>
internal sealed class IdOrObjectJsonConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert.IsGenericType
        && typeToConvert.GetGenericTypeDefinition() == typeof(IdOrObject<>);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options)
    {
        var itemType = typeToConvert.GetGenericArguments()[0];
        return (JsonConverter)
            Activator.CreateInstance(typeof(IdOrObjectJsonConverter<>).MakeGenericType(itemType))!;
    }

    private sealed class IdOrObjectJsonConverter<T> : JsonConverter<IdOrObject<T>>
        where T : class, IJsonLdNode
    {
        public override IdOrObject<T>? Read(
            ref Utf8JsonReader reader,
            Type typeToConvert,
            JsonSerializerOptions options
        )
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.String:
                    return new IdOrObject<T>(reader.GetString()!);
                case JsonTokenType.StartObject:
                    var value = JsonSerializer.Deserialize(
                        ref reader,
                        (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T))
                    );
                    return value is null ? null : new IdOrObject<T>(value);
                default:
                    throw new JsonException(
                        $"expected an IRI string or an object, found {reader.TokenType}"
                    );
            }
        }

        public override void Write(
            Utf8JsonWriter writer,
            IdOrObject<T> value,
            JsonSerializerOptions options
        )
        {
            if (value.Object is { } obj)
            {
                JsonSerializer.Serialize(
                    writer,
                    obj,
                    (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T))
                );
            }
            else
            {
                writer.WriteStringValue(value.Iri);
            }
        }
    }
}
