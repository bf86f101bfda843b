using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using Credstack.Credentials.Cose;
using Credstack.Credentials.DataIntegrity;
using Credstack.Credentials.Jose;
using Credstack.Credentials.Keys;
using Credstack.Credentials.SdJwt;

namespace Credstack.Cli.Commands;

/// <summary>
/// <c>credstack sign</c>: secure a credential or presentation with a Data Integrity proof, as a VC-JWT, as an
/// SD-JWT (VC-JOSE-COSE §3.2) or as a COSE_Sign1 (§3.3).
/// </summary>
internal static class SignCommands
{
    /// <summary>The <c>--suite</c> value for a compact VC-JWT (OB 3.0 §8.2).</summary>
    public const string JwtSuite = "jwt";

    /// <summary>The <c>--suite</c> value for a COSE_Sign1 (VC-JOSE-COSE §3.3), written as base64.</summary>
    public const string CoseSuite = "cose";

    /// <summary>The <c>--suite</c> value for an SD-JWT (VC-JOSE-COSE §3.2, RFC 9901).</summary>
    public const string SdJwtSuite = "sd-jwt";

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
            DataIntegritySuites.EcdsaRdfc2019,
            DataIntegritySuites.EcdsaJcs2019,
            EcdsaSd2023.Cryptosuite,
            JwtSuite,
            CoseSuite,
            SdJwtSuite
        );
        var disclose = new Option<string[]>("--disclose")
        {
            Description =
                "With --suite sd-jwt: a claim to make selectively disclosable, as a path such as credentialSubject.name or credentialSubject.alignment[0]. Repeatable.",
            HelpName = "PATH",
        };
        var mandatory = new Option<string[]>("--mandatory")
        {
            Description =
                "With --suite ecdsa-sd-2023: a JSON Pointer (RFC 6901) to what every derived credential must disclose, such as /issuer or /credentialSubject/achievement/name. Repeatable.",
            HelpName = "POINTER",
        };
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
            "Sign a credential or presentation; the result goes to stdout: JSON (Data Integrity; with ecdsa-sd-2023 a base proof for the holder, see 'derive'), a compact JWT (jwt; vp+jwt for a presentation), an SD-JWT (sd-jwt) or base64 of a COSE_Sign1 (cose)."
        )
        {
            file,
            key,
            suite,
            disclose,
            mandatory,
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
                    var paths = parseResult.GetValue(disclose) ?? [];
                    if (paths.Length > 0 && chosen != SdJwtSuite)
                    {
                        throw new CliInputException("--disclose needs --suite sd-jwt");
                    }
                    var mandatoryPointers = parseResult.GetValue(mandatory) ?? [];
                    if (mandatoryPointers.Length > 0 && chosen != EcdsaSd2023.Cryptosuite)
                    {
                        throw new CliInputException(
                            $"--mandatory needs --suite {EcdsaSd2023.Cryptosuite}"
                        );
                    }
                    if (chosen == EcdsaSd2023.Cryptosuite)
                    {
                        var secured = CliCredentials.AddSdBaseProof(
                            credential,
                            keyFile,
                            createdAt,
                            mandatoryPointers
                        );
                        context.Stdout.Write(secured.ToJsonString(Indented));
                    }
                    else if (chosen is JwtSuite or CoseSuite or SdJwtSuite)
                    {
                        context.Stdout.Write(Envelope(credential, keyFile, chosen, paths));
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

    /// <summary>The enveloping forms: VC-JWT (vp+jwt for a presentation), SD-JWT, COSE_Sign1 as base64.</summary>
    private static string Envelope(
        System.Text.Json.Nodes.JsonObject document,
        KeyFile keyFile,
        string suite,
        string[] disclose
    )
    {
        using var json = JsonDocument.Parse(document.ToJsonString());
        var presentation = CliCredentials.IsPresentation(document);
        try
        {
            if (suite == JwtSuite)
            {
                return VcJwt.Create(
                    json.RootElement,
                    keyFile.Key,
                    new VcJwtCreateOptions
                    {
                        Kid = keyFile.VerificationMethodId,
                        Form = presentation ? VcJwtForm.VpJose : VcJwtForm.OpenBadges,
                    }
                );
            }
            // COSE and SD-JWT name the key only by kid: the verifier resolves it.
            var kid =
                keyFile.VerificationMethodId
                ?? throw new CliInputException(
                    $"--suite {suite} needs a key file with a verification method id (id); create the key with --did key or --did web:HOST"
                );
            return suite == CoseSuite
                ? Convert.ToBase64String(
                    VcCose.Create(
                        json.RootElement,
                        keyFile.Key,
                        new VcCoseCreateOptions { Kid = kid }
                    )
                )
                : SdJwtVc.Create(
                    json.RootElement,
                    disclose,
                    keyFile.Key,
                    new SdJwtCreateOptions { Kid = kid }
                );
        }
        catch (ArgumentException ex)
        {
            throw new CliInputException("cannot sign: " + ex.Message, ex);
        }
    }
}
