namespace Credstack.Server.Features.IssuerIdentity;

/// <summary>
/// One signing key of an organisation. The secret is kept only as Data Protection ciphertext; retired keys
/// stay (with their public half) so that credentials signed earlier still resolve and verify.
/// </summary>
internal sealed class IssuerKey
{
    public Guid Id { get; set; }

    public Guid OrganizationId { get; set; }

    /// <summary>
    /// The key type: <c>Ed25519</c> (Data Integrity, and EdDSA VC-JWTs when there is no JWT key), or
    /// <c>P256</c> / <c>Rsa</c> (a VC-JWT key: ES256 / RS256).
    /// </summary>
    public required string KeyType { get; set; }

    /// <summary>The public key as Multikey text (<c>z6Mk…</c>, <c>zDn…</c>); null for RSA, which has no Multikey form.</summary>
    public string? PublicKeyMultibase { get; set; }

    /// <summary>The public key as a JWK (compact JSON text), for P-256 and RSA keys.</summary>
    public string? PublicKeyJwk { get; set; }

    /// <summary>
    /// The secret, protected with ASP.NET Core Data Protection: a secret Multikey (Ed25519, P-256) or a
    /// private JWK (RSA). Never leaves the server.
    /// </summary>
    public required string ProtectedSecret { get; set; }

    /// <summary>
    /// True for the key in use: at most one active Ed25519 key (the signing key) and at most one active
    /// P-256 or RSA key (the VC-JWT key) per organisation.
    /// </summary>
    public bool Active { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? RetiredAt { get; set; }
}
