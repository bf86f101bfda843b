namespace Credstack.LinkedData.JsonLd.Context;

/// <summary>
/// The remote contexts being processed, innermost first (JSON-LD 1.1 API §4.1.2 "remote contexts"): an
/// immutable list, so passing "a copy" to a recursive call is free.
/// </summary>
internal sealed class RemoteChain(string url, RemoteChain? parent)
{
    /// <summary>The URL of this remote context.</summary>
    public string Url { get; } = url;

    /// <summary>The enclosing remote context, if any.</summary>
    public RemoteChain? Parent { get; } = parent;

    /// <summary>How many remote contexts the chain holds.</summary>
    public int Count { get; } = (parent?.Count ?? 0) + 1;

    /// <summary>Whether <paramref name="chain"/> includes <paramref name="url"/>.</summary>
    public static bool Contains(RemoteChain? chain, string url)
    {
        for (var c = chain; c is not null; c = c.Parent)
        {
            if (string.Equals(c.Url, url, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }
}
