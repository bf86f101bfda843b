using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Credstack.Credentials.Keys;

/// <summary>
/// A private key file: JSON naming the key's kind, its controller (DID or URL) and verification method id,
/// with the public key and the secret key (Multikey for Ed25519/P-256, a private JWK otherwise):
/// <code>
/// { "type": "CredstackKey", "kind": "Ed25519", "controller": "did:key:z6Mk…", "id": "did:key:z6Mk…#z6Mk…",
///   "publicKeyMultibase": "z6Mk…", "secretKeyMultibase": "z3u2…" }
/// </code>
/// Reading accepts <c>secretKeyMultibase</c> or <c>privateKeyJwk</c> and checks the public key matches.
/// </summary>
public sealed class KeyFile : IDisposable
{
    /// <summary>The value of the file's <c>type</c> member.</summary>
    public const string FileType = "CredstackKey";

    private const int MaxFileBytes = 64 * 1024;

    /// <summary>Creates a key file value.</summary>
    public KeyFile(SigningKey key, string? controller, string? verificationMethodId)
    {
        Key = key;
        Controller = controller;
        VerificationMethodId = verificationMethodId;
    }

    /// <summary>The private key (owned: disposed with the file value).</summary>
    public SigningKey Key { get; }

    /// <summary>The DID or URL that controls the key (usually the issuer id), if known.</summary>
    public string? Controller { get; }

    /// <summary>The verification method id to put in proofs (<c>did:key:z6Mk…#z6Mk…</c>), if known.</summary>
    public string? VerificationMethodId { get; }

    /// <summary>Reads a key file.</summary>
    /// <exception cref="KeyFormatException">The file is not a valid key file.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static KeyFile Read(string path)
    {
        var info = new FileInfo(path);
        if (info.Exists && info.Length > MaxFileBytes)
        {
            throw new KeyFormatException(
                $"the key file {path} is larger than {MaxFileBytes} bytes"
            );
        }
        return Parse(File.ReadAllText(path, Encoding.UTF8));
    }

    /// <summary>Parses key file JSON.</summary>
    /// <exception cref="KeyFormatException">The text is not a valid key file.</exception>
    public static KeyFile Parse(string json)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            // The JSON reader's message quotes no content, only positions.
            throw new KeyFormatException("the key file is not valid JSON: " + e.Message, e);
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new KeyFormatException("a key file is a JSON object");
            }
            if (OptionalString(root, "type") is { } type && type != FileType)
            {
                throw new KeyFormatException($"the key file's type is not {FileType}");
            }
            SigningKey key;
            if (OptionalString(root, "secretKeyMultibase") is { } secret)
            {
                key = SigningKey.FromSecretMultikey(secret);
            }
            else if (root.TryGetProperty("privateKeyJwk", out var jwk))
            {
                key = SigningKey.FromJwk(jwk);
            }
            else
            {
                throw new KeyFormatException(
                    "the key file has neither secretKeyMultibase nor privateKeyJwk"
                );
            }
            try
            {
                if (OptionalString(root, "kind") is { } kind && kind != key.Type.ToString())
                {
                    throw new KeyFormatException(
                        $"the key file says kind {kind} but holds a {key.Type} key"
                    );
                }
                if (
                    OptionalString(root, "publicKeyMultibase") is { } pub
                    && !VerificationKey.FromMultikey(pub).SameKeyAs(key.PublicKey)
                )
                {
                    throw new KeyFormatException(
                        "the key file's publicKeyMultibase does not match its secret key"
                    );
                }
                return new KeyFile(
                    key,
                    OptionalString(root, "controller"),
                    OptionalString(root, "id")
                );
            }
            catch
            {
                key.Dispose();
                throw;
            }
        }
    }

    /// <summary>Tries <see cref="Read"/>, returning a message instead of throwing for bad files.</summary>
    public static bool TryRead(
        string path,
        [NotNullWhen(true)] out KeyFile? file,
        [NotNullWhen(false)] out string? error
    )
    {
        try
        {
            file = Read(path);
            error = null;
            return true;
        }
        catch (Exception e)
            when (e is KeyFormatException or IOException or UnauthorizedAccessException)
        {
            file = null;
            error = e.Message;
            return false;
        }
    }

    /// <summary>The file's JSON text (contains the secret key).</summary>
    public string ToJson()
    {
        var o = new JsonObject { ["type"] = FileType, ["kind"] = Key.Type.ToString() };
        if (Controller is not null)
        {
            o["controller"] = Controller;
        }
        if (VerificationMethodId is not null)
        {
            o["id"] = VerificationMethodId;
        }
        if (Key.Type is KeyType.Ed25519 or KeyType.P256)
        {
            o["publicKeyMultibase"] = Key.PublicKey.ToMultikey();
            o["secretKeyMultibase"] = Key.ExportSecretMultikey();
        }
        else
        {
            o["publicKeyJwk"] = Key.PublicKey.ToJwk();
            o["privateKeyJwk"] = Key.ExportPrivateJwk();
        }
        return o.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    /// <summary>
    /// Writes the file, readable by the owner only on Unix (mode 0600). Refuses to replace an existing file
    /// unless <paramref name="overwrite"/> is set.
    /// </summary>
    public void Write(string path, bool overwrite = false)
    {
        var options = new FileStreamOptions
        {
            Mode = overwrite ? FileMode.Create : FileMode.CreateNew,
            Access = FileAccess.Write,
        };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        using var stream = new FileStream(path, options);
        if (!OperatingSystem.IsWindows())
        {
            // UnixCreateMode applies only to a new file: an overwritten one keeps its old mode, so set it
            // before a single byte of the secret is written.
            File.SetUnixFileMode(
                stream.SafeFileHandle,
                UnixFileMode.UserRead | UnixFileMode.UserWrite
            );
        }
        stream.SetLength(0);
        var bytes = Encoding.UTF8.GetBytes(ToJson());
        stream.Write(bytes);
    }

    /// <summary>Disposes the key.</summary>
    public void Dispose() => Key.Dispose();

    /// <summary>The kind, controller and method id: never the secret key.</summary>
    public override string ToString() =>
        $"key file ({Key.Type}, {VerificationMethodId ?? Controller ?? "no id"})";

    private static string? OptionalString(JsonElement o, string name)
    {
        if (!o.TryGetProperty(name, out var v))
        {
            return null;
        }
        return v.ValueKind == JsonValueKind.String
            ? v.GetString()
            : throw new KeyFormatException($"the key file member '{name}' is not a string");
    }
}
