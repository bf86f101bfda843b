using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Credstack.Credentials.Model;

/// <summary>
/// Reads and writes the credential model as JSON. Every property is kept, including ones the model does not
/// name (they go to <see cref="IJsonLdNode.AdditionalProperties"/>), so read → write gives back the same JSON
/// up to key order and insignificant whitespace.
/// </summary>
public static class CredentialJson
{
    /// <summary>The maximum JSON nesting depth accepted when reading.</summary>
    public const int MaxDepth = 64;

    /// <summary>The cached serializer options used for the model.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>Reads a credential from UTF-8 JSON.</summary>
    /// <typeparam name="T">The credential or node type to read.</typeparam>
    /// <param name="utf8Json">The JSON text as UTF-8.</param>
    /// <returns>The credential, or the reason it could not be read.</returns>
    public static JsonReadResult<T> Read<T>(ReadOnlySpan<byte> utf8Json)
        where T : class
    {
        try
        {
            var value = JsonSerializer.Deserialize<T>(utf8Json, Options);
            return value is null
                ? JsonReadResult<T>.Fail("the JSON value is null")
                : JsonReadResult<T>.Ok(value);
        }
        catch (JsonException ex)
        {
            return JsonReadResult<T>.Fail(Describe(ex));
        }
        catch (InvalidOperationException ex)
        {
            return JsonReadResult<T>.Fail(ex.Message);
        }
    }

    /// <summary>Reads a credential from JSON text.</summary>
    /// <typeparam name="T">The credential or node type to read.</typeparam>
    /// <param name="json">The JSON text.</param>
    /// <returns>The credential, or the reason it could not be read.</returns>
    public static JsonReadResult<T> Read<T>(string json)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(json);
        return Read<T>(System.Text.Encoding.UTF8.GetBytes(json));
    }

    /// <summary>Reads a credential from a parsed JSON value.</summary>
    /// <typeparam name="T">The credential or node type to read.</typeparam>
    /// <param name="element">The JSON value.</param>
    /// <returns>The credential, or the reason it could not be read.</returns>
    public static JsonReadResult<T> Read<T>(JsonElement element)
        where T : class
    {
        try
        {
            var value = element.Deserialize<T>(Options);
            return value is null
                ? JsonReadResult<T>.Fail("the JSON value is null")
                : JsonReadResult<T>.Ok(value);
        }
        catch (JsonException ex)
        {
            return JsonReadResult<T>.Fail(Describe(ex));
        }
        catch (InvalidOperationException ex)
        {
            return JsonReadResult<T>.Fail(ex.Message);
        }
    }

    /// <summary>Writes a credential or node as compact JSON text. The runtime type is written, so a
    /// <see cref="Credential"/> variable holding an <see cref="OpenBadgeCredential"/> keeps its subject.</summary>
    /// <typeparam name="T">The type.</typeparam>
    /// <param name="value">The value.</param>
    /// <returns>The JSON text.</returns>
    public static string Write<T>(T value)
        where T : class => JsonSerializer.Serialize(value, value.GetType(), Options);

    /// <summary>Writes a credential or node as compact UTF-8 JSON.</summary>
    /// <typeparam name="T">The type.</typeparam>
    /// <param name="value">The value.</param>
    /// <returns>The UTF-8 bytes.</returns>
    public static byte[] WriteUtf8<T>(T value)
        where T : class => JsonSerializer.SerializeToUtf8Bytes(value, value.GetType(), Options);

    /// <summary>Writes a credential or node as a JSON value (for validation or canonicalisation).</summary>
    /// <typeparam name="T">The type.</typeparam>
    /// <param name="value">The value.</param>
    /// <returns>The JSON value.</returns>
    public static JsonElement ToJsonElement<T>(T value)
        where T : class => JsonSerializer.SerializeToElement(value, value.GetType(), Options);

    private static string Describe(JsonException ex) =>
        ex.Path is null ? ex.Message : $"{ex.Message} (at {ex.Path})";

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions
        {
            // Absent stays absent: the model never invents properties, so read → write keeps the document.
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            // Keeps non-ASCII text readable; the output is JSON for signing/storage, never embedded in HTML.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            MaxDepth = MaxDepth,
            AllowTrailingCommas = false,
            ReadCommentHandling = JsonCommentHandling.Disallow,
            NumberHandling = JsonNumberHandling.Strict,
            PropertyNameCaseInsensitive = false,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
            TypeInfoResolver =
                new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver(),
        };
        options.MakeReadOnly();
        return options;
    }
}
