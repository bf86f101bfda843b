namespace Credstack.Credentials.Dids;

/// <summary>Dereferencing verification method ids through any <see cref="IDidResolver"/>.</summary>
public static class DidResolverExtensions
{
    /// <summary>
    /// Dereferences a verification method id (a DID URL or URL with a fragment, or a key document URL) to the
    /// method, with its key read. A did:key without a fragment names its one method (<c>did:key:z…#z…</c>).
    /// </summary>
    public static async ValueTask<DereferenceResult> DereferenceAsync(
        this IDidResolver resolver,
        string verificationMethodId,
        CancellationToken cancellationToken
    )
    {
        ArgumentNullException.ThrowIfNull(resolver);
        if (string.IsNullOrEmpty(verificationMethodId))
        {
            return DereferenceResult.Failure(
                ResolutionErrorCode.InvalidDid,
                "the verification method id is empty"
            );
        }
        var hash = verificationMethodId.IndexOf('#', StringComparison.Ordinal);
        var documentId = hash < 0 ? verificationMethodId : verificationMethodId[..hash];
        var resolved = await resolver
            .ResolveAsync(documentId, cancellationToken)
            .ConfigureAwait(false);
        if (!resolved.IsSuccess)
        {
            return DereferenceResult.Failure(resolved.Error);
        }
        var document = resolved.Document;
        var id = verificationMethodId;
        if (hash < 0 && documentId.StartsWith(DidKey.Prefix, StringComparison.Ordinal))
        {
            id = DidKey.VerificationMethodId(documentId);
        }
        var method = document.FindVerificationMethod(id);
        if (method is null)
        {
            return DereferenceResult.Failure(
                ResolutionErrorCode.VerificationMethodNotFound,
                $"the document {document.Id} has no verification method '{verificationMethodId}'"
            );
        }
        if (method.Key is null)
        {
            return DereferenceResult.Failure(
                ResolutionErrorCode.InvalidPublicKey,
                $"the verification method '{method.Id}' has no usable key: {method.KeyError}"
            );
        }
        return DereferenceResult.Success(method, document);
    }
}
