namespace Credstack.Credentials.Verification;

/// <summary>One entry of a verification report.</summary>
/// <param name="Check">Which check: <c>parse</c>, <c>context</c>, <c>schema</c>, <c>proof</c>, <c>issuer</c>, <c>dates</c>, <c>status</c>, <c>endorsement</c>.</param>
/// <param name="Status">Its outcome.</param>
/// <param name="Code">A stable code from <see cref="VerificationCodes"/>.</param>
/// <param name="Message">A plain-language explanation.</param>
/// <param name="Path">The JSON path the check is about, e.g. <c>$.proof[0].proofValue</c>.</param>
public sealed record VerificationCheck(
    string Check,
    CheckStatus Status,
    string Code,
    string Message,
    string? Path = null
);
