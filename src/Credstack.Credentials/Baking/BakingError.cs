namespace Credstack.Credentials.Baking;

/// <summary>An expected failure while baking or extracting a badge image: a stable code and a message.</summary>
/// <param name="Code">The stable error code, one of the <see cref="BakingErrors"/> constants.</param>
/// <param name="Message">A human-readable explanation.</param>
public sealed record BakingError(string Code, string Message);
