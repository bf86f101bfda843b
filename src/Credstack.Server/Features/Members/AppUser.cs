using Microsoft.AspNetCore.Identity;

namespace Credstack.Server.Features.Members;

/// <summary>A person's account (ASP.NET Core Identity); organisation roles live in <see cref="Membership"/>.</summary>
internal sealed class AppUser : IdentityUser
{
    public string? DisplayName { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
