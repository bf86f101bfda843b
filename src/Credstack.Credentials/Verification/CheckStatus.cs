namespace Credstack.Credentials.Verification;

/// <summary>The outcome of one verification check.</summary>
public enum CheckStatus
{
    /// <summary>The check passed.</summary>
    Passed,

    /// <summary>The check passed with a remark worth showing (e.g. a legacy proof suite).</summary>
    Warning,

    /// <summary>The check failed: the credential is invalid.</summary>
    Failed,

    /// <summary>The check could not be made (e.g. a status list could not be fetched).</summary>
    Indeterminate,

    /// <summary>The check does not apply (e.g. no credentialStatus).</summary>
    Skipped,
}
