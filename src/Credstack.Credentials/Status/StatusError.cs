namespace Credstack.Credentials.Status;

/// <summary>
/// An expected failure while reading, decoding or checking a status list: a stable <see cref="Code"/> (see
/// <see cref="StatusErrors"/>) and a human-readable <see cref="Message"/>.
/// </summary>
/// <param name="Code">The stable error code, one of the <see cref="StatusErrors"/> constants.</param>
/// <param name="Message">A human-readable explanation for logs and reports.</param>
public sealed record StatusError(string Code, string Message)
{
    /// <summary>
    /// The Bitstring Status List v1.0 §3.5 error type this failure maps to (a URL under
    /// <c>https://www.w3.org/ns/credentials/status-list#</c>, or the VC Data Model 2.0 one for
    /// MALFORMED_VALUE_ERROR and RANGE_ERROR), for RFC 9457 problem details.
    /// </summary>
    public string SpecErrorType => StatusErrors.SpecErrorTypeOf(Code);
}
