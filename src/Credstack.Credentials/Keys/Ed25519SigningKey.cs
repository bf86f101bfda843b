using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using NSec.Cryptography;

namespace Credstack.Credentials.Keys;

/// <summary>An Ed25519 private key held as one NSec <see cref="Key"/> that allows export (for key files).</summary>
internal sealed class Ed25519SigningKey : SigningKey
{
    private readonly Key _key;
    private readonly Ed25519VerificationKey _public;

    private Ed25519SigningKey(Key key)
    {
        _key = key;
        _public = Ed25519VerificationKey.FromNSec(key.PublicKey);
    }

    public override KeyType Type => KeyType.Ed25519;

    public override VerificationKey PublicKey => _public;

    public override int SignatureSize => 64;

    public static Ed25519SigningKey Generate() =>
        new(
            Key.Create(
                SignatureAlgorithm.Ed25519,
                new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport }
            )
        );

    public static Ed25519SigningKey Import(ReadOnlySpan<byte> seed)
    {
        if (seed.Length != 32)
        {
            throw new KeyFormatException(
                $"an Ed25519 private key (seed) has 32 bytes, not {seed.Length}"
            );
        }
        return new(
            Key.Import(
                SignatureAlgorithm.Ed25519,
                seed,
                KeyBlobFormat.RawPrivateKey,
                new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport }
            )
        );
    }

    public static Ed25519SigningKey ImportJwk(JsonElement jwk)
    {
        var d = Jwk.Bytes(jwk, "d");
        try
        {
            return Import(d);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(d);
        }
    }

    public override int Sign(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        SignatureAlgorithm.Ed25519.Sign(_key, data, destination[..64]);
        return 64;
    }

    public override string ExportSecretMultikey()
    {
        var seed = ExportSeed();
        try
        {
            return Multibase.EncodeBase58Btc(Multicodec.Prefix(Multicodec.Ed25519Secret, seed));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(seed);
        }
    }

    public override JsonObject ExportPrivateJwk()
    {
        var seed = ExportSeed();
        try
        {
            var jwk = _public.ToJwk();
            jwk["d"] = Base64UrlText.Encode(seed);
            return jwk;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(seed);
        }
    }

    private byte[] ExportSeed()
    {
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        return _key.Export(KeyBlobFormat.RawPrivateKey);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !IsDisposed)
        {
            _key.Dispose();
        }
        base.Dispose(disposing);
    }
}
