namespace Credstack.Server.Features.Templates;

/// <summary>A template's image (PNG, or SVG after sanitising); immutable, shared by the versions that use it.</summary>
internal sealed class TemplateImage
{
    public Guid Id { get; set; }

    public Guid OrganizationId { get; set; }

    public required string MediaType { get; set; }

    public required byte[] Content { get; set; }

    /// <summary>Lower-case hex SHA-256 of <see cref="Content"/> (the ETag).</summary>
    public required string Sha256 { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
