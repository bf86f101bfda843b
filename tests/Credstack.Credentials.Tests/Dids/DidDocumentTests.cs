using System.Text;
using Credstack.Credentials.Dids;
using Credstack.Credentials.Keys;

namespace Credstack.Credentials.Tests.Dids;

public sealed class DidDocumentTests
{
    private const string Key = "z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi";

    private static ResolutionResult Parse(string json, string? expectedId) =>
        DidDocument.Parse(Encoding.UTF8.GetBytes(json), expectedId);

    [Fact]
    public void Parse_ControllerDocument_ResolvesRelativeIdsAndRelationships()
    {
        var json = $$"""
            {"id":"https://1edtech.edu/issuers/565049",
             "verificationMethod":[{"id":"#{{Key}}","type":"Multikey","controller":"https://1edtech.edu/issuers/565049","publicKeyMultibase":"{{Key}}"}],
             "assertionMethod":["#{{Key}}"]}
            """;
        var result = Parse(json, "https://1edtech.edu/issuers/565049");
        Assert.True(result.IsSuccess);
        var vm = result.Document.FindVerificationMethod(
            $"https://1edtech.edu/issuers/565049#{Key}"
        );
        Assert.NotNull(vm);
        Assert.NotNull(vm.Key);
        Assert.True(result.Document.IsAssertionMethod(vm.Id));
        Assert.True(ControllerCheck.IsControlledBy(vm, "https://1edtech.edu/issuers/565049"));
        Assert.False(ControllerCheck.IsControlledBy(vm, "https://evil.example/issuers/565049"));
        Assert.Equal(
            ResolutionErrorCode.ControllerMismatch,
            ControllerCheck.Check(vm, "https://evil.example")!.Code
        );
    }

    [Fact]
    public void Parse_KeyDocument_IsItsOwnVerificationMethod()
    {
        var json =
            $$"""{"id":"https://example.com/keys/1","type":"Multikey","controller":"https://example.com/issuer","publicKeyMultibase":"{{Key}}"}""";
        var result = Parse(json, "https://example.com/keys/1");
        Assert.True(result.IsSuccess);
        var vm = result.Document.FindVerificationMethod("https://example.com/keys/1");
        Assert.NotNull(vm);
        Assert.Equal("https://example.com/issuer", vm.Controller);
        Assert.True(vm.Key!.SameKeyAs(VerificationKey.FromMultikey(Key)));
    }

    [Fact]
    public void Parse_EmbeddedAssertionMethod_IsFound()
    {
        var json =
            $$"""{"id":"did:web:example.com","assertionMethod":[{"id":"#k","type":"Ed25519VerificationKey2020","controller":"did:web:example.com","publicKeyMultibase":"{{Key}}"}]}""";
        var result = Parse(json, "did:web:example.com");
        Assert.True(result.IsSuccess);
        Assert.NotNull(result.Document.FindVerificationMethod("did:web:example.com#k"));
        Assert.True(result.Document.IsAssertionMethod("did:web:example.com#k"));
        Assert.True(
            ControllerCheck.IsControlledBy(
                result.Document.VerificationMethods[0],
                "did:web:example.com#issuer"
            )
        );
    }

    [Fact]
    public void Parse_BadKeyMaterial_IsKeptAsAKeyError()
    {
        var json =
            """{"id":"https://example.edu/issuers/565049","verificationMethod":[{"id":"#k","type":"Multikey","publicKeyMultibase":"z6MkjZRsdasZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi"}]}""";
        var result = Parse(json, null);
        Assert.True(result.IsSuccess);
        var vm = result.Document.VerificationMethods[0];
        Assert.Null(vm.Key);
        Assert.NotNull(vm.KeyError);
        Assert.Equal("https://example.edu/issuers/565049", vm.Controller);
    }

    [Theory]
    [InlineData("not json", ResolutionErrorCode.InvalidDocument)]
    [InlineData("[]", ResolutionErrorCode.InvalidDocument)]
    [InlineData("""{"name":"no id"}""", ResolutionErrorCode.InvalidDocument)]
    [InlineData("""{"id":"https://other.example/"}""", ResolutionErrorCode.IdMismatch)]
    public void Parse_RefusesBadDocuments(string json, ResolutionErrorCode code)
    {
        var result = Parse(json, "https://example.com/issuer");
        Assert.False(result.IsSuccess);
        Assert.Equal(code, result.Error.Code);
    }

    [Fact]
    public async Task OfflineResolver_ReadsDidFilePairs_AndRefusesTheNetwork()
    {
        var dir = Directory.CreateTempSubdirectory("credstack-did-").FullName;
        try
        {
            var path = Path.Combine(dir, "did.json");
            await File.WriteAllTextAsync(
                path,
                $$"""{"id":"did:web:example.com","verificationMethod":[{"id":"did:web:example.com#k","type":"Multikey","controller":"did:web:example.com","publicKeyMultibase":"{{Key}}"}]}"""
            );
            var resolver = OfflineDidResolver.FromPairs([$"did:web:example.com={path}"]);
            var found = await resolver.DereferenceAsync(
                "did:web:example.com#k",
                CancellationToken.None
            );
            Assert.True(found.IsSuccess);
            var missing = await resolver.DereferenceAsync(
                "did:web:other.example#k",
                CancellationToken.None
            );
            Assert.Equal(ResolutionErrorCode.NetworkDisabled, missing.Error!.Code);
            var https = await resolver.ResolveAsync(
                "https://example.com/issuer",
                CancellationToken.None
            );
            Assert.Equal(ResolutionErrorCode.NetworkDisabled, https.Error!.Code);
            var didKey = await resolver.DereferenceAsync("did:key:" + Key, CancellationToken.None);
            Assert.True(didKey.IsSuccess);
            var notFound = await resolver.DereferenceAsync(
                "did:web:example.com#nope",
                CancellationToken.None
            );
            Assert.Equal(ResolutionErrorCode.VerificationMethodNotFound, notFound.Error!.Code);
            Assert.Throws<ArgumentException>(() =>
                OfflineDidResolver.FromPairs(["no-equals-sign"])
            );
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
