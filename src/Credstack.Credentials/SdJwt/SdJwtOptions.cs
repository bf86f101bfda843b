using Credstack.Credentials.Keys;

namespace Credstack.Credentials.SdJwt;

/// <summary>How <see cref="SdJwtVc.Create"/> builds the SD-JWT.</summary>
public sealed class SdJwtCreateOptions
{
    /// <summary>The <c>kid</c> header: a URL or DID URL naming the issuer's key. Optional.</summary>
    public string? Kid { get; init; }

    /// <summary>
    /// The holder's public key: when set it is bound as <c>cnf.jwk</c> (RFC 7800, RFC 9901 §4.1.2) and verifiers
    /// can require a key binding JWT signed by it.
    /// </summary>
    public VerificationKey? HolderKey { get; init; }
}

/// <summary>The key binding JWT a holder adds when presenting an SD-JWT (RFC 9901 §4.3).</summary>
public sealed class SdJwtKeyBinding
{
    /// <summary>The holder's private key (the one bound by <c>cnf</c>).</summary>
    public required SigningKey Key { get; init; }

    /// <summary>The verifier the presentation is meant for (<c>aud</c>).</summary>
    public required string Audience { get; init; }

    /// <summary>The verifier's nonce (<c>nonce</c>).</summary>
    public required string Nonce { get; init; }

    /// <summary>The issue time (<c>iat</c>). Default: now.</summary>
    public DateTimeOffset? IssuedAt { get; init; }
}

/// <summary>Checks for <see cref="SdJwtVc.Verify"/>.</summary>
public sealed class SdJwtVerifyOptions
{
    /// <summary>The longest SD-JWT accepted, in characters. Default 1 MiB.</summary>
    public int MaxTokenLength { get; init; } = 1024 * 1024;

    /// <summary>Refuse an SD-JWT without a key binding JWT.</summary>
    public bool RequireKeyBinding { get; init; }

    /// <summary>When set, the key binding JWT's <c>aud</c> must be this.</summary>
    public string? Audience { get; init; }

    /// <summary>When set, the key binding JWT's <c>nonce</c> must be this.</summary>
    public string? Nonce { get; init; }

    /// <summary>
    /// When set, <c>nbf</c> and <c>exp</c> (NumericDates, possibly fractional) are checked against this clock,
    /// with <see cref="ClockSkew"/> of leeway. Claims that are not NumericDates are refused either way.
    /// </summary>
    public TimeProvider? TimeProvider { get; init; }

    /// <summary>Leeway for clock differences in the <c>nbf</c> / <c>exp</c> check. Default 5 minutes.</summary>
    public TimeSpan ClockSkew { get; init; } = TimeSpan.FromMinutes(5);
}
