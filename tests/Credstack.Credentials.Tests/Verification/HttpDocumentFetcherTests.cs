using System.Text.Json.Nodes;
using Credstack.Credentials.Dids;
using Credstack.Credentials.Tests.Dids;
using Credstack.Credentials.Verification;

namespace Credstack.Credentials.Tests.Verification;

/// <summary>The https document fetcher against a local server (loopback allowed only here).</summary>
public sealed class HttpDocumentFetcherTests
{
    private static readonly HttpResolverOptions LocalOptions = new()
    {
        AllowLoopback = true,
        AllowInsecureHttp = true,
        MaxResponseBytes = 4096,
        // Generous: the server answers at once, but a clean-clone CI run builds and tests several
        // projects on 2 cores at the same time (2 s timed out there once).
        Timeout = TimeSpan.FromSeconds(30),
    };

    [Fact]
    public async Task Fetch_JsonWithLeadingWhitespaceAndBom_IsAnObject()
    {
        await using var server = new LocalHttpServer();
        server.Respond("/list", "200 OK", "\uFEFF\n  {\"id\":\"x\"}");
        using var fetcher = new HttpDocumentFetcher(LocalOptions);
        var result = await fetcher.FetchAsync(server.Url("/list"), CancellationToken.None);
        Assert.True(result.Document is JsonObject, result.Error ?? result.Document?.ToJsonString());
    }

    [Fact]
    public async Task Fetch_CompactJwt_IsAString()
    {
        await using var server = new LocalHttpServer();
        server.Respond("/list", "200 OK", "eyJhbGciOiJFUzI1NiJ9.e30.c2ln\n");
        using var fetcher = new HttpDocumentFetcher(LocalOptions);
        var result = await fetcher.FetchAsync(server.Url("/list"), CancellationToken.None);
        Assert.Equal("eyJhbGciOiJFUzI1NiJ9.e30.c2ln", (string?)(result.Document as JsonValue));
    }

    [Fact]
    public async Task Fetch_LoopbackByDefault_IsRefused()
    {
        await using var server = new LocalHttpServer();
        server.Respond("/list", "200 OK", "{}");
        using var fetcher = new HttpDocumentFetcher(
            new HttpResolverOptions { AllowInsecureHttp = true }
        );
        var result = await fetcher.FetchAsync(server.Url("/list"), CancellationToken.None);
        Assert.Null(result.Document);
        Assert.False(result.Unavailable);
    }

    [Fact]
    public async Task Fetch_TooLarge_Fails()
    {
        await using var server = new LocalHttpServer();
        server.Respond("/list", "200 OK", "{\"a\":\"" + new string('x', 10_000) + "\"}");
        using var fetcher = new HttpDocumentFetcher(LocalOptions);
        var result = await fetcher.FetchAsync(server.Url("/list"), CancellationToken.None);
        Assert.Null(result.Document);
    }
}
