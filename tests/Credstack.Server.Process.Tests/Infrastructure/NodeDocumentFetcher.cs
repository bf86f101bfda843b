using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Credstack.Credentials.Verification;

namespace Credstack.Server.Process.Tests.Infrastructure;

/// <summary>
/// Fetches documents published under <see cref="ServerProcess.PublicOrigin"/> (status lists) from a running
/// server process, without the network; anything else is unavailable. Each URL is fetched once: the
/// status lists do not change while a test verifies its credentials (each caller gets its own parsed copy).
/// </summary>
public sealed class NodeDocumentFetcher(ServerProcess node) : IDocumentFetcher, IDisposable
{
    private readonly HttpClient _client = node.Client(null);
    private readonly ConcurrentDictionary<
        string,
        Lazy<Task<(string? Text, string? Error)>>
    > _cache = new(StringComparer.Ordinal);

    public async ValueTask<FetchResult> FetchAsync(string url, CancellationToken cancellationToken)
    {
        if (!url.StartsWith(ServerProcess.PublicOrigin + "/", StringComparison.Ordinal))
        {
            return FetchResult.Fail($"not on the test server: {url}", unavailable: true);
        }
        var (text, error) = await _cache
            .GetOrAdd(url, u => new Lazy<Task<(string?, string?)>>(() => FetchFromNodeAsync(u)))
            .Value;
        return text is null
            ? FetchResult.Fail(error!, unavailable: false)
            : FetchResult.Ok(JsonNode.Parse(text)!);
    }

    private async Task<(string? Text, string? Error)> FetchFromNodeAsync(string url)
    {
        using var response = await _client.GetAsync(url[ServerProcess.PublicOrigin.Length..]);
        return response.IsSuccessStatusCode
            ? (await response.Content.ReadAsStringAsync(), null)
            : (null, $"{(int)response.StatusCode} from {url}");
    }

    public void Dispose() => _client.Dispose();
}
