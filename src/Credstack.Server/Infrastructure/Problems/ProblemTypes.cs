namespace Credstack.Server.Infrastructure.Problems;

/// <summary>Stable <c>type</c> URIs of the server's domain refusals (409/422).</summary>
internal static class ProblemTypes
{
    public const string Conflict = "https://credstack.dev/problems/conflict";
    public const string LastOwner = "https://credstack.dev/problems/last-owner";
    public const string RoleTooHigh = "https://credstack.dev/problems/role-too-high";
    public const string InvitationInvalid = "https://credstack.dev/problems/invitation-invalid";
    public const string UnsupportedImage = "https://credstack.dev/problems/unsupported-image";
}
