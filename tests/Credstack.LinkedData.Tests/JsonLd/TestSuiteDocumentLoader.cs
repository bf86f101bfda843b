using System.Text.Json.Nodes;
using Credstack.LinkedData.JsonLd;

namespace Credstack.LinkedData.Tests.JsonLd;

/// <summary>
/// Serves the JSON-LD test suite's documents from the shared vectors folder: URLs below
/// <c>https://w3c.github.io/json-ld-api/tests/</c> map to files; anything else fails to load.
/// </summary>
internal sealed class TestSuiteDocumentLoader(string root) : IDocumentLoader
{
    public const string BaseUrl = "https://w3c.github.io/json-ld-api/tests/";

    public RemoteDocument Load(string url)
    {
        var path = PathOf(url);
        if (path is null || !File.Exists(path))
        {
            throw new JsonLdException(
                JsonLdErrorCodes.LoadingDocumentFailed,
                $"the test suite has no document at {url}"
            );
        }
        JsonNode? document;
        try
        {
            document = JsonNode.Parse(File.ReadAllText(path));
        }
        catch (System.Text.Json.JsonException ex)
        {
            throw new JsonLdException(
                JsonLdErrorCodes.LoadingDocumentFailed,
                $"{url} is not JSON",
                ex
            );
        }
        return new RemoteDocument(
            url,
            document
                ?? throw new JsonLdException(
                    JsonLdErrorCodes.LoadingDocumentFailed,
                    $"{url} is null"
                ),
            null,
            "application/ld+json"
        );
    }

    /// <summary>The local file for a suite URL, or null when the URL is outside the suite.</summary>
    public string? PathOf(string url)
    {
        if (!url.StartsWith(BaseUrl, StringComparison.Ordinal))
        {
            return null;
        }
        var relative = url[BaseUrl.Length..];
        var hash = relative.IndexOf('#', StringComparison.Ordinal);
        if (hash >= 0)
        {
            relative = relative[..hash];
        }
        var full = Path.GetFullPath(Path.Combine(root, relative));
        return full.StartsWith(root, StringComparison.Ordinal) ? full : null;
    }
}
