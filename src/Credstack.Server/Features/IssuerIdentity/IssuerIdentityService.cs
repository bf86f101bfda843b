using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Credstack.Credentials.Dids;
using Credstack.Credentials.Keys;
using Credstack.Server.Data;
using Credstack.Server.Features.Organizations;
using Credstack.Server.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Credstack.Server.Features.IssuerIdentity;

/// <summary>
/// An organisation's issuer identity: its signing keys (made on demand, rotated, secrets protected with
/// Data Protection), its identifier (did:key of the active key, or did:web under the public origin), its
/// DID document and its OB 3.0 issuer Profile.
/// </summary>
internal sealed class IssuerIdentityService(
    CredstackDbContext db,
    IDataProtectionProvider dataProtection,
    IOptions<CredstackOptions> options,
    TimeProvider time,
    IssuerKeyCache cache,
    IssuerSignerCache signers
)
{
    private const string ProtectorPurpose = "Credstack.IssuerKeys.v1";

    private readonly IDataProtector _protector = dataProtection.CreateProtector(ProtectorPurpose);

    public Uri PublicOrigin => options.Value.PublicOrigin;

    /// <summary>did:web needs https (did:web §3.2: the DID resolves over HTTPS only).</summary>
    public bool CanUseDidWeb => PublicOrigin.Scheme == Uri.UriSchemeHttps;

    /// <summary>The organisation's active key, made (and saved) when it has none.</summary>
    public async Task<IssuerKey> EnsureKeyAsync(
        Guid organizationId,
        CancellationToken cancellationToken
    )
    {
        var key = await db
            .IssuerKeys.AsNoTracking()
            .Where(k => k.OrganizationId == organizationId && k.Active)
            .OrderByDescending(k => k.Id)
            .FirstOrDefaultAsync(cancellationToken)
            .ConfigureAwait(false);
        if (key is not null)
        {
            return key;
        }
        key = NewKey(organizationId);
        db.IssuerKeys.Add(key);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        signers.Forget(organizationId);
        return key;
    }

    /// <summary>Makes a new active key; earlier keys are retired but kept, so they still resolve.</summary>
    public async Task<IssuerKey> RotateAsync(
        Guid organizationId,
        CancellationToken cancellationToken
    )
    {
        var now = time.GetUtcNow();
        var active = await db
            .IssuerKeys.Where(k => k.OrganizationId == organizationId && k.Active)
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);
        foreach (var old in active)
        {
            old.Active = false;
            old.RetiredAt = now;
        }
        var key = NewKey(organizationId);
        db.IssuerKeys.Add(key);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        // Credentials issued from now on are signed with the new key.
        signers.Forget(organizationId);
        return key;
    }

    /// <summary>Drops the cached signer of an organisation whose profile or identifier method changed.</summary>
    public void ForgetSigner(Guid organizationId) => signers.Forget(organizationId);

    private IssuerKey NewKey(Guid organizationId)
    {
        var now = time.GetUtcNow();
        using var signing = SigningKey.Generate(KeyType.Ed25519);
        return new IssuerKey
        {
            Id = Guid.CreateVersion7(now),
            OrganizationId = organizationId,
            KeyType = nameof(KeyType.Ed25519),
            PublicKeyMultibase = signing.PublicKey.ToMultikey(),
            ProtectedSecret = _protector.Protect(signing.ExportSecretMultikey()),
            Active = true,
            CreatedAt = now,
        };
    }

    /// <summary>The identifier credentials are signed under right now.</summary>
    public string Identifier(Organization org, IssuerKey activeKey) =>
        org.IdentifierMethod == IssuerIdentifiers.DidWeb && CanUseDidWeb
            ? DidWebOf(org.Id)
            : DidKey.Prefix + activeKey.PublicKeyMultibase;

    /// <summary>The verification method id of <paramref name="key"/> under <paramref name="identifier"/>.</summary>
    public static string VerificationMethodId(string identifier, IssuerKey key) =>
        identifier.StartsWith(DidKey.Prefix, StringComparison.Ordinal)
            ? DidKey.VerificationMethodId(identifier)
            : identifier + "#key-" + key.Id.ToString("N", CultureInfo.InvariantCulture);

    /// <summary>
    /// The organisation's did:web: <c>did:web:host%3Aport:orgs:{id}</c>, resolved (did:web §3.2.1) at
    /// <c>https://host:port/orgs/{id}/did.json</c>.
    /// </summary>
    public string DidWebOf(Guid organizationId)
    {
        var host = PublicOrigin.IsDefaultPort
            ? PublicOrigin.Host
            : PublicOrigin.Host + "%3A" + PublicOrigin.Port.ToString(CultureInfo.InvariantCulture);
        return $"{DidWeb.Prefix}{host}:orgs:{organizationId:D}";
    }

    /// <summary>The public URL of an organisation's issuer Profile.</summary>
    public string ProfileUrl(Guid organizationId) =>
        new Uri(PublicOrigin, $"/orgs/{organizationId:D}/profile").AbsoluteUri;

    /// <summary>The OB 3.0 issuer Profile (OB 3.0 §B.1.20), <c>id</c> being the signing identifier.</summary>
    public static JsonObject Profile(Organization org, string identifier)
    {
        var profile = new JsonObject
        {
            ["id"] = identifier,
            ["type"] = "Profile",
            ["name"] = org.Name,
        };
        if (org.Url is not null)
        {
            profile["url"] = org.Url;
        }
        if (org.Description is not null)
        {
            profile["description"] = org.Description;
        }
        if (org.Email is not null)
        {
            profile["email"] = org.Email;
        }
        return profile;
    }

    /// <summary>
    /// Everything needed to sign for the organisation now (its key made when missing). Cached per
    /// organisation (<see cref="IssuerSignerCache"/>): rotation and profile changes drop the entry at once.
    /// </summary>
    public async Task<IssuerSigner?> SignerAsync(
        Guid organizationId,
        CancellationToken cancellationToken
    )
    {
        var now = time.GetUtcNow();
        if (signers.TryGet(organizationId, now, out var cached))
        {
            return cached;
        }
        var generation = signers.Generation(organizationId);
        var signer = await LoadSignerAsync(organizationId, cancellationToken).ConfigureAwait(false);
        if (signer is not null)
        {
            signers.Set(organizationId, signer, generation, now);
        }
        return signer;
    }

    private async Task<IssuerSigner?> LoadSignerAsync(
        Guid organizationId,
        CancellationToken cancellationToken
    )
    {
        var org = await db
            .Organizations.AsNoTracking()
            .FirstOrDefaultAsync(o => o.Id == organizationId, cancellationToken)
            .ConfigureAwait(false);
        if (org is null)
        {
            return null;
        }
        var key = await EnsureKeyAsync(organizationId, cancellationToken).ConfigureAwait(false);
        var identifier = Identifier(org, key);
        var signing = cache.GetOrAdd(
            key.Id,
            _ => SigningKey.FromSecretMultikey(_protector.Unprotect(key.ProtectedSecret))
        );
        return new IssuerSigner(
            organizationId,
            identifier,
            VerificationMethodId(identifier, key),
            signing,
            Profile(org, identifier)
        );
    }

    /// <summary>
    /// The did:web DID document (DID Core §5) of an organisation, every key listed (retired ones too, so
    /// that earlier credentials still verify); null when the organisation does not use did:web.
    /// </summary>
    public async Task<JsonObject?> DidDocumentAsync(
        Guid organizationId,
        CancellationToken cancellationToken
    )
    {
        if (!CanUseDidWeb)
        {
            return null;
        }
        var org = await db
            .Organizations.AsNoTracking()
            .FirstOrDefaultAsync(o => o.Id == organizationId, cancellationToken)
            .ConfigureAwait(false);
        if (org is null || org.IdentifierMethod != IssuerIdentifiers.DidWeb)
        {
            return null;
        }
        var keys = await db
            .IssuerKeys.AsNoTracking()
            .Where(k => k.OrganizationId == organizationId)
            .OrderBy(k => k.Id)
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);
        var did = DidWebOf(organizationId);
        var methods = new JsonArray();
        var assertion = new JsonArray();
        var authentication = new JsonArray();
        foreach (var key in keys)
        {
            var id = VerificationMethodId(did, key);
            methods.Add(
                new JsonObject
                {
                    ["id"] = id,
                    ["type"] = "Multikey",
                    ["controller"] = did,
                    ["publicKeyMultibase"] = key.PublicKeyMultibase,
                }
            );
            assertion.Add(id);
            authentication.Add(id);
        }
        return new JsonObject
        {
            ["@context"] = new JsonArray(
                "https://www.w3.org/ns/did/v1",
                "https://w3id.org/security/multikey/v1"
            ),
            ["id"] = did,
            ["verificationMethod"] = methods,
            ["assertionMethod"] = assertion,
            ["authentication"] = authentication,
        };
    }
}

