using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Credstack.Credentials.DataIntegrity;
using Credstack.Credentials.Model;
using Credstack.Credentials.Status;
using Credstack.LinkedData.Json;
using Credstack.LinkedData.JsonLd;
using Credstack.Server.Features.IssuerIdentity;
using Credstack.Server.Features.Templates;

namespace Credstack.Server.Features.Issuing;

/// <summary>One recipient of a credential issued from a template (already validated).</summary>
internal sealed record TemplateRecipient(
    string Email,
    string Name,
    DateTimeOffset Issued,
    DateTimeOffset? Expires,
    string? Narrative,
    IReadOnlyList<EvidenceRequest>? Evidence
);

/// <summary>
/// Builds the OB 3.0 OpenBadgeCredential of one template version for one recipient: a pure function of
/// its inputs, shared by single (<c>/api/v1/templates/{id}/issue</c>) and bulk issuing, and safe to call
/// from several threads at once (every call builds its own objects).
/// </summary>
internal sealed class TemplateCredentialBuilder
{
    private readonly Uri _publicOrigin;
    private readonly IssuerSigner _signer;

    public TemplateCredentialBuilder(
        Uri publicOrigin,
        IssuerSigner signer,
        CredentialTemplateVersion version
    )
    {
        _publicOrigin = publicOrigin;
        _signer = signer;
        Version = version;
    }

    public CredentialTemplateVersion Version { get; }

    public IssuerSigner Signer => _signer;

    /// <summary>The public URL of a credential (its <c>id</c>).</summary>
    public string CredentialUrl(Guid id) =>
        new Uri(_publicOrigin, $"/credentials/{id:D}").AbsoluteUri;

    /// <summary>
    /// The unsigned credential. <paramref name="revocation"/> is its one status entry (OB 3.0's
    /// AchievementCredential schema allows a single <c>credentialStatus</c> object).
    /// </summary>
    public JsonObject Build(string credentialId, TemplateRecipient recipient, JsonObject revocation)
    {
        var unsigned = CredentialJson.ToJsonElement(
            OpenBadgeCredentialFactory.Create(
                new OpenBadgeIssuance
                {
                    Id = credentialId,
                    Issuer = new Profile
                    {
                        Id = _signer.Identifier,
                        Name = (string?)_signer.Profile["name"],
                    },
                    Achievement = Achievement(_publicOrigin, Version),
                    RecipientEmail = recipient.Email,
                    ValidFrom = recipient.Issued,
                    ValidUntil = recipient.Expires,
                    AwardedDate = recipient.Issued,
                }
            )
        );
        var credential = JsonText.Parse(unsigned.GetRawText())!.AsObject();
        // The whole Profile (url, description, email) rather than the factory's id and name only.
        JsonNode profile;
        lock (_signer.Profile)
        {
            // JsonNode is not safe for concurrent reads of a shared instance: clone under a lock.
            profile = _signer.Profile.DeepClone();
        }
        credential["issuer"] = profile;
        var subject = credential["credentialSubject"]!.AsObject();
        subject["identifier"]!.AsArray().Add(NameIdentity(recipient.Name));
        AddRecipientExtras(credential, subject, recipient);
        credential["credentialStatus"] = revocation;
        return credential;
    }

    /// <summary>
    /// Prepares the credential of this template version for many recipients (bulk issuing): everything that
    /// is the same for all of them (contexts, types, the issuer's profile, the achievement) is built once;
    /// <see cref="PreparedCredential.Build"/> then sets only a recipient's own fields on a fresh copy and gives
    /// the same JSON, property for property, as <see cref="Build"/>.
    /// </summary>
    public PreparedCredential Prepare()
    {
        // Placeholders for every per-recipient field, so that each keeps its place in the property order.
        var template = Build(
            "urn:credstack:placeholder",
            new TemplateRecipient(
                "placeholder@example.invalid",
                "placeholder",
                DateTimeOffset.UnixEpoch,
                DateTimeOffset.UnixEpoch,
                null,
                null
            ),
            StatusEntry("urn:credstack:placeholder", StatusListService.Revocation, 0)
        );
        return new PreparedCredential(JsonSerializer.SerializeToUtf8Bytes(template));
    }

