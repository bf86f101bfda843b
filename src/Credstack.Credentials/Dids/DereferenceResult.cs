using System.Diagnostics.CodeAnalysis;

namespace Credstack.Credentials.Dids;

/// <summary>The outcome of dereferencing a verification method id: the method (with a usable key) or an error.</summary>
public sealed class DereferenceResult
{
    private DereferenceResult(
        VerificationMethod? method,
        DidDocument? document,
        ResolutionError? error
    )
    {
        VerificationMethod = method;
        Document = document;
        Error = error;
    }

    /// <summary>The verification method; its <see cref="Dids.VerificationMethod.Key"/> is set on success.</summary>
    public VerificationMethod? VerificationMethod { get; }

    /// <summary>The document the method was found in (for verification relationship checks).</summary>
    public DidDocument? Document { get; }

    /// <summary>Why dereferencing failed, on failure.</summary>
    public ResolutionError? Error { get; }

    /// <summary>True when <see cref="VerificationMethod"/> and <see cref="Document"/> are set.</summary>
    [MemberNotNullWhen(true, nameof(VerificationMethod), nameof(Document))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => VerificationMethod is not null;

    /// <summary>A successful result.</summary>
    public static DereferenceResult Success(VerificationMethod method, DidDocument document) =>
        new(method, document, null);

    /// <summary>A failed result.</summary>
    public static DereferenceResult Failure(ResolutionError error) => new(null, null, error);

    /// <summary>A failed result.</summary>
    public static DereferenceResult Failure(ResolutionErrorCode code, string message) =>
        new(null, null, new ResolutionError(code, message));
}
