using System.Globalization;

namespace Credstack.Credentials.Model;

/// <summary>Creates the unsigned OpenBadgeCredential that Credstack signs.</summary>
public static class OpenBadgeCredentialFactory
{
    /// <summary>The contexts Credstack writes, in order: VC 2.0 then OB 3.0.3 (OB 3.0 §B.1.1 <c>@context</c>).</summary>
    public static OneOrMany<ContextEntry> Contexts { get; } =
        new([
            new ContextEntry(Validation.KnownContexts.Vc2),
            new ContextEntry(Validation.KnownContexts.OpenBadges),
        ]);

    /// <summary>
    /// Builds a new VC 2.0 OpenBadgeCredential: the two contexts, type [VerifiableCredential,
    /// OpenBadgeCredential], the issuer profile embedded, <c>validFrom</c>/<c>validUntil</c> as UTC
    /// dateTimeStamps to the second, and an AchievementSubject identified by a salted SHA-256 email hash. Missing
    /// <c>type</c>s on the issuer and achievement are filled in (Profile, Achievement); nothing else is invented.
    /// </summary>
    /// <param name="issuance">What to issue.</param>
    /// <returns>The unsigned credential.</returns>
    public static OpenBadgeCredential Create(OpenBadgeIssuance issuance)
    {
        ArgumentNullException.ThrowIfNull(issuance);
        var issuer = issuance.Issuer.Type is null
            ? issuance.Issuer with
            {
                Type = new OneOrMany<string>(["Profile"]),
            }
            : issuance.Issuer;
        var achievement = issuance.Achievement.Type is null
            ? issuance.Achievement with
            {
                Type = new OneOrMany<string>(["Achievement"]),
            }
            : issuance.Achievement;
        return new OpenBadgeCredential
        {
            Context = Contexts,
            Id = issuance.Id,
            Type = new OneOrMany<string>(["VerifiableCredential", "OpenBadgeCredential"]),
            Name = issuance.Name ?? achievement.Name,
            Issuer = issuer,
            ValidFrom = DateTimeStamp(issuance.ValidFrom),
            ValidUntil = issuance.ValidUntil is { } until ? DateTimeStamp(until) : null,
            AwardedDate = issuance.AwardedDate is { } awarded ? DateTimeStamp(awarded) : null,
            CredentialSubject = new AchievementSubject
            {
                Id = issuance.RecipientId,
                Type = new OneOrMany<string>(["AchievementSubject"]),
                Identifier = new OneOrMany<IdentityObject>([
                    IdentityObject.CreateHashedEmail(issuance.RecipientEmail, issuance.Salt),
                ]),
                Achievement = achievement,
            },
        };
    }

    /// <summary>Formats an instant as an XMLSchema dateTimeStamp in UTC to the second (<c>2024-01-31T12:00:00Z</c>).</summary>
    /// <param name="value">The instant.</param>
    /// <returns>The text.</returns>
    public static string DateTimeStamp(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