/// <summary>Decrypted signing keys by key id, so that Data Protection runs once per key and process.</summary>
internal sealed class IssuerKeyCache : ConcurrentDictionary<Guid, SigningKey>;

/// <summary>
/// The signer of each organisation (its profile, identifier and decrypted active key), so that issuing
/// does not read the organisation and its key on every request. <see cref="Forget"/> drops an entry when
/// this server rotates the key or changes the organisation; an entry also expires after
/// <see cref="Lifetime"/>, which bounds how long another server process sharing the database keeps
/// signing with a key it retired (the retired key still resolves, so those credentials verify).
/// A cached signer is shared: its <see cref="IssuerSigner.Profile"/> must not be modified (clone it).
/// </summary>
internal sealed class IssuerSignerCache
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<Guid, Entry> _entries = new();
    private readonly ConcurrentDictionary<Guid, long> _generations = new();

    public bool TryGet(
        Guid organizationId,
        DateTimeOffset now,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out IssuerSigner? signer
    )
    {
        if (
            _entries.TryGetValue(organizationId, out var entry)
            && now >= entry.LoadedAt
            && now - entry.LoadedAt < Lifetime
        )
        {
            signer = entry.Signer;
            return true;
        }
        signer = null;
        return false;
    }

    /// <summary>The organisation's invalidation count; read it before loading, pass it to <see cref="Set"/>.</summary>
    public long Generation(Guid organizationId) =>
        _generations.TryGetValue(organizationId, out var generation) ? generation : 0;

    /// <summary>Caches a signer unless the organisation was invalidated while it was being loaded.</summary>
    public void Set(Guid organizationId, IssuerSigner signer, long generation, DateTimeOffset now)
    {
        _entries[organizationId] = new Entry(signer, now);
        if (Generation(organizationId) != generation)
        {
            // A rotation or change raced with the load: the loaded signer may be stale.
            _entries.TryRemove(organizationId, out _);
        }
    }

    public void Forget(Guid organizationId)
    {
        _generations.AddOrUpdate(organizationId, 1, (_, g) => g + 1);
        _entries.TryRemove(organizationId, out _);
    }

    private sealed record Entry(IssuerSigner Signer, DateTimeOffset LoadedAt);
}
