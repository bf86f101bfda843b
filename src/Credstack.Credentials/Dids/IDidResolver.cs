namespace Credstack.Credentials.Dids;

/// <summary>
/// Resolves a DID (or an https URL of a controller or key document) to its document. Expected failures
/// (unknown method, not found, refused address, too large, timeout) are values, not exceptions; only
/// cancellation through the cancellation token throws. Dereference verification methods with
/// <see cref="DidResolverExtensions.DereferenceAsync"/>.
/// </summary>
public interface IDidResolver
{
    /// <summary>Resolves <paramref name="didOrUrl"/> (a fragment is ignored) to a document.</summary>
    ValueTask<ResolutionResult> ResolveAsync(string didOrUrl, CancellationToken cancellationToken);
}
