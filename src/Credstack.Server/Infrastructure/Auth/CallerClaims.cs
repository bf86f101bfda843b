using System.Security.Claims;
using Credstack.Server.Features.Members;

namespace Credstack.Server.Infrastructure.Auth;

/// <summary>The claims an authenticated caller carries, and typed access to them.</summary>
internal static class CallerClaims
{
    public const string OrganizationId = "credstack:org";
    public const string ApiKeyId = "credstack:key";
    public const string Role = "credstack:role";
    public const string Permission = "credstack:perm";

    /// <summary>The caller's organisation: every query is scoped to it.</summary>
    public static Guid GetOrganizationId(this ClaimsPrincipal user) =>
        Guid.Parse(
            user.FindFirstValue(OrganizationId)
                ?? throw new InvalidOperationException("The caller has no organisation claim.")
        );

    public static OrganizationRole GetRole(this ClaimsPrincipal user) =>
        Enum.Parse<OrganizationRole>(
            user.FindFirstValue(Role)
                ?? throw new InvalidOperationException("The caller has no role claim.")
        );

    public static Guid? GetApiKeyId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(ApiKeyId), out var id) ? id : null;

    public static string? GetUserId(this ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier);

    public static bool HasPermission(this ClaimsPrincipal user, string permission) =>
        user.HasClaim(Permission, permission);
}
