using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
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
/// DID document and its OB 3.0 issuer Profile. Besides the Ed25519 signing key an organisation may have one
/// active VC-JWT key, P-256 (ES256) or RSA (RS256), added on request.
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

    /// <summary>The stored <see cref="IssuerKey.KeyType"/> of the Ed25519 signing key.</summary>
    public const string Ed25519Type = nameof(KeyType.Ed25519);

    /// <summary>The stored <see cref="IssuerKey.KeyType"/> of a P-256 VC-JWT key.</summary>
    public const string P256Type = nameof(KeyType.P256);

    /// <summary>The stored <see cref="IssuerKey.KeyType"/> of an RSA VC-JWT key.</summary>
    public const string RsaType = nameof(KeyType.Rsa);

    /// <summary>RSA keys the server makes: RS256 with at least 2048 bits (OB 3.0 §8.2.2 requires RS256).</summary>
    public const int RsaBits = 2048;

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
            .Where(k => k.OrganizationId == organizationId && k.Active && k.KeyType == Ed25519Type)
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
            .IssuerKeys.Where(k =>
                k.OrganizationId == organizationId && k.Active && k.KeyType == Ed25519Type
            )
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

    /// <summary>
    /// Makes a new active key of <paramref name="type"/>: Ed25519 rotates the signing key
    /// (<see cref="RotateAsync"/>); P-256 or RSA becomes the VC-JWT key (an organisation has at most one
    /// active), the one it replaces being retired but kept, so credentials signed with it still resolve.
    /// </summary>
    public async Task<IssuerKey> AddKeyAsync(
        Guid organizationId,
        KeyType type,
        CancellationToken cancellationToken
    )
    {
        if (type == KeyType.Ed25519)
        {
            return await RotateAsync(organizationId, cancellationToken).ConfigureAwait(false);
        }
        if (type is not (KeyType.P256 or KeyType.Rsa))
        {
            throw new ArgumentOutOfRangeException(nameof(type));
        }
        var now = time.GetUtcNow();
        var active = await db
            .IssuerKeys.Where(k =>
                k.OrganizationId == organizationId && k.Active && k.KeyType != Ed25519Type
            )
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);
        foreach (var old in active)
        {
            old.Active = false;
            old.RetiredAt = now;
        }
        var key = NewKey(organizationId, type);
        db.IssuerKeys.Add(key);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return key;
    }

    private IssuerKey NewKey(Guid organizationId, KeyType type = KeyType.Ed25519)
    {
        var now = time.GetUtcNow();
        using var signing = SigningKey.Generate(type, RsaBits);
        // RSA has no secret Multikey: its private JWK is what gets protected.
        var secret =
            type == KeyType.Rsa
                ? signing.ExportPrivateJwk().ToJsonString()
                : signing.ExportSecretMultikey();
        return new IssuerKey
        {
            Id = Guid.CreateVersion7(now),
            OrganizationId = organizationId,
            KeyType = type.ToString(),
            PublicKeyMultibase = type == KeyType.Rsa ? null : signing.PublicKey.ToMultikey(),
            PublicKeyJwk =
                type == KeyType.Ed25519 ? null : signing.PublicKey.ToJwk().ToJsonString(),
            ProtectedSecret = _protector.Protect(secret),
            Active = true,
            CreatedAt = now,
        };
    }

    /// <summary>The public key of a stored key.</summary>
    public static VerificationKey PublicKeyOf(IssuerKey key)
    {
        if (key.PublicKeyMultibase is { } multikey)
        {
            return VerificationKey.FromMultikey(multikey);
        }
        using var jwk = JsonDocument.Parse(
            key.PublicKeyJwk
                ?? throw new InvalidOperationException($"The key {key.Id} has no public key.")
        );
        return VerificationKey.FromJwk(jwk.RootElement);
    }

    private SigningKey Unprotect(IssuerKey key)
    {
        var secret = _protector.Unprotect(key.ProtectedSecret);
        if (key.KeyType != RsaType)
        {
            return SigningKey.FromSecretMultikey(secret);
        }
        using var jwk = JsonDocument.Parse(secret);
        return SigningKey.FromJwk(jwk.RootElement);
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
        var signing = cache.GetOrAdd(key.Id, _ => Unprotect(key));
        return new IssuerSigner(
            organizationId,
            identifier,
            VerificationMethodId(identifier, key),
            signing,
            Profile(org, identifier)
        );
    }

    /// <summary>
    /// What signing a VC-JWT for the organisation needs (OB 3.0 §8.2): its active P-256 (ES256) or RSA
    /// (RS256) key when it has one, else the Ed25519 signing key (EdDSA). Under did:web the key is a method
    /// of the organisation's DID document. A did:key names exactly one key, so a did:key organisation signs
    /// its VC-JWTs under the JWT key's own DID, which every verifier resolves offline: <c>did:key:zDn…</c>
    /// for P-256 (multicodec p256-pub 0x1200), <c>did:jwk:…</c> for RSA (did:jwk, the JWK itself being the
    /// identifier; did:key's RSA encoding is not widely implemented).
    /// </summary>
    public async Task<IssuerSigner?> JwtSignerAsync(
        Guid organizationId,
        CancellationToken cancellationToken
    )
    {
        var key = await db
            .IssuerKeys.AsNoTracking()
            .Where(k => k.OrganizationId == organizationId && k.Active && k.KeyType != Ed25519Type)
            .OrderByDescending(k => k.Id)
            .FirstOrDefaultAsync(cancellationToken)
            .ConfigureAwait(false);
        if (key is null)
        {
            return await SignerAsync(organizationId, cancellationToken).ConfigureAwait(false);
        }
        return await SignerForKeyAsync(key, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// What signing with the ECDSA Data Integrity suites needs (VC DI ECDSA 1.0: ecdsa-rdfc-2019,
    /// ecdsa-jcs-2019): the organisation's newest active P-256 key, under the identifier and method that
    /// <see cref="JwtSignerAsync"/> gives such a key; null when the organisation has no P-256 key.
    /// </summary>
    public async Task<IssuerSigner?> EcdsaSignerAsync(
        Guid organizationId,
        CancellationToken cancellationToken
    )
    {
        var key = await db
            .IssuerKeys.AsNoTracking()
            .Where(k => k.OrganizationId == organizationId && k.Active && k.KeyType == P256Type)
            .OrderByDescending(k => k.Id)
            .FirstOrDefaultAsync(cancellationToken)
            .ConfigureAwait(false);
        return key is null
            ? null
            : await SignerForKeyAsync(key, cancellationToken).ConfigureAwait(false);
    }

    // The signer of one of the organisation's P-256 or RSA keys: under did:web a method of the
    // organisation's DID document, else the key's own did:key (P-256) or did:jwk (RSA).
    private async Task<IssuerSigner?> SignerForKeyAsync(
        IssuerKey key,
        CancellationToken cancellationToken
    )
    {
        var organizationId = key.OrganizationId;
        var org = await db
            .Organizations.AsNoTracking()
            .FirstOrDefaultAsync(o => o.Id == organizationId, cancellationToken)
            .ConfigureAwait(false);
        if (org is null)
        {
            return null;
        }
        string identifier;
        string method;
        if (org.IdentifierMethod == IssuerIdentifiers.DidWeb && CanUseDidWeb)
        {
            identifier = DidWebOf(org.Id);
            method = VerificationMethodId(identifier, key);
        }
        else if (key.KeyType == P256Type)
        {
            identifier = DidKey.Prefix + key.PublicKeyMultibase;
            method = DidKey.VerificationMethodId(identifier);
        }
        else
        {
            // did:jwk §2: the DID document has the one method "#0".
            identifier = DidJwk.FromPublicKey(PublicKeyOf(key));
            method = identifier + "#0";
        }
        var signing = cache.GetOrAdd(key.Id, _ => Unprotect(key));
        return new IssuerSigner(
            organizationId,
            identifier,
            method,
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
        var context = new JsonArray(
            "https://www.w3.org/ns/did/v1",
            "https://w3id.org/security/multikey/v1"
        );
        foreach (var key in keys)
        {
            var id = VerificationMethodId(did, key);
            var method = new JsonObject
            {
                ["id"] = id,
                ["type"] = "Multikey",
                ["controller"] = did,
            };
            if (key.PublicKeyMultibase is { } multikey)
            {
                method["publicKeyMultibase"] = multikey;
            }
            else
            {
                // RSA has no Multikey form: a JsonWebKey method (Controlled Identifiers §2.2.3).
                method["type"] = "JsonWebKey";
                method["publicKeyJwk"] = PublicKeyOf(key).ToJwk();
                if (context.Count == 2)
                {
                    context.Add("https://w3id.org/security/jwk/v1");
                }
            }
            methods.Add(method);
            assertion.Add(id);
            authentication.Add(id);
        }
        return new JsonObject
        {
            ["@context"] = context,
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
