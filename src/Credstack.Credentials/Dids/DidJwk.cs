using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using Credstack.Credentials.Keys;

namespace Credstack.Credentials.Dids;

/// <summary>
/// The did:jwk method: the DID is <c>did:jwk:</c> + base64url(UTF-8 JWK JSON); the document has one
/// method <c>#0</c> of type JsonWebKey holding that JWK.
/// </summary>
public static class DidJwk
{
    /// <summary>The method prefix.</summary>
    public const string Prefix = "did:jwk:";

    private const int MaxLength = 8192;

    /// <summary>The did:jwk of a public key (its minimal public JWK).</summary>
    public static string FromPublicKey(VerificationKey key) =>
        Prefix + Multibase.EncodeBase64Url(Encoding.UTF8.GetBytes(key.ToJwk().ToJsonString()))[1..];

    /// <summary>Builds the DID document of a did:jwk (fragment ignored).</summary>
    public static ResolutionResult Resolve(string did)
    {
        if (!did.StartsWith(Prefix, StringComparison.Ordinal) || did.Length > MaxLength)
        {
            return ResolutionResult.Failure(ResolutionErrorCode.InvalidDid, "not a did:jwk");
        }
        var hash = did.IndexOf('#', StringComparison.Ordinal);
        var bare = hash < 0 ? did : did[..hash];
        if (!Multibase.TryDecode("u" + bare[Prefix.Length..], out var json))
        {
            return ResolutionResult.Failure(
                ResolutionErrorCode.InvalidDid,
                "the did:jwk value is not base64url"
            );
        }
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 8 });
        }
        catch (JsonException)
        {
            return ResolutionResult.Failure(
                ResolutionErrorCode.InvalidDid,
                "the did:jwk value is not JSON"
            );
        }
        using (doc)
        {
            if (!VerificationKey.TryFromJwk(doc.RootElement, out var key, out var error))
            {
                return ResolutionResult.Failure(ResolutionErrorCode.InvalidPublicKey, error);
            }
            var vmId = bare + "#0";
            var vm = new VerificationMethod(vmId, VerificationMethod.JsonWebKeyType, bare, key);
            return ResolutionResult.Success(
                DidDocument.ForSingleKey(bare, "https://w3id.org/security/jwk/v1", vm)
            );
        }
    }
}
