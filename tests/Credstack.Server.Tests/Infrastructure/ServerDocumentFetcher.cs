using System.Text.Json.Nodes;
using Credstack.Credentials.Verification;

namespace Credstack.Server.Tests.Infrastructure;

/// <summary>
/// Fetches documents published under the server's public origin through the test server's client (no
/// network); anything else is unavailable.
/// </summary>
public sealed class ServerDocumentFetcher(
    HttpClient client,
    string origin = "http://localhost:5080"
) : IDocumentFetcher
{
    public async ValueTask<FetchResult> FetchAsync(string url, CancellationToken cancellationToken)
    {
        if (!url.StartsWith(origin + "/", StringComparison.Ordinal))
        {
            return FetchResult.Fail($"not on the test server: {url}", unavailable: true);
        }
        using var response = await client.GetAsync(url[origin.Length..], cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            return FetchResult.Fail($"{(int)response.StatusCode} from {url}", unavailable: false);
        }
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return FetchResult.Ok(JsonNode.Parse(text)!);
    }
}
