using System.Text;

namespace Credstack.Credentials.Validation;

/// <summary>Builds the JSONPath strings used in <see cref="ValidationProblem.Path"/> (RFC 9535 normalized
/// form, with the dot shorthand for plain names): <c>$.credentialSubject.achievement</c>, <c>$['@context'][0]</c>.</summary>
internal static class JsonPathText
{
    public const string Root = "$";

    public static string Property(string parent, string name) =>
        IsPlainName(name)
            ? parent + "." + name
            : parent
                + "['"
                + name.Replace("\\", "\\\\", StringComparison.Ordinal)
                    .Replace("'", "\\'", StringComparison.Ordinal)
                + "']";

    public static string Index(string parent, int index) =>
        parent + "[" + index.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]";

    /// <summary>Converts a JSON Pointer (RFC 6901) into a JSONPath, using the instance to tell array indexes from
    /// property names.</summary>
    public static string FromPointer(string pointer, System.Text.Json.JsonElement instance)
    {
        if (pointer.Length == 0)
        {
            return Root;
        }
        var sb = new StringBuilder(Root);
        var current = instance;
        var known = true;
        foreach (var raw in pointer[1..].Split('/'))
        {
            var segment = raw.Replace("~1", "/", StringComparison.Ordinal)
                .Replace("~0", "~", StringComparison.Ordinal);
            if (
                known
                && current.ValueKind == System.Text.Json.JsonValueKind.Array
                && int.TryParse(
                    segment,
                    System.Globalization.NumberStyles.None,
                    System.Globalization.CultureInfo.InvariantCulture,
                    out var index
                )
            )
            {
                sb.Append('[').Append(segment).Append(']');
                known = index < current.GetArrayLength();
                if (known)
                {
                    current = current[index];
                }
                continue;
            }
            var path = Property(string.Empty, segment);
            sb.Append(path);
            known =
                known
                && current.ValueKind == System.Text.Json.JsonValueKind.Object
                && current.TryGetProperty(segment, out current);
        }
        return sb.ToString();
    }

    private static bool IsPlainName(string name)
    {
        if (name.Length == 0 || !(char.IsAsciiLetter(name[0]) || name[0] == '_'))
        {
            return false;
        }
        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                return false;
            }
        }
        return true;
    }
}
