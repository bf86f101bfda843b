using System.Text.Json.Nodes;
using Credstack.LinkedData.JsonLd;

namespace Credstack.LinkedData.Tests.JsonLd;

/// <summary>A document loader over an in-memory URL → JSON table that counts its loads.</summary>
internal sealed class InMemoryDocumentLoader(Dictionary<string, string> documents) : IDocumentLoader
{
    private int _loads;

    /// <summary>How many times <see cref="Load"/> was called.</summary>
    public int Loads => Volatile.Read(ref _loads);

    public RemoteDocument Load(string url)
    {
        Interlocked.Increment(ref _loads);
        if (!documents.TryGetValue(url, out var json))
        {
            throw new JsonLdException(
                JsonLdErrorCodes.LoadingDocumentFailed,
                $"no document at '{url}'"
            );
        }
        return new RemoteDocument(url, JsonNode.Parse(json)!, null, "application/ld+json");
    }
}
