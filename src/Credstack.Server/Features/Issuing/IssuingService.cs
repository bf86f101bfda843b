using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Credstack.Credentials.DataIntegrity;
using Credstack.Credentials.Jose;
using Credstack.Credentials.Model;
using Credstack.Credentials.Status;
using Credstack.LinkedData.Canonicalization;
using Credstack.LinkedData.JsonLd;
using Credstack.Server.Data;
using Credstack.Server.Features.IssuerIdentity;
using Credstack.Server.Features.Notifications;
using Credstack.Server.Features.Templates;
using Microsoft.EntityFrameworkCore;

namespace Credstack.Server.Features.Issuing;

/// <summary>
/// Builds, signs and stores credentials: from a template (an OB 3.0 OpenBadgeCredential) or as given through
/// the VC-API. Adds the status entries, honours <c>Idempotency-Key</c>, and stores the credential exactly as signed.
/// </summary>
internal sealed class IssuingService(
    CredstackDbContext db,
    IssuerIdentityService identity,
    StatusListService statusLists,
    StatusIndexAllocator allocator,
    SqliteGroupInsert<IssuedCredential> groupInsert,
    TimeProvider time
)
{
    /// <summary>Refuses an <c>Idempotency-Key</c> header that is empty or longer than 200 characters.</summary>
    internal static void CheckIdempotencyKey(string idempotencyKey)
    {
        if (idempotencyKey.Length is 0 or > 200)
        {
            throw new IssuingException(
                StatusCodes.Status400BadRequest,
                "The Idempotency-Key header is invalid.",
                "must be 1 to 200 characters.",
                "Idempotency-Key"
            );
        }
    }

    public const string Vc1Context = "https://www.w3.org/2018/credentials/v1";

    public const string DataIntegrityContext = "https://w3id.org/security/data-integrity/v2";

    public const string FormatLdp = "ldp";
    public const string FormatJwt = "jwt";

    /// <summary>The public URL of a credential (its <c>id</c> when the server chose it).</summary>
    public string CredentialUrl(Guid id) =>
        new Uri(identity.PublicOrigin, $"/credentials/{id:D}").AbsoluteUri;

    /// <summary>The credential earlier issued under the same idempotency key, or null; a different request under it is a 422.</summary>
    public async Task<IssuedCredential?> FindIdempotentAsync(
        Guid organizationId,
        string? idempotencyKey,
        string requestHash,
        CancellationToken cancellationToken
    )
    {
        if (idempotencyKey is null)
        {
            return null;
        }
        CheckIdempotencyKey(idempotencyKey);
        var existing = await db
            .Credentials.AsNoTracking()
            .FirstOrDefaultAsync(
                c => c.OrganizationId == organizationId && c.IdempotencyKey == idempotencyKey,
                cancellationToken
            )
            .ConfigureAwait(false);
        if (existing is not null && existing.RequestHash != requestHash)
        {
            throw new IssuingException(
                StatusCodes.Status422UnprocessableEntity,
                "This Idempotency-Key was used for a different request.",
                "A retry must send the same body; use a new key for a new credential.",
                "Idempotency-Key"
            );
        }
        return existing;
    }

    public static string HashRequest(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>The proof format a request names: <c>ldp</c> (default) or <c>jwt</c>; anything else is a 400 naming <paramref name="field"/>.</summary>
    public static string ParseFormat(string? format, string field) =>
        format?.Trim() switch
        {
            null or "" or FormatLdp or "json-ld" or "ldp_vc" => FormatLdp,
            FormatJwt or "vc-jwt" or "jwt_vc" or "jwt_vc_json" => FormatJwt,
            _ => throw new IssuingException(
                StatusCodes.Status400BadRequest,
                "Unknown format.",
                "must be 'ldp' (a Data Integrity proof) or 'jwt' (a VC-JWT).",
                field
            ),
        };

    /// <summary>Issues an OpenBadgeCredential from the current version of a template.</summary>
    public async Task<IssuedCredential?> IssueFromTemplateAsync(
        Guid organizationId,
        Guid templateId,
        IssueFromTemplateRequest request,
        string? idempotencyKey,
        CancellationToken cancellationToken
    )
    {
        var template = await db
            .Templates.AsNoTracking()
            .FirstOrDefaultAsync(
                t => t.Id == templateId && t.OrganizationId == organizationId,
                cancellationToken
            )
            .ConfigureAwait(false);
        if (template is null)
        {
            return null;
        }
        var requestHash = HashRequest(
            templateId.ToString("D")
                + "\n"
                + JsonSerializer.Serialize(request, TemplateJson.Options)
        );
        var earlier = await FindIdempotentAsync(
                organizationId,
                idempotencyKey,
                requestHash,
                cancellationToken
            )
            .ConfigureAwait(false);
        if (earlier is not null)
        {
            return earlier;
        }
        if (template.Archived)
        {
            throw new IssuingException(
                StatusCodes.Status422UnprocessableEntity,
                "The template is archived.",
                "Unarchive it to issue from it."
            );
        }
        var version = await db
            .TemplateVersions.AsNoTracking()
            .FirstAsync(
                v => v.TemplateId == templateId && v.Version == template.CurrentVersion,
                cancellationToken
            )
            .ConfigureAwait(false);

        var email = request.Email?.Trim();
        if (
            string.IsNullOrEmpty(email)
            || !Infrastructure.Problems.ValidationErrors.LooksLikeEmail(email)
        )
        {
            throw new IssuingException(
                StatusCodes.Status400BadRequest,
                "The recipient is invalid.",
                "must be an e-mail address.",
                "email"
            );
        }
        var name = request.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 500)
        {
            throw new IssuingException(
                StatusCodes.Status400BadRequest,
                "The recipient is invalid.",
                "is required (at most 500 characters).",
                "name"
            );
        }
        var now = time.GetUtcNow();
        var issued = request.Issued ?? now;
        var expires =
            request.Expires ?? (version.ValidityDays is { } days ? issued.AddDays(days) : null);
        if (expires is { } until && until <= issued)
        {
            throw new IssuingException(
                StatusCodes.Status400BadRequest,
                "The validity period is empty.",
                "must be after 'issued'.",
                "expires"
            );
        }

        if (request.Evidence is { Count: > 0 } evidence)
        {
            for (var i = 0; i < evidence.Count; i++)
            {
                if (
                    evidence[i].Id is { } evidenceId
                    && !Uri.TryCreate(evidenceId, UriKind.Absolute, out _)
                )
                {
                    throw new IssuingException(
                        StatusCodes.Status400BadRequest,
                        "The evidence is invalid.",
                        "must be an absolute URL.",
                        $"evidence[{i}].id"
                    );
                }
            }
        }
        var format = ParseFormat(request.Format, "format");

        // A VC-JWT is signed with the organisation's JWT key (RS256 / ES256) when it has one, else EdDSA.
        var signer =
            (
                format == FormatJwt
                    ? await identity
                        .JwtSignerAsync(organizationId, cancellationToken)
                        .ConfigureAwait(false)
                    : await identity
                        .SignerAsync(organizationId, cancellationToken)
                        .ConfigureAwait(false)
            ) ?? throw new InvalidOperationException("The caller's organisation is gone.");
        var builder = new TemplateCredentialBuilder(identity.PublicOrigin, signer, version);
        var id = Guid.CreateVersion7(now);
        var credentialId = builder.CredentialUrl(id);
        var slot = await allocator
            .AllocateOneAsync(organizationId, StatusListService.Revocation, cancellationToken)
            .ConfigureAwait(false);
        var credential = builder.Build(
            credentialId,
            new TemplateRecipient(
                email,
                name,
                issued,
                expires,
                request.Narrative,
                request.Evidence
            ),
            statusLists.Entry(organizationId, StatusListService.Revocation, slot)
        );
        var record = new IssuedCredential
        {
            Id = id,
            OrganizationId = organizationId,
            CredentialId = credentialId,
            TemplateId = templateId,
            TemplateVersion = version.Version,
            Name = version.Name,
            RecipientName = name,
            RecipientEmail = email,
            Format = format,
            Content = "",
            IssuedAt = now,
            // Stored in UTC: PostgreSQL's timestamptz takes UTC only, and SQLite compares the text.
            ValidUntil = expires?.ToUniversalTime(),
            RevocationList = slot.List,
            RevocationIndex = slot.Index,
            IdempotencyKey = idempotencyKey,
            RequestHash = idempotencyKey is null ? null : requestHash,
        };
        record.Content =
            format == FormatJwt
                ? VcJwt.Create(
                    TemplateCredentialBuilder.ToElement(credential),
                    signer.Key,
                    new VcJwtCreateOptions { Kid = signer.VerificationMethod }
                )
                : TemplateCredentialBuilder.Sign(
                    credential,
                    signer,
                    DataIntegritySuites.EddsaRdfc2022,
                    time.GetUtcNow()
                );
        db.Credentials.Add(record);
        if (request.Notify)
        {
            NotificationQueue.QueueCredentialIssued(db, record);
        }
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return record;
    }

    /// <summary>
    /// VC-API issue: signs the given credential (VC 2.0 or 1.1) for the organisation, after checking that
    /// it names the organisation as issuer; adds an id when it has none, and status entries (VC 2.0). With
    /// <paramref name="format"/> <c>jwt</c> it is a VC-JWT signed with the organisation's JWT key (see
    /// <see cref="IssuerIdentityService.JwtSignerAsync"/>); the issuer id is then the one that key signs
    /// under (for a did:key organisation with a P-256 or RSA key, that key's own DID).
    /// </summary>
    public async Task<IssuedCredential> IssueAsync(
        Guid organizationId,
        JsonObject credential,
        string cryptosuite,
        string format,
        string? idempotencyKey,
        string requestHash,
        CancellationToken cancellationToken,
        IReadOnlyList<string>? mandatoryPointers = null
    )
    {
        var earlier = await FindIdempotentAsync(
                organizationId,
                idempotencyKey,
                requestHash,
                cancellationToken
            )
            .ConfigureAwait(false);
        if (earlier is not null)
        {
            return earlier;
        }
        var issuer = credential["issuer"] switch
        {
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            JsonObject o when o["id"] is JsonValue v && v.TryGetValue<string>(out var s) => s,
            _ => null,
        };
        if (string.IsNullOrWhiteSpace(issuer))
        {
            throw new IssuingException(
                StatusCodes.Status400BadRequest,
                "The credential names no issuer.",
                "is required: a DID or URL, or an object with an id.",
                "credential.issuer"
            );
        }
        var signer =
            await identity.SignerAsync(organizationId, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException("The caller's organisation is gone.");
        var jwtSigner =
            format == FormatJwt
                ? await identity
                    .JwtSignerAsync(organizationId, cancellationToken)
                    .ConfigureAwait(false)
                : null;
        // The ECDSA suites sign with the organisation's P-256 key (VC DI ECDSA 1.0).
        var ecdsaSigner =
            jwtSigner is null
            && (
                DataIntegritySuites.UsesEcdsa(cryptosuite) || cryptosuite == EcdsaSd2023.Cryptosuite
            )
                ? await identity
                    .EcdsaSignerAsync(organizationId, cancellationToken)
                    .ConfigureAwait(false)
                    ?? throw new IssuingException(
                        StatusCodes.Status422UnprocessableEntity,
                        "The organisation has no P-256 key.",
                        $"{cryptosuite} signs with a P-256 key: add one (POST /api/v1/organization/keys with type p256), or use an EdDSA cryptosuite.",
                        "options.cryptosuite"
                    )
                : null;
        // A key other than the organisation's Ed25519 key may sign under its own identifier.
        var otherSigner = jwtSigner ?? ecdsaSigner;
        if (
            !string.Equals(issuer, signer.Identifier, StringComparison.Ordinal)
            && !string.Equals(issuer, otherSigner?.Identifier, StringComparison.Ordinal)
        )
        {
            throw new IssuingException(
                StatusCodes.Status422UnprocessableEntity,
                "The credential's issuer is not this organisation.",
                $"This API key signs as '{signer.Identifier}', the credential names '{issuer}'.",
                "credential.issuer"
            );
        }
        if (otherSigner is not null && issuer != otherSigner.Identifier)
        {
            // The JWT's iss and kid, or the proof's verification method, name that key's identifier; the
            // credential's issuer must match (the verifier checks that the issuer controls the key).
            if (credential["issuer"] is JsonObject issuerObject)
            {
                issuerObject["id"] = otherSigner.Identifier;
            }
            else
            {
                credential["issuer"] = otherSigner.Identifier;
            }
        }
        var firstContext = credential["@context"] switch
        {
            JsonArray a
                when a.Count > 0 && a[0] is JsonValue v && v.TryGetValue<string>(out var s) => s,
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            _ => null,
        };
        var isV2 = firstContext == BitstringStatusListCredentialBuilder.CredentialsV2Context;
        if (!isV2 && firstContext != Vc1Context)
        {
            throw new IssuingException(
                StatusCodes.Status400BadRequest,
                "The credential is not a Verifiable Credential.",
                $"the first context must be '{BitstringStatusListCredentialBuilder.CredentialsV2Context}' (VC 2.0) or '{Vc1Context}' (VC 1.1).",
                "credential.@context"
            );
        }
        if (credential.ContainsKey("proof"))
        {
            throw new IssuingException(
                StatusCodes.Status400BadRequest,
                "The credential is already signed.",
                "must be absent: the server adds the proof.",
                "credential.proof"
            );
        }
        if (isV2 && credential.ContainsKey("credentialStatus"))
        {
            throw new IssuingException(
                StatusCodes.Status400BadRequest,
                "The credential already has a status.",
                "must be absent: the server adds the revocation and suspension entries.",
                "credential.credentialStatus"
            );
        }

        var now = time.GetUtcNow();
        var id = Guid.CreateVersion7(now);
        var credentialId =
            credential["id"] is JsonValue idValue && idValue.TryGetValue<string>(out var given)
                ? given
                : null;
        if (credentialId is null)
        {
            credentialId = CredentialUrl(id);
            // Keep "id" near the top, where readers expect it.
            credential.Insert(1, "id", credentialId);
        }
        else if (
            await db
                .Credentials.AnyAsync(c => c.CredentialId == credentialId, cancellationToken)
                .ConfigureAwait(false)
        )
        {
            throw new IssuingException(
                StatusCodes.Status409Conflict,
                "A credential with this id was already issued.",
                credentialId,
                "credential.id"
            );
        }
        if (!isV2 && !credential.ContainsKey("issuanceDate"))
        {
            // VC 1.1 §4.6: issuanceDate is required; the issuer sets it.
            credential["issuanceDate"] = OpenBadgeCredentialFactory.DateTimeStamp(now);
        }
        DateTimeOffset? validUntil = null;
        if (
            (credential["validUntil"] ?? credential["expirationDate"]) is JsonValue untilValue
            && untilValue.TryGetValue<string>(out var untilText)
            && DateTimeOffset.TryParse(
                untilText,
                CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal,
                out var parsed
            )
        )
        {
            validUntil = parsed.ToUniversalTime();
        }

        var record = new IssuedCredential
        {
            Id = id,
            OrganizationId = organizationId,
            CredentialId = credentialId,
            Name =
                credential["name"] is JsonValue n && n.TryGetValue<string>(out var nameText)
                    ? Truncate(nameText, 1000)
                    : null,
            Format = format,
            Content = "",
            IssuedAt = now,
            ValidUntil = validUntil,
            IdempotencyKey = idempotencyKey,
            RequestHash = idempotencyKey is null ? null : requestHash,
        };
        // The VC 1.1 context does not define BitstringStatusListEntry, so only VC 2.0 credentials get entries.
        if (isV2)
        {
            await AddStatusAsync(record, credential, IsOpenBadge(credential), cancellationToken)
                .ConfigureAwait(false);
        }
        else if (jwtSigner is null && !HasContext(credential, DataIntegrityContext))
        {
            // VC Data Integrity §2.1: a VC 1.1 document must add the Data Integrity context, which
            // defines DataIntegrityProof and the proof properties the v1 context lacks.
            if (credential["@context"] is JsonArray contexts)
            {
                contexts.Add(DataIntegrityContext);
            }
            else
            {
                credential["@context"] = new JsonArray(
                    credential["@context"]!.DeepClone(),
                    DataIntegrityContext
                );
            }
        }
        record.Content =
            jwtSigner is not null
                ? VcJwt.Create(
                    JsonSerializer.SerializeToElement(credential),
                    jwtSigner.Key,
                    new VcJwtCreateOptions
                    {
                        Kid = jwtSigner.VerificationMethod,
                        // VC 1.1 §6.3.1: the credential goes in the "vc" claim; VC 2.0 as OB 3.0 §8.2.3 does.
                        Form = isV2 ? VcJwtForm.OpenBadges : VcJwtForm.VcClaim,
                    }
                )
            : cryptosuite == EcdsaSd2023.Cryptosuite
                ? SignBaseProof(credential, ecdsaSigner!, mandatoryPointers ?? [])
            : Sign(credential, ecdsaSigner ?? signer, cryptosuite);
        await StoreAsync(record, cancellationToken).ConfigureAwait(false);
        return record;
    }

    /// <summary>
    /// Stores a new credential. Usually it is the only change: then one raw INSERT (see
    /// <see cref="RowInsert{T}"/>: the EF Core model's columns and converters, no change tracking) instead of
    /// SaveChanges; on SQLite through <see cref="SqliteGroupInsert{T}"/>, which commits the rows of concurrent
    /// requests together. When the allocator opened a status list, the list and the credential are saved
    /// together by SaveChanges. A unique-index conflict throws either way (<see cref="DbUpdateException"/>
    /// or the provider's exception; see <c>IssuingEndpoints.RetryOnConflictAsync</c>).
    /// </summary>
    private async Task StoreAsync(IssuedCredential record, CancellationToken cancellationToken)
    {
        if (db.ChangeTracker.HasChanges())
        {
            db.Credentials.Add(record);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return;
        }
        if (db is SqliteCredstackDbContext)
        {
            await groupInsert.InsertAsync(db, record).ConfigureAwait(false);
            return;
        }
        await NewCredential.InsertAsync(db, record, cancellationToken).ConfigureAwait(false);
    }

    private static readonly RowInsert<IssuedCredential> NewCredential = new();

    /// <summary>
    /// Called before an issue is retried after a unique-index conflict: the status indexes were picked
    /// from this process's snapshot of the organisation's lists, which another process may have used
    /// since; the retry reads them from the database again.
    /// </summary>
    public void OnConflict(Guid organizationId) => allocator.Forget(organizationId);

    private static bool IsOpenBadge(JsonObject credential) =>
        credential["type"] is JsonArray types
        && types.Any(t =>
            t is JsonValue v
            && v.TryGetValue<string>(out var s)
            && s is "OpenBadgeCredential" or "AchievementCredential"
        );

    private static bool HasContext(JsonObject credential, string url) =>
        credential["@context"] switch
        {
            JsonArray a => a.Any(c =>
                c is JsonValue v && v.TryGetValue<string>(out var s) && s == url
            ),
            JsonValue v => v.TryGetValue<string>(out var s) && s == url,
            _ => false,
        };

    /// <summary>
    /// Adds the status entries (Bitstring Status List v1.0 §2.1). An OpenBadgeCredential gets one object,
    /// the revocation entry, because the OB 3.0 JSON schema (AchievementCredential) allows a single
    /// <c>credentialStatus</c> object only; other VC 2.0 credentials get revocation and suspension entries.
    /// </summary>
    private async Task AddStatusAsync(
        IssuedCredential record,
        JsonObject credential,
        bool openBadge,
        CancellationToken cancellationToken
    )
    {
        var revocation = await allocator
            .AllocateOneAsync(
                record.OrganizationId,
                StatusListService.Revocation,
                cancellationToken
            )
            .ConfigureAwait(false);
        record.RevocationList = revocation.List;
        record.RevocationIndex = revocation.Index;
        var revocationEntry = statusLists.Entry(
            record.OrganizationId,
            StatusListService.Revocation,
            revocation
        );
        if (openBadge)
        {
            credential["credentialStatus"] = revocationEntry;
            return;
        }
        var suspension = await allocator
            .AllocateOneAsync(
                record.OrganizationId,
                StatusListService.Suspension,
                cancellationToken
            )
            .ConfigureAwait(false);
        record.SuspensionList = suspension.List;
        record.SuspensionIndex = suspension.Index;
        // Bitstring Status List v1.0 §2.1: one BitstringStatusListEntry per purpose.
        credential["credentialStatus"] = new JsonArray(
            revocationEntry,
            statusLists.Entry(record.OrganizationId, StatusListService.Suspension, suspension)
        );
    }

    // VC DI ECDSA 1.0 §3.6.1: an ecdsa-sd-2023 base proof, for the holder to derive disclosures from
    // (POST /credentials/derive, credstack derive); the mandatory pointers name what every disclosure keeps.
    // The issuer, the validity dates and the status entries are always mandatory: a holder must not be able
    // to hide who issued the credential, that it expired, or where its revocation is published.
    private string SignBaseProof(
        JsonObject credential,
        IssuerSigner signer,
        IReadOnlyList<string> requestedPointers
    )
    {
        var mandatoryPointers = new List<string>();
        foreach (
            var name in new[]
            {
                "issuer",
                "validFrom",
                "validUntil",
                "issuanceDate",
                "expirationDate",
                "credentialStatus",
            }
        )
        {
            if (credential.ContainsKey(name))
            {
                mandatoryPointers.Add("/" + name);
            }
        }
        foreach (var pointer in requestedPointers)
        {
            if (!mandatoryPointers.Contains(pointer))
            {
                mandatoryPointers.Add(pointer);
            }
        }
        try
        {
            return EcdsaSd2023
                .CreateBaseProof(
                    credential,
                    new ProofOptions
                    {
                        Cryptosuite = EcdsaSd2023.Cryptosuite,
                        Created = time.GetUtcNow(),
                    },
                    new ProofSigner(signer.Key, signer.VerificationMethod),
                    mandatoryPointers
                )
                .ToJsonString();
        }
        catch (ArgumentException e)
        {
            throw new IssuingException(
                StatusCodes.Status422UnprocessableEntity,
                "The credential cannot be signed with ecdsa-sd-2023.",
                e.Message,
                IsAboutPointers(e) ? "options.mandatoryPointers" : "credential"
            );
        }
        catch (RdfCanonicalizationException e)
        {
            throw new IssuingException(
                StatusCodes.Status422UnprocessableEntity,
                "The credential cannot be canonicalized.",
                e.Message,
                "credential"
            );
        }
        catch (JsonLdException e)
        {
            throw TemplateCredentialBuilder.SigningRefused(e);
        }
    }

    /// <summary>Whether an <see cref="EcdsaSd2023"/> refusal is about a JSON Pointer (its message names the pointer).</summary>
    internal static bool IsAboutPointers(ArgumentException e) =>
        e.Message.Contains("pointer", StringComparison.OrdinalIgnoreCase)
        || e.Message.Contains("select", StringComparison.OrdinalIgnoreCase);

    private string Sign(JsonObject credential, IssuerSigner signer, string cryptosuite) =>
        TemplateCredentialBuilder.Sign(credential, signer, cryptosuite, time.GetUtcNow());

    private static string Truncate(string text, int length) =>
        text.Length <= length ? text : text[..length];
}

/// <summary>POST body of <c>/api/v1/templates/{id}/issue</c>; <c>notify</c> (default true) e-mails the recipient a claim link.</summary>
internal sealed record IssueFromTemplateRequest(
    string? Email,
    string? Name,
    DateTimeOffset? Issued,
    DateTimeOffset? Expires,
    IReadOnlyList<EvidenceRequest>? Evidence,
    string? Narrative,
    string? Format,
    bool Notify = true
);

/// <summary>One piece of evidence (OB 3.0 Evidence).</summary>
internal sealed record EvidenceRequest(
    string? Id,
    string? Name,
    string? Description,
    string? Narrative
);
