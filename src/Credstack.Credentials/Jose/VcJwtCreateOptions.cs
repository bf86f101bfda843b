namespace Credstack.Credentials.Jose;

/// <summary>How <see cref="VcJwt.Create"/> shapes the token.</summary>
public sealed class VcJwtCreateOptions
{
    /// <summary>The token's form. Default <see cref="VcJwtForm.OpenBadges"/> (OB 3.0 §8.2).</summary>
    public VcJwtForm Form { get; init; } = VcJwtForm.OpenBadges;

    /// <summary>
    /// The <c>kid</c> header: a URL or DID URL that dereferences to the public key. When null, the public
    /// key is embedded as <c>jwk</c> (OB 3.0 §8.2.2: one of the two is required).
    /// </summary>
    public string? Kid { get; init; }

    /// <summary>Also embed the public key as <c>jwk</c> when <see cref="Kid"/> is set.</summary>
    public bool EmbedJwk { get; init; }
}
