using System.Text.Json.Nodes;
using Credstack.Credentials.Status;

namespace Credstack.Credentials.Verification;

public sealed partial class CredentialVerifier
{
    /// <summary>
    /// credentialStatus (Bitstring Status List v1.0 §3.2, StatusList2021, 1EdTechRevocationList): fetch each
    /// list, verify the list credential's own proof, and read the entry's bit.
    /// </summary>
    private async Task CheckStatusAsync(
        JsonObject credential,
        List<VerificationCheck> checks,
        CancellationToken cancellationToken
    )
    {
        var node = credential["credentialStatus"];
        if (node is null)
        {
            checks.Add(
                new(
                    "status",
                    CheckStatus.Skipped,
                    VerificationCodes.StatusNone,
                    "the credential has no credentialStatus"
                )
            );
            return;
        }
        var entries = node is JsonArray array ? array.ToList() : [node];
        for (var i = 0; i < entries.Count; i++)
        {
            var path = node is JsonArray ? $"$.credentialStatus[{i}]" : "$.credentialStatus";
            checks.Add(
                await CheckStatusEntryAsync(credential, entries[i], path, cancellationToken)
                    .ConfigureAwait(false)
            );
        }
    }

    private async Task<VerificationCheck> CheckStatusEntryAsync(
        JsonObject credential,
        JsonNode? entryNode,
        string path,
        CancellationToken cancellationToken
    )
    {
        if (EdTechRevocationList.IsEntry(entryNode))
        {
            var url = EdTechRevocationList.ListUrlOf(entryNode);
            if (!url.IsSuccess)
            {
                return new(
                    "status",
                    CheckStatus.Failed,
                    VerificationCodes.StatusInvalid,
                    url.Error!.Message,
                    path
                );
            }
            var fetchedList = await Options
                .Fetcher.FetchAsync(url.Value.AbsoluteUri, cancellationToken)
                .ConfigureAwait(false);
            if (fetchedList.Document is null)
            {
                return Unavailable(fetchedList, path);
            }
            var revocation = EdTechRevocationList.Check(
                (string?)(credential["id"] as JsonValue),
                fetchedList.Document
            );
            if (!revocation.IsSuccess)
            {
                return new(
                    "status",
                    CheckStatus.Failed,
                    VerificationCodes.StatusInvalid,
                    revocation.Error!.Message,
                    path
                );
            }
            return revocation.Value.Revoked
                ? new(
                    "status",
                    CheckStatus.Failed,
                    VerificationCodes.StatusRevoked,
                    "the credential is revoked" + Reason(revocation.Value.Reason),
                    path
                )
                : new(
                    "status",
                    CheckStatus.Passed,
                    VerificationCodes.StatusOk,
                    "the credential is not on the issuer's revocation list",
                    path
                );
        }
        if (!BitstringStatusListEntry.IsStatusListEntry(entryNode))
        {
            var type = (entryNode as JsonObject)?["type"]?.ToJsonString() ?? "(none)";
            return new(
                "status",
                CheckStatus.Indeterminate,
                VerificationCodes.StatusInvalid,
                $"the status type {type} is not supported",
                path
            );
        }
        var entry = BitstringStatusListEntry.Parse(entryNode);
        if (!entry.IsSuccess)
        {
            return new(
                "status",
                CheckStatus.Failed,
                VerificationCodes.StatusInvalid,
                entry.Error!.Message,
                path
            );
        }
        var fetched = await Options
            .Fetcher.FetchAsync(entry.Value.StatusListCredential, cancellationToken)
            .ConfigureAwait(false);
        if (fetched.Document is null)
        {
            return Unavailable(fetched, path);
        }

        var now = Options.Time.GetUtcNow();
        StatusListCredential? statusList = null;
        if (
            Options.StatusListCache is not { } cache
            || !cache.TryGet(fetched.Document, now, out statusList)
        )
        {
            var verified = await VerifyStatusListAsync(
                    entry.Value.StatusListCredential,
                    fetched.Document,
                    path,
                    cancellationToken
                )
                .ConfigureAwait(false);
            if (verified.Failure is not null)
            {
                return verified.Failure;
            }
            var parsed = StatusListCredential.Parse(verified.Credential!);
            if (!parsed.IsSuccess)
            {
                return new(
                    "status",
                    CheckStatus.Failed,
                    VerificationCodes.StatusInvalid,
                    parsed.Error!.Message,
                    path
                );
            }
            statusList = parsed.Value;
            Options.StatusListCache?.Add(fetched.Document, verified.Credential!, statusList, now);
        }

        var result = StatusListChecker.Check(
            entry.Value,
            statusList!,
            new StatusCheckOptions { Now = now }
        );
        if (!result.IsSuccess)
        {
            return new(
                "status",
                CheckStatus.Failed,
                VerificationCodes.StatusInvalid,
                result.Error!.Message,
                path
            );
        }
        var status = result.Value;
        if (!status.IsSet)
        {
            return new(
                "status",
                CheckStatus.Passed,
                VerificationCodes.StatusOk,
                $"{status.Purpose}: not set (index {status.Index})",
                path
            );
        }
        return status.Purpose switch
        {
            StatusPurposes.Revocation => new(
                "status",
                CheckStatus.Failed,
                VerificationCodes.StatusRevoked,
                $"the credential is revoked (index {status.Index})",
                path
            ),
            StatusPurposes.Suspension => new(
                "status",
                CheckStatus.Failed,
                VerificationCodes.StatusSuspended,
                $"the credential is suspended (index {status.Index})",
                path
            ),
            _ => new(
                "status",
                CheckStatus.Warning,
                VerificationCodes.StatusMessage,
                $"{status.Purpose} status {status.Status}{(status.Message is null ? "" : ": " + status.Message)}",
                path
            ),
        };
    }

