using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using Credstack.Credentials.DataIntegrity;

namespace Credstack.Cli.Commands;

/// <summary>
/// <c>credstack derive</c>: the holder's side of <c>ecdsa-sd-2023</c> (VC DI ECDSA 1.0 §3.6.7): from a credential
/// with a base proof, the credential that discloses the mandatory part and what <c>--disclose</c> selects, with
/// its derived proof, for verifiers.
/// </summary>
internal static class DeriveCommands
{
    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Creates the <c>derive</c> command.</summary>
    public static Command Create(CliContext context)
    {
        var file = CliSymbols.InputFile(
            "credential with an ecdsa-sd-2023 base proof (JSON)",
            "SECURED"
        );
        var disclose = new Option<string[]>("--disclose")
        {
            Description =
                "A JSON Pointer (RFC 6901) to what to disclose besides the mandatory part, such as /credentialSubject/achievement or /issuer/name. Repeatable; none discloses only the mandatory part.",
            HelpName = "POINTER",
        };
        var command = new Command(
            "derive",
            $"Derive an {EcdsaSd2023.Cryptosuite} proof from a base proof (from 'sign --suite {EcdsaSd2023.Cryptosuite}'): the credential with only the mandatory and the disclosed parts, and its derived proof, goes to stdout."
        )
        {
            file,
            disclose,
        };
        command.SetAction(parseResult =>
            CliErrors.Guard(
                context,
                () =>
                {
                    var secured = CliCredentials.ParseObject(
                        CliInput.ReadText(context, parseResult.GetRequiredValue(file)),
                        "credential"
                    );
                    var pointers = parseResult.GetValue(disclose) ?? [];
                    System.Text.Json.Nodes.JsonObject derived;
                    try
                    {
                        derived = EcdsaSd2023.DeriveProof(secured, pointers);
                    }
                    catch (Exception ex) when (ex is ArgumentException or FormatException)
                    {
                        throw new CliInputException(
                            "cannot derive: " + CliCredentials.PlainMessage(ex),
                            ex
                        );
                    }
                    context.Stdout.Write(derived.ToJsonString(Indented));
                    context.Stdout.Write('\n');
                    return ExitCodes.Success;
                }
            )
        );
        return command;
    }
}
