using System.Text.Json.Nodes;
using Credstack.Credentials.DataIntegrity;
using Credstack.Credentials.Keys;
using Credstack.Credentials.Verification;
using Credstack.Tests.Shared;

namespace Credstack.Credentials.Tests.DataIntegrity;

/// <summary>The W3C vc-di-eddsa test vectors, with every intermediate value.</summary>
public sealed class EddsaVectorTests
{
    public static TheoryData<string, string, string> Suites =>
        new()
        {
            { DataIntegritySuites.EddsaRdfc2022, "eddsa-rdfc-2022", "DataInt" },
            { DataIntegritySuites.EddsaJcs2022, "eddsa-jcs-2022", "JCS" },
            { DataIntegritySuites.Ed25519Signature2020, "Ed25519Signature2020", "EdSig" },
        };

    [Theory]
    [MemberData(nameof(Suites))]
    public void ComputeHashData_Vector_MatchesEveryIntermediateValue(
        string suite,
        string folder,
        string suffix
    )
    {
        var signed = ReadJson(folder, $"signed{suffix}.json");
        var unsigned = (JsonObject)signed.DeepClone();
        unsigned.Remove("proof");
        var proofConfig = ReadJson(folder, $"proofConfig{suffix}.json");

        var hashData = DataIntegrityProofs.ComputeHashData(unsigned, proofConfig, suite);

        Assert.Equal(ReadText(folder, $"canonDoc{suffix}.txt"), hashData.CanonicalDocument);
        Assert.Equal(ReadText(folder, $"proofCanon{suffix}.txt"), hashData.CanonicalProofConfig);
        Assert.Equal(
            ReadText(folder, $"combinedHash{suffix}.txt").Trim(),
            Convert.ToHexStringLower(hashData.Bytes)
        );
    }

    [Theory]
    [MemberData(nameof(Suites))]
    public void AddProof_Vector_ReproducesSignedDocument(string suite, string folder, string suffix)
    {
        using var key = LoadKey();
        var expected = ReadJson(folder, $"signed{suffix}.json");
        var unsigned = (JsonObject)expected.DeepClone();
        unsigned.Remove("proof");
        var proofConfig = ReadJson(folder, $"proofConfig{suffix}.json");

        var signed = DataIntegrityProofs.AddProof(
            unsigned,
            new ProofOptions
            {
                Cryptosuite = suite,
                Created = DateTimeOffset.Parse(
                    (string)proofConfig["created"]!,
                    System.Globalization.CultureInfo.InvariantCulture
                ),
            },
            key.Signer
        );

        Assert.Equal(
            ReadText(folder, $"sigHex{suffix}.txt").Trim(),
            Convert.ToHexStringLower(DecodeProofValue(signed))
        );
        Assert.True(
            JsonNode.DeepEquals(expected["proof"], signed["proof"]),
            signed["proof"]!.ToJsonString()
        );
        Assert.True(JsonNode.DeepEquals(unsigned, Without(signed, "proof")));
    }

    [Theory]
    [MemberData(nameof(Suites))]
    public void VerifyProof_SignedVector_IsValid(string suite, string folder, string suffix)
    {
        using var key = LoadKey();
        var signed = ReadJson(folder, $"signed{suffix}.json");
        var proof = Assert.Single(DataIntegrityProofs.GetProofs(signed));

        var prepared = DataIntegrityProofs.PrepareProof(signed, proof);

        Assert.True(prepared.Success, prepared.Problem?.Message);
        Assert.Equal(suite, prepared.Value.Cryptosuite);
        Assert.True(DataIntegrityProofs.VerifySignature(prepared.Value, key.PublicKey));
    }

