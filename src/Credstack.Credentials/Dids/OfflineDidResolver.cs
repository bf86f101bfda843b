using System.Collections.Frozen;
using System.Text;

namespace Credstack.Credentials.Dids;

/// <summary>
/// Resolves from documents supplied up front (a dictionary, or <c>DID=FILE</c> pairs as
/// <c>credstack verify --did-doc</c> takes them), plus did:key and did:jwk, which need no network.
/// Everything else fails with <see cref="ResolutionErrorCode.NetworkDisabled"/>: this resolver never
/// touches the network.
/// </summary>
public sealed class OfflineDidResolver : IDidResolver
{
    private const int MaxFileBytes = 1024 * 1024;

    private readonly FrozenDictionary<string, string> _documents;

    /// <summary>Creates a resolver over documents keyed by DID or URL (without fragment), as JSON text.</summary>
    public OfflineDidResolver(IReadOnlyDictionary<string, string> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        _documents = documents.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>A resolver that knows only did:key and did:jwk.</summary>
    public OfflineDidResolver()
        : this(new Dictionary<string, string>()) { }

    /// <summary>
    /// Reads <c>DID=FILE</c> pairs (split at the first '='). Throws <see cref="ArgumentException"/> for a
    /// pair without '=' or an oversized file, and <see cref="IOException"/> when a file cannot be read.
    /// </summary>
    public static OfflineDidResolver FromPairs(IEnumerable<string> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var documents = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || eq == pair.Length - 1)
            {
                throw new ArgumentException($"'{pair}' is not DID=FILE", nameof(pairs));
            }
            var id = pair[..eq];
            var path = pair[(eq + 1)..];
            if (new FileInfo(path).Length > MaxFileBytes)
            {
                throw new ArgumentException(
                    $"{path} is larger than {MaxFileBytes} bytes",
                    nameof(pairs)
                );
            }
            var hash = id.IndexOf('#', StringComparison.Ordinal);
            documents[hash < 0 ? id : id[..hash]] = File.ReadAllText(path, Encoding.UTF8);
        }
        return new OfflineDidResolver(documents);
    }

    /// <inheritdoc/>
    public ValueTask<ResolutionResult> ResolveAsync(
        string didOrUrl,
        CancellationToken cancellationToken
    )
    {
        ArgumentNullException.ThrowIfNull(didOrUrl);
        cancellationToken.ThrowIfCancellationRequested();
        var hash = didOrUrl.IndexOf('#', StringComparison.Ordinal);
        var bare = hash < 0 ? didOrUrl : didOrUrl[..hash];
        if (_documents.TryGetValue(bare, out var json))
        {
            return ValueTask.FromResult(DidDocument.Parse(Encoding.UTF8.GetBytes(json), bare));
        }
        if (bare.StartsWith(DidKey.Prefix, StringComparison.Ordinal))
        {
            return ValueTask.FromResult(DidKey.Resolve(bare));
        }
        if (bare.StartsWith(DidJwk.Prefix, StringComparison.Ordinal))
        {
            return ValueTask.FromResult(DidJwk.Resolve(bare));
        }
        return ValueTask.FromResult(
            ResolutionResult.Failure(
                ResolutionErrorCode.NetworkDisabled,
                $"'{bare}' is not available offline; supply its document (--did-doc {bare}=FILE)"
            )
        );
    }
}
