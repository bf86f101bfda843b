using System.Text.Json.Nodes;

namespace Credstack.LinkedData.JsonLd;

/// <summary>
/// Loads remote documents (contexts) for the JSON-LD processor (JSON-LD 1.1 API §9.4.1 LoadDocumentCallback).
/// Loading is synchronous: the processor runs on hot signing and verifying paths, and the default loader
/// serves bundled contexts from memory. A loader that fetches over the network must apply its own limits.
/// </summary>
public interface IDocumentLoader
{
    /// <summary>
    /// Loads the document at <paramref name="url"/>, or throws <see cref="JsonLdException"/> with
    /// <see cref="JsonLdErrorCodes.LoadingDocumentFailed"/> when it cannot.
    /// </summary>
    RemoteDocument Load(string url);
}

/// <summary>A loaded document (JSON-LD 1.1 API §9.4.3 RemoteDocument).</summary>
/// <param name="DocumentUrl">The final URL of the document, after redirects.</param>
/// <param name="Document">The parsed JSON document. Callers must not modify it: loaders may share it.</param>
/// <param name="ContextUrl">A context URL from an HTTP Link header, if any.</param>
/// <param name="ContentType">The media type, if known.</param>
public sealed record RemoteDocument(
    string DocumentUrl,
    JsonNode Document,
    string? ContextUrl = null,
    string? ContentType = null
);
