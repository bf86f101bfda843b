using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Credstack.Credentials.Keys;

/// <summary>An ECDSA private key (P-256, P-384, P-521) held as one <see cref="ECDsa"/> object.</summary>
internal sealed class EcSigningKey : SigningKey
{
    private readonly ECDsa _key;
    private readonly EcVerificationKey _public;

    private EcSigningKey(KeyType type, ECDsa key)
    {
        Type = type;
        _key = key;
        _public = EcVerificationKey.FromECDsa(type, key);
    }

    public override KeyType Type { get; }

    public override VerificationKey PublicKey => _public;

    public override int SignatureSize => 2 * EcPoint.CoordinateSize(Type);

    private HashAlgorithmName Hash =>
        Type switch
        {
            KeyType.P256 => HashAlgorithmName.SHA256,
            KeyType.P384 => HashAlgorithmName.SHA384,
            _ => HashAlgorithmName.SHA512,
        };

    public static EcSigningKey Generate(KeyType type) =>
        new(type, ECDsa.Create(EcPoint.Curve(type)));

    public static EcSigningKey FromPrivateScalar(KeyType type, ReadOnlySpan<byte> d)
    {
        if (d.Length != EcPoint.CoordinateSize(type))
        {
            throw new KeyFormatException(
                $"a {type} private key has {EcPoint.CoordinateSize(type)} bytes"
            );
        }
        return Import(type, new ECParameters { Curve = EcPoint.Curve(type), D = d.ToArray() });
    }

    public static EcSigningKey ImportJwk(KeyType type, JsonElement jwk) =>
        Import(
            type,
            new ECParameters
            {
                Curve = EcPoint.Curve(type),
                D = Jwk.Bytes(jwk, "d"),
                Q = new ECPoint { X = Jwk.Bytes(jwk, "x"), Y = Jwk.Bytes(jwk, "y") },
            }
        );

    private static EcSigningKey Import(KeyType type, ECParameters parameters)
    {
        var key = ECDsa.Create();
        try
        {
            // With Q missing, the platform derives the public point from D.
            key.ImportParameters(parameters);
            return new EcSigningKey(type, key);
        }
        catch (CryptographicException e)
        {
            key.Dispose();
            throw new KeyFormatException($"the {type} private key is invalid", e);
        }
        finally
        {
            if (parameters.D is not null)
            {
                CryptographicOperations.ZeroMemory(parameters.D);
            }
        }
    }

    public override int Sign(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        return _key.SignData(
            data,
            destination,
            Hash,
            DSASignatureFormat.IeeeP1363FixedFieldConcatenation
        );
    }

    public override string ExportSecretMultikey()
    {
        if (Type != KeyType.P256)
        {
            throw new NotSupportedException(
                $"Credstack writes secret Multikeys only for Ed25519 and P-256, not {Type}"
            );
        }
        var p = ExportPrivate();
        try
        {
            return Multibase.EncodeBase58Btc(Multicodec.Prefix(Multicodec.P256Secret, p.D));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(p.D);
        }
    }

    public override JsonObject ExportPrivateJwk()
    {
        var p = ExportPrivate();
        try
        {
            var jwk = _public.ToJwk();
            jwk["d"] = Base64UrlText.Encode(p.D);
            return jwk;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(p.D);
        }
    }

    private ECParameters ExportPrivate()
    {
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        return _key.ExportParameters(true);
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
