using System.Text.Json.Nodes;
using Credstack.Credentials.DataIntegrity;
using Credstack.Credentials.Keys;

namespace Credstack.Credentials.Tests.DataIntegrity;

/// <summary>
/// AddProof hashes the caller's document in place (skipping its proof member) instead of its copy: the
/// secured document must be the same whether the input is lazily parsed or already read, carries a
/// proof set or a null proof, and the input must come out unchanged. The new proof must verify: a null
/// proof member is left out of what is signed, as verification leaves it out of what it hashes.
/// </summary>
public sealed class AddProofInputTests
{
    public static TheoryData<string, string> Inputs()
    {
        var data = new TheoryData<string, string>();
        foreach (
            var suite in new[]
            {
                DataIntegritySuites.EddsaRdfc2022,
                DataIntegritySuites.EddsaJcs2022,
                DataIntegritySuites.Ed25519Signature2020,
            }
        )
        {
            data.Add(suite, "none");
            data.Add(suite, "null");
            data.Add(suite, "one");
            data.Add(suite, "two");
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void AddProof_LazyOrReadInput_SameSecuredDocumentAndInputUnchanged(
        string suite,
        string proofs
    )
    {
        using var key = SigningKey.Generate(KeyType.Ed25519);
        var signer = ProofSigner.ForDidKey(key);
        var options = new ProofOptions
        {
            Cryptosuite = suite,
            Created = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero),
        };
        var unsigned = EddsaVectorTests.Unsigned();
        var earlier = new ProofOptions
        {
            Cryptosuite = DataIntegritySuites.EddsaJcs2022,
            Id = "urn:uuid:4a3e9a57-6f1b-4d5e-9a55-0d1f1d0b6c11",
        };
        JsonObject input = proofs switch
        {
            "none" => unsigned,
            "null" => With(unsigned, null),
            "one" => DataIntegrityProofs.AddProof(unsigned, earlier, signer),
            _ => DataIntegrityProofs.AddProof(
                DataIntegrityProofs.AddProof(unsigned, earlier, signer),
                earlier with
                {
                    Id = "urn:uuid:9c1b0f0e-2b8f-4f57-8d59-6a0e7f6f2a22",
                },
                signer
            ),
        };
        var text = input.ToJsonString();
        var lazy = (JsonObject)JsonNode.Parse(text)!;
        var read = (JsonObject)JsonNode.Parse(text)!;
        _ = read.ToJsonString();
        foreach (var node in read.AsEnumerable())
        {
            _ = node.Value?.ToJsonString();
        }

        var fromLazy = DataIntegrityProofs.AddProof(lazy, options, signer);
        var fromRead = DataIntegrityProofs.AddProof(read, options, signer);

        // Ed25519 signatures are deterministic: the same hash data gives the same document.
        Assert.Equal(fromRead.ToJsonString(), fromLazy.ToJsonString());
        Assert.Equal(text, lazy.ToJsonString());
        Assert.Equal(text, read.ToJsonString());
        var proof = DataIntegrityProofs.GetProofs(fromLazy)[^1];
        Assert.Equal(
            proofs switch
            {
                "one" => 2,
                "two" => 3,
                _ => 1,
            },
            DataIntegrityProofs.GetProofs(fromLazy).Count
        );
        var prepared = DataIntegrityProofs.PrepareProof(fromLazy, proof);
        Assert.True(
            prepared.Value is { } p && DataIntegrityProofs.VerifySignature(p, key.PublicKey)
        );
    }

    private static JsonObject With(JsonObject document, JsonNode? proof)
    {
        var copy = (JsonObject)document.DeepClone();
        copy["proof"] = proof;
        return copy;
    }
}
