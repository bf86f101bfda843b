using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Credstack.Credentials.DataIntegrity;
using Credstack.Credentials.Status;
using Credstack.Server.Data;
using Credstack.Server.Features.IssuerIdentity;
using Microsoft.EntityFrameworkCore;

namespace Credstack.Server.Features.Issuing;

/// <summary>
/// The organisation's Bitstring Status Lists (one per purpose, 131,072 entries each): random index
/// allocation for new credentials, and the signed BitstringStatusListCredential, rebuilt lazily on read
/// after a status changed.
/// </summary>
internal sealed class StatusListService(
    CredstackDbContext db,
    IssuerIdentityService identity,
    TimeProvider time
)
{
    public const string Revocation = "revocation";
    public const string Suspension = "suspension";

    /// <summary>The one list number in use per purpose (room for more lists when one fills up).</summary>
    public const int ListNumber = 1;

    /// <summary>Bitstring Status List v1.0 §2.1: at least 131,072 entries, for herd privacy.</summary>
    public const int ListLength = BitstringStatusList.MinimumLength;

    public string ListUrl(Guid organizationId, string purpose) =>
        new Uri(
            identity.PublicOrigin,
            $"/status/{organizationId:D}/{purpose}/{ListNumber.ToString(CultureInfo.InvariantCulture)}"
        ).AbsoluteUri;

    /// <summary>Makes the organisation's lists when missing (saved with the caller's next SaveChanges).</summary>
    public async Task EnsureListsAsync(Guid organizationId, CancellationToken cancellationToken)
    {
        var existing = await db
            .StatusLists.Where(l => l.OrganizationId == organizationId)
            .Select(l => l.Purpose)
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);
        foreach (var purpose in (string[])[Revocation, Suspension])
        {
            if (!existing.Contains(purpose))
            {
                db.StatusLists.Add(
                    new StatusListRecord
                    {
                        Id = Guid.CreateVersion7(time.GetUtcNow()),
                        OrganizationId = organizationId,
                        Purpose = purpose,
                        Number = ListNumber,
                        UpdatedAt = time.GetUtcNow(),
                    }
                );
            }
        }
    }

    /// <summary>
    /// A random unused index (Bitstring Status List v1.0 §6.4: random assignment, so that an index says
    /// nothing about issuing order). The unique index on the table is the final guard against a race.
    /// </summary>
    public async Task<int> AllocateAsync(
        Guid organizationId,
        string purpose,
        ICollection<int> taken,
        CancellationToken cancellationToken
    )
    {
        for (var attempt = 0; attempt < 64; attempt++)
        {
            var index = RandomNumberGenerator.GetInt32(ListLength);
            if (taken.Contains(index))
            {
                continue;
            }
            var used =
                purpose == Revocation
                    ? await db
                        .Credentials.AnyAsync(
                            c => c.OrganizationId == organizationId && c.RevocationIndex == index,
                            cancellationToken
                        )
                        .ConfigureAwait(false)
                    : await db
                        .Credentials.AnyAsync(
                            c => c.OrganizationId == organizationId && c.SuspensionIndex == index,
                            cancellationToken
                        )
                        .ConfigureAwait(false);
            if (!used)
            {
                taken.Add(index);
                return index;
            }
        }
        throw new InvalidOperationException($"The {purpose} status list is full.");
    }

    /// <summary>Marks a list changed (an atomic increment, so that a concurrent rebuild cannot lose it).</summary>
    public Task MarkChangedAsync(
        Guid organizationId,
        string purpose,
        CancellationToken cancellationToken
    ) =>
        db
            .StatusLists.Where(l =>
                l.OrganizationId == organizationId && l.Purpose == purpose && l.Number == ListNumber
            )
            .ExecuteUpdateAsync(
                s => s.SetProperty(l => l.Version, l => l.Version + 1),
                cancellationToken
            );

    /// <summary>The signed list credential and its ETag; rebuilt and re-signed when a status changed.</summary>
    public async Task<(string Json, string ETag)?> GetSignedAsync(
        Guid organizationId,
        string purpose,
        int number,
        CancellationToken cancellationToken
    )
    {
        var record = await db
            .StatusLists.AsNoTracking()
            .FirstOrDefaultAsync(
                l =>
                    l.OrganizationId == organizationId
                    && l.Purpose == purpose
                    && l.Number == number,
                cancellationToken
            )
            .ConfigureAwait(false);
        if (record is null)
        {
            return null;
        }
        if (
            record.SignedJson is not null
            && record.ETag is not null
            && record.SignedVersion >= record.Version
        )
        {
            return (record.SignedJson, record.ETag);
        }

        var version = record.Version;
        var indexes =
            purpose == Revocation
                ? await db
                    .Credentials.Where(c =>
                        c.OrganizationId == organizationId && c.Revoked && c.RevocationIndex != null
                    )
                    .Select(c => c.RevocationIndex!.Value)
                    .ToListAsync(cancellationToken)
                    .ConfigureAwait(false)
                : await db
                    .Credentials.Where(c =>
                        c.OrganizationId == organizationId
                        && c.Suspended
                        && c.SuspensionIndex != null
                    )
                    .Select(c => c.SuspensionIndex!.Value)
                    .ToListAsync(cancellationToken)
                    .ConfigureAwait(false);
        var list = new BitstringStatusList(ListLength);
        foreach (var index in indexes)
        {
            list.Set(index, true);
        }
        var signer = await identity
            .SignerAsync(organizationId, cancellationToken)
            .ConfigureAwait(false);
        if (signer is null)
        {
            return null;
        }
        var now = time.GetUtcNow();
        var unsigned = BitstringStatusListCredentialBuilder.Build(
            ListUrl(organizationId, purpose),
            signer.Identifier,
            now,
            purpose,
            list
        );
        var signed = DataIntegrityProofs.AddProof(
            unsigned,
            new ProofOptions { Created = now },
            new ProofSigner(signer.Key, signer.VerificationMethod)
        );
        var json = signed.ToJsonString();
        var etag =
            "\""
            + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)))[..32]
            + "\"";
        // Only a newer build replaces the cache: a status change during this build keeps it dirty.
        await db
            .StatusLists.Where(l => l.Id == record.Id && l.SignedVersion < version)
            .ExecuteUpdateAsync(
                s =>
                    s.SetProperty(l => l.SignedJson, json)
                        .SetProperty(l => l.ETag, etag)
                        .SetProperty(l => l.SignedVersion, version)
                        .SetProperty(l => l.UpdatedAt, now),
                cancellationToken
            )
            .ConfigureAwait(false);
        return (json, etag);
    }
}
