using Credstack.Server.Data;
using Credstack.Server.Features.Issuing;
using Microsoft.EntityFrameworkCore;

namespace Credstack.Server.Features.Lifecycle;

/// <summary>Status changes of issued credentials: each flips a flag and marks the matching status list changed.</summary>
internal sealed class LifecycleService(
    CredstackDbContext db,
    StatusListService statusLists,
    TimeProvider time
)
{
    public Task<IssuedCredential?> FindAsync(
        Guid organizationId,
        Guid id,
        CancellationToken cancellationToken
    ) =>
        db.Credentials.FirstOrDefaultAsync(
            c => c.Id == id && c.OrganizationId == organizationId,
            cancellationToken
        );

    /// <summary>Applies a status change; throws <see cref="IssuingException"/> when the credential has no status entry.</summary>
    public async Task ChangeAsync(
        IssuedCredential credential,
        string change,
        string? reason,
        CancellationToken cancellationToken
    )
    {
        string purpose;
        int number;
        switch (change)
        {
            case CredentialStatusNames.Revoked:
                Require(credential.RevocationIndex, "revocation");
                purpose = StatusListService.Revocation;
                number = credential.RevocationList ?? 1;
                if (!credential.Revoked)
                {
                    credential.Revoked = true;
                    credential.RevokedAt = time.GetUtcNow();
                    credential.RevocationReason = reason;
                }
                break;
            case CredentialStatusNames.Suspended:
            case "unsuspended":
                Require(credential.SuspensionIndex, "suspension");
                if (credential.Revoked)
                {
                    throw new IssuingException(
                        StatusCodes.Status409Conflict,
                        "The credential is revoked.",
                        "A revoked credential cannot be suspended or unsuspended."
                    );
                }
                purpose = StatusListService.Suspension;
                number = credential.SuspensionList ?? 1;
                credential.Suspended = change == CredentialStatusNames.Suspended;
                break;
            default:
                throw new IssuingException(
                    StatusCodes.Status400BadRequest,
                    "Unknown status.",
                    "must be 'revoked', 'suspended' or 'unsuspended'.",
                    "status"
                );
        }
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await statusLists
            .MarkChangedAsync(credential.OrganizationId, purpose, number, cancellationToken)
            .ConfigureAwait(false);
    }

    private static void Require(int? index, string purpose)
    {
        if (index is null)
        {
            throw new IssuingException(
                StatusCodes.Status422UnprocessableEntity,
                $"The credential has no {purpose} status entry.",
                "Only VC 2.0 credentials issued by this server carry status entries."
            );
        }
    }
}
