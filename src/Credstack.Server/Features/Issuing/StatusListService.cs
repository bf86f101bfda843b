using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Credstack.Credentials.DataIntegrity;
using Credstack.Credentials.Status;
using Credstack.Server.Data;
using Credstack.Server.Features.IssuerIdentity;
using Microsoft.EntityFrameworkCore;

namespace Credstack.Server.Features.Issuing;

/// <summary>
/// The organisation's Bitstring Status Lists (per purpose, numbered 1, 2, … as each fills its 131,072
/// entries): the signed BitstringStatusListCredential of each, rebuilt lazily on read after a status
/// changed. Index allocation is <see cref="StatusIndexAllocator"/>.
/// </summary>
internal sealed class StatusListService(
    CredstackDbContext db,
    IssuerIdentityService identity,
    TimeProvider time,
    IConfiguration configuration
)
{
    public const string Revocation = "revocation";
    public const string Suspension = "suspension";

    /// <summary>The configuration key of <see cref="ListLength"/> (for tests: a short list fills up quickly).</summary>
    public const string LengthKey = "Credstack:StatusLists:Length";

    /// <summary>
    /// How many indexes of a list are handed out before the next list is opened: 131,072 (Bitstring Status
    /// List v1.0 §2.1: at least 131,072 entries, for herd privacy). The published bitstring is never shorter.
    /// </summary>
    public int ListLength { get; } =
        configuration.GetValue<int?>(LengthKey) is > 0 and var length
            ? length
            : BitstringStatusList.MinimumLength;

    public string ListUrl(Guid organizationId, string purpose, int number) =>
        new Uri(
            identity.PublicOrigin,
            $"/status/{organizationId:D}/{purpose}/{number.ToString(CultureInfo.InvariantCulture)}"
        ).AbsoluteUri;

    /// <summary>The BitstringStatusListEntry of <paramref name="slot"/> in the organisation's list of <paramref name="purpose"/>.</summary>
    public JsonObject Entry(Guid organizationId, string purpose, StatusSlot slot) =>
        TemplateCredentialBuilder.StatusEntry(
            ListUrl(organizationId, purpose, slot.List),
            purpose,
            slot.Index
        );

    /// <summary>A list record to add (saved with the caller's next SaveChanges).</summary>
    public StatusListRecord NewList(Guid organizationId, string purpose, int number) =>
        new()
        {
            Id = Guid.CreateVersion7(time.GetUtcNow()),
            OrganizationId = organizationId,
            Purpose = purpose,
            Number = number,
            UpdatedAt = time.GetUtcNow(),
        };

    /// <summary>Marks a list changed (an atomic increment, so that a concurrent rebuild cannot lose it).</summary>
    public Task MarkChangedAsync(
        Guid organizationId,
        string purpose,
        int number,
        CancellationToken cancellationToken
    ) =>
        db
            .StatusLists.Where(l =>
                l.OrganizationId == organizationId && l.Purpose == purpose && l.Number == number
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
                        c.OrganizationId == organizationId
                        && c.Revoked
                        && c.RevocationList == number
                        && c.RevocationIndex != null
                    )
                    .Select(c => c.RevocationIndex!.Value)
                    .ToListAsync(cancellationToken)
                    .ConfigureAwait(false)
                : await db
                    .Credentials.Where(c =>
                        c.OrganizationId == organizationId
                        && c.Suspended
                        && c.SuspensionList == number
                        && c.SuspensionIndex != null
                    )
                    .Select(c => c.SuspensionIndex!.Value)
                    .ToListAsync(cancellationToken)
                    .ConfigureAwait(false);
        var list = new BitstringStatusList(Math.Max(ListLength, BitstringStatusList.MinimumLength));
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
            ListUrl(organizationId, purpose, number),
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
