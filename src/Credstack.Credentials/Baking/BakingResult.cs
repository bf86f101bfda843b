using System.Diagnostics.CodeAnalysis;

namespace Credstack.Credentials.Baking;

/// <summary>The outcome of a baking operation: a value, or a <see cref="BakingError"/>.</summary>
/// <typeparam name="T">The value type.</typeparam>
public sealed class BakingResult<T>
{
    private readonly T? _value;

    internal BakingResult(T value)
    {
        _value = value;
    }

    internal BakingResult(BakingError error)
    {
        Error = error;
    }

    /// <summary>True when the operation produced a value.</summary>
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Error is null;

    /// <summary>The error, when the operation failed.</summary>
    public BakingError? Error { get; }

    /// <summary>The value; throws <see cref="InvalidOperationException"/> when the operation failed.</summary>
    public T Value =>
        IsSuccess
            ? _value!
            : throw new InvalidOperationException(
                $"the baking operation failed: {Error.Code}: {Error.Message}"
            );

    /// <summary>Gets the value when the operation succeeded.</summary>
    /// <param name="value">The value, or default when the operation failed.</param>
    /// <returns>True when the operation succeeded.</returns>
    public bool TryGetValue([MaybeNullWhen(false)] out T value)
    {
        value = _value;
        return IsSuccess;
    }

    /// <inheritdoc />
    public override string ToString() =>
        IsSuccess ? $"Success({_value})" : $"Failure({Error.Code}: {Error.Message})";
}
