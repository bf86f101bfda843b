namespace Credstack.Server.Features.Members;

/// <summary>A user's role in one organisation.</summary>
internal sealed class Membership
{
    public Guid Id { get; set; }

    public Guid OrganizationId { get; set; }

    public required string UserId { get; set; }

    public AppUser? User { get; set; }

    public OrganizationRole Role { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
