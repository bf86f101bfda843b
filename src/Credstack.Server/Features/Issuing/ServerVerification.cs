using System.Text;
using System.Text.Json.Nodes;
using Credstack.Credentials.Dids;
using Credstack.Credentials.Verification;
using Credstack.Server.Features.IssuerIdentity;

namespace Credstack.Server.Features.Issuing;

/// <summary>
/// The verifier as the server runs it: did:key resolved locally, this server's own did:web documents and
/// status lists read from the database (no HTTP round trip to itself), anything else over https.
/// </summary>
internal sealed class ServerVerification(
    IssuerIdentityService identity,
    StatusListService statusLists,
    ExternalResolvers external,
    TimeProvider time
) : IDidResolver, IDocumentFetcher
{
    public CredentialVerifier Verifier(string? challenge = null, string? domain = null) =>
        new(
            new VerifierOptions
            {
                Resolver = new DidResolver(this),
                Fetcher = this,
                Time = time,
                Challenge = challenge,
                Domain = domain,
            }
        );

    /// <summary>did:web and https documents (DidResolver handles did:key and did:jwk itself).</summary>
    public async ValueTask<ResolutionResult> ResolveAsync(
        string didOrUrl,
        CancellationToken cancellationToken
    )
    {
        var did = didOrUrl.Split('#')[0];
        var ownPrefix = identity.CanUseDidWeb ? identity.DidWebOf(Guid.Empty)[..^36] : null;
        if (
            ownPrefix is not null
            && did.StartsWith(ownPrefix, StringComparison.Ordinal)
            && Guid.TryParse(did[ownPrefix.Length..], out var orgId)
        )
        {
            var document = await identity
                .DidDocumentAsync(orgId, cancellationToken)
                .ConfigureAwait(false);
            return document is null
                ? ResolutionResult.Failure(
                    ResolutionErrorCode.NotFound,
                    $"'{did}' is not an organisation of this server"
                )
                : DidDocument.Parse(Encoding.UTF8.GetBytes(document.ToJsonString()), did);
        }
        return await external
            .Resolver.ResolveAsync(didOrUrl, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>Status lists of this server from the database; other documents over https.</summary>
    public async ValueTask<FetchResult> FetchAsync(string url, CancellationToken cancellationToken)
    {
        var prefix = new Uri(identity.PublicOrigin, "/status/").AbsoluteUri;
        if (url.StartsWith(prefix, StringComparison.Ordinal))
        {
            var parts = url[prefix.Length..].Split('#')[0].Split('/');
            if (
                parts.Length == 3
                && Guid.TryParse(parts[0], out var orgId)
                && int.TryParse(parts[2], out var number)
                && await statusLists
                    .GetSignedAsync(orgId, parts[1], number, cancellationToken)
                    .ConfigureAwait(false)
                    is { } list
            )
            {
                return FetchResult.Ok(JsonNode.Parse(list.Json)!);
            }
            return FetchResult.Fail($"no status list at {url}", unavailable: false);
        }
        return await external.Fetcher.FetchAsync(url, cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>The https resolver and fetcher for documents of other servers (one per process).</summary>
internal sealed class ExternalResolvers : IDisposable
{
    private readonly Lazy<HttpDocumentResolver> _resolver = new(() => new HttpDocumentResolver());
    private readonly Lazy<HttpDocumentFetcher> _fetcher = new(() => new HttpDocumentFetcher());

    public IDidResolver Resolver => _resolver.Value;

    public IDocumentFetcher Fetcher => _fetcher.Value;

    public void Dispose()
    {
        if (_resolver.IsValueCreated)
        {
            _resolver.Value.Dispose();
        }
        if (_fetcher.IsValueCreated)
        {
            _fetcher.Value.Dispose();
        }
    }
}
