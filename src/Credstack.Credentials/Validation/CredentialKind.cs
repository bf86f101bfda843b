namespace Credstack.Credentials.Validation;

/// <summary>Which kind of credential a document is, from its <c>type</c> (and, failing that, its contexts).</summary>
public enum CredentialKind
{
    /// <summary>Not an OB 3.0 or CLR 2.0 credential.</summary>
    Unknown,

    /// <summary>OpenBadgeCredential / AchievementCredential (OB 3.0).</summary>
    OpenBadge,

    /// <summary>EndorsementCredential (OB 3.0).</summary>
    Endorsement,

    /// <summary>ClrCredential (CLR 2.0).</summary>
    Clr,
}
