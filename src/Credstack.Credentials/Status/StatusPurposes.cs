namespace Credstack.Credentials.Status;

/// <summary>
/// The <c>statusPurpose</c> values Bitstring Status List v1.0 §2.1 names. The value is an arbitrary string; these
/// ones MUST be used for their intended purpose.
/// </summary>
public static class StatusPurposes
{
    /// <summary>Cancels the validity of a credential; not reversible.</summary>
    public const string Revocation = "revocation";

    /// <summary>Temporarily prevents acceptance of a credential; reversible.</summary>
    public const string Suspension = "suspension";

    /// <summary>Conveys one of the entry's <c>statusMessage</c> values.</summary>
    public const string Message = "message";

    /// <summary>Signals that an updated credential is available through the refresh service; does not invalidate.</summary>
    public const string Refresh = "refresh";
}