    [Theory]
    [MemberData(nameof(Suites))]
    public void VerifyProof_TamperedSubject_SignatureInvalid(
        string suite,
        string folder,
        string suffix
    )
    {
        _ = suite;
        using var key = LoadKey();
        var signed = ReadJson(folder, $"signed{suffix}.json");
        signed["credentialSubject"]!["alumniOf"] = "The School of Forgeries";
        var proof = Assert.Single(DataIntegrityProofs.GetProofs(signed));

        var prepared = DataIntegrityProofs.PrepareProof(signed, proof);

        Assert.True(prepared.Success, prepared.Problem?.Message);
        Assert.False(DataIntegrityProofs.VerifySignature(prepared.Value, key.PublicKey));
    }

    [Theory]
    [InlineData("signedProofSet1.json")]
    [InlineData("signedProofSet2.json")]
    [InlineData("signedProofChain1.json")]
    [InlineData("signedProofChain2.json")]
    public void VerifyProof_ProofSetsAndChains_EveryProofValid(string file)
    {
        var keys = ReadJson("proof-set-chain", "multiKeyPairs.json");
        var signed = ReadJson("proof-set-chain", file);
        var proofs = DataIntegrityProofs.GetProofs(signed);
        Assert.NotEmpty(proofs);
        foreach (var proof in proofs)
        {
            var prepared = DataIntegrityProofs.PrepareProof(signed, proof);
            Assert.True(prepared.Success, prepared.Problem?.Message);
            var pair = keys.Select(k => k.Value!.AsObject())
                .Single(k =>
                    prepared.Value.VerificationMethod.EndsWith(
                        "#" + (string)k["publicKeyMultibase"]!,
                        StringComparison.Ordinal
                    )
                );
            using var key = new VectorKey(
                (string)pair["privateKeyMultibase"]!,
                (string)pair["publicKeyMultibase"]!
            );
            Assert.True(
                DataIntegrityProofs.VerifySignature(prepared.Value, key.PublicKey),
                $"{file}: proof {proof["id"]}"
            );
        }
    }

    [Fact]
    public void AddProof_ChainToPreviousProof_ReproducesChainVector()
    {
        var keys = ReadJson("proof-set-chain", "multiKeyPairs.json");
        var start = ReadJson("proof-set-chain", "signedProofChain1.json");
        var expected = ReadJson("proof-set-chain", "signedProofChain2.json");
        var config = ReadJson("proof-set-chain", "proofChainConfig2.json");
        using var key = new VectorKey(
            (string)keys["keyPair4"]!["privateKeyMultibase"]!,
            (string)keys["keyPair4"]!["publicKeyMultibase"]!
        );

        var signed = DataIntegrityProofs.AddProof(
            start,
            new ProofOptions
            {
                Created = DateTimeOffset.Parse(
                    (string)config["created"]!,
                    System.Globalization.CultureInfo.InvariantCulture
                ),
                PreviousProof = [(string)config["previousProof"]!],
            },
            key.Signer
        );

        var last = DataIntegrityProofs.GetProofs(signed)[^1];
        var expectedLast = DataIntegrityProofs.GetProofs(expected)[^1];
        Assert.Equal((string?)expectedLast["proofValue"], (string?)last["proofValue"]);
    }

    [Fact]
    public void PrepareProof_MissingPreviousProof_ReportsIt()
    {
        var signed = ReadJson("proof-set-chain", "signedProofChain2.json");
        var last = DataIntegrityProofs.GetProofs(signed)[^1];
        last["previousProof"] = "urn:uuid:00000000-0000-0000-0000-000000000000";

        var prepared = DataIntegrityProofs.PrepareProof(signed, last);

        Assert.False(prepared.Success);
        Assert.Equal(VerificationCodes.ProofPreviousMissing, prepared.Problem.Code);
    }

