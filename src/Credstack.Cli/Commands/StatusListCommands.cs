using System.CommandLine;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Credstack.Credentials.DataIntegrity;
using Credstack.Credentials.Status;

namespace Credstack.Cli.Commands;

/// <summary>
/// <c>credstack status-list create|set|get</c>: Bitstring Status List v1.0 lists, as a bare encoded list
/// (a text file holding the <c>encodedList</c> value) or as a (signed) BitstringStatusListCredential.
/// </summary>
internal static class StatusListCommands
{
    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Creates the <c>status-list</c> command group.</summary>
    public static Command Create(CliContext context) =>
        new("status-list", "Bitstring Status List v1.0: create a list, set and read entries.")
        {
            CreateCreate(context),
            CreateSet(context),
            CreateGet(context),
        };

    private static Option<int> StatusSizeOption() =>
        new("--status-size")
        {
            Description =
                "Bits per entry (1-16) of a bare encoded list; a credential's own statusSize wins.",
            DefaultValueFactory = _ => 1,
        };

    private static Option<long> IndexOption() =>
        new("--index", "-i") { Description = "The entry (statusListIndex).", Required = true };

    private static Option<string> KeyOption(string description) =>
        new("--key", "-k") { Description = description, HelpName = "KEYFILE" };

    private static Command CreateCreate(CliContext context)
    {
        var output = new Option<string>("--out", "-o")
        {
            Description = "The file to write.",
            HelpName = "FILE",
            Required = true,
        };
        var length = new Option<int>("--length")
        {
            Description =
                $"The number of entries (at least {BitstringStatusList.MinimumLength}, Bitstring Status List §6.1).",
            DefaultValueFactory = _ => BitstringStatusList.MinimumLength,
        };
        var purpose = new Option<string>("--purpose")
        {
            Description = "The list's statusPurpose.",
            DefaultValueFactory = _ => StatusPurposes.Revocation,
        };
        purpose.AcceptOnlyFromAmong(
            StatusPurposes.Revocation,
            StatusPurposes.Suspension,
            StatusPurposes.Message
        );
        var statusSize = StatusSizeOption();
        var id = new Option<string>("--id")
        {
            Description =
                "The URL the list credential is published at (entries' statusListCredential).",
            HelpName = "URL",
        };
        var issuer = new Option<string>("--issuer")
        {
            Description = "The list credential's issuer. Default: the key's controller.",
            HelpName = "DID",
        };
        var key = KeyOption("Sign the list credential (eddsa-rdfc-2022) with this key file.");
        var force = new Option<bool>("--force") { Description = "Overwrite an existing file." };
        var command = new Command(
            "create",
            "Create an all-zero status list: the bare encodedList text, or with --id and --key a signed BitstringStatusListCredential."
        )
        {
            output,
            length,
            purpose,
            statusSize,
            id,
            issuer,
            key,
            force,
        };
        command.SetAction(parseResult =>
            CliErrors.Guard(
                context,
                () =>
                {
                    var path = parseResult.GetRequiredValue(output);
                    if (File.Exists(path) && !parseResult.GetValue(force))
                    {
                        throw new CliInputException(
                            $"{path} already exists (use --force to overwrite it)"
                        );
                    }
                    var size = CheckStatusSize(parseResult.GetValue(statusSize));
                    var entries = parseResult.GetValue(length);
                    if (entries < BitstringStatusList.MinimumLength)
                    {
                        throw new CliInputException(
                            $"--length must be at least {BitstringStatusList.MinimumLength} (Bitstring Status List §6.1 herd privacy)"
                        );
                    }
                    if ((long)entries * size > 8L * 64 * 1024 * 1024)
                    {
                        throw new CliInputException("--length is too large");
                    }
                    var list = new BitstringStatusList(entries, size);
                    var listId = parseResult.GetValue(id);
                    var keyPath = parseResult.GetValue(key);
                    var issuerId = parseResult.GetValue(issuer);
                    if (listId is null && keyPath is null && issuerId is null)
                    {
                        WriteFile(path, list.Encode() + "\n");
                        return ExitCodes.Success;
                    }
                    if (listId is null || keyPath is null)
                    {
                        throw new CliInputException(
                            "a status list credential needs both --id URL and --key KEYFILE (and optionally --issuer)"
                        );
                    }
                    using var keyFile = CliCredentials.ReadKey(keyPath);
                    issuerId ??=
                        keyFile.Controller
                        ?? throw new CliInputException(
                            "the key file names no controller; give --issuer"
                        );
                    var credential = BitstringStatusListCredentialBuilder.Build(
                        listId,
                        issuerId,
                        CliCredentials.ParseDate(null, "--valid-from"),
                        parseResult.GetRequiredValue(purpose),
                        list
                    );
                    CliCredentials.CheckIssuer(credential, keyFile, allowMismatch: false);
                    var signed = CliCredentials.AddProof(
                        credential,
                        keyFile,
                        DataIntegritySuites.EddsaRdfc2022,
                        CliCredentials.ParseDate(null, "--created")
                    );
                    WriteFile(path, signed.ToJsonString(Indented) + "\n");
                    return ExitCodes.Success;
                }
            )
        );
        return command;
    }

