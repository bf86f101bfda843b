namespace Credstack.Credentials.Jose;

/// <summary>Where the key that verified a VC-JWT came from.</summary>
public enum VcJwtKeySource
{
    /// <summary>The caller supplied it.</summary>
    Supplied,

    /// <summary>The header's <c>jwk</c>: self-asserted; it proves integrity but not who the issuer is.</summary>
    EmbeddedJwk,

    /// <summary>The header's <c>kid</c>, dereferenced through a resolver and bound to the issuer.</summary>
    ResolvedKid,
}
