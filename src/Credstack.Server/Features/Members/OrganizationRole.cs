namespace Credstack.Server.Features.Members;

/// <summary>The roles a member (or an API key) holds in an organisation, from most to least powerful.</summary>
internal enum OrganizationRole
{
    /// <summary>Everything, including managing owners.</summary>
    Owner = 0,

    /// <summary>Everything except granting or removing the owner role.</summary>
    Admin = 1,

    /// <summary>Designs templates and issues, revokes and suspends credentials.</summary>
    Issuer = 2,

    /// <summary>Reviews evidence; reads templates and credentials.</summary>
    Assessor = 3,

    /// <summary>Reads.</summary>
    Viewer = 4,
}
