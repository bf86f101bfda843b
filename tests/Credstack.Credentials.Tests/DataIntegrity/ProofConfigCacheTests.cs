using System.Text.Json.Nodes;
using Credstack.Credentials.DataIntegrity;
using Credstack.Credentials.Keys;

namespace Credstack.Credentials.Tests.DataIntegrity;

/// <summary>
/// The canonical proof configuration is cached by its full JSON text: proofs that differ in any proof
/// option, or documents that differ in @context, must never share an entry.
/// </summary>
public sealed class ProofConfigCacheTests
{
    public static TheoryData<string> Suites =>
        new() { DataIntegritySuites.EddsaRdfc2022, DataIntegritySuites.EddsaJcs2022 };

    [Theory]
    [MemberData(nameof(Suites))]
    public void Verify_ProofWhoseCreatedDiffersFromTheSignedOne_FailsAfterTheSignedOneVerified(
        string suite
    )
    {
        using var key = SigningKey.Generate(KeyType.Ed25519);
        var signer = ProofSigner.ForDidKey(key);
        var options = new ProofOptions
        {
            Cryptosuite = suite,
            Created = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero),
        };
        var secured = DataIntegrityProofs.AddProof(EddsaVectorTests.Unsigned(), options, signer);
        Assert.True(Verify(secured, key));

        // The same proof value under a configuration that differs by one second.
        var tampered = (JsonObject)secured.DeepClone();
        tampered["proof"]!["created"] = "2024-01-01T00:00:01Z";
        Assert.False(Verify(tampered, key));
        // And the original still verifies afterwards (the cache holds both, separately).
        Assert.True(Verify(secured, key));
    }

    [Theory]
    [MemberData(nameof(Suites))]
    public void SignAndVerify_ProofOptionWithALoneSurrogate_RoundTrips(string suite)
    {
        using var key = SigningKey.Generate(KeyType.Ed25519);
        var signer = ProofSigner.ForDidKey(key);
        var options = new ProofOptions
        {
            Cryptosuite = suite,
            Created = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero),
            Nonce = "n\ud800",
        };
        var secured = DataIntegrityProofs.AddProof(EddsaVectorTests.Unsigned(), options, signer);
        Assert.True(Verify(secured, key));
    }

    private static bool Verify(JsonObject secured, SigningKey key)
    {
        var prepared = DataIntegrityProofs.PrepareProof(secured, (JsonObject)secured["proof"]!);
        return prepared.Value is { } p && DataIntegrityProofs.VerifySignature(p, key.PublicKey);
    }
}
