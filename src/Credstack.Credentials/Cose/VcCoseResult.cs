using System.Diagnostics.CodeAnalysis;
using Credstack.Credentials.Jose;
using Credstack.Credentials.Keys;

namespace Credstack.Credentials.Cose;

/// <summary>The outcome of verifying a COSE-secured credential or presentation.</summary>
public sealed class VcCoseResult
{
    internal VcCoseResult(VcJwtError? error, DecodedVcCose? cose, VerificationKey? key = null)
    {
        Error = error;
        Cose = cose;
        Key = key;
    }

    /// <summary>True when the signature verified and the document is a credential or presentation of the declared type.</summary>
    [MemberNotNullWhen(true, nameof(Cose), nameof(Key))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsValid => Error is null;

    /// <summary>Why it was refused.</summary>
    public VcJwtError? Error { get; }

    /// <summary>The parsed COSE_Sign1, when it could be parsed.</summary>
    public DecodedVcCose? Cose { get; }

    /// <summary>The key the signature was checked with.</summary>
    public VerificationKey? Key { get; }
}