    /// <summary>
    /// A template version's credential built once (UTF-8 JSON, immutable, so any thread may use it at any
    /// time); each <see cref="Build"/> parses its own copy, which is cheaper than building the models again.
    /// </summary>
    internal sealed class PreparedCredential(byte[] template)
    {
        /// <summary>The unsigned credential of one recipient, exactly as <see cref="TemplateCredentialBuilder.Build"/> makes it.</summary>
        public JsonObject Build(
            string credentialId,
            TemplateRecipient recipient,
            JsonObject revocation
        )
        {
            var credential = JsonText.Parse(template)!.AsObject();
            credential["id"] = credentialId;
            credential["validFrom"] = OpenBadgeCredentialFactory.DateTimeStamp(recipient.Issued);
            if (recipient.Expires is { } expires)
            {
                credential["validUntil"] = OpenBadgeCredentialFactory.DateTimeStamp(expires);
            }
            else
            {
                credential.Remove("validUntil");
            }
            credential["awardedDate"] = OpenBadgeCredentialFactory.DateTimeStamp(recipient.Issued);
            var subject = credential["credentialSubject"]!.AsObject();
            // A fresh random salt per recipient, as OpenBadgeCredentialFactory does.
            subject["identifier"] = new JsonArray(
                JsonSerializer.SerializeToNode(
                    IdentityObject.CreateHashedEmail(recipient.Email),
                    CredentialJson.Options
                ),
                NameIdentity(recipient.Name)
            );
            // Evidence goes before credentialStatus, as in Build: the entry is moved to the end.
            credential.Remove("credentialStatus");
            AddRecipientExtras(credential, subject, recipient);
            credential["credentialStatus"] = revocation;
            return credential;
        }
    }

    /// <summary>A BitstringStatusListEntry (Bitstring Status List v1.0 §2.1) for list <paramref name="listUrl"/>.</summary>
    public static JsonObject StatusEntry(string listUrl, string purpose, int index)
    {
        var text = index.ToString(CultureInfo.InvariantCulture);
        return new JsonObject
        {
            ["id"] = listUrl + "#" + text,
            ["type"] = BitstringStatusListEntry.EntryType,
            ["statusPurpose"] = purpose,
            ["statusListIndex"] = text,
            ["statusListCredential"] = listUrl,
        };
    }

    /// <summary>
    /// The 422 for a credential that cannot be signed as JSON-LD. Safe mode (VC Data Integrity §4.2 note):
    /// never sign a credential part of which the proof would not cover.
    /// </summary>
    internal static IssuingException SigningRefused(JsonLdException e) =>
        new(
            StatusCodes.Status422UnprocessableEntity,
            e.Code == JsonLdErrorCodes.SafeModeViolation
                ? "Part of the credential would not be covered by the signature."
                : "The credential is not valid JSON-LD.",
            e.Message,
            "credential"
        );

    /// <summary>
    /// Signs with a Data Integrity proof and returns the signed credential's JSON text; a safe-mode refusal
    /// is a 422 <see cref="IssuingException"/>. The credential object is signed in place (no copy): the
    /// proof is attached for the serialization and taken off again, so the object is left as it came.
    /// </summary>
    public static string Sign(
        JsonObject credential,
        IssuerSigner signer,
        string cryptosuite,
        DateTimeOffset created
    )
    {
        if (credential.ContainsKey("proof"))
        {
            // Issuing never signs a credential that already has a proof (a proof set is AddProof's).
            throw new InvalidOperationException("The credential to sign already has a proof.");
        }
        JsonObject proof;
        try
        {
            proof = DataIntegrityProofs.CreateProof(
                credential,
                new ProofOptions { Cryptosuite = cryptosuite, Created = created },
                new ProofSigner(signer.Key, signer.VerificationMethod)
            );
        }
        catch (JsonLdException e)
        {
            throw SigningRefused(e);
        }
        credential["proof"] = proof;
        try
        {
            return credential.ToJsonString();
        }
        finally
        {
            credential.Remove("proof");
        }
    }

