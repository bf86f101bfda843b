using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace Credstack.LinkedData.JsonLd.Context;

/// <summary>
/// Dereferenced remote contexts (JSON-LD 1.1 API §4.1.2 steps 5.2.4 and 5.2.5: a context is dereferenced
/// once), per document loader and URL. The cached <c>@context</c> value is a node of the loader's shared
/// document: it is read, never modified or re-parented. Bounded: emptied when full.
/// </summary>
internal static class RemoteContextCache
{
    private const int Capacity = 1024;

    private static readonly ConcurrentDictionary<
        (IDocumentLoader Loader, string Url),
        Loaded
    > Entries = new();

    /// <summary>A loaded context: the document's <c>@context</c> value and its final URL.</summary>
    internal sealed record Loaded(JsonNode? Context, string DocumentUrl);

    public static Loaded Load(ProcessorSettings settings, string url, bool requireContext)
    {
        var key = (settings.Loader, url);
        if (Entries.TryGetValue(key, out var loaded))
        {
            return loaded;
        }
        RemoteDocument document;
        try
        {
            document = settings.Loader.Load(url);
        }
        catch (JsonLdException e)
            when (e.Code
                    is not (
                        JsonLdErrorCodes.DepthLimitExceeded
                        or JsonLdErrorCodes.SizeLimitExceeded
                    )
            )
        {
            throw new JsonLdException(
                JsonLdErrorCodes.LoadingRemoteContextFailed,
                $"the remote context '{url}' could not be loaded: {e.Detail}",
                e
            );
        }
        catch (Exception e)
            when (e
                    is IOException
                        or InvalidOperationException
                        or System.Text.Json.JsonException
                        or HttpRequestException
                        or UnauthorizedAccessException
            )
        {
            throw new JsonLdException(
                JsonLdErrorCodes.LoadingRemoteContextFailed,
                $"the remote context '{url}' could not be loaded: {e.Message}",
                e
            );
        }
        if (
            document?.Document is not JsonObject root
            || (requireContext && !root.ContainsKey(Keywords.Context))
        )
        {
            // JSON-LD 1.1 API §4.1.2 step 5.2.5: a document without a top-level @context.
            throw new JsonLdException(
                JsonLdErrorCodes.InvalidRemoteContext,
                $"the remote document '{url}' is not an object with @context"
            );
        }
        JsonLimits.CheckDepth(root, settings.MaxDepth);
        loaded = new Loaded(root[Keywords.Context], document!.DocumentUrl ?? url);
        if (Entries.Count >= Capacity)
        {
            Entries.Clear();
        }
        Entries[key] = loaded;
        return loaded;
    }

    public static void Clear() => Entries.Clear();
}
