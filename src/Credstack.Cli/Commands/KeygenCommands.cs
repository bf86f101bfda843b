using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Credstack.Credentials.Dids;
using Credstack.Credentials.Keys;

namespace Credstack.Cli.Commands;

/// <summary><c>credstack keygen</c>: a new signing key in a private key file, its public DID document or JWK on stdout.</summary>
internal static class KeygenCommands
{
    private const string Ed25519 = "ed25519";
    private const string P256 = "p256";
    private const string P384 = "p384";
    private const string Rsa = "rsa";
    private const string DidKeyForm = "key";
    private const string DidWebForm = "web:";

    // The verification method of a did:web document this command writes.
    private const string WebKeyFragment = "#key-1";

    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Creates the <c>keygen</c> command.</summary>
    public static Command Create(CliContext context)
    {
        var type = new Option<string>("--type", "-t")
        {
            Description = "The key type.",
            Required = true,
        };
        type.AcceptOnlyFromAmong(Ed25519, P256, P384, Rsa);
        var did = new Option<string>("--did")
        {
            Description =
                "Bind the key to a DID: 'key' (did:key, not for RSA) or 'web:HOST[:PATH]' (did:web). Without it the public JWK is printed.",
            HelpName = "key|web:HOST[:PATH]",
        };
        var output = new Option<string>("--out", "-o")
        {
            Description =
                "The private key file to write (mode 0600). The private key goes nowhere else.",
            HelpName = "KEYFILE",
            Required = true,
        };
        var force = new Option<bool>("--force") { Description = "Overwrite an existing key file." };
        var command = new Command(
            "keygen",
            "Generate a signing key: the private key goes to KEYFILE; stdout gets the public DID document (with --did) or the public JWK."
        )
        {
            type,
            did,
            output,
            force,
        };
        command.SetAction(parseResult =>
            CliErrors.Guard(
                context,
                () =>
                    Run(
                        context,
                        parseResult.GetRequiredValue(type),
                        parseResult.GetValue(did),
                        parseResult.GetRequiredValue(output),
                        parseResult.GetValue(force)
                    )
            )
        );
        return command;
    }

    private static int Run(CliContext context, string type, string? did, string path, bool force)
    {
        var keyType = type switch
        {
            Ed25519 => KeyType.Ed25519,
            P256 => KeyType.P256,
            P384 => KeyType.P384,
            _ => KeyType.Rsa,
        };
        if (keyType == KeyType.Rsa && did == DidKeyForm)
        {
            throw new CliInputException(
                "RSA keys have no did:key form; use --did web:HOST[:PATH] or no --did (public JWK)"
            );
        }
        if (Directory.Exists(path))
        {
            throw new CliInputException($"--out is a directory: {path}");
        }
        if (File.Exists(path) && !force)
        {
            throw new CliInputException(
                $"the key file {path} already exists (use --force to overwrite it)"
            );
        }

        using var key = SigningKey.Generate(keyType);
        string? controller = null;
        string? methodId = null;
        JsonNode publicOutput;
        string? publishAt = null;
        if (did is null)
        {
            var jwk = key.PublicKey.ToJwk();
            jwk["kid"] = key.PublicKey.Thumbprint();
            publicOutput = jwk;
        }
        else if (did == DidKeyForm)
        {
            controller = DidKey.FromPublicKey(key.PublicKey);
            methodId = DidKey.VerificationMethodId(controller);
            var resolved = DidKey.Resolve(controller);
            publicOutput =
                JsonNode.Parse(
                    resolved.Document?.Json
                        ?? throw new CliInputException(
                            "cannot build the did:key document: " + resolved.Error?.Message
                        )
                ) ?? new JsonObject();
        }
        else if (did.StartsWith(DidWebForm, StringComparison.Ordinal) && did.Length > 4)
        {
            controller = DidWeb.Prefix + did[DidWebForm.Length..];
            if (!DidWeb.TryGetUrl(controller, out var url, out var error))
            {
                throw new CliInputException($"--did {did}: {error}");
            }
            methodId = controller + WebKeyFragment;
            publicOutput = WebDocument(controller, methodId, key.PublicKey);
            publishAt = url.AbsoluteUri;
        }
        else
        {
            throw new CliInputException($"--did must be 'key' or 'web:HOST[:PATH]', not '{did}'");
        }

        WriteKeyFile(new KeyFile(key, controller, methodId), path, force);
        context.Stdout.Write(publicOutput.ToJsonString(Indented));
        context.Stdout.Write('\n');
        if (publishAt is not null)
        {
            // Standard output stays the bare document (to redirect into did.json); where it goes is a note.
            context.Stderr.WriteLine(
                CliErrors.Prefix + "publish this DID document at " + publishAt
            );
        }
        return ExitCodes.Success;
    }

    /// <summary>
    /// A did:web document (did:web spec §3.2 Create): one verification method usable for assertions and
    /// authentication; Multikey for Ed25519/P-256 (Controlled Identifiers §2.2.2), JsonWebKey for RSA.
    /// </summary>
    private static JsonObject WebDocument(string did, string methodId, VerificationKey key)
    {
        var method = new JsonObject { ["id"] = methodId, ["controller"] = did };
        var keyContext = "https://w3id.org/security/multikey/v1";
        if (key.Type == KeyType.Rsa)
        {
            method["type"] = "JsonWebKey";
            method["publicKeyJwk"] = key.ToJwk();
            keyContext = "https://w3id.org/security/jwk/v1";
        }
        else
        {
            method["type"] = "Multikey";
            method["publicKeyMultibase"] = key.ToMultikey();
        }
        return new JsonObject
        {
            ["@context"] = new JsonArray("https://www.w3.org/ns/did/v1", keyContext),
            ["id"] = did,
            ["verificationMethod"] = new JsonArray(method),
            ["authentication"] = new JsonArray(methodId),
            ["assertionMethod"] = new JsonArray(methodId),
        };
    }

    private static void WriteKeyFile(KeyFile file, string path, bool force)
    {
        try
        {
            if (force && File.Exists(path))
            {
                // KeyFile.Write(overwrite: true) truncates an existing file and keeps its mode, which may be
                // readable by others: remove it so that the new file is created with mode 0600.
                File.Delete(path);
            }
            file.Write(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliInputException($"cannot write {path}: {ex.Message}", ex);
        }
    }
}
