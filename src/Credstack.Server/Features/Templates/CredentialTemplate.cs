namespace Credstack.Server.Features.Templates;

/// <summary>
/// A credential design (an OB 3.0 Achievement). Its content lives in immutable versions: editing adds a
/// version, so a credential issued from version n keeps pointing at exactly what it was issued from.
/// </summary>
internal sealed class CredentialTemplate
{
    public Guid Id { get; set; }

    public Guid OrganizationId { get; set; }

    public int CurrentVersion { get; set; }

    public bool Archived { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public List<CredentialTemplateVersion> Versions { get; } = [];
}
