using System.Diagnostics.CodeAnalysis;
using Credstack.Credentials.Dids;
using Credstack.Credentials.Keys;

namespace Credstack.Credentials.Jose;

/// <summary>The outcome of verifying a VC-JWT: valid, or an error with a code.</summary>
public sealed class VcJwtResult
{
    internal VcJwtResult(
        VcJwtError? error,
        DecodedVcJwt? jwt,
        VerificationKey? key = null,
        VcJwtKeySource? keySource = null,
        VerificationMethod? method = null,
        ResolutionError? keyResolutionError = null
    )
    {
        Error = error;
        Jwt = jwt;
        Key = key;
        KeySource = keySource;
        VerificationMethod = method;
        KeyResolutionError = keyResolutionError;
    }

    /// <summary>True when the signature verified and the claims agree with the credential.</summary>
    [MemberNotNullWhen(true, nameof(Jwt), nameof(Key), nameof(KeySource))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsValid => Error is null;

    /// <summary>Why the token was refused.</summary>
    public VcJwtError? Error { get; }

    /// <summary>The decoded token, when it could be decoded (also on some failures, for reporting).</summary>
    public DecodedVcJwt? Jwt { get; }

    /// <summary>The key that verified (or failed to verify) the signature.</summary>
    public VerificationKey? Key { get; }

    /// <summary>Where <see cref="Key"/> came from.</summary>
    public VcJwtKeySource? KeySource { get; }

    /// <summary>The verification method the <c>kid</c> named, when it was dereferenced.</summary>
    public VerificationMethod? VerificationMethod { get; }

    /// <summary>
    /// Why the <c>kid</c> could not be dereferenced, when <see cref="Error"/> is
    /// <see cref="VcJwtErrorCode.KeyNotResolved"/>: a verifier tells a key that cannot be had now
    /// (<see cref="ResolutionErrorCode.NetworkDisabled"/>, a timeout or network error) from one that does not exist.
    /// </summary>
    public ResolutionError? KeyResolutionError { get; }

    internal static VcJwtResult Fail(
        VcJwtErrorCode code,
        string message,
        DecodedVcJwt? jwt = null
    ) => new(new VcJwtError(code, message), jwt);
}
