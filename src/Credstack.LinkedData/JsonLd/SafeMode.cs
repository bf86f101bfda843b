namespace Credstack.LinkedData.JsonLd;

/// <summary>
/// Safe mode violations (the conditions jsonld.js reports with <c>safe: true</c>): each names the event and
/// the property or path concerned.
/// </summary>
internal static class SafeMode
{
    public static JsonLdException Violation(string kind, string detail) =>
        new(JsonLdErrorCodes.SafeModeViolation, $"{kind}: {detail}");
}
