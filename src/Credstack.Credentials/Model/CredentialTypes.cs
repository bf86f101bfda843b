namespace Credstack.Credentials.Model;

/// <summary>The credential <c>type</c> values Credstack understands.</summary>
public static class CredentialTypes
{
    /// <summary>Every verifiable credential (VC 2.0 §4.5).</summary>
    public const string VerifiableCredential = "VerifiableCredential";

    /// <summary>An Open Badge (OB 3.0); modelled by <see cref="Model.OpenBadgeCredential"/>.</summary>
    public const string OpenBadgeCredential = "OpenBadgeCredential";

    /// <summary>The OB 3.0 alias of <see cref="OpenBadgeCredential"/>; also modelled by <see cref="Model.OpenBadgeCredential"/>.</summary>
    public const string AchievementCredential = "AchievementCredential";

    /// <summary>An OB 3.0 endorsement; modelled by <see cref="Model.EndorsementCredential"/>.</summary>
    public const string EndorsementCredential = "EndorsementCredential";

    /// <summary>A CLR 2.0 record; modelled by <see cref="Model.ClrCredential"/>.</summary>
    public const string ClrCredential = "ClrCredential";
}
