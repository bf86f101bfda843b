namespace Credstack.Credentials.Validation;

/// <summary>How serious a validation problem is.</summary>
public enum ValidationSeverity
{
    /// <summary>The credential does not conform; it must not be accepted.</summary>
    Error,

    /// <summary>The credential conforms but uses something outdated or unknown that deserves attention.</summary>
    Warning,
}
