using System.Text.Json;

namespace Credstack.Credentials.Keys;

/// <summary>JWK (RFC 7517) reading for the key types Credstack supports (RFC 7518 §6, RFC 8037 §2).</summary>
internal static class Jwk
{
    public static string AlgorithmOf(KeyType type) =>
        type switch
        {
            KeyType.Ed25519 => "EdDSA",
            KeyType.P256 => "ES256",
            KeyType.P384 => "ES384",
            KeyType.P521 => "ES512",
            KeyType.Rsa => "RS256",
            _ => throw new ArgumentOutOfRangeException(nameof(type)),
        };

    public static string CurveName(KeyType type) =>
        type switch
        {
            KeyType.P256 => "P-256",
            KeyType.P384 => "P-384",
            KeyType.P521 => "P-521",
            _ => throw new ArgumentOutOfRangeException(nameof(type)),
        };

    public static VerificationKey ReadPublic(JsonElement jwk, bool allowPrivate = false)
    {
        if (jwk.ValueKind != JsonValueKind.Object)
        {
            throw new KeyFormatException("a JWK is a JSON object");
        }
        if (!allowPrivate && jwk.TryGetProperty("d", out _))
        {
            // OB 3.0 §8.2.2: the JWK MUST never contain "d"; a private key here is a leak, not a public key.
            throw new KeyFormatException(
                "the JWK contains private key material ('d') where a public key is expected"
            );
        }
        var type = ReadType(jwk);
        return type switch
        {
            KeyType.Ed25519 => Ed25519VerificationKey.Create(Bytes(jwk, "x")),
            KeyType.Rsa => RsaVerificationKey.FromParameters(Bytes(jwk, "n"), Bytes(jwk, "e")),
            _ => EcVerificationKey.FromCoordinates(type, Bytes(jwk, "x"), Bytes(jwk, "y")),
        };
    }

    /// <summary>Reads the key type from <c>kty</c>/<c>crv</c> and checks <c>alg</c> when present.</summary>
    public static KeyType ReadType(JsonElement jwk)
    {
        var kty = String(jwk, "kty");
        KeyType type = kty switch
        {
            "OKP" => String(jwk, "crv") switch
            {
                "Ed25519" => KeyType.Ed25519,
                var crv => throw new KeyFormatException($"unsupported OKP curve '{crv}'"),
            },
            "EC" => String(jwk, "crv") switch
            {
                "P-256" => KeyType.P256,
                "P-384" => KeyType.P384,
                "P-521" => KeyType.P521,
                var crv => throw new KeyFormatException($"unsupported EC curve '{crv}'"),
            },
            "RSA" => KeyType.Rsa,
            _ => throw new KeyFormatException($"unsupported JWK key type '{kty}'"),
        };
        if (jwk.TryGetProperty("alg", out var alg))
        {
            var expected = AlgorithmOf(type);
            var name = alg.ValueKind == JsonValueKind.String ? alg.GetString() : null;
            // RFC 9864 names EdDSA on Ed25519 "Ed25519"; accept both.
            if (name != expected && !(type == KeyType.Ed25519 && name == "Ed25519"))
            {
                throw new KeyFormatException(
                    $"the JWK's alg does not fit a {type} key (expected {expected})"
                );
            }
        }
        return type;
    }

    public static string String(JsonElement jwk, string name)
    {
        if (!jwk.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.String)
        {
            throw new KeyFormatException($"the JWK has no string member '{name}'");
        }
        return value.GetString()!;
    }

    public static byte[] Bytes(JsonElement jwk, string name)
    {
        var text = String(jwk, name);
        if (text.Length > 4096 || !Base64UrlText.TryDecode(text, out var bytes))
        {
            throw new KeyFormatException($"the JWK member '{name}' is not base64url");
        }
        return bytes;
    }
}
