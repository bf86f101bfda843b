using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using Credstack.Credentials.Dids;
using Credstack.Credentials.Verification;
using Credstack.LinkedData.Json;
using Credstack.Server.Data;
using Credstack.Server.Features.IssuerIdentity;
using Microsoft.EntityFrameworkCore;

namespace Credstack.Server.Features.Issuing;

/// <summary>
/// The verifier as the server runs it: did:key resolved locally, this server's own did:web documents and
/// status lists read from the database (no HTTP round trip to itself), anything else over https. An own
/// status list is parsed once per version (<see cref="OwnStatusLists"/>) and its proof verified once per
/// version (<see cref="StatusListVerificationCache"/>); every verification still reads the list's current
/// version from the database, so a status change is seen by the next verification.
/// </summary>
internal sealed class ServerVerification(
    IssuerIdentityService identity,
    StatusListService statusLists,
    ExternalResolvers external,
    OwnStatusLists ownLists,
    CredstackDbContext db,
    TimeProvider time
) : IDidResolver, IDocumentFetcher
{
    public CredentialVerifier Verifier(string? challenge = null, string? domain = null) =>
        new(
            new VerifierOptions
            {
                Resolver = new DidResolver(this),
                Fetcher = this,
                StatusListCache = ownLists.Verified,
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
                && await OwnListAsync(orgId, parts[1], number, cancellationToken)
                    .ConfigureAwait(false)
                    is { } list
            )
            {
                return FetchResult.Ok(list);
            }
            return FetchResult.Fail($"no status list at {url}", unavailable: false);
        }
        return await external.Fetcher.FetchAsync(url, cancellationToken).ConfigureAwait(false);
    }

    // Read with ADO.NET: this runs for every verified credential, where even a compiled EF Core query
    // cost several times the database's own work.
    private static readonly RawQuery<StatusListRecord> ListVersion = new(
        [l => l.Version],
        [l => l.OrganizationId, l => l.Purpose, l => l.Number]
    );

    /// <summary>
    /// One of this server's signed status lists, the same (never modified) document instance while the
    /// list's version in the database is unchanged.
    /// </summary>
    private async Task<JsonNode?> OwnListAsync(
        Guid organizationId,
        string purpose,
        int number,
        CancellationToken cancellationToken
    )
    {
        var versions = await ListVersion
            .ListAsync(
                db,
                [organizationId, purpose, number],
                null,
                r => r.GetInt32(0),
                cancellationToken
            )
            .ConfigureAwait(false);
        if (versions.Count == 0)
        {
            return null;
        }
        int? version = versions[0];
        var key = (organizationId, purpose, number);
        if (ownLists.Documents.TryGetValue(key, out var cached) && cached.Version == version)
        {
            return cached.Document;
        }
        // Read after the version: the signed list reflects that version or a newer one, never an older.
        var signed = await statusLists
            .GetSignedAsync(organizationId, purpose, number, cancellationToken)
            .ConfigureAwait(false);
        if (signed is null)
        {
            return null;
        }
        var document = OwnStatusLists.Materialize(JsonText.Parse(signed.Value.Json)!);
        ownLists.Documents[key] = (version.Value, document);
        return document;
    }
}

/// <summary>This server's parsed status lists by (organisation, purpose, number), and their verifications.</summary>
internal sealed class OwnStatusLists
{
    public ConcurrentDictionary<
        (Guid OrganizationId, string Purpose, int Number),
        (int Version, JsonNode Document)
    > Documents { get; } = new();

    public StatusListVerificationCache Verified { get; } = new();

    /// <summary>
    /// Reads every object and array once, so that the lazily built node tree is complete before concurrent
    /// verifications read (and clone) it: a fully built <see cref="JsonNode"/> tree is safe to read from many threads.
    /// </summary>
    public static JsonNode Materialize(JsonNode node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (_, value) in o)
                {
                    if (value is not null)
                    {
                        Materialize(value);
                    }
                }
                break;
            case JsonArray a:
                foreach (var item in a)
                {
                    if (item is not null)
                    {
                        Materialize(item);
                    }
                }
                break;
        }
        return node;
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
