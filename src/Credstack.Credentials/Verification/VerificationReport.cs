using System.Text.Json.Nodes;

namespace Credstack.Credentials.Verification;

/// <summary>The result of verifying a credential or presentation: one entry per check and an overall verdict.</summary>
/// <param name="Verdict">Valid, invalid or indeterminate.</param>
/// <param name="Checks">Every check made, in order.</param>
/// <param name="Format">How the credential arrived: <c>json-ld</c>, <c>jwt</c>, <c>png</c>, <c>svg</c>, <c>ob2</c>.</param>
/// <param name="Credential">The credential as read (the JWT's payload for a VC-JWT), when it could be read.</param>
public sealed record VerificationReport(
    Verdict Verdict,
    IReadOnlyList<VerificationCheck> Checks,
    string? Format,
    JsonObject? Credential
)
{
    /// <summary>The verdict that follows from a list of checks: any failure is invalid, else any indeterminate check is indeterminate.</summary>
    public static Verdict VerdictOf(IEnumerable<VerificationCheck> checks)
    {
        ArgumentNullException.ThrowIfNull(checks);
        var verdict = Verdict.Valid;
        foreach (var check in checks)
        {
            if (check.Status == CheckStatus.Failed)
            {
                return Verdict.Invalid;
            }
            if (check.Status == CheckStatus.Indeterminate)
            {
                verdict = Verdict.Indeterminate;
            }
        }
        return verdict;
    }

    /// <summary>The report as JSON (for <c>credstack verify --json</c> and the API).</summary>
    public JsonObject ToJson()
    {
        var checks = new JsonArray();
        foreach (var c in Checks)
        {
            var entry = new JsonObject
            {
                ["check"] = c.Check,
                ["status"] = Lower(c.Status.ToString()),
                ["code"] = c.Code,
                ["message"] = c.Message,
            };
            if (c.Path is not null)
            {
                entry["path"] = c.Path;
            }
            checks.Add(entry);
        }
        var json = new JsonObject
        {
            ["verdict"] = Lower(Verdict.ToString()),
            ["format"] = Format,
            ["checks"] = checks,
        };
        return json;
    }

    private static string Lower(string s) => s.ToLowerInvariant();
}
