namespace Credstack.Credentials.Jose;

/// <summary>The three shapes of a credential secured as a JWT.</summary>
public enum VcJwtForm
{
    /// <summary>
    /// OB 3.0 §8.2.3: the payload is the credential plus the claims <c>iss</c>, <c>jti</c>, <c>nbf</c>,
    /// <c>sub</c> and <c>exp</c> mapped from it; header <c>typ: JWT</c>.
    /// </summary>
    OpenBadges,

    /// <summary>
    /// VC Data Model 1.1 §6.3.1: the credential sits in the <c>vc</c> claim beside <c>iss</c>, <c>sub</c>,
    /// <c>nbf</c>, <c>exp</c> and <c>jti</c>; header <c>typ: JWT</c>.
    /// </summary>
    VcClaim,

    /// <summary>VC-JOSE-COSE §3.1.1 (VC 2.0): header <c>typ: vc+jwt</c>, the payload is the credential itself.</summary>
    VcJose,

    /// <summary>
    /// VC-JOSE-COSE §3.1.2: header <c>typ: vp+jwt</c>, the payload is a presentation whose credentials are
    /// enveloped (EnvelopedVerifiableCredential with a <c>data:</c> URL).
    /// </summary>
    VpJose,
}
