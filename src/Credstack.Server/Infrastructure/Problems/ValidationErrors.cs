namespace Credstack.Server.Infrastructure.Problems;

/// <summary>Collects field errors for a 400 ValidationProblemDetails (field names as in the JSON body).</summary>
internal sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool IsEmpty => _errors.Count == 0;

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            list = [];
            _errors[field] = list;
        }
        list.Add(message);
    }

    /// <summary>Checks a required, length-limited text; returns the trimmed value.</summary>
    public string? Required(string field, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, "is required.");
            return null;
        }
        return Optional(field, value, maxLength);
    }

    /// <summary>Checks an optional, length-limited text; returns it trimmed, or null when blank.</summary>
    public string? Optional(string field, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        var trimmed = value.Trim();
        if (trimmed.Length > maxLength)
        {
            Add(field, $"must be at most {maxLength} characters.");
        }
        return trimmed;
    }

    /// <summary>Checks an optional absolute http(s) URL.</summary>
    public string? Url(string field, string? value, int maxLength)
    {
        var text = Optional(field, value, maxLength);
        if (
            text is not null
            && (
                !Uri.TryCreate(text, UriKind.Absolute, out var uri)
                || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            )
        )
        {
            Add(field, "must be an absolute http or https URL.");
        }
        return text;
    }

    /// <summary>Checks an optional e-mail address (one '@', something either side, no spaces).</summary>
    public string? Email(string field, string? value, bool required)
    {
        var text = required ? Required(field, value, 320) : Optional(field, value, 320);
        if (text is not null && !LooksLikeEmail(text))
        {
            Add(field, "must be an e-mail address.");
        }
        return text;
    }

    public static bool LooksLikeEmail(string text)
    {
        var at = text.IndexOf('@', StringComparison.Ordinal);
        return at > 0
            && at == text.LastIndexOf('@')
            && at < text.Length - 1
            && !text.Any(char.IsWhiteSpace)
            && text.IndexOf('.', at) > at + 1;
    }

    public Dictionary<string, string[]> ToDictionary() =>
        _errors.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal);
}
