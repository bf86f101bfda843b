using Credstack.Credentials.DataIntegrity;
using NSec.Cryptography;

namespace Credstack.Credentials.Tests.DataIntegrity;

/// <summary>An Ed25519 key pair given as multibase multikeys in the vc-di-eddsa vectors.</summary>
internal sealed class VectorKey : IProofSigner, IProofVerificationKey, IDisposable
{
    private readonly Key _key;

    public VectorKey(string privateKeyMultibase, string publicKeyMultibase)
    {
        Assert.True(Multibase.TryDecodeBase58Btc(privateKeyMultibase, out var secret));
        Assert.Equal(new byte[] { 0x80, 0x26 }, secret[..2]);
        _key = Key.Import(
            SignatureAlgorithm.Ed25519,
            secret.AsSpan(2),
            KeyBlobFormat.RawPrivateKey,
            new KeyCreationParameters { ExportPolicy = KeyExportPolicies.None }
        );
        Assert.True(Multibase.TryDecodeBase58Btc(publicKeyMultibase, out var pub));
        Assert.Equal(new byte[] { 0xed, 0x01 }, pub[..2]);
        Assert.Equal(pub[2..], _key.PublicKey.Export(KeyBlobFormat.RawPublicKey));
        VerificationMethod = $"did:key:{publicKeyMultibase}#{publicKeyMultibase}";
    }

    public string VerificationMethod { get; }

    public byte[] Sign(ReadOnlySpan<byte> data) => SignatureAlgorithm.Ed25519.Sign(_key, data);

    public bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature) =>
        SignatureAlgorithm.Ed25519.Verify(_key.PublicKey, data, signature);

    public void Dispose() => _key.Dispose();
}
