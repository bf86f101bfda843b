namespace Credstack.Credentials.Verification;

/// <summary>The overall result of verifying a credential.</summary>
public enum Verdict
{
    /// <summary>Every check passed (warnings allowed).</summary>
    Valid,

    /// <summary>At least one check failed.</summary>
    Invalid,

    /// <summary>No check failed, but at least one could not be made.</summary>
    Indeterminate,
}
