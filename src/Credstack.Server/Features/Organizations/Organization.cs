namespace Credstack.Server.Features.Organizations;

/// <summary>An issuing organisation: the tenant every other resource belongs to.</summary>
internal sealed class Organization
{
    public Guid Id { get; set; }

    public required string Name { get; set; }

    public string? Description { get; set; }

    public string? Url { get; set; }

    public string? Email { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
