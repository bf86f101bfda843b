using System.Text.Json;
using Credstack.Credentials.Keys;

namespace Credstack.Credentials.Dids;

/// <summary>
/// A verification method from a DID or controller document (VC Data Integrity §2.2, Controlled Identifiers
/// §2.2): id, type, controller and the public key, read from <c>publicKeyMultibase</c> (Multikey,
/// Ed25519VerificationKey2020), <c>publicKeyJwk</c> (JsonWebKey, JsonWebKey2020) or <c>publicKeyBase58</c>
/// (Ed25519VerificationKey2018).
/// </summary>
public sealed class VerificationMethod
{
    /// <summary>The type of a Multikey verification method.</summary>
    public const string MultikeyType = "Multikey";

    /// <summary>The type Ed25519Signature2020 expects.</summary>
    public const string Ed25519VerificationKey2020Type = "Ed25519VerificationKey2020";

    /// <summary>The type of a JWK verification method.</summary>
    public const string JsonWebKeyType = "JsonWebKey";

    /// <summary>Creates a verification method for a key.</summary>
    public VerificationMethod(string id, string type, string controller, VerificationKey key)
    {
        Id = id;
        Type = type;
        Controller = controller;
        Key = key;
        if (type == JsonWebKeyType)
        {
            PublicKeyJwk = key.ToJwk().ToJsonString();
        }
        else
        {
            PublicKeyMultibase = key.ToMultikey();
        }
    }

    private VerificationMethod(
        string id,
        string type,
        string controller,
        string? multibase,
        string? jwk,
        VerificationKey? key,
        string? keyError
    )
    {
        Id = id;
        Type = type;
        Controller = controller;
        PublicKeyMultibase = multibase;
        PublicKeyJwk = jwk;
        Key = key;
        KeyError = keyError;
    }

    /// <summary>The method's absolute id (a DID URL or URL, usually with a fragment).</summary>
    public string Id { get; }

    /// <summary>The method's type (<c>Multikey</c>, <c>JsonWebKey</c>, <c>Ed25519VerificationKey2020</c> …).</summary>
    public string Type { get; }

    /// <summary>The controller: the DID or URL that controls the key.</summary>
    public string Controller { get; }

    /// <summary>The <c>publicKeyMultibase</c> value, when the method has one.</summary>
    public string? PublicKeyMultibase { get; }

    /// <summary>The <c>publicKeyJwk</c> value as compact JSON text, when the method has one.</summary>
    public string? PublicKeyJwk { get; }

    /// <summary>The public key, or null when the key material is missing or unreadable (see <see cref="KeyError"/>).</summary>
    public VerificationKey? Key { get; }

    /// <summary>Why <see cref="Key"/> is null.</summary>
    public string? KeyError { get; }

    /// <summary>The method as JSON (id, type, controller, key member).</summary>
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            WriteTo(w);
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    internal void WriteTo(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteString("id", Id);
        w.WriteString("type", Type);
        w.WriteString("controller", Controller);
        if (PublicKeyMultibase is not null)
        {
            w.WriteString("publicKeyMultibase", PublicKeyMultibase);
        }
        if (PublicKeyJwk is not null)
        {
            w.WritePropertyName("publicKeyJwk");
            w.WriteRawValue(PublicKeyJwk);
        }
        w.WriteEndObject();
    }

    /// <summary>Reads a method object; <paramref name="documentId"/> resolves relative ids and is the default controller.</summary>
    internal static VerificationMethod? FromJson(JsonElement o, string documentId)
    {
        if (
            o.ValueKind != JsonValueKind.Object
            || Str(o, "id") is not { } rawId
            || Str(o, "type") is not { } type
        )
        {
            return null;
        }
        var id = Absolute(rawId, documentId);
        var controller = Str(o, "controller") is { } c ? Absolute(c, documentId) : documentId;
        var multibase = Str(o, "publicKeyMultibase");
        string? jwkText = null;
        VerificationKey? key = null;
        string? error = null;
        if (multibase is not null)
        {
            if (!VerificationKey.TryFromMultikey(multibase, out key, out error))
            {
                key = null;
            }
            else if (type == Ed25519VerificationKey2020Type && key.Type != KeyType.Ed25519)
            {
                error = $"an {type} holds an Ed25519 key, not {key.Type}";
                key = null;
            }
        }
        else if (o.TryGetProperty("publicKeyJwk", out var jwk))
        {
            jwkText = jwk.GetRawText();
            if (!VerificationKey.TryFromJwk(jwk, out key, out error))
            {
                key = null;
            }
        }
        else if (Str(o, "publicKeyBase58") is { } b58)
        {
            // Ed25519VerificationKey2018: the raw 32 key bytes in base58btc without a multibase prefix.
            try
            {
                key = Base58Btc.TryDecode(b58, out var raw)
                    ? VerificationKey.FromEd25519(raw)
                    : throw new KeyFormatException("publicKeyBase58 is not base58btc");
            }
            catch (KeyFormatException e)
            {
                error = e.Message;
            }
        }
        else
        {
            error =
                "the verification method has no publicKeyMultibase, publicKeyJwk or publicKeyBase58";
        }
        return new VerificationMethod(id, type, controller, multibase, jwkText, key, error);
    }

    internal static string Absolute(string reference, string documentId)
    {
        if (reference.StartsWith('#'))
        {
            var hash = documentId.IndexOf('#', StringComparison.Ordinal);
            return (hash < 0 ? documentId : documentId[..hash]) + reference;
        }
        return reference;
    }

    private static string? Str(JsonElement o, string name) =>
        o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String
            ? v.GetString()
            : null;
}
