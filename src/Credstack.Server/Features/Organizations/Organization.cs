namespace Credstack.Server.Features.Organizations;

/// <summary>An issuing organisation: the tenant every other resource belongs to.</summary>
internal sealed class Organization
{
    public Guid Id { get; set; }

    public required string Name { get; set; }

    public string? Description { get; set; }

    public string? Url { get; set; }

    public string? Email { get; set; }

    /// <summary>The DID method the organisation issues under: <c>did:key</c> (default) or <c>did:web</c>.</summary>
    public string IdentifierMethod { get; set; } = IssuerIdentifiers.DidKey;

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