    /// <summary>Verifies a fetched status list credential's proof (without its own status).</summary>
    private async Task<(JsonObject? Credential, VerificationCheck? Failure)> VerifyStatusListAsync(
        string url,
        JsonNode document,
        string path,
        CancellationToken cancellationToken
    )
    {
        // The status list credential is itself a credential: its proof must verify (without its own status).
        var listVerifier = new CredentialVerifier(
            Options with
            {
                CheckStatus = false,
                ValidateSchema = false,
            }
        );
        var listReport = document switch
        {
            JsonObject o => await listVerifier
                .VerifyAsync((JsonObject)o.DeepClone(), cancellationToken)
                .ConfigureAwait(false),
            JsonValue v when v.TryGetValue<string>(out var jwt) => await listVerifier
                .VerifyAsync(jwt, cancellationToken)
                .ConfigureAwait(false),
            _ => Fatal(
                null,
                VerificationCodes.ParseNotACredential,
                "the status list is not a credential"
            ),
        };
        if (listReport.Verdict != Verdict.Valid || listReport.Credential is null)
        {
            var problem = listReport.Checks.FirstOrDefault(c =>
                c.Status is CheckStatus.Failed or CheckStatus.Indeterminate
            );
            return (
                null,
                new(
                    "status",
                    listReport.Verdict == Verdict.Indeterminate
                        ? CheckStatus.Indeterminate
                        : CheckStatus.Failed,
                    listReport.Verdict == Verdict.Indeterminate
                        ? VerificationCodes.StatusUnavailable
                        : VerificationCodes.StatusInvalid,
                    $"the status list credential {url} does not verify: {problem?.Message}",
                    path
                )
            );
        }
        return (listReport.Credential, null);
    }

    private static VerificationCheck Unavailable(FetchResult fetched, string path) =>
        new(
            "status",
            fetched.Unavailable ? CheckStatus.Indeterminate : CheckStatus.Failed,
            fetched.Unavailable
                ? VerificationCodes.StatusUnavailable
                : VerificationCodes.StatusInvalid,
            "the status list could not be fetched: " + fetched.Error,
            path
        );

    private static string Reason(string? reason) =>
        string.IsNullOrEmpty(reason) ? "" : $": {reason}";
}
