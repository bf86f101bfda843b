using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using Credstack.Credentials.DataIntegrity;
using Credstack.Credentials.Jose;

namespace Credstack.Cli.Commands;

/// <summary><c>credstack sign</c>: secure a credential with a Data Integrity proof or as a VC-JWT.</summary>
internal static class SignCommands
{
    /// <summary>The <c>--suite</c> value for a compact VC-JWT (OB 3.0 §8.2).</summary>
    public const string JwtSuite = "jwt";

    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Creates the <c>sign</c> command.</summary>
    public static Command Create(CliContext context)
    {
        var file = CliSymbols.InputFile("unsigned credential (JSON)", "CREDENTIAL");
        var key = new Option<string>("--key", "-k")
        {
            Description =
                "The key file (from 'credstack keygen'); its verification method id goes in the proof.",
            HelpName = "KEYFILE",
            Required = true,
        };
        var suite = new Option<string>("--suite", "-s")
        {
            Description = "How to secure the credential.",
            DefaultValueFactory = _ => DataIntegritySuites.EddsaRdfc2022,
        };
        suite.AcceptOnlyFromAmong(
            DataIntegritySuites.EddsaRdfc2022,
            DataIntegritySuites.EddsaJcs2022,
            JwtSuite
        );
        var created = new Option<string>("--created")
        {
            Description =
                "The proof's created date and time (Data Integrity suites). Default: now.",
            HelpName = "DATETIME",
        };
        var allowMismatch = new Option<bool>("--allow-issuer-mismatch")
        {
            Description = "Sign even when the credential's issuer is not the key's controller.",
        };
        var command = new Command(
            "sign",
            "Sign a credential; the signed credential (JSON, or the compact JWT for --suite jwt) goes to stdout."
        )
        {
            file,
            key,
            suite,
            created,
            allowMismatch,
        };
        command.SetAction(parseResult =>
            CliErrors.Guard(
                context,
                () =>
                {
                    var credential = CliCredentials.ParseObject(
                        CliInput.ReadText(context, parseResult.GetRequiredValue(file)),
                        "credential"
                    );
                    var createdAt = CliCredentials.ParseDate(
                        parseResult.GetValue(created),
                        "--created"
                    );
                    using var keyFile = CliCredentials.ReadKey(parseResult.GetRequiredValue(key));
                    CliCredentials.CheckIssuer(
                        credential,
                        keyFile,
                        parseResult.GetValue(allowMismatch)
                    );
                    var chosen = parseResult.GetRequiredValue(suite);
                    if (chosen == JwtSuite)
                    {
                        using var json = JsonDocument.Parse(credential.ToJsonString());
                        var jwt = VcJwt.Create(
                            json.RootElement,
                            keyFile.Key,
                            new VcJwtCreateOptions { Kid = keyFile.VerificationMethodId }
                        );
                        context.Stdout.Write(jwt);
                    }
                    else
                    {
                        var signed = CliCredentials.AddProof(
                            credential,
                            keyFile,
                            chosen,
                            createdAt
                        );
                        context.Stdout.Write(signed.ToJsonString(Indented));
                    }
                    context.Stdout.Write('\n');
                    return ExitCodes.Success;
                }
            )
        );
        return command;
    }
}
