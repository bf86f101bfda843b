using System.Net;
using Credstack.Credentials.Dids;

namespace Credstack.Credentials.Tests.Dids;

public sealed class HttpDocumentResolverTests
{
    private const string Key = "z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi";

    private static readonly HttpResolverOptions LocalOptions = new()
    {
        AllowLoopback = true,
        AllowInsecureHttp = true,
        MaxResponseBytes = 4096,
        Timeout = TimeSpan.FromSeconds(2),
    };

    private static string Document(string id) =>
        $$"""{"id":"{{id}}","verificationMethod":[{"id":"{{id}}#k","type":"Multikey","controller":"{{id}}","publicKeyMultibase":"{{Key}}"}],"assertionMethod":["{{id}}#k"]}""";

    [Theory]
    [InlineData("https://127.0.0.1:1/issuer")]
    [InlineData("https://[::1]:1/issuer")]
    [InlineData("https://localhost:1/issuer")]
    [InlineData("https://10.1.2.3/issuer")]
    [InlineData("https://169.254.169.254/latest/meta-data")]
    [InlineData("https://[::ffff:127.0.0.1]:1/issuer")]
    [InlineData("did:web:127.0.0.1%3A1")]
    public async Task Resolve_LoopbackOrPrivateAddress_IsRefusedByDefault(string url)
    {
        using var resolver = new HttpDocumentResolver();
        var result = await resolver.ResolveAsync(url, CancellationToken.None);
        Assert.False(result.IsSuccess);
        Assert.Equal(ResolutionErrorCode.AddressRefused, result.Error.Code);
    }

    [Fact]
    public async Task ConnectCallback_RefusesANameThatResolvesToLoopback()
    {
        // Bypass the resolver's literal check: the handler alone must refuse at connect time.
        using var client = new HttpClient(
            HttpDocumentResolver.CreateHandler(new HttpResolverOptions())
        );
        var e = await Assert.ThrowsAsync<HttpRequestException>(() =>
            client.GetAsync(new Uri("http://localhost:1/"))
        );
        Assert.Contains("loopback", e.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resolve_PlainHttp_IsRefusedByDefault()
    {
        using var resolver = new HttpDocumentResolver();
        var result = await resolver.ResolveAsync(
            "http://example.com/issuer",
            CancellationToken.None
        );
        Assert.Equal(ResolutionErrorCode.InsecureScheme, result.Error!.Code);
    }

    [Fact]
    public async Task Resolve_LocalDocument_WhenLoopbackAllowed()
    {
        await using var server = new LocalHttpServer();
        var id = server.Url("/issuer");
        server.Respond("/issuer", "200 OK", Document(id));
        using var resolver = new HttpDocumentResolver(LocalOptions);
        var result = await resolver.DereferenceAsync(id + "#k", CancellationToken.None);
        Assert.True(result.IsSuccess, result.Error?.Message);
        Assert.True(result.Document.IsAssertionMethod(id + "#k"));
    }

    [Fact]
    public async Task Resolve_Redirect_IsRefused()
    {
        await using var server = new LocalHttpServer();
        server.Respond(
            "/issuer",
            "302 Found",
            "",
            extraHeaders: $"Location: {server.Url("/other")}\r\n"
        );
        server.Respond("/other", "200 OK", Document(server.Url("/issuer")));
        using var resolver = new HttpDocumentResolver(LocalOptions);
        var result = await resolver.ResolveAsync(server.Url("/issuer"), CancellationToken.None);
        Assert.Equal(ResolutionErrorCode.RedirectRefused, result.Error!.Code);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Resolve_OversizedDocument_IsRefused(bool withLength)
    {
        await using var server = new LocalHttpServer();
        var id = server.Url("/big");
        var padding = new string(' ', 100_000);
        server.Respond(
            "/big",
            "200 OK",
            "{\"id\":\"" + id + "\"," + padding + "\"x\":1}",
            withLength
        );
        using var resolver = new HttpDocumentResolver(LocalOptions);
        var result = await resolver.ResolveAsync(id, CancellationToken.None);
        Assert.Equal(ResolutionErrorCode.TooLarge, result.Error!.Code);
    }

    [Fact]
    public async Task Resolve_DocumentWithAnotherId_IsAnIdMismatch()
    {
        await using var server = new LocalHttpServer();
        server.Respond("/issuer", "200 OK", Document("https://elsewhere.example/issuer"));
        using var resolver = new HttpDocumentResolver(LocalOptions);
        var result = await resolver.ResolveAsync(server.Url("/issuer"), CancellationToken.None);
        Assert.Equal(ResolutionErrorCode.IdMismatch, result.Error!.Code);
    }

    [Fact]
    public async Task Resolve_MissingDocument_IsNotFound()
    {
        await using var server = new LocalHttpServer();
        using var resolver = new HttpDocumentResolver(LocalOptions);
        var result = await resolver.ResolveAsync(server.Url("/nothing"), CancellationToken.None);
        Assert.Equal(ResolutionErrorCode.NotFound, result.Error!.Code);
    }

    [Fact]
    public async Task Resolve_SlowServer_TimesOut()
    {
        await using var server = new LocalHttpServer();
        server.Hang("/slow");
        using var resolver = new HttpDocumentResolver(
            new HttpResolverOptions
            {
                AllowLoopback = true,
                AllowInsecureHttp = true,
                Timeout = TimeSpan.FromMilliseconds(300),
            }
        );
        var result = await resolver.ResolveAsync(server.Url("/slow"), CancellationToken.None);
        Assert.Equal(ResolutionErrorCode.Timeout, result.Error!.Code);
    }

    [Fact]
    public async Task Resolve_CallerCancellation_Throws()
    {
        await using var server = new LocalHttpServer();
        server.Hang("/slow");
        using var resolver = new HttpDocumentResolver(LocalOptions);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
            await resolver.ResolveAsync(server.Url("/slow"), cts.Token)
        );
    }

    [Theory]
    [InlineData("127.0.0.1", false, true)]
    [InlineData("127.0.0.1", true, false)]
    [InlineData("::1", false, true)]
    [InlineData("10.0.0.1", true, true)]
    [InlineData("172.16.5.4", true, true)]
    [InlineData("172.32.0.1", false, false)]
    [InlineData("192.168.1.1", true, true)]
    [InlineData("169.254.169.254", true, true)]
    [InlineData("100.64.0.1", true, true)]
    [InlineData("0.0.0.0", true, true)]
    [InlineData("224.0.0.1", true, true)]
    [InlineData("fe80::1", true, true)]
    [InlineData("fd00::1", true, true)]
    [InlineData("::ffff:10.0.0.1", true, true)]
    [InlineData("::", true, true)]
    [InlineData("8.8.8.8", false, false)]
    [InlineData("2606:4700:4700::1111", false, false)]
    public void AddressPolicy_RefusesNonPublicAddresses(
        string address,
        bool allowLoopback,
        bool refused
    ) =>
        Assert.Equal(
            refused,
            AddressPolicy.Refusal(IPAddress.Parse(address), allowLoopback) is not null
        );
}
