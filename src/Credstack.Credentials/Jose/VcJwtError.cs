namespace Credstack.Credentials.Jose;

/// <summary>A VC-JWT refusal: a stable code and a message for people (never key material).</summary>
/// <param name="Code">What went wrong.</param>
/// <param name="Message">Details.</param>
public sealed record VcJwtError(VcJwtErrorCode Code, string Message);
