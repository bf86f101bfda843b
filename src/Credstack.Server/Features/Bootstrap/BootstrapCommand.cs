using Credstack.Server.Data;
using Credstack.Server.Features.ApiKeys;
using Credstack.Server.Features.IssuerIdentity;
using Credstack.Server.Features.Members;
using Credstack.Server.Features.Organizations;
using Credstack.Server.Infrastructure.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Credstack.Server.Features.Bootstrap;

/// <summary>
/// <c>credstack-server bootstrap --org NAME --admin EMAIL</c>: creates the organisation and its owner
/// when missing (running it again is harmless) and prints a new owner API key as the last line.
/// Exit codes: 0 done, 2 bad usage.
/// </summary>
internal static class BootstrapCommand
{
    public const string Name = "bootstrap";

    public const string Usage = "usage: bootstrap --org NAME --admin EMAIL";

    public static async Task<int> RunAsync(
        IServiceProvider services,
        IReadOnlyList<string> args,
        TextWriter output,
        TextWriter error,
        CancellationToken cancellationToken
    )
    {
        string? orgName = null;
        string? email = null;
        for (var i = 0; i < args.Count; i++)
        {
            var (name, value) = SplitOption(args, ref i);
            switch (name)
            {
                case "--org":
                    orgName = value;
                    break;
                case "--admin":
                    email = value;
                    break;
                default:
                    // Other options are configuration (e.g. --Database:Provider=postgres), read by the host.
                    break;
            }
        }
        orgName = orgName?.Trim();
        email = email?.Trim();
        if (string.IsNullOrEmpty(orgName) || orgName.Length > 200)
        {
            await error
                .WriteLineAsync(
                    $"bootstrap: --org NAME is required (at most 200 characters).\n{Usage}"
                )
                .ConfigureAwait(false);
            return 2;
        }
        if (
            string.IsNullOrEmpty(email)
            || !Infrastructure.Problems.ValidationErrors.LooksLikeEmail(email)
        )
        {
            await error
                .WriteLineAsync($"bootstrap: --admin EMAIL must be an e-mail address.\n{Usage}")
                .ConfigureAwait(false);
            return 2;
        }

        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CredstackDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow();

        var org = await db
            .Organizations.FirstOrDefaultAsync(o => o.Name == orgName, cancellationToken)
            .ConfigureAwait(false);
        if (org is null)
        {
            org = new Organization
            {
                Id = Guid.CreateVersion7(now),
                Name = orgName,
                CreatedAt = now,
                UpdatedAt = now,
            };
            db.Organizations.Add(org);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            // Every organisation gets its Ed25519 issuer key on creation.
            await scope
                .ServiceProvider.GetRequiredService<IssuerIdentityService>()
                .EnsureKeyAsync(org.Id, cancellationToken)
                .ConfigureAwait(false);
            await output
                .WriteLineAsync($"organization created: {org.Name} ({org.Id})")
                .ConfigureAwait(false);
        }
        else
        {
            await output
                .WriteLineAsync($"organization exists: {org.Name} ({org.Id})")
                .ConfigureAwait(false);
        }

        var user = await users.FindByEmailAsync(email).ConfigureAwait(false);
        if (user is null)
        {
            user = new AppUser
            {
                UserName = email,
                Email = email,
                CreatedAt = now,
            };
            var created = await users.CreateAsync(user).ConfigureAwait(false);
            if (!created.Succeeded)
            {
                await error
                    .WriteLineAsync(
                        "bootstrap: " + string.Join(" ", created.Errors.Select(e => e.Description))
                    )
                    .ConfigureAwait(false);
                return 2;
            }
            await output.WriteLineAsync($"user created: {email}").ConfigureAwait(false);
        }

        var membership = await db
            .Memberships.FirstOrDefaultAsync(
                m => m.OrganizationId == org.Id && m.UserId == user.Id,
                cancellationToken
            )
            .ConfigureAwait(false);
        if (membership is null)
        {
            db.Memberships.Add(
                new Membership
                {
                    Id = Guid.CreateVersion7(now),
                    OrganizationId = org.Id,
                    UserId = user.Id,
                    Role = OrganizationRole.Owner,
                    CreatedAt = now,
                }
            );
        }
        else
        {
            membership.Role = OrganizationRole.Owner;
        }
        await output.WriteLineAsync($"owner: {email}").ConfigureAwait(false);

        var secret = ApiKeySecrets.NewKey();
        db.ApiKeys.Add(
            new ApiKey
            {
                Id = Guid.CreateVersion7(now),
                OrganizationId = org.Id,
                Name = $"bootstrap {now:yyyy-MM-dd HH:mm}",
                Prefix = ApiKeySecrets.VisiblePrefix(secret),
                Hash = ApiKeySecrets.Hash(secret),
                Role = OrganizationRole.Owner,
                UserId = user.Id,
                CreatedAt = now,
            }
        );
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await output
            .WriteLineAsync("API key (shown once; send it as 'Authorization: Bearer <key>'):")
            .ConfigureAwait(false);
        await output.WriteLineAsync(secret).ConfigureAwait(false);
        return 0;
    }

    private static (string Name, string? Value) SplitOption(IReadOnlyList<string> args, ref int i)
    {
        var arg = args[i];
        var equals = arg.IndexOf('=', StringComparison.Ordinal);
        if (equals > 0)
        {
            return (arg[..equals], arg[(equals + 1)..]);
        }
        if ((arg is "--org" or "--admin") && i + 1 < args.Count)
        {
            i++;
            return (arg, args[i]);
        }
        return (arg, null);
    }
}