    private static Command CreateSet(CliContext context)
    {
        var file = new Argument<string>("FILE")
        {
            Description =
                "The status list: a bare encodedList file or a BitstringStatusListCredential.",
        };
        var index = IndexOption();
        var value = new Option<int>("--value", "-v")
        {
            Description = "The new value: 0 or 1, or up to 2^statusSize-1 for wider entries.",
            DefaultValueFactory = _ => 1,
        };
        var statusSize = StatusSizeOption();
        var key = KeyOption(
            "Re-sign the list credential with this key file (required when it is signed)."
        );
        var command = new Command(
            "set",
            "Set one entry of a status list in place (re-signing a list credential with --key)."
        )
        {
            file,
            index,
            value,
            statusSize,
            key,
        };
        command.SetAction(parseResult =>
            CliErrors.Guard(
                context,
                () =>
                {
                    var path = parseResult.GetRequiredValue(file);
                    var loaded = Load(context, path, parseResult.GetValue(statusSize));
                    var at = parseResult.GetValue(index);
                    var newValue = parseResult.GetValue(value);
                    CheckIndex(loaded.List, at);
                    if (newValue < 0 || newValue >= 1 << loaded.List.StatusSize)
                    {
                        throw new CliInputException(
                            $"--value must be between 0 and {(1 << loaded.List.StatusSize) - 1} for statusSize {loaded.List.StatusSize}"
                        );
                    }
                    loaded.List.SetStatus(at, newValue);
                    if (loaded.Credential is null)
                    {
                        WriteFile(path, loaded.List.Encode() + "\n");
                        return ExitCodes.Success;
                    }
                    var credential = loaded.Credential;
                    credential["credentialSubject"]!["encodedList"] = loaded.List.Encode();
                    var proofs = DataIntegrityProofs.GetProofs(credential);
                    var keyPath = parseResult.GetValue(key);
                    if (keyPath is null)
                    {
                        if (proofs.Count > 0)
                        {
                            throw new CliInputException(
                                "the status list credential is signed: give --key KEYFILE to re-sign it (its proof would no longer verify)"
                            );
                        }
                        WriteFile(path, credential.ToJsonString(Indented) + "\n");
                        return ExitCodes.Success;
                    }
                    var suite =
                        proofs.Count > 0
                        && proofs[0]["cryptosuite"] is JsonValue cs
                        && cs.TryGetValue<string>(out var name)
                        && name == DataIntegritySuites.EddsaJcs2022
                            ? DataIntegritySuites.EddsaJcs2022
                            : DataIntegritySuites.EddsaRdfc2022;
                    credential.Remove("proof");
                    using var keyFile = CliCredentials.ReadKey(keyPath);
                    CliCredentials.CheckIssuer(credential, keyFile, allowMismatch: false);
                    var signed = CliCredentials.AddProof(
                        credential,
                        keyFile,
                        suite,
                        CliCredentials.ParseDate(null, "--created")
                    );
                    WriteFile(path, signed.ToJsonString(Indented) + "\n");
                    return ExitCodes.Success;
                }
            )
        );
        return command;
    }

    private static Command CreateGet(CliContext context)
    {
        var file = new Argument<string>("FILE")
        {
            Description =
                "The status list: a bare encodedList file or a BitstringStatusListCredential, or - for standard input.",
        };
        var index = IndexOption();
        var statusSize = StatusSizeOption();
        var command = new Command("get", "Print the value of one entry of a status list.")
        {
            file,
            index,
            statusSize,
        };
        command.SetAction(parseResult =>
            CliErrors.Guard(
                context,
                () =>
                {
                    var loaded = Load(
                        context,
                        parseResult.GetRequiredValue(file),
                        parseResult.GetValue(statusSize)
                    );
                    var at = parseResult.GetValue(index);
                    CheckIndex(loaded.List, at);
                    context.Stdout.Write(
                        loaded.List.GetStatus(at).ToString(CultureInfo.InvariantCulture)
                    );
                    context.Stdout.Write('\n');
                    return ExitCodes.Success;
                }
            )
        );
        return command;
    }

    private static int CheckStatusSize(int size) =>
        size is >= 1 and <= BitstringStatusList.MaximumStatusSize
            ? size
            : throw new CliInputException(
                $"--status-size must be between 1 and {BitstringStatusList.MaximumStatusSize}"
            );

    private static void CheckIndex(BitstringStatusList list, long index)
    {
        if (index < 0 || index >= list.Length)
        {
            throw new CliInputException(
                $"--index {index} is outside the list (0 to {list.Length - 1})"
            );
        }
    }

    private sealed record LoadedList(BitstringStatusList List, JsonObject? Credential);

    // A file starting with '{' is a list credential (Bitstring Status List §2.2); anything else is the bare
    // encodedList value (§3.3 step 3 output).
    private static LoadedList Load(CliContext context, string path, int statusSize)
    {
        var text = CliInput.ReadText(context, path).Trim();
        if (!text.StartsWith('{'))
        {
            if (text.Length == 0)
            {
                throw new CliInputException($"{path} is empty");
            }
            var decoded = BitstringStatusList.Decode(text, CheckStatusSize(statusSize));
            return decoded.TryGetValue(out var list)
                ? new LoadedList(list, null)
                : throw new CliInputException(
                    $"{path}: {decoded.Error?.Code}: {decoded.Error?.Message}"
                );
        }
        var credential = CliCredentials.ParseObject(text, "status list credential");
        var parsed = StatusListCredential.Parse(credential);
        if (!parsed.TryGetValue(out var listCredential))
        {
            throw new CliInputException($"{path}: {parsed.Error?.Code}: {parsed.Error?.Message}");
        }
        if (credential["credentialSubject"] is not JsonObject)
        {
            throw new CliInputException($"{path}: credentialSubject must be one object to update");
        }
        var fromCredential = listCredential.DecodeList(listCredential.StatusSize ?? 1);
        return fromCredential.TryGetValue(out var bits)
            ? new LoadedList(bits, credential)
            : throw new CliInputException(
                $"{path}: {fromCredential.Error?.Code}: {fromCredential.Error?.Message}"
            );
    }

    private static void WriteFile(string path, string text)
    {
        try
        {
            File.WriteAllText(path, text);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliInputException($"cannot write {path}: {ex.Message}", ex);
        }
    }
}
