using System.Diagnostics.CodeAnalysis;

namespace Credstack.Credentials.Dids;

/// <summary>The outcome of resolving a DID or URL: a document or an error, never both.</summary>
public sealed class ResolutionResult
{
    private ResolutionResult(DidDocument? document, ResolutionError? error)
    {
        Document = document;
        Error = error;
    }

    /// <summary>The resolved document, on success.</summary>
    public DidDocument? Document { get; }

    /// <summary>Why resolution failed, on failure.</summary>
    public ResolutionError? Error { get; }

    /// <summary>True when <see cref="Document"/> is set.</summary>
    [MemberNotNullWhen(true, nameof(Document))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Document is not null;

    /// <summary>A successful result.</summary>
    public static ResolutionResult Success(DidDocument document) => new(document, null);

    /// <summary>A failed result.</summary>
    public static ResolutionResult Failure(ResolutionErrorCode code, string message) =>
        new(null, new ResolutionError(code, message));

    /// <summary>A failed result.</summary>
    public static ResolutionResult Failure(ResolutionError error) => new(null, error);
}
