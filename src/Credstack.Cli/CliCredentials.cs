using System.Globalization;
using System.Text.Json.Nodes;
using Credstack.Credentials.DataIntegrity;
using Credstack.Credentials.Keys;
using Credstack.Credentials.Status;
using Credstack.Credentials.Verification;

namespace Credstack.Cli;

/// <summary>Reading key files, binary inputs and credentials, and signing, shared by the credential commands.</summary>
internal static class CliCredentials
{
    /// <summary>The largest binary input (an image or a credential), as for text inputs.</summary>
    public const int MaxInputBytes = CliInput.MaxInputChars;

    /// <summary>Reads a key file, mapping every failure to a one-line input error.</summary>
    public static KeyFile ReadKey(string path)
    {
        if (!File.Exists(path))
        {
            throw new CliInputException($"key file not found: {path}");
        }
        if (!KeyFile.TryRead(path, out var file, out var error))
        {
            throw new CliInputException($"invalid key file {path}: {error}");
        }
        return file;
    }

    /// <summary>Reads a whole file as bytes (bounded); <c>-</c> reads standard input as text.</summary>
    public static byte[] ReadBytes(CliContext context, string path)
    {
        if (path == CliInput.StdinMarker)
        {
            return System.Text.Encoding.UTF8.GetBytes(CliInput.ReadText(context, path));
        }
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                throw new CliInputException(
                    Directory.Exists(path) ? $"not a file: {path}" : $"file not found: {path}"
                );
            }
            if (info.Length > MaxInputBytes)
            {
                throw new CliInputException(
                    $"{path}: input is larger than {MaxInputBytes / (1024 * 1024)} MiB"
                );
            }
            return File.ReadAllBytes(info.FullName);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliInputException($"cannot read {path}: {ex.Message}", ex);
        }
        catch (ArgumentException ex)
        {
            throw new CliInputException($"invalid file name: {path}", ex);
        }
    }

    /// <summary>Parses JSON text that must be an object (a credential).</summary>
    public static JsonObject ParseObject(string text, string what) =>
        CliInput.ParseJson(text) as JsonObject
        ?? throw new CliInputException($"the {what} is not a JSON object");

    /// <summary>Parses <c>--created</c>-style dates (XML Schema dateTime); null means now, to the second.</summary>
    public static DateTimeOffset ParseDate(string? value, string option)
    {
        if (value is null)
        {
            var now = DateTimeOffset.UtcNow;
            return new DateTimeOffset(
                now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond),
                TimeSpan.Zero
            );
        }
        if (
            !DataIntegrityProofs.TryParseDateTime(value, out var date)
            && !DateTimeOffset.TryParse(
                value,
                CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal,
                out date
            )
        )
        {
            throw new CliInputException(
                $"{option} must be a date and time such as 2026-01-01T00:00:00Z: {value}"
            );
        }
        return date;
    }

    /// <summary>
    /// Refuses to sign when the credential's issuer is not the key's controller (the verifier would reject
    /// the proof as not controlled by the issuer), unless the caller allows it.
    /// </summary>
    public static void CheckIssuer(JsonObject credential, KeyFile key, bool allowMismatch)
    {
        if (allowMismatch)
        {
            return;
        }
        // A presentation is signed by its holder (VC DM 2.0 §4.13).
        var presentation = IsPresentation(credential);
        var issuer = presentation
            ? CredentialVerifier.HolderId(credential)
            : CredentialVerifier.IssuerId(credential);
        if (issuer is null)
        {
            throw new CliInputException(
                presentation
                    ? "the presentation has no holder; add one matching the key's controller"
                    : "the credential has no issuer id (issuer or issuer.id); add one matching the key's controller"
            );
        }
        if (key.Controller is null)
        {
            return;
        }
        if (!string.Equals(issuer, key.Controller, StringComparison.Ordinal))
        {
            throw new CliInputException(
                $"the credential's issuer {issuer} is not the key's controller {key.Controller} (use --allow-issuer-mismatch to sign anyway)"
            );
        }
    }

    /// <summary>True when the document's type includes VerifiablePresentation.</summary>
    public static bool IsPresentation(JsonObject document) =>
        JsonRead.HasType(document["type"], "VerifiablePresentation");

    /// <summary>
    /// Adds an <c>ecdsa-sd-2023</c> base proof (for the holder, who derives what verifiers see) with the key
    /// file's verification method; the key must be P-256.
    /// </summary>
    public static JsonObject AddSdBaseProof(
        JsonObject credential,
        KeyFile key,
        DateTimeOffset created,
        IReadOnlyList<string> mandatoryPointers
    )
    {
        if (key.Key.Type != KeyType.P256)
        {
            throw new CliInputException(
                $"{EcdsaSd2023.Cryptosuite} needs a P-256 key; this key is {key.Key.Type} (create one with 'credstack keygen --type p256')"
            );
        }
        var method =
            key.VerificationMethodId
            ?? throw new CliInputException(
                "the key file has no verification method id (id); create the key with --did key or --did web:HOST"
            );
        try
        {
            return EcdsaSd2023.CreateBaseProof(
                credential,
                new ProofOptions { Cryptosuite = EcdsaSd2023.Cryptosuite, Created = created },
                new ProofSigner(key.Key, method),
                mandatoryPointers
            );
        }
        catch (ArgumentException ex)
        {
            throw new CliInputException("cannot sign: " + PlainMessage(ex), ex);
        }
    }

    /// <summary>An exception's message without the " (Parameter 'name')" that ArgumentException appends.</summary>
    public static string PlainMessage(Exception ex) =>
        ex is ArgumentException { ParamName: { } name }
            ? ex.Message.Replace($" (Parameter '{name}')", "", StringComparison.Ordinal)
            : ex.Message;

    /// <summary>Adds a Data Integrity proof with the key file's verification method.</summary>
    public static JsonObject AddProof(
        JsonObject credential,
        KeyFile key,
        string cryptosuite,
        DateTimeOffset created
    )
    {
        if (DataIntegritySuites.UsesEcdsa(cryptosuite))
        {
            if (key.Key.Type is not (KeyType.P256 or KeyType.P384))
            {
                throw new CliInputException(
                    $"{cryptosuite} needs a P-256 or P-384 key; this key is {key.Key.Type} (use --suite eddsa-rdfc-2022 or jwt)"
                );
            }
        }
        else if (key.Key.Type != KeyType.Ed25519)
        {
            throw new CliInputException(
                $"{cryptosuite} needs an Ed25519 key; this key is {key.Key.Type} (use --suite ecdsa-rdfc-2019 or jwt)"
            );
        }
        var method =
            key.VerificationMethodId
            ?? throw new CliInputException(
                "the key file has no verification method id (id); create the key with --did key or --did web:HOST"
            );
        try
        {
            return DataIntegrityProofs.AddProof(
                credential,
                new ProofOptions { Cryptosuite = cryptosuite, Created = created },
                new ProofSigner(key.Key, method)
            );
        }
        catch (ArgumentException ex)
        {
            throw new CliInputException("cannot sign: " + ex.Message, ex);
        }
    }
}
