namespace Credstack.Server.Features.Organizations;

/// <summary>The identifier methods an organisation may issue under.</summary>
internal static class IssuerIdentifiers
{
    public const string DidKey = "did:key";
    public const string DidWeb = "did:web";
}
