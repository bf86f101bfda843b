using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Credstack.Credentials.DataIntegrity;
using Credstack.Credentials.Keys;
using Credstack.Credentials.Tests.Verification;
using Credstack.Credentials.Verification;
using Credstack.LinkedData.Canonicalization;
using Credstack.LinkedData.Json;
using Credstack.LinkedData.JsonLd;

namespace Credstack.Credentials.Tests.DataIntegrity;

/// <summary>
/// The ECDSA cryptosuites (VC DI ECDSA 1.0 §3.2 ecdsa-rdfc-2019, §3.4 ecdsa-jcs-2019) with P-256 (SHA-256)
/// and P-384 (SHA-384). Checked by hand against the W3C vc-di-ecdsa test vectors (all four suite and
/// curve pairs verify); those files are not copied here.
/// </summary>
public sealed class EcdsaProofTests
{
    private static readonly DateTimeOffset Created = new(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);

    public static TheoryData<string, KeyType> SuitesAndCurves =>
        new()
        {
            { DataIntegritySuites.EcdsaRdfc2019, KeyType.P256 },
            { DataIntegritySuites.EcdsaRdfc2019, KeyType.P384 },
            { DataIntegritySuites.EcdsaJcs2019, KeyType.P256 },
            { DataIntegritySuites.EcdsaJcs2019, KeyType.P384 },
        };

    [Theory]
    [MemberData(nameof(SuitesAndCurves))]
    public void AddProof_ThenPrepareAndVerify_IsValid_WithTheCurvesHashAndSignatureSize(
        string suite,
        KeyType curve
    )
    {
        var (key, unsigned, secured) = SignWithNewKey(suite, curve);
        using var signing = key;
        var proof = (JsonObject)secured["proof"]!;
        var prepared = DataIntegrityProofs.PrepareProof(secured, proof);

        Assert.True(prepared.Success, prepared.Success ? null : prepared.Problem.Message);
        Assert.Equal(suite, (string?)proof["cryptosuite"]);
        Assert.StartsWith("z", (string)proof["proofValue"]!, StringComparison.Ordinal);
        var hashSize = curve == KeyType.P256 ? 32 : 48;
        Assert.Equal(2 * hashSize, prepared.Value!.HashData.Length);
        Assert.Equal(2 * hashSize, prepared.Value!.Signature.Length);
        Assert.Equal(curve, DataIntegrityProofs.RequiredKeyType(prepared.Value!));
        Assert.True(DataIntegrityProofs.VerifySignature(prepared.Value!, key.PublicKey));
        // VC DI ECDSA §3.4.1 step 2: a JCS proof carries the document's @context; an RDFC one does not.
        Assert.Equal(
            DataIntegritySuites.UsesJcs(suite),
            JsonNode.DeepEquals(proof["@context"], unsigned["@context"])
        );
    }

    [Theory]
    [MemberData(nameof(SuitesAndCurves))]
    public void HashData_IsTheCurvesHashOfTheCanonicalConfigurationThenDocument(
        string suite,
        KeyType curve
    )
    {
        var (key, unsigned, secured) = SignWithNewKey(suite, curve);
        using var signing = key;
        var prepared = DataIntegrityProofs.PrepareProof(secured, (JsonObject)secured["proof"]!);

        // The canonical forms written out independently: the proof without proofValue (with the
        // document's @context) and the document without its proof.
        var config = (JsonObject)secured["proof"]!.DeepClone();
        config.Remove("proofValue");
        config["@context"] = unsigned["@context"]!.DeepClone();
        var jcs = DataIntegritySuites.UsesJcs(suite);
        string Canonical(JsonObject o) =>
            jcs
                ? Jcs.Canonicalize(o)
                : RdfCanonicalizer.ToCanonicalNQuads(JsonLdProcessor.ToRdf(o));
        byte[] Hash(string text) =>
            curve == KeyType.P256
                ? SHA256.HashData(Encoding.UTF8.GetBytes(text))
                : SHA384.HashData(Encoding.UTF8.GetBytes(text));

        Assert.Equal(
            [.. Hash(Canonical(config)), .. Hash(Canonical(unsigned))],
            prepared.Value!.HashData
        );
        var viaPublicApi = DataIntegrityProofs.ComputeHashData(
            unsigned,
            config,
            suite,
            sha384: curve == KeyType.P384
        );
        Assert.Equal(prepared.Value!.HashData, viaPublicApi.Bytes);
    }

