namespace Credstack.Credentials.Baking;

/// <summary>What a baked image carries.</summary>
public enum BakedBadgeKind
{
    /// <summary>
    /// An Open Badges 3.0 OpenBadgeCredential (PNG <c>iTXt</c> keyword <c>openbadgecredential</c>, SVG
    /// <c>&lt;openbadges:credential&gt;</c> in the <c>https://purl.imsglobal.org/ob/v3p0</c> namespace): its JSON or
    /// its compact JWS.
    /// </summary>
    OpenBadgeCredential,

    /// <summary>
    /// An Open Badges 2.0 assertion (PNG keyword <c>openbadges</c>, SVG <c>&lt;openbadges:assertion&gt;</c> in the
    /// <c>http://openbadges.org</c> namespace): the hosted assertion URL, its JSON, or a JWS.
    /// </summary>
    OpenBadgesAssertion,

    /// <summary>A CLR 2.0 ClrCredential baked in a PNG with keyword <c>clrcredential</c> (as the 1EdTech validator reads it).</summary>
    ClrCredential,
}
