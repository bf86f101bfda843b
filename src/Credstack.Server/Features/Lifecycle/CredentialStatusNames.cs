using Credstack.Server.Features.Issuing;

namespace Credstack.Server.Features.Lifecycle;

/// <summary>A credential's effective status: revoked, then suspended, then expired (by validUntil), else active.</summary>
internal static class CredentialStatusNames
{
    public const string Active = "active";
    public const string Revoked = "revoked";
    public const string Suspended = "suspended";
    public const string Expired = "expired";

    public static string Of(IssuedCredential c, DateTimeOffset now) =>
        c.Revoked ? Revoked
        : c.Suspended ? Suspended
        : c.ValidUntil is { } until && until <= now ? Expired
        : Active;
}
