using System.Text.Json;
using System.Text.Json.Nodes;
using Credstack.LinkedData.Json;

namespace Credstack.Credentials.Verification;

/// <summary>
/// Serves documents given in advance (URL → JSON text, e.g. from <c>--status-list URL=FILE</c>) and refuses
/// every other URL without touching the network: such a check is indeterminate, not failed.
/// </summary>
/// <param name="documents">JSON texts by URL.</param>
public sealed class OfflineDocumentFetcher(IReadOnlyDictionary<string, string> documents)
    : IDocumentFetcher
{
    /// <summary>A fetcher that knows no document.</summary>
    public OfflineDocumentFetcher()
        : this(new Dictionary<string, string>()) { }

    /// <inheritdoc />
    public ValueTask<FetchResult> FetchAsync(string url, CancellationToken cancellationToken)
    {
        if (!documents.TryGetValue(url, out var text))
        {
            return ValueTask.FromResult(
                FetchResult.Fail(
                    $"'{url}' was not provided and the network is not used (offline)",
                    unavailable: true
                )
            );
        }
        try
        {
            var trimmed = text.Trim().TrimStart('\uFEFF').Trim();
            // A status list may be published as a VC-JWT: keep the compact token as a string value.
            var node = trimmed.StartsWith('{')
                ? JsonText.Parse(trimmed, new JsonDocumentOptions { MaxDepth = 64 })
                : JsonValue.Create(trimmed);
            return ValueTask.FromResult(
                node is null
                    ? FetchResult.Fail($"'{url}' is empty", unavailable: false)
                    : FetchResult.Ok(node)
            );
        }
        catch (JsonException e)
        {
            return ValueTask.FromResult(
                FetchResult.Fail($"'{url}' is not JSON: {e.Message}", unavailable: false)
            );
        }
    }
}
