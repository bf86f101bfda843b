namespace Credstack.Credentials.Validation;

/// <summary>One validation finding.</summary>
/// <param name="Code">A stable code from <see cref="ValidationCodes"/>.</param>
/// <param name="Message">A plain-language explanation.</param>
/// <param name="Path">Where in the credential, as a JSONPath (e.g. <c>$.credentialSubject.achievement.criteria</c>).</param>
/// <param name="Severity">Error or warning.</param>
public sealed record ValidationProblem(
    string Code,
    string Message,
    string Path,
    ValidationSeverity Severity = ValidationSeverity.Error
);
