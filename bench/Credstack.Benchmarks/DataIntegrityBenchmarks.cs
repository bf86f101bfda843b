using System.Text.Json;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using Credstack.Credentials.DataIntegrity;
using Credstack.Credentials.Keys;

namespace Credstack.Benchmarks;

/// <summary>
/// Data Integrity proofs with the EdDSA cryptosuites on the realistic Open Badges 3.0 credential
/// (Data/ob3-realistic.json). Targets per core: eddsa-rdfc-2022 sign 10,000/s and verify 8,000/s,
/// eddsa-jcs-2022 sign 40,000/s and verify 20,000/s. Verify is <see cref="DataIntegrityProofs.PrepareProof"/>
/// plus <see cref="DataIntegrityProofs.VerifySignature"/> with the did:key's public key (no DID resolution).
/// </summary>
[SimpleJob(warmupCount: 3, iterationCount: 5)]
[MemoryDiagnoser]
public class DataIntegrityBenchmarks : IDisposable
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 128 };
    private static readonly DateTimeOffset Created = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private SigningKey _key = null!;
    private ProofSigner _signer = null!;
    private SigningKey _p256 = null!;
    private ProofSigner _p256Signer = null!;
    private JsonObject _securedEcdsaRdfc = null!;
    private JsonObject _securedEcdsaJcs = null!;
    private FixedSigner _fixedSigner = null!;
    private JsonObject _credential = null!;
    private JsonObject _securedRdfc = null!;
    private JsonObject _securedJcs = null!;
    private readonly ProofOptions _rdfc = new()
    {
        Cryptosuite = DataIntegritySuites.EddsaRdfc2022,
        Created = Created,
    };
    private readonly ProofOptions _jcs = new()
    {
        Cryptosuite = DataIntegritySuites.EddsaJcs2022,
        Created = Created,
    };
    private readonly ProofOptions _ecdsaRdfc = new()
    {
        Cryptosuite = DataIntegritySuites.EcdsaRdfc2019,
        Created = Created,
    };
    private readonly ProofOptions _ecdsaJcs = new()
    {
        Cryptosuite = DataIntegritySuites.EcdsaJcs2019,
        Created = Created,
    };

    [GlobalSetup]
    public void Setup()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Data", "ob3-realistic.json");
        if (!File.Exists(path))
        {
            throw new FileNotFoundException("the benchmark credential is missing", path);
        }
        _credential = (JsonObject)
            JsonNode.Parse(File.ReadAllText(path), documentOptions: DocumentOptions)!;
        _key = SigningKey.Generate(KeyType.Ed25519);
        _signer = ProofSigner.ForDidKey(_key);
        _fixedSigner = new FixedSigner(_signer.VerificationMethod);
        _securedRdfc = DataIntegrityProofs.AddProof(_credential, _rdfc, _signer);
        _securedJcs = DataIntegrityProofs.AddProof(_credential, _jcs, _signer);
        _p256 = SigningKey.Generate(KeyType.P256);
        _p256Signer = ProofSigner.ForDidKey(_p256);
        _securedEcdsaRdfc = DataIntegrityProofs.AddProof(_credential, _ecdsaRdfc, _p256Signer);
        _securedEcdsaJcs = DataIntegrityProofs.AddProof(_credential, _ecdsaJcs, _p256Signer);
        if (
            !VerifyEddsaRdfc2022()
            || !VerifyEddsaJcs2022()
            || !VerifyEcdsaRdfc2019()
            || !VerifyEcdsaJcs2019()
        )
        {
            throw new InvalidOperationException("the benchmark proofs do not verify");
        }
    }

    /// <summary>Adds an eddsa-rdfc-2022 proof (JSON-LD → RDFC-1.0 → SHA-256 → Ed25519).</summary>
    [Benchmark]
    public JsonObject SignEddsaRdfc2022() =>
        DataIntegrityProofs.AddProof(_credential, _rdfc, _signer);

    /// <summary>Prepares and checks the eddsa-rdfc-2022 proof.</summary>
    [Benchmark]
    public bool VerifyEddsaRdfc2022() => Verify(_securedRdfc);

    /// <summary>Adds an eddsa-jcs-2022 proof (JCS → SHA-256 → Ed25519).</summary>
    [Benchmark]
    public JsonObject SignEddsaJcs2022() =>
        DataIntegrityProofs.AddProof(_credential, _jcs, _signer);

    /// <summary>
    /// Creates the eddsa-rdfc-2022 proof without copying the credential (<see cref="DataIntegrityProofs.CreateProof"/>,
    /// what the server does with the credential objects it owns).
    /// </summary>
    [Benchmark]
    public JsonObject CreateProofEddsaRdfc2022() =>
        DataIntegrityProofs.CreateProof(_credential, _rdfc, _signer);

    /// <summary>Creates the eddsa-jcs-2022 proof without copying the credential.</summary>
    [Benchmark]
    public JsonObject CreateProofEddsaJcs2022() =>
        DataIntegrityProofs.CreateProof(_credential, _jcs, _signer);

    /// <summary>Prepares and checks the eddsa-jcs-2022 proof.</summary>
    [Benchmark]
    public bool VerifyEddsaJcs2022() => Verify(_securedJcs);

    /// <summary>Creates an ecdsa-rdfc-2019 proof with a P-256 key (SHA-256), no copy.</summary>
    [Benchmark]
    public JsonObject CreateProofEcdsaRdfc2019() =>
        DataIntegrityProofs.CreateProof(_credential, _ecdsaRdfc, _p256Signer);

    /// <summary>Prepares and checks the ecdsa-rdfc-2019 proof (P-256).</summary>
    [Benchmark]
    public bool VerifyEcdsaRdfc2019() => Verify(_securedEcdsaRdfc, _p256);

    /// <summary>Creates an ecdsa-jcs-2019 proof with a P-256 key (SHA-256), no copy.</summary>
    [Benchmark]
    public JsonObject CreateProofEcdsaJcs2019() =>
        DataIntegrityProofs.CreateProof(_credential, _ecdsaJcs, _p256Signer);

    /// <summary>Prepares and checks the ecdsa-jcs-2019 proof (P-256).</summary>
    [Benchmark]
    public bool VerifyEcdsaJcs2019() => Verify(_securedEcdsaJcs, _p256);

    /// <summary>
    /// AddProof (eddsa-jcs-2022) with a signer that returns a fixed signature: everything around the
    /// Ed25519 operation (the overhead the suite adds to a raw signature).
    /// </summary>
    public JsonObject SignEddsaJcs2022WithoutEd25519() =>
        DataIntegrityProofs.AddProof(_credential, _jcs, _fixedSigner);

    /// <summary>CreateProof (eddsa-jcs-2022) with the fixed signer: what the suite adds to a raw signature.</summary>
    public JsonObject CreateProofEddsaJcs2022WithoutEd25519() =>
        DataIntegrityProofs.CreateProof(_credential, _jcs, _fixedSigner);

    /// <summary>PrepareProof alone (eddsa-jcs-2022): everything around the Ed25519 verification.</summary>
    public bool PrepareEddsaJcs2022() =>
        DataIntegrityProofs.PrepareProof(_securedJcs, (JsonObject)_securedJcs["proof"]!).Value
            is not null;

    private bool Verify(JsonObject secured) => Verify(secured, _key);

    private static bool Verify(JsonObject secured, SigningKey key)
    {
        var prepared = DataIntegrityProofs.PrepareProof(secured, (JsonObject)secured["proof"]!);
        return prepared.Value is { } p && DataIntegrityProofs.VerifySignature(p, key.PublicKey);
    }

    // A benchmark instrument, not a signer: the same 64 bytes for any data (no private key operation).
    private sealed class FixedSigner(string verificationMethod) : IProofSigner
    {
        private static readonly byte[] Signature = Enumerable
            .Range(0, 64)
            .Select(i => (byte)(i * 37))
            .ToArray();

        public string VerificationMethod { get; } = verificationMethod;

        public byte[] Sign(ReadOnlySpan<byte> data) => (byte[])Signature.Clone();
    }

    public void Dispose()
    {
        _key?.Dispose();
        _p256?.Dispose();
        GC.SuppressFinalize(this);
    }
}
