namespace Credstack.Credentials.Dids;

/// <summary>
/// Binds a verification method to an issuer (VC Data Integrity §4.3 step "the controller of the verification
/// method is the issuer"): the method's controller must be the issuer id, or the DID part of it.
/// </summary>
public static class ControllerCheck
{
    /// <summary>True when <paramref name="method"/> is controlled by <paramref name="issuerId"/>.</summary>
    public static bool IsControlledBy(VerificationMethod method, string issuerId)
    {
        ArgumentNullException.ThrowIfNull(method);
        if (string.IsNullOrEmpty(issuerId))
        {
            return false;
        }
        if (string.Equals(method.Controller, issuerId, StringComparison.Ordinal))
        {
            return true;
        }
        // An issuer id that is a DID URL (did:web:example.com#org, did:example:x?service=…) is controlled
        // through its DID.
        if (issuerId.StartsWith("did:", StringComparison.Ordinal))
        {
            var end = issuerId.AsSpan().IndexOfAny('#', '?', '/');
            return end > 0
                && string.Equals(method.Controller, issuerId[..end], StringComparison.Ordinal);
        }
        return false;
    }

    /// <summary>Null when <see cref="IsControlledBy"/> holds, otherwise a <see cref="ResolutionErrorCode.ControllerMismatch"/> error.</summary>
    public static ResolutionError? Check(VerificationMethod method, string issuerId) =>
        IsControlledBy(method, issuerId)
            ? null
            : new ResolutionError(
                ResolutionErrorCode.ControllerMismatch,
                $"the verification method '{method.Id}' is controlled by '{method.Controller}', not by the issuer '{issuerId}'"
            );
}
