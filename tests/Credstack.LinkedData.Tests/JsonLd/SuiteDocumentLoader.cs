using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Credstack.LinkedData.JsonLd;
using Credstack.Tests.Shared;

namespace Credstack.LinkedData.Tests.JsonLd;

/// <summary>
/// Serves the W3C JSON-LD test suite's documents from ../shared/vectors/json-ld-api/tests, under the
/// suite's base <c>https://w3c.github.io/json-ld-api/tests/</c>. One shared instance, so the processor's
/// context caches work across tests as they would in production.
/// </summary>
internal sealed class SuiteDocumentLoader : IDocumentLoader
{
    public const string BaseIri = "https://w3c.github.io/json-ld-api/tests/";

    private readonly ConcurrentDictionary<string, RemoteDocument> _documents = new(
        StringComparer.Ordinal
    );

    public static SuiteDocumentLoader Instance { get; } = new();

    public static string Folder => SharedData.PathOf("vectors", "json-ld-api", "tests");

    public RemoteDocument Load(string url)
    {
        if (_documents.TryGetValue(url, out var cached))
        {
            return cached;
        }
        if (!url.StartsWith(BaseIri, StringComparison.Ordinal))
        {
            throw new JsonLdException(
                JsonLdErrorCodes.LoadingDocumentFailed,
                $"'{url}' is outside the test suite"
            );
        }
        var relative = url[BaseIri.Length..];
        var hash = relative.IndexOfAny(['#', '?']);
        if (hash >= 0)
        {
            relative = relative[..hash];
        }
        var path = Path.Combine(Folder, relative);
        if (!File.Exists(path))
        {
            throw new JsonLdException(
                JsonLdErrorCodes.LoadingDocumentFailed,
                $"'{url}' does not exist in the test suite"
            );
        }
        JsonNode document;
        try
        {
            document =
                JsonNode.Parse(File.ReadAllText(path))
                ?? throw new JsonLdException(
                    JsonLdErrorCodes.LoadingDocumentFailed,
                    $"'{url}' is JSON null"
                );
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new JsonLdException(
                JsonLdErrorCodes.LoadingDocumentFailed,
                $"'{url}' is not JSON: {e.Message}"
            );
        }
        var remote = new RemoteDocument(url, document, null, "application/ld+json");
        return _documents.GetOrAdd(url, remote);
    }
}
