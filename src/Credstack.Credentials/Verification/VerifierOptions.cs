using Credstack.Credentials.Dids;
using Credstack.LinkedData.JsonLd;

namespace Credstack.Credentials.Verification;

/// <summary>What the verifier may use: how it resolves keys and fetches status lists, and what it expects.</summary>
public sealed record VerifierOptions
{
    /// <summary>Resolves verification methods (did:key, did:jwk locally; did:web and https per the resolver).</summary>
    public required IDidResolver Resolver { get; init; }

    /// <summary>Fetches status list credentials and hosted Open Badges 2.0 documents.</summary>
    public required IDocumentFetcher Fetcher { get; init; }

    /// <summary>The clock.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>JSON-LD options (document loader for contexts); the bundled contexts by default.</summary>
    public JsonLdOptions? JsonLd { get; init; }

    /// <summary>Whether to validate against the OB 3.0 / CLR 2.0 JSON Schemas and the VC data model rules.</summary>
    public bool ValidateSchema { get; init; } = true;

    /// <summary>Whether to check credentialStatus.</summary>
    public bool CheckStatus { get; init; } = true;

    /// <summary>
    /// Verified status list credentials to reuse (keyed by the fetched document instance), or null to
    /// verify every fetched list's proof each time (the default).
    /// </summary>
    public StatusListVerificationCache? StatusListCache { get; init; }

    /// <summary>The challenge a presentation's proof must carry.</summary>
    public string? Challenge { get; init; }

    /// <summary>The domain a presentation's proof must carry.</summary>
    public string? Domain { get; init; }

    /// <summary>The largest input accepted, in bytes.</summary>
    public int MaxInputBytes { get; init; } = 8 * 1024 * 1024;
}
