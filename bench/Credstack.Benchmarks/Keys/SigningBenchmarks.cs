using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Credstack.Credentials.Jose;
using Credstack.Credentials.Keys;
using NSec.Cryptography;

namespace Credstack.Benchmarks.Keys;

/// <summary>Ed25519 through <see cref="SigningKey"/> against raw NSec, and VC-JWT verification per algorithm.</summary>
[MemoryDiagnoser]
public class SigningBenchmarks : IDisposable
{
    private readonly byte[] _data = new byte[64];
    private readonly byte[] _signature = new byte[64];
    private Key _raw = null!;
    private SigningKey _ed25519 = null!;
    private SigningKey _p256 = null!;
    private string _ed25519Jwt = null!;
    private string _p256Jwt = null!;

    [GlobalSetup]
    public void Setup()
    {
        Random.Shared.NextBytes(_data);
        _raw = Key.Create(SignatureAlgorithm.Ed25519);
        _ed25519 = SigningKey.Generate(KeyType.Ed25519);
        _p256 = SigningKey.Generate(KeyType.P256);
        _ed25519.Sign(_data, _signature);
        var credential = JsonDocument
            .Parse(
                """{"@context":["https://www.w3.org/ns/credentials/v2"],"id":"urn:uuid:1","type":["VerifiableCredential"],"issuer":"did:example:i","validFrom":"2010-01-01T00:00:00Z","credentialSubject":{"id":"did:example:s"}}"""
            )
            .RootElement;
        _ed25519Jwt = VcJwt.Create(credential, _ed25519);
        _p256Jwt = VcJwt.Create(credential, _p256);
    }

    [Benchmark(Baseline = true)]
    public void RawNSecSign() => SignatureAlgorithm.Ed25519.Sign(_raw, _data, _signature);

    [Benchmark]
    public int SigningKeySign() => _ed25519.Sign(_data, _signature);

    [Benchmark]
    public bool VerificationKeyVerify() => _ed25519.PublicKey.Verify(_data, _signature);

    [Benchmark]
    public bool VcJwtVerifyEdDsa() => VcJwt.Verify(_ed25519Jwt, _ed25519.PublicKey).IsValid;

    [Benchmark]
    public bool VcJwtVerifyEs256() => VcJwt.Verify(_p256Jwt, _p256.PublicKey).IsValid;

    public void Dispose()
    {
        _raw?.Dispose();
        _ed25519?.Dispose();
        _p256?.Dispose();
        GC.SuppressFinalize(this);
    }
}
