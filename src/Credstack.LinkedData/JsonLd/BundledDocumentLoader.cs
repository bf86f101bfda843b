using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Credstack.LinkedData.JsonLd;

/// <summary>
/// The offline document loader: serves the JSON-LD contexts bundled in this assembly (W3C credentials
/// v1/v2, Data Integrity, Multikey, JWK, status lists, Open Badges 3.0, CLR 2.0, Ed25519Signature2020, DID
/// core and others, listed in <c>Contexts/index.json</c>) and refuses every other URL with
/// <see cref="JsonLdErrorCodes.LoadingDocumentFailed"/>. Nothing is fetched from the network. A caller
/// that wants more plugs in its own <see cref="IDocumentLoader"/>, usually wrapping this one.
/// </summary>
public sealed class BundledDocumentLoader : IDocumentLoader
{
    private const string ResourcePrefix = "Credstack.LinkedData.Contexts.";

    private static readonly Lazy<BundledDocumentLoader> Shared = new(() =>
        new BundledDocumentLoader()
    );

    private readonly FrozenDictionary<string, RemoteDocument> _documents;

    private BundledDocumentLoader()
    {
        var assembly = typeof(BundledDocumentLoader).Assembly;
        using var indexStream =
            assembly.GetManifestResourceStream(ResourcePrefix + "index.json")
            ?? throw new InvalidOperationException(
                "the bundled context index is missing from the assembly"
            );
        var index = JsonNode.Parse(indexStream)?.AsArray() ?? [];
        var documents = new Dictionary<string, RemoteDocument>(StringComparer.Ordinal);
        var entries = new List<BundledContext>();
        foreach (var entry in index)
        {
            var url = (string)entry!["url"]!;
            var file = Path.GetFileName((string)entry["file"]!);
            var sha256 = (string)entry["sha256"]!;
            using var stream =
                assembly.GetManifestResourceStream(ResourcePrefix + file)
                ?? throw new InvalidOperationException(
                    $"the bundled context {file} is missing from the assembly"
                );
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var bytes = buffer.ToArray();
            var document =
                JsonNode.Parse(bytes, documentOptions: new JsonDocumentOptions { MaxDepth = 64 })
                ?? throw new InvalidOperationException($"the bundled context {file} is empty");
            documents[url] = new RemoteDocument(url, document, null, "application/ld+json");
            entries.Add(new BundledContext(url, file, sha256, bytes));
        }
        _documents = documents.ToFrozenDictionary(StringComparer.Ordinal);
        Contexts = entries;
    }

    /// <summary>The one shared instance (its documents are parsed once per process).</summary>
    public static BundledDocumentLoader Instance => Shared.Value;

    /// <summary>Every bundled context: URL, file name, the sha256 recorded for it, and its bytes.</summary>
    public IReadOnlyList<BundledContext> Contexts { get; }

    /// <summary>Whether <paramref name="url"/> is served by this loader.</summary>
    public bool Contains(string url) => _documents.ContainsKey(url);

    /// <inheritdoc />
    public RemoteDocument Load(string url)
    {
        if (_documents.TryGetValue(url, out var document))
        {
            return document;
        }
        throw new JsonLdException(
            JsonLdErrorCodes.LoadingDocumentFailed,
            $"'{url}' is not a bundled context and remote loading is disabled (offline loader)"
        );
    }
}

/// <summary>A context bundled in the assembly.</summary>
/// <param name="Url">The URL it is served under.</param>
/// <param name="FileName">Its file name in <c>Contexts/</c>.</param>
/// <param name="Sha256">The lowercase hex SHA-256 recorded in the index.</param>
/// <param name="Bytes">The document's bytes as embedded.</param>
public sealed record BundledContext(
    string Url,
    string FileName,
    string Sha256,
    IReadOnlyList<byte> Bytes
);
