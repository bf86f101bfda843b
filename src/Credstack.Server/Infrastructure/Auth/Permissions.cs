using System.Collections.Frozen;
using Credstack.Server.Features.Members;

namespace Credstack.Server.Infrastructure.Auth;

/// <summary>
/// What a caller may do. Each is an authorisation policy of the same name and a possible API key
/// scope; a role grants a fixed set of them (<see cref="ForRole"/>).
/// </summary>
internal static class Permissions
{
    public const string OrganizationRead = "organization:read";
    public const string OrganizationWrite = "organization:write";
    public const string MembersRead = "members:read";
    public const string MembersWrite = "members:write";
    public const string ApiKeysManage = "api-keys:manage";
    public const string TemplatesRead = "templates:read";
    public const string TemplatesWrite = "templates:write";
    public const string CredentialsRead = "credentials:read";
    public const string CredentialsIssue = "credentials:issue";
    public const string CredentialsStatus = "credentials:status";
    public const string EvidenceReview = "evidence:review";

    /// <summary>Every permission, in a stable order.</summary>
    public static readonly IReadOnlyList<string> All =
    [
        OrganizationRead,
        OrganizationWrite,
        MembersRead,
        MembersWrite,
        ApiKeysManage,
        TemplatesRead,
        TemplatesWrite,
        CredentialsRead,
        CredentialsIssue,
        CredentialsStatus,
        EvidenceReview,
    ];

    private static readonly FrozenSet<string> AllSet = All.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> Issuer = new[]
    {
        OrganizationRead,
        MembersRead,
        TemplatesRead,
        TemplatesWrite,
        CredentialsRead,
        CredentialsIssue,
        CredentialsStatus,
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> Assessor = new[]
    {
        OrganizationRead,
        MembersRead,
        TemplatesRead,
        CredentialsRead,
        EvidenceReview,
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> Viewer = new[]
    {
        OrganizationRead,
        TemplatesRead,
        CredentialsRead,
    }.ToFrozenSet(StringComparer.Ordinal);

    public static bool IsKnown(string permission) => AllSet.Contains(permission);

    /// <summary>The permissions a role grants. Owner and admin differ only in who may manage owners.</summary>
    public static FrozenSet<string> ForRole(OrganizationRole role) =>
        role switch
        {
            OrganizationRole.Owner or OrganizationRole.Admin => AllSet,
            OrganizationRole.Issuer => Issuer,
            OrganizationRole.Assessor => Assessor,
            _ => Viewer,
        };
}