    [Fact]
    public void PrepareProof_LegacySuiteName_VerifiesWithWarning()
    {
        using var key = LoadKey();
        var unsigned = ReadJson("eddsa-rdfc-2022", "signedDataInt.json");
        unsigned.Remove("proof");
        var signed = DataIntegrityProofs.AddProof(unsigned, new ProofOptions(), key.Signer);
        // eddsa-2022 is the draft name of eddsa-rdfc-2022: the cryptosuite is part of the signed proof
        // configuration, so re-sign over a configuration that names the legacy suite.
        var proof = (JsonObject)signed["proof"]!;
        proof["cryptosuite"] = DataIntegritySuites.Eddsa2022Legacy;
        var hash = DataIntegrityProofs.ComputeHashData(
            unsigned,
            proof,
            DataIntegritySuites.EddsaRdfc2022
        );
        proof["proofValue"] = Multibase.EncodeBase58Btc(key.Key.Sign(hash.Bytes));

        var prepared = DataIntegrityProofs.PrepareProof(signed, proof);

        Assert.True(prepared.Success, prepared.Problem?.Message);
        Assert.Contains(prepared.Value.Warnings, w => w.Code == VerificationCodes.ProofLegacySuite);
        Assert.True(DataIntegrityProofs.VerifySignature(prepared.Value, key.PublicKey));
    }

    [Theory]
    [InlineData("proofValue", "not-multibase", VerificationCodes.ProofValueEncoding)]
    [InlineData("cryptosuite", "ecdsa-sd-2099", VerificationCodes.ProofUnsupportedSuite)]
    [InlineData("proofPurpose", "authentication", VerificationCodes.ProofPurposeMismatch)]
    [InlineData("created", "yesterday", VerificationCodes.ProofDateInvalid)]
    public void PrepareProof_BadProofField_ReportsCode(string field, string value, string code)
    {
        var signed = ReadJson("eddsa-rdfc-2022", "signedDataInt.json");
        signed["proof"]![field] = value;

        var prepared = DataIntegrityProofs.PrepareProof(signed, (JsonObject)signed["proof"]!);

        Assert.False(prepared.Success);
        Assert.Equal(code, prepared.Problem.Code);
    }

    [Fact]
    public void AddProof_UndefinedTerm_RefusedBySafeMode()
    {
        using var key = LoadKey();
        var unsigned = new JsonObject
        {
            ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2"),
            ["type"] = new JsonArray("VerifiableCredential"),
            ["issuer"] = "did:example:issuer",
            ["credentialSubject"] = new JsonObject
            {
                ["id"] = "did:example:subject",
                ["undefinedTerm"] = "x",
            },
        };

        var error = Assert.Throws<LinkedData.JsonLd.JsonLdException>(() =>
            DataIntegrityProofs.AddProof(unsigned, new ProofOptions(), key.Signer)
        );
        Assert.Equal(LinkedData.JsonLd.JsonLdErrorCodes.SafeModeViolation, error.Code);
        Assert.Contains("undefinedTerm", error.Message, StringComparison.Ordinal);
    }

    private static VectorKey LoadKey()
    {
        var pair = ReadJson(".", "keyPair.json");
        return new VectorKey(
            (string)pair["privateKeyMultibase"]!,
            (string)pair["publicKeyMultibase"]!
        );
    }

    private static byte[] DecodeProofValue(JsonObject signed)
    {
        Assert.True(
            Multibase.TryDecode((string)signed["proof"]!["proofValue"]!, out var signature)
        );
        return signature;
    }

    private static JsonObject Without(JsonObject o, string name)
    {
        var copy = (JsonObject)o.DeepClone();
        copy.Remove(name);
        return copy;
    }

    /// <summary>The vectors' unsigned credential (the signed one without its proof).</summary>
    internal static JsonObject Unsigned()
    {
        var unsigned = ReadJson("eddsa-rdfc-2022", "signedDataInt.json");
        unsigned.Remove("proof");
        return unsigned;
    }

    internal static JsonObject ReadJson(string folder, string file) =>
        JsonNode
            .Parse(
                File.ReadAllText(
                    SharedData.PathOf("vectors", "vc-di-eddsa", "TestVectors", folder, file)
                )
            )!
            .AsObject();

    private static string ReadText(string folder, string file) =>
        File.ReadAllText(SharedData.PathOf("vectors", "vc-di-eddsa", "TestVectors", folder, file));
}
