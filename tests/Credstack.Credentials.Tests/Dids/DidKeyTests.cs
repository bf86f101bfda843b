using System.Text.Json;
using Credstack.Credentials.Dids;
using Credstack.Credentials.Keys;
using Credstack.Tests.Shared;

namespace Credstack.Credentials.Tests.Dids;

public sealed class DidKeyTests
{
    private static string VectorPublicKey()
    {
        using var doc = JsonDocument.Parse(
            File.ReadAllText(
                SharedData.PathOf("vectors", "vc-di-eddsa", "TestVectors", "keyPair.json")
            )
        );
        return doc.RootElement.GetProperty("publicKeyMultibase").GetString()!;
    }

    [Fact]
    public void Resolve_VectorKey_BuildsTheDidKeyDocument()
    {
        var pub = VectorPublicKey();
        var did = DidKey.FromPublicKey(VerificationKey.FromMultikey(pub));
        Assert.Equal("did:key:" + pub, did);
        var result = DidKey.Resolve(did);
        Assert.True(result.IsSuccess);
        var doc = result.Document;
        Assert.Equal(did, doc.Id);
        var vm = Assert.Single(doc.VerificationMethods);
        Assert.Equal($"{did}#{pub}", vm.Id);
        Assert.Equal("Multikey", vm.Type);
        Assert.Equal(did, vm.Controller);
        Assert.Equal(pub, vm.PublicKeyMultibase);
        Assert.Equal(vm.Id, Assert.Single(doc.AssertionMethod));
        Assert.True(doc.IsAssertionMethod(vm.Id));
        using var json = JsonDocument.Parse(doc.Json);
        Assert.Equal(
            "https://w3id.org/security/multikey/v1",
            json.RootElement.GetProperty("@context")[1].GetString()
        );
        Assert.Equal(
            pub,
            json.RootElement.GetProperty("verificationMethod")[0]
                .GetProperty("publicKeyMultibase")
                .GetString()
        );
        Assert.Equal(vm.Id, json.RootElement.GetProperty("assertionMethod")[0].GetString());
    }

    [Fact]
    public void Resolve_Ed25519VerificationKey2020View_UsesThe2020Type()
    {
        var did = "did:key:" + VectorPublicKey();
        var result = DidKey.Resolve(did, DidKeyView.Ed25519VerificationKey2020);
        Assert.True(result.IsSuccess);
        var vm = Assert.Single(result.Document.VerificationMethods);
        Assert.Equal("Ed25519VerificationKey2020", vm.Type);
        Assert.Contains(
            "https://w3id.org/security/suites/ed25519-2020/v1",
            result.Document.Json,
            StringComparison.Ordinal
        );
    }

    [Fact]
    public async Task Dereference_VectorVerificationMethod_YieldsTheKey()
    {
        var pub = VectorPublicKey();
        using var resolver = new DidResolver();
        var result = await resolver.DereferenceAsync(
            $"did:key:{pub}#{pub}",
            CancellationToken.None
        );
        Assert.True(result.IsSuccess);
        Assert.Equal(pub, result.VerificationMethod.Key!.ToMultikey());
    }

    [Fact]
    public async Task Dereference_DidKeyWithoutFragment_NamesItsOnlyMethod()
    {
        // 1EdTech's simple-did-key-method.json uses the bare did:key as verificationMethod.
        const string Did = "did:key:z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi";
        using var resolver = new DidResolver();
        var result = await resolver.DereferenceAsync(Did, CancellationToken.None);
        Assert.True(result.IsSuccess);
        Assert.Equal(
            Did + "#z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi",
            result.VerificationMethod.Id
        );
        Assert.True(ControllerCheck.IsControlledBy(result.VerificationMethod, Did));
    }

    [Fact]
    public void P256DidKey_StartsWithZDn_AndResolves()
    {
        using var key = SigningKey.Generate(KeyType.P256);
        var did = DidKey.FromPublicKey(key.PublicKey);
        Assert.StartsWith("did:key:zDn", did, StringComparison.Ordinal);
        var result = DidKey.Resolve(did);
        Assert.True(result.IsSuccess);
        Assert.True(result.Document.VerificationMethods[0].Key!.SameKeyAs(key.PublicKey));
        Assert.False(DidKey.Resolve(did, DidKeyView.Ed25519VerificationKey2020).IsSuccess);
    }

    [Theory]
    [InlineData("did:key:")]
    [InlineData("did:key:6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi")]
    [InlineData("did:key:z6MkjZRsdasZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi")]
    [InlineData("did:key:z0000")]
    [InlineData("did:key:z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi:extra")]
    public void Resolve_InvalidDidKey_IsAnInvalidDidError(string did)
    {
        var result = DidKey.Resolve(did);
        Assert.False(result.IsSuccess);
        Assert.Equal(ResolutionErrorCode.InvalidDid, result.Error.Code);
    }

    [Fact]
    public void DidJwk_RoundTripsAKey()
    {
        using var key = SigningKey.Generate(KeyType.P256);
        var did = DidJwk.FromPublicKey(key.PublicKey);
        Assert.StartsWith("did:jwk:eyJ", did, StringComparison.Ordinal);
        var result = DidJwk.Resolve(did + "#0");
        Assert.True(result.IsSuccess);
        var vm = result.Document.FindVerificationMethod("#0");
        Assert.NotNull(vm);
        Assert.Equal("JsonWebKey", vm.Type);
        Assert.True(vm.Key!.SameKeyAs(key.PublicKey));
    }

    [Theory]
    [InlineData("did:jwk:!!!")]
    [InlineData("did:jwk:bm90IGpzb24")]
    [InlineData("did:jwk:eyJrdHkiOiJvY3QiLCJrIjoiQUFBQSJ9")]
    public void DidJwk_RefusesMalformedValues(string did) =>
        Assert.False(DidJwk.Resolve(did).IsSuccess);

    [Fact]
    public async Task DefaultResolver_RefusesUnknownMethodsAndSchemes()
    {
        using var resolver = new DidResolver();
        var unknown = await resolver.ResolveAsync("did:example:123", CancellationToken.None);
        Assert.Equal(ResolutionErrorCode.MethodNotSupported, unknown.Error!.Code);
        var noScheme = await resolver.DereferenceAsync(
            "z6MkrvfzkMnvCroEUP2DVc9SHPE48CRsvHiVSusHioxTYu1x",
            CancellationToken.None
        );
        Assert.Equal(ResolutionErrorCode.InvalidDid, noScheme.Error!.Code);
        var scheme = await resolver.DereferenceAsync(
            "xxx:z6MkrvfzkMnvCroEUP2DVc9SHPE48CRsvHiVSusHioxTYu1x",
            CancellationToken.None
        );
        Assert.Equal(ResolutionErrorCode.InvalidDid, scheme.Error!.Code);
    }
}
