using System.Diagnostics.CodeAnalysis;

namespace Credstack.Credentials.Model;

/// <summary>The outcome of reading JSON into the model: the value, or why it could not be read.</summary>
/// <typeparam name="T">The model type.</typeparam>
public sealed class JsonReadResult<T>
    where T : class
{
    private JsonReadResult(T? value, string? error)
    {
        Value = value;
        Error = error;
    }

    /// <summary>The value, when reading succeeded.</summary>
    public T? Value { get; }

    /// <summary>Why reading failed (with the JSON path), or <see langword="null"/> on success.</summary>
    public string? Error { get; }

    /// <summary>Whether reading succeeded.</summary>
    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Success => Value is not null;

    internal static JsonReadResult<T> Ok(T value) => new(value, null);

    internal static JsonReadResult<T> Fail(string error) => new(null, error);
}
