namespace Credstack.Server.Features.IssuerIdentity;

/// <summary>
/// One signing key of an organisation. The secret is kept only as Data Protection ciphertext; retired keys
/// stay (with their public half) so that credentials signed earlier still resolve and verify.
/// </summary>
internal sealed class IssuerKey
{
    public Guid Id { get; set; }

    public Guid OrganizationId { get; set; }

    /// <summary>The key type (<c>Ed25519</c>).</summary>
    public required string KeyType { get; set; }

    /// <summary>The public key as Multikey text (<c>z6Mk…</c>).</summary>
    public required string PublicKeyMultibase { get; set; }

    /// <summary>The secret Multikey, protected with ASP.NET Core Data Protection. Never leaves the server.</summary>
    public required string ProtectedSecret { get; set; }

    public bool Active { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? RetiredAt { get; set; }
}