    /// <summary>The credential as a JSON element (for VC-JWT).</summary>
    public static JsonElement ToElement(JsonObject credential) =>
        JsonSerializer.SerializeToElement(credential);

    private static Achievement Achievement(Uri publicOrigin, CredentialTemplateVersion version)
    {
        var skills = TemplateJson.Skills(version.SkillsJson);
        var alignments = new List<Alignment>();
        foreach (var skill in skills)
        {
            if (skill.Name is null)
            {
                continue;
            }
            alignments.Add(
                new Alignment
                {
                    Type = new OneOrMany<string>(["Alignment"]),
                    TargetName = skill.Name,
                    TargetFramework = skill.Framework,
                    TargetCode = skill.Code,
                    TargetUrl = skill.Url,
                    TargetType = "ceasn:Competency",
                }
            );
        }
        var tags = TemplateJson.Tags(version.TagsJson);
        return new Achievement
        {
            Id = "urn:uuid:" + version.Id.ToString("D"),
            Type = new OneOrMany<string>(["Achievement"]),
            AchievementType = version.Kind switch
            {
                TemplateKind.Certificate => "Certificate",
                TemplateKind.Badge => "Badge",
                _ => "MicroCredential",
            },
            Name = version.Name,
            Description = version.Description,
            Criteria = new Criteria
            {
                Id = version.CriteriaUrl,
                Narrative = version.CriteriaNarrative ?? version.Description,
            },
            Alignment = alignments.Count > 0 ? new OneOrMany<Alignment>(alignments) : null,
            CreditsAvailable = version.EffortCredits is { } credits ? (double)credits : null,
            Image = version.ImageId is { } imageId
                ? new IdOrObject<Image>(
                    new Image
                    {
                        Id = new Uri(publicOrigin, $"/images/{imageId:D}").AbsoluteUri,
                        Type = new OneOrMany<string>(["Image"]),
                    }
                )
                : null,
            Tag = tags.Count > 0 ? new OneOrMany<string>(tags) : null,
            Version = version.Version.ToString(CultureInfo.InvariantCulture),
        };
    }

    /// <summary>OB 3.0 §B.1.13: a plain-text name is an IdentityObject of identityType "name", unhashed.</summary>
    private static JsonObject NameIdentity(string name) =>
        new()
        {
            ["type"] = "IdentityObject",
            ["hashed"] = false,
            ["identityHash"] = name,
            ["identityType"] = "name",
        };

    /// <summary>The recipient's narrative and evidence, when given.</summary>
    private static void AddRecipientExtras(
        JsonObject credential,
        JsonObject subject,
        TemplateRecipient recipient
    )
    {
        if (!string.IsNullOrWhiteSpace(recipient.Narrative))
        {
            subject["narrative"] = recipient.Narrative.Trim();
        }
        if (recipient.Evidence is { Count: > 0 } evidence)
        {
            var list = new JsonArray();
            foreach (var e in evidence)
            {
                var item = new JsonObject { ["type"] = new JsonArray("Evidence") };
                if (e.Id is not null)
                {
                    item["id"] = e.Id;
                }
                AddText(item, "name", e.Name);
                AddText(item, "description", e.Description);
                AddText(item, "narrative", e.Narrative);
                list.Add(item);
            }
            credential["evidence"] = list;
        }
    }

    private static void AddText(JsonObject item, string name, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            item[name] = value.Trim().Length <= 4000 ? value.Trim() : value.Trim()[..4000];
        }
    }
}
