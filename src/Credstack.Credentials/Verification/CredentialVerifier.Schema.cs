using System.Text.Json;
using System.Text.Json.Nodes;
using Credstack.Credentials.Validation;

namespace Credstack.Credentials.Verification;

public sealed partial class CredentialVerifier
{
    /// <summary>
    /// The OB 3.0 / CLR 2.0 JSON Schemas and the VC data model rules (<see cref="CredentialValidator"/>):
    /// each problem is its own entry, with the code from <see cref="ValidationCodes"/> and its JSON path.
    /// </summary>
    private static void CheckSchema(JsonObject credential, List<VerificationCheck> checks)
    {
        var element = JsonSerializer.SerializeToElement(credential);
        var report = CredentialValidator.Validate(element);
        var errors = 0;
        foreach (var problem in report.Problems)
        {
            var status =
                problem.Severity == ValidationSeverity.Error
                    ? CheckStatus.Failed
                    : CheckStatus.Warning;
            errors += status == CheckStatus.Failed ? 1 : 0;
            checks.Add(new("schema", status, problem.Code, problem.Message, problem.Path));
        }
        if (errors == 0)
        {
            checks.Add(
                new(
                    "schema",
                    CheckStatus.Passed,
                    VerificationCodes.SchemaOk,
                    $"conforms to the {report.Kind} schema and the VC {report.Version} data model"
                )
            );
        }
    }
}
