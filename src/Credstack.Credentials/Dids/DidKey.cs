using System.Collections.Immutable;
using System.Text.Json;
using Credstack.Credentials.Keys;

namespace Credstack.Credentials.Dids;

/// <summary>Which verification method type a did:key document uses.</summary>
public enum DidKeyView
{
    /// <summary>The did:key spec's default: a <c>Multikey</c> verification method.</summary>
    Multikey,

    /// <summary>An <c>Ed25519VerificationKey2020</c> method (Ed25519 keys only), for Ed25519Signature2020 users.</summary>
    Ed25519VerificationKey2020,
}

/// <summary>
/// The did:key method (W3C CCG did:key v0.9): the DID is <c>did:key:</c> + the public key's Multikey text,
/// and the document is generated from it locally (§3.1.1 Document Creation Algorithm).
/// </summary>
public static class DidKey
{
    /// <summary>The method prefix.</summary>
    public const string Prefix = "did:key:";

    /// <summary>The DID for a public key (Ed25519 <c>z6Mk…</c>, P-256 <c>zDn…</c>).</summary>
    public static string FromPublicKey(VerificationKey key) => Prefix + key.ToMultikey();

    /// <summary>The verification method id of a did:key: <c>did:key:z…#z…</c>.</summary>
    public static string VerificationMethodId(string did) => did + "#" + did[Prefix.Length..];

    /// <summary>The public key a did:key (fragment ignored) names; false with a message when it names none.</summary>
    public static bool TryGetKey(string did, out VerificationKey? key, out string? error)
    {
        key = null;
        if (!did.StartsWith(Prefix, StringComparison.Ordinal))
        {
            error = "not a did:key";
            return false;
        }
        var msid = did[Prefix.Length..];
        var hash = msid.IndexOf('#', StringComparison.Ordinal);
        if (hash >= 0)
        {
            msid = msid[..hash];
        }
        // did:key §3.1.2: the method-specific id is "z" + base58btc(multicodec key), nothing else.
        if (msid.Length == 0 || msid[0] != 'z' || msid.AsSpan().IndexOfAny(':', '/', '?') >= 0)
        {
            error = $"'{did}' is not a valid did:key (expected did:key:z…)";
            return false;
        }
        return VerificationKey.TryFromMultikey(msid, out key, out error);
    }

    /// <summary>Builds the DID document of a did:key (fragment ignored).</summary>
    public static ResolutionResult Resolve(string did, DidKeyView view = DidKeyView.Multikey)
    {
        if (!TryGetKey(did, out var key, out var error))
        {
            return ResolutionResult.Failure(ResolutionErrorCode.InvalidDid, error!);
        }
        var hash = did.IndexOf('#', StringComparison.Ordinal);
        var bare = hash < 0 ? did : did[..hash];
        if (view == DidKeyView.Ed25519VerificationKey2020 && key!.Type != KeyType.Ed25519)
        {
            return ResolutionResult.Failure(
                ResolutionErrorCode.InvalidPublicKey,
                "the Ed25519VerificationKey2020 view needs an Ed25519 did:key"
            );
        }
        return ResolutionResult.Success(CreateDocument(bare, key!, view));
    }

    private static DidDocument CreateDocument(string did, VerificationKey key, DidKeyView view)
    {
        var vmId = VerificationMethodId(did);
        var type =
            view == DidKeyView.Ed25519VerificationKey2020
                ? VerificationMethod.Ed25519VerificationKey2020Type
                : VerificationMethod.MultikeyType;
        var vm = new VerificationMethod(vmId, type, did, key);
        return DidDocument.ForSingleKey(
            did,
            view == DidKeyView.Ed25519VerificationKey2020
                ? "https://w3id.org/security/suites/ed25519-2020/v1"
                : "https://w3id.org/security/multikey/v1",
            vm
        );
    }
}
