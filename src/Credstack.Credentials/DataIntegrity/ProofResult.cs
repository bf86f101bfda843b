using System.Diagnostics.CodeAnalysis;

namespace Credstack.Credentials.DataIntegrity;

/// <summary>A value or the problem that prevented it.</summary>
/// <typeparam name="T">The value's type.</typeparam>
public sealed class ProofResult<T>
    where T : class
{
    private ProofResult(T? value, ProofProblem? problem)
    {
        Value = value;
        Problem = problem;
    }

    /// <summary>The value, when <see cref="Success"/>.</summary>
    public T? Value { get; }

    /// <summary>The problem, when not <see cref="Success"/>.</summary>
    public ProofProblem? Problem { get; }

    /// <summary>Whether the value is there.</summary>
    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Problem))]
    public bool Success => Value is not null;

    /// <summary>A success.</summary>
    public static ProofResult<T> Ok(T value) => new(value, null);

    /// <summary>A failure.</summary>
    public static ProofResult<T> Failed(ProofProblem problem) => new(null, problem);
}
