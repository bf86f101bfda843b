namespace Credstack.Credentials.Jose;

/// <summary>Limits and checks for <see cref="VcJwt.Verify"/> and <see cref="VcJwt.VerifyAsync"/>.</summary>
public sealed class VcJwtVerifyOptions
{
    /// <summary>The longest token accepted, in characters. Default 1 MiB.</summary>
    public int MaxTokenLength { get; init; } = 1024 * 1024;

    /// <summary>
    /// When set, <c>nbf</c> and <c>exp</c> are checked against this clock (with <see cref="ClockSkew"/>). When
    /// null they are only compared with the credential; the credential's own validity dates are the
    /// verifier's business.
    /// </summary>
    public TimeProvider? TimeProvider { get; init; }

    /// <summary>Tolerance for the time checks. Default 5 minutes.</summary>
    public TimeSpan ClockSkew { get; init; } = TimeSpan.FromMinutes(5);
}
