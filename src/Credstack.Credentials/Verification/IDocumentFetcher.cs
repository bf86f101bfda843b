using System.Text.Json.Nodes;

namespace Credstack.Credentials.Verification;

/// <summary>Fetches JSON documents the verifier needs (status list credentials, hosted OB 2.0 assertions).</summary>
public interface IDocumentFetcher
{
    /// <summary>Fetches the document at <paramref name="url"/>; failures are values, never exceptions.</summary>
    ValueTask<FetchResult> FetchAsync(string url, CancellationToken cancellationToken);
}

/// <summary>A fetched document or why it could not be fetched.</summary>
/// <param name="Document">The JSON document (an object or, for a JWT status list, a string value), or null.</param>
/// <param name="Error">Why it could not be fetched, or null.</param>
/// <param name="Unavailable">True when the failure may be temporary or is a policy (offline, network error): the check is then indeterminate rather than failed.</param>
public sealed record FetchResult(JsonNode? Document, string? Error, bool Unavailable)
{
    /// <summary>A fetched document.</summary>
    public static FetchResult Ok(JsonNode document) => new(document, null, false);

    /// <summary>A failure.</summary>
    public static FetchResult Fail(string error, bool unavailable) => new(null, error, unavailable);
}
