namespace Credstack.Credentials.Dids;

/// <summary>
/// The default resolver: did:key and did:jwk locally, did:web and https documents through an
/// <see cref="HttpDocumentResolver"/> (or any resolver given for them); other DID methods are unsupported.
/// </summary>
public sealed class DidResolver : IDidResolver, IDisposable
{
    private readonly IDidResolver _web;
    private readonly bool _ownsWeb;

    /// <summary>Creates a resolver that fetches did:web and https documents with the given limits.</summary>
    public DidResolver(HttpResolverOptions? options = null)
    {
        _web = new HttpDocumentResolver(options);
        _ownsWeb = true;
    }

    /// <summary>Creates a resolver that hands did:web and https to <paramref name="webResolver"/> (not disposed here).</summary>
    public DidResolver(IDidResolver webResolver)
    {
        ArgumentNullException.ThrowIfNull(webResolver);
        _web = webResolver;
    }

    /// <inheritdoc/>
    public ValueTask<ResolutionResult> ResolveAsync(
        string didOrUrl,
        CancellationToken cancellationToken
    )
    {
        ArgumentNullException.ThrowIfNull(didOrUrl);
        if (didOrUrl.StartsWith(DidKey.Prefix, StringComparison.Ordinal))
        {
            return ValueTask.FromResult(DidKey.Resolve(didOrUrl));
        }
        if (didOrUrl.StartsWith(DidJwk.Prefix, StringComparison.Ordinal))
        {
            return ValueTask.FromResult(DidJwk.Resolve(didOrUrl));
        }
        if (
            didOrUrl.StartsWith(DidWeb.Prefix, StringComparison.Ordinal)
            || didOrUrl.StartsWith("https:", StringComparison.OrdinalIgnoreCase)
            || didOrUrl.StartsWith("http:", StringComparison.OrdinalIgnoreCase)
        )
        {
            return _web.ResolveAsync(didOrUrl, cancellationToken);
        }
        if (didOrUrl.StartsWith("did:", StringComparison.Ordinal))
        {
            var end = didOrUrl.IndexOf(':', 4);
            var method = end < 0 ? didOrUrl : didOrUrl[..end];
            return ValueTask.FromResult(
                ResolutionResult.Failure(
                    ResolutionErrorCode.MethodNotSupported,
                    $"the DID method '{method}' is not supported"
                )
            );
        }
        return ValueTask.FromResult(
            ResolutionResult.Failure(
                ResolutionErrorCode.InvalidDid,
                $"'{didOrUrl}' is neither a DID nor an https URL"
            )
        );
    }

    /// <summary>Disposes the HTTP resolver when this instance created it.</summary>
    public void Dispose()
    {
        if (_ownsWeb && _web is IDisposable d)
        {
            d.Dispose();
        }
    }
}