    [Theory]
    [MemberData(nameof(SuitesAndCurves))]
    public void AChangedValue_OrAnotherKey_DoesNotVerify(string suite, KeyType curve)
    {
        var (key, _, secured) = SignWithNewKey(suite, curve);
        using var signing = key;
        using var other = SigningKey.Generate(curve);
        using var ed25519 = SigningKey.Generate(KeyType.Ed25519);
        using var otherCurve = SigningKey.Generate(
            curve == KeyType.P256 ? KeyType.P384 : KeyType.P256
        );
        var prepared = DataIntegrityProofs.PrepareProof(secured, (JsonObject)secured["proof"]!);
        Assert.False(DataIntegrityProofs.VerifySignature(prepared.Value!, other.PublicKey));
        Assert.False(DataIntegrityProofs.VerifySignature(prepared.Value!, ed25519.PublicKey));
        Assert.False(DataIntegrityProofs.VerifySignature(prepared.Value!, otherCurve.PublicKey));

        var changed = (JsonObject)secured.DeepClone();
        changed["credentialSubject"]!["achievement"]!["name"] = "Another achievement";
        var preparedChanged = DataIntegrityProofs.PrepareProof(
            changed,
            (JsonObject)changed["proof"]!
        );
        Assert.False(DataIntegrityProofs.VerifySignature(preparedChanged.Value!, key.PublicKey));
    }

    /// <summary>A new key of <paramref name="curve"/> (did:key), the unsigned credential it issues, and the credential secured with <paramref name="suite"/>.</summary>
    private static (SigningKey Key, JsonObject Unsigned, JsonObject Secured) SignWithNewKey(
        string suite,
        KeyType curve
    )
    {
        var key = SigningKey.Generate(curve);
        var signer = ProofSigner.ForDidKey(key);
        var unsigned = TestCredentials.Unsigned(signer.VerificationMethod.Split('#')[0]);
        var secured = DataIntegrityProofs.AddProof(
            unsigned,
            new ProofOptions { Cryptosuite = suite, Created = Created },
            signer
        );
        return (key, unsigned, secured);
    }

