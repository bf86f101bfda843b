using Credstack.Credentials.Dids;

namespace Credstack.Credentials.Tests.Dids;

public sealed class DidWebTests
{
    [Theory]
    // did:web spec §3.2 examples.
    [InlineData("did:web:w3c-ccg.github.io", "https://w3c-ccg.github.io/.well-known/did.json")]
    [InlineData(
        "did:web:w3c-ccg.github.io:user:alice",
        "https://w3c-ccg.github.io/user/alice/did.json"
    )]
    [InlineData(
        "did:web:example.com%3A3000:user:alice",
        "https://example.com:3000/user/alice/did.json"
    )]
    [InlineData("did:web:example.com:user:alice", "https://example.com/user/alice/did.json")]
    [InlineData("did:web:example.com#key-1", "https://example.com/.well-known/did.json")]
    [InlineData("did:web:example.com%3a8443", "https://example.com:8443/.well-known/did.json")]
    [InlineData("did:web:example.com:a%20b", "https://example.com/a%20b/did.json")]
    public void TryGetUrl_MapsTheDidToItsDocumentUrl(string did, string url)
    {
        Assert.True(DidWeb.TryGetUrl(did, out var mapped, out _));
        Assert.Equal(url, mapped.AbsoluteUri);
    }

    [Theory]
    [InlineData("did:web:")]
    [InlineData("did:web:example.com/path")]
    [InlineData("did:web:example.com?x=1")]
    [InlineData("did:web:exa mple.com")]
    [InlineData("did:web:example.com::alice")]
    [InlineData("did:web:example.com:..:etc")]
    [InlineData("did:web:example.com:a%2Fb")]
    [InlineData("did:web:example.com%3A")]
    [InlineData("did:web:example.com%3A99999")]
    [InlineData("did:web:user@example.com")]
    [InlineData("did:key:z6Mk")]
    public void TryGetUrl_RefusesInvalidDids(string did)
    {
        Assert.False(DidWeb.TryGetUrl(did, out _, out var error));
        Assert.NotEmpty(error);
    }
}
