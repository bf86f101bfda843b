namespace Credstack.Server.Features.Members;

/// <summary>The wire names of <see cref="OrganizationRole"/>: <c>owner</c>, <c>admin</c>, <c>issuer</c>, <c>assessor</c>, <c>viewer</c>.</summary>
internal static class RoleNames
{
    public const string Help = "must be one of owner, admin, issuer, assessor, viewer.";

    public static string ToName(this OrganizationRole role) =>
        role switch
        {
            OrganizationRole.Owner => "owner",
            OrganizationRole.Admin => "admin",
            OrganizationRole.Issuer => "issuer",
            OrganizationRole.Assessor => "assessor",
            _ => "viewer",
        };

    public static bool TryParse(string? name, out OrganizationRole role)
    {
        switch (name?.Trim().ToLowerInvariant())
        {
            case "owner":
                role = OrganizationRole.Owner;
                return true;
            case "admin":
                role = OrganizationRole.Admin;
                return true;
            case "issuer":
                role = OrganizationRole.Issuer;
                return true;
            case "assessor":
                role = OrganizationRole.Assessor;
                return true;
            case "viewer":
                role = OrganizationRole.Viewer;
                return true;
            default:
                role = OrganizationRole.Viewer;
                return false;
        }
    }

    /// <summary>Whether a caller with <paramref name="caller"/> may hand out <paramref name="granted"/>: never above itself.</summary>
    public static bool MayGrant(this OrganizationRole caller, OrganizationRole granted) =>
        caller == OrganizationRole.Owner
        || (granted >= caller && granted != OrganizationRole.Owner);
}
