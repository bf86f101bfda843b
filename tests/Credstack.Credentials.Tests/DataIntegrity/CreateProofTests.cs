using System.Text.Json.Nodes;
using Credstack.Credentials.DataIntegrity;
using Credstack.Credentials.Keys;

namespace Credstack.Credentials.Tests.DataIntegrity;

/// <summary>
/// <see cref="DataIntegrityProofs.CreateProof"/>: the proof <see cref="DataIntegrityProofs.AddProof"/> would
/// add, made without copying or changing the document.
/// </summary>
public sealed class CreateProofTests
{
    private static readonly DateTimeOffset Created = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(DataIntegritySuites.EddsaJcs2022)]
    [InlineData(DataIntegritySuites.EddsaRdfc2022)]
    public void CreateProof_IsAddProofsProof_AndLeavesTheDocumentAsItWas(string suite)
    {
        using var key = SigningKey.Generate(KeyType.Ed25519);
        var signer = ProofSigner.ForDidKey(key);
        var options = new ProofOptions { Cryptosuite = suite, Created = Created };
        var document = EddsaVectorTests.Unsigned();
        var before = document.ToJsonString();

        var proof = DataIntegrityProofs.CreateProof(document, options, signer);

        Assert.Equal(before, document.ToJsonString());
        // Ed25519 signatures are deterministic: the same proof as the one AddProof adds.
        var secured = DataIntegrityProofs.AddProof(document, options, signer);
        Assert.Equal(secured["proof"]!.ToJsonString(), proof.ToJsonString());
        document["proof"] = proof;
        Assert.Equal(secured.ToJsonString(), document.ToJsonString());
        var prepared = DataIntegrityProofs.PrepareProof(document, proof);
        Assert.True(
            prepared.Value is { } p && DataIntegrityProofs.VerifySignature(p, key.PublicKey)
        );
    }

    [Fact]
    public void CreateProof_OfADocumentWithAProof_SignsItWithoutThatProof()
    {
        using var first = SigningKey.Generate(KeyType.Ed25519);
        using var second = SigningKey.Generate(KeyType.Ed25519);
        var options = new ProofOptions
        {
            Cryptosuite = DataIntegritySuites.EddsaRdfc2022,
            Created = Created,
        };
        var once = DataIntegrityProofs.AddProof(
            EddsaVectorTests.Unsigned(),
            options,
            ProofSigner.ForDidKey(first)
        );

        var proof = DataIntegrityProofs.CreateProof(once, options, ProofSigner.ForDidKey(second));

        var set = DataIntegrityProofs.AddProof(once, options, ProofSigner.ForDidKey(second));
        Assert.Equal(((JsonArray)set["proof"]!)[1]!.ToJsonString(), proof.ToJsonString());
        var withoutProof = EddsaVectorTests.Unsigned();
        var prepared = DataIntegrityProofs.PrepareProof(withoutProof, proof);
        Assert.True(
            prepared.Value is { } p && DataIntegrityProofs.VerifySignature(p, second.PublicKey)
        );
    }

    [Fact]
    public void CreateProof_RefusesAChainAndAnUnknownSuite()
    {
        using var key = SigningKey.Generate(KeyType.Ed25519);
        var signer = ProofSigner.ForDidKey(key);
        var document = EddsaVectorTests.Unsigned();
        Assert.Throws<ArgumentException>(() =>
            DataIntegrityProofs.CreateProof(
                document,
                new ProofOptions
                {
                    Cryptosuite = DataIntegritySuites.EddsaRdfc2022,
                    PreviousProof = ["urn:uuid:1"],
                },
                signer
            )
        );
        Assert.Throws<ArgumentException>(() =>
            DataIntegrityProofs.CreateProof(
                document,
                new ProofOptions { Cryptosuite = "ecdsa-rdfc-2019" },
                signer
            )
        );
    }
}
