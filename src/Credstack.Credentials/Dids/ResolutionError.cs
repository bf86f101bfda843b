namespace Credstack.Credentials.Dids;

/// <summary>A resolution failure: a stable code and a human-readable message.</summary>
/// <param name="Code">What went wrong.</param>
/// <param name="Message">Details for people (the DID or URL, the limit, the status code).</param>
public sealed record ResolutionError(ResolutionErrorCode Code, string Message);
