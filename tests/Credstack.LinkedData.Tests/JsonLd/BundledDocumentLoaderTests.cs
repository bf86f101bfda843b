using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Credstack.LinkedData.JsonLd;
using Credstack.Tests.Shared;

namespace Credstack.LinkedData.Tests.JsonLd;

/// <summary>
/// The offline loader against the shared context index (../shared/contexts/index.json): one test case per
/// index entry, identified by its URL.
/// </summary>
public sealed class BundledDocumentLoaderTests
{
    private static readonly Lazy<JsonArray> Index = new(() =>
        JsonNode.Parse(File.ReadAllText(SharedData.PathOf("contexts", "index.json")))!.AsArray()
    );

    public static TheoryData<string> IndexUrls()
    {
        var data = new TheoryData<string>();
        foreach (var url in Urls())
        {
            data.Add(url);
        }
        return data;
    }

    private static List<string> Urls()
    {
        var urls = new List<string>();
        foreach (var entry in Index.Value)
        {
            urls.Add((string)entry!["url"]!);
        }
        return urls;
    }

    [Theory]
    [MemberData(nameof(IndexUrls))]
    public void Load_IndexedUrl_ServesTheContextDocument(string url)
    {
        var loader = BundledDocumentLoader.Instance;

        var document = loader.Load(url);

        Assert.True(loader.Contains(url));
        Assert.Equal(url, document.DocumentUrl);
        Assert.True(
            document.Document is JsonObject obj && obj.ContainsKey("@context"),
            $"{url} is not a JSON object with @context"
        );
    }

    [Theory]
    [MemberData(nameof(IndexUrls))]
    public void EmbeddedBytes_HashToTheIndexSha256(string url)
    {
        var expected = (string)EntryFor(url)["sha256"]!;

        var bundled = BundledFor(url);

        Assert.Equal(expected, Convert.ToHexStringLower(SHA256.HashData([.. bundled.Bytes])));
        Assert.Equal(expected, bundled.Sha256);
    }

    [Theory]
    [MemberData(nameof(IndexUrls))]
    public void EmbeddedBytes_EqualTheSharedFile(string url)
    {
        var sharedBytes = File.ReadAllBytes(SharedFilePath(url));

        Assert.Equal(sharedBytes, BundledFor(url).Bytes);
        Assert.Equal((long)EntryFor(url)["bytes"]!, sharedBytes.LongLength);
    }

    [Theory]
    [MemberData(nameof(IndexUrls))]
    public void SourceCopy_IsIdenticalToTheSharedFile(string url)
    {
        var fileName = Path.GetFileName((string)EntryFor(url)["file"]!);
        var sourcePath = Path.Combine(
            SharedData.RepositoryRoot,
            "src",
            "Credstack.LinkedData",
            "Contexts",
            fileName
        );

        Assert.True(File.Exists(sourcePath), $"{sourcePath} is missing");
        Assert.Equal(File.ReadAllBytes(SharedFilePath(url)), File.ReadAllBytes(sourcePath));
    }

    [Fact]
    public void SourceIndex_IsIdenticalToTheSharedIndex()
    {
        var sourceIndex = Path.Combine(
            SharedData.RepositoryRoot,
            "src",
            "Credstack.LinkedData",
            "Contexts",
            "index.json"
        );

        Assert.Equal(
            File.ReadAllBytes(SharedData.PathOf("contexts", "index.json")),
            File.ReadAllBytes(sourceIndex)
        );
    }

    [Fact]
    public void Contexts_ListExactlyTheIndexedUrls()
    {
        var indexed = Urls().Order(StringComparer.Ordinal);

        var bundled = BundledDocumentLoader
            .Instance.Contexts.Select(c => c.Url)
            .Order(StringComparer.Ordinal);

        Assert.Equal(indexed, bundled);
    }

    [Theory]
    [InlineData("https://example.com/contexts/unknown.jsonld")]
    [InlineData("https://www.w3.org/ns/credentials/v3")]
    [InlineData("https://w3id.org/security/suites/unknown/v1")]
    [InlineData("file:///etc/passwd")]
    [InlineData("")]
    public void Load_UnknownUrl_ThrowsLoadingDocumentFailed(string url)
    {
        var loader = BundledDocumentLoader.Instance;

        var ex = Assert.Throws<JsonLdException>(() => loader.Load(url));

        Assert.Equal(JsonLdErrorCodes.LoadingDocumentFailed, ex.Code);
        Assert.Equal("loading document failed", ex.Code);
        Assert.False(loader.Contains(url));
    }

    [Fact]
    public void Load_SameUrlTwice_SharesTheDocumentInstance()
    {
        const string url = "https://www.w3.org/ns/credentials/v2";

        var first = BundledDocumentLoader.Instance.Load(url);
        var second = BundledDocumentLoader.Instance.Load(url);

        Assert.Same(BundledDocumentLoader.Instance, BundledDocumentLoader.Instance);
        Assert.Same(first, second);
        Assert.Same(first.Document, second.Document);
    }

    private static JsonObject EntryFor(string url)
    {
        foreach (var entry in Index.Value)
        {
            if ((string)entry!["url"]! == url)
            {
                return entry.AsObject();
            }
        }
        throw new InvalidOperationException($"{url} is not in the shared index");
    }

    private static BundledContext BundledFor(string url) =>
        BundledDocumentLoader.Instance.Contexts.SingleOrDefault(c => c.Url == url)
        ?? throw new InvalidOperationException($"{url} is not bundled");

    private static string SharedFilePath(string url) =>
        SharedData.PathOf(["contexts", .. ((string)EntryFor(url)["file"]!).Split('/')]);
}