    [Theory]
    [InlineData(DataIntegritySuites.EcdsaRdfc2019, KeyType.Ed25519)]
    [InlineData(DataIntegritySuites.EcdsaJcs2019, KeyType.Rsa)]
    [InlineData(DataIntegritySuites.EddsaRdfc2022, KeyType.P256)]
    [InlineData(DataIntegritySuites.EddsaJcs2022, KeyType.P384)]
    public void AKeyTheSuiteDoesNotSignWith_IsRefused_NamingTheSigner(string suite, KeyType type)
    {
        using var key = SigningKey.Generate(type);
        var signer = new ProofSigner(key, "did:example:issuer#key-1");

        var error = Assert.Throws<ArgumentException>(() =>
            DataIntegrityProofs.AddProof(
                TestCredentials.Unsigned("did:example:issuer"),
                new ProofOptions { Cryptosuite = suite, Created = Created },
                signer
            )
        );
        Assert.Equal("signer", error.ParamName);
        Assert.Contains(suite, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(63)]
    [InlineData(65)]
    [InlineData(95)]
    [InlineData(128)]
    public void AProofValueOfAnotherLength_IsAnEncodingProblem(int length)
    {
        var (key, _, secured) = SignWithNewKey(DataIntegritySuites.EcdsaRdfc2019, KeyType.P256);
        using var signing = key;
        secured["proof"]!["proofValue"] = Multibase.EncodeBase58Btc(new byte[length]);

        var prepared = DataIntegrityProofs.PrepareProof(secured, (JsonObject)secured["proof"]!);

        Assert.False(prepared.Success);
        Assert.Equal(VerificationCodes.ProofValueEncoding, prepared.Problem.Code);
        Assert.Contains("P-384", prepared.Problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DataIntegritySuites.EcdsaJcs2019)]
    [InlineData(DataIntegritySuites.EddsaJcs2022)]
    public void AJcsProofWithoutAContext_IsVerifiedAsItStands(string suite)
    {
        // Proofs made before the JCS suites put @context into the proof (as the W3C vc-di-ecdsa vectors
        // were): the configuration is the proof as it stands, without @context (VC DI ECDSA §3.4.2 and
        // VC DI EdDSA §3.3.2, steps 2 and 7; the JS reference implementations agree).
        using var key = SigningKey.Generate(
            suite == DataIntegritySuites.EcdsaJcs2019 ? KeyType.P256 : KeyType.Ed25519
        );
        var signer = ProofSigner.ForDidKey(key);
        var unsigned = TestCredentials.Unsigned(signer.VerificationMethod.Split('#')[0]);
        var proof = new JsonObject
        {
            ["type"] = "DataIntegrityProof",
            ["cryptosuite"] = suite,
            ["created"] = "2024-05-01T12:00:00Z",
            ["verificationMethod"] = signer.VerificationMethod,
            ["proofPurpose"] = "assertionMethod",
        };
        // What such an implementation signed: SHA-256 of the JCS of the proof as it stands, then of the document.
        byte[] hashData =
        [
            .. SHA256.HashData(Encoding.UTF8.GetBytes(Jcs.Canonicalize(proof))),
            .. SHA256.HashData(Encoding.UTF8.GetBytes(Jcs.Canonicalize(unsigned))),
        ];
        proof["proofValue"] = Multibase.EncodeBase58Btc(key.Sign(hashData));
        var secured = (JsonObject)unsigned.DeepClone();
        secured["proof"] = proof;

        var prepared = DataIntegrityProofs.PrepareProof(secured, proof);

        Assert.True(prepared.Success, prepared.Success ? null : prepared.Problem.Message);
        Assert.True(DataIntegrityProofs.VerifySignature(prepared.Value!, key.PublicKey));
        // Adding the document's @context to such a proof changes what was signed.
        proof["@context"] = unsigned["@context"]!.DeepClone();
        var withContext = DataIntegrityProofs.PrepareProof(secured, proof);
        Assert.False(DataIntegrityProofs.VerifySignature(withContext.Value!, key.PublicKey));
    }

    [Fact]
    public async Task Verifier_NamesTheKeyTypeTheProofNeeds()
    {
        // An ECDSA proof whose verification method holds an Ed25519 key.
        using var p256 = SigningKey.Generate(KeyType.P256);
        var issuer = TestCredentials.IssuerSigner;
        var secured = DataIntegrityProofs.AddProof(
            TestCredentials.Unsigned(TestCredentials.IssuerDid),
            new ProofOptions { Cryptosuite = DataIntegritySuites.EcdsaJcs2019, Created = Created },
            new ProofSigner(p256, issuer.VerificationMethod)
        );

        var report = await VerifierSetup.Create().VerifyAsync(secured.ToJsonString());

        Assert.Equal(Verdict.Invalid, report.Verdict);
        var check = Assert.Single(
            report.Checks,
            c => c.Code == VerificationCodes.ProofSignatureInvalid
        );
        Assert.Contains("needs a P-256 key", check.Message, StringComparison.Ordinal);
        Assert.Contains("holds an Ed25519 key", check.Message, StringComparison.Ordinal);
    }
}
