namespace Credstack.Credentials.Status;

/// <summary>The outcome of an <see cref="EdTechRevocationList"/> lookup.</summary>
/// <param name="Revoked">True when the list names the credential as revoked.</param>
/// <param name="Reason">The issuer's <c>revocationReason</c>, if given.</param>
public sealed record RevocationCheckResult(bool Revoked, string? Reason);
