using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Credstack.Credentials.Status;

/// <summary>Small, exception-free readers over <see cref="JsonNode"/> values.</summary>
internal static class JsonRead
{
    public static string? String(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String
            ? value.GetValue<string>()
            : null;

    /// <summary>True when <paramref name="node"/> is the string <paramref name="expected"/> or an array holding it.</summary>
    public static bool HasType(JsonNode? node, string expected)
    {
        if (String(node) is { } single)
        {
            return string.Equals(single, expected, StringComparison.Ordinal);
        }
        if (node is JsonArray array)
        {
            foreach (var item in array)
            {
                if (string.Equals(String(item), expected, StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }
        return false;
    }

    public static bool TryGetInt64(JsonNode? node, out long result)
    {
        result = 0;
        if (node is not JsonValue value || value.GetValueKind() != JsonValueKind.Number)
        {
            return false;
        }
        // A parsed document holds JsonElement values; a built one holds CLR numbers.
        if (value.TryGetValue(out JsonElement element))
        {
            return element.TryGetInt64(out result);
        }
        if (value.TryGetValue(out long l))
        {
            result = l;
            return true;
        }
        if (value.TryGetValue(out int i))
        {
            result = i;
            return true;
        }
        return false;
    }

    /// <summary>The id of a value that is either an IRI string or an object with an <c>id</c>.</summary>
    public static string? IdOf(JsonNode? node) =>
        String(node) ?? (node is JsonObject o ? String(o["id"]) : null);

    public static DateTimeOffset? Date(JsonNode? node) =>
        String(node) is { } text
        && DateTimeOffset.TryParse(
            text,
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
            out var date
        )
            ? date
            : null;

    public static bool IsAbsoluteUrl(string? text) =>
        !string.IsNullOrWhiteSpace(text) && Uri.TryCreate(text, UriKind.Absolute, out _);
}
