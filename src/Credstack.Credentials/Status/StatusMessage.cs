namespace Credstack.Credentials.Status;

/// <summary>One element of an entry's <c>statusMessage</c> array (Bitstring Status List v1.0 §2.1).</summary>
/// <param name="Status">The status value (the <c>status</c> string is its hexadecimal form, <c>0x</c>-prefixed).</param>
/// <param name="Message">The developer-facing message for that value.</param>
public sealed record StatusMessage(int Status, string Message);
