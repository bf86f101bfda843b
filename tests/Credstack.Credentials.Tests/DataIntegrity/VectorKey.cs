using Credstack.Credentials.DataIntegrity;
using Credstack.Credentials.Keys;

namespace Credstack.Credentials.Tests.DataIntegrity;

/// <summary>An Ed25519 key pair given as multibase multikeys in the vc-di-eddsa vectors, with its did:key verification method.</summary>
internal sealed class VectorKey : IDisposable
{
    public VectorKey(string privateKeyMultibase, string publicKeyMultibase)
    {
        Key = SigningKey.FromSecretMultikey(privateKeyMultibase);
        Assert.Equal(publicKeyMultibase, Key.PublicKey.ToMultikey());
        Signer = ProofSigner.ForDidKey(Key);
    }

    public SigningKey Key { get; }

    public ProofSigner Signer { get; }

    public VerificationKey PublicKey => Key.PublicKey;

    public void Dispose() => Key.Dispose();
}
