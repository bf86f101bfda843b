using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Credstack.Server.Tests.Infrastructure;

namespace Credstack.Server.Tests.Features;

/// <summary>The organisation, its members and invitations.</summary>
public abstract class MemberAndInvitationTests<TFactory>(TFactory factory) : IClassFixture<TFactory>
    where TFactory : ServerFactory
{
    private static async Task<JsonElement> InviteAsync(
        HttpClient owner,
        string email,
        string role
    ) =>
        await HttpAssert.JsonAsync(
            await owner.PostJsonAsync("/api/v1/invitations", new { email, role }),
            HttpStatusCode.Created
        );

    [Fact]
    public async Task Organization_GetAndPatch()
    {
        var owner = factory.Client(
            await factory.NewOrganizationAsync("Acme Academy " + Guid.NewGuid().ToString("N"))
        );
        var org = await HttpAssert.JsonAsync(
            await owner.GetAsync("/api/v1/organization"),
            HttpStatusCode.OK
        );
        Assert.StartsWith(
            "Acme Academy",
            org.GetProperty("name").GetString(),
            StringComparison.Ordinal
        );

        var patched = await HttpAssert.JsonAsync(
            await owner.PatchAsJsonAsync(
                "/api/v1/organization",
                new { url = "https://acme.example", email = "info@acme.example" }
            ),
            HttpStatusCode.OK
        );
        Assert.Equal("https://acme.example", patched.GetProperty("url").GetString());
        Assert.Equal(org.GetProperty("name").GetString(), patched.GetProperty("name").GetString());

        await HttpAssert.ValidationProblemAsync(
            await owner.PatchAsJsonAsync(
                "/api/v1/organization",
                new { email = "not an address", url = "ftp://x" }
            ),
            "email"
        );
        await HttpAssert.ValidationProblemAsync(
            await owner.PatchAsJsonAsync("/api/v1/organization", new { name = " " }),
            "name"
        );
    }

    [Fact]
    public async Task Invitation_Accepted_MakesAMemberWithTheRole()
    {
        var owner = factory.Client(await factory.NewOrganizationAsync());
        var invitation = await InviteAsync(owner, "ada@example.test", "issuer");
        var token = invitation.GetProperty("token").GetString();
        Assert.Equal("pending", invitation.GetProperty("status").GetString());

        var listed = await HttpAssert.JsonAsync(
            await owner.GetAsync("/api/v1/invitations"),
            HttpStatusCode.OK
        );
        var entry = Assert.Single(listed.EnumerateArray());
        Assert.Equal(JsonValueKind.Null, entry.GetProperty("token").ValueKind); // shown once only

        var anonymous = factory.Client(null);
        var accepted = await HttpAssert.JsonAsync(
            await anonymous.PostJsonAsync(
                "/api/v1/invitations/accept",
                new
                {
                    token,
                    name = "Ada",
                    password = "Correct-Horse-9",
                }
            ),
            HttpStatusCode.OK
        );
        Assert.Equal("issuer", accepted.GetProperty("role").GetString());

        var members = await HttpAssert.JsonAsync(
            await owner.GetAsync("/api/v1/members"),
            HttpStatusCode.OK
        );
        Assert.Contains(
            members.EnumerateArray(),
            m =>
                m.GetProperty("email").GetString() == "ada@example.test"
                && m.GetProperty("role").GetString() == "issuer"
        );

        // A token works once.
        await HttpAssert.ProblemAsync(
            await anonymous.PostJsonAsync("/api/v1/invitations/accept", new { token }),
            HttpStatusCode.UnprocessableEntity
        );
        // Inviting a member again is a conflict.
        await HttpAssert.ProblemAsync(
            await owner.PostJsonAsync(
                "/api/v1/invitations",
                new { email = "ADA@example.test", role = "viewer" }
            ),
            HttpStatusCode.Conflict
        );
    }

    [Fact]
    public async Task Invitation_RevokedOrExpired_CannotBeAccepted()
    {
        var owner = factory.Client(await factory.NewOrganizationAsync());
        var revoked = await InviteAsync(owner, "bob@example.test", "viewer");
        Assert.Equal(
            HttpStatusCode.NoContent,
            (
                await owner.DeleteAsync(
                    $"/api/v1/invitations/{revoked.GetProperty("id").GetString()}"
                )
            ).StatusCode
        );
        var anonymous = factory.Client(null);
        await HttpAssert.ProblemAsync(
            await anonymous.PostJsonAsync(
                "/api/v1/invitations/accept",
                new { token = revoked.GetProperty("token").GetString() }
            ),
            HttpStatusCode.UnprocessableEntity
        );

        var expiring = await InviteAsync(owner, "cy@example.test", "viewer");
        factory.Time.Advance(TimeSpan.FromDays(15));
        await HttpAssert.ProblemAsync(
            await anonymous.PostJsonAsync(
                "/api/v1/invitations/accept",
                new { token = expiring.GetProperty("token").GetString() }
            ),
            HttpStatusCode.UnprocessableEntity
        );
        var listed = await HttpAssert.JsonAsync(
            await owner.GetAsync("/api/v1/invitations"),
            HttpStatusCode.OK
        );
        Assert.Equal(
            ["expired", "revoked"],
            listed
                .EnumerateArray()
                .Select(i => i.GetProperty("status").GetString())
                .Order(StringComparer.Ordinal)
        );
    }

    [Fact]
    public async Task Invitation_BadInput_Is400NamingTheField()
    {
        var owner = factory.Client(await factory.NewOrganizationAsync());
        await HttpAssert.ValidationProblemAsync(
            await owner.PostJsonAsync(
                "/api/v1/invitations",
                new { email = "x@example.test", role = "king" }
            ),
            "role"
        );
        await HttpAssert.ValidationProblemAsync(
            await owner.PostJsonAsync(
                "/api/v1/invitations",
                new { email = "nobody", role = "viewer" }
            ),
            "email"
        );
        await HttpAssert.ValidationProblemAsync(
            await factory
                .Client(null)
                .PostJsonAsync("/api/v1/invitations/accept", new { token = "" }),
            "token"
        );
    }

    [Fact]
    public async Task Members_RoleChanges_KeepAnOwner()
    {
        var owner = factory.Client(await factory.NewOrganizationAsync());
        var members = await HttpAssert.JsonAsync(
            await owner.GetAsync("/api/v1/members"),
            HttpStatusCode.OK
        );
        var ownerId = Assert.Single(members.EnumerateArray()).GetProperty("userId").GetString();

        await HttpAssert.ProblemAsync(
            await owner.PatchAsJsonAsync($"/api/v1/members/{ownerId}", new { role = "admin" }),
            HttpStatusCode.Conflict
        );
        await HttpAssert.ProblemAsync(
            await owner.DeleteAsync($"/api/v1/members/{ownerId}"),
            HttpStatusCode.Conflict
        );
        await HttpAssert.ValidationProblemAsync(
            await owner.PatchAsJsonAsync($"/api/v1/members/{ownerId}", new { role = "emperor" }),
            "role"
        );
        await HttpAssert.ProblemAsync(
            await owner.PatchAsJsonAsync("/api/v1/members/no-such-user", new { role = "viewer" }),
            HttpStatusCode.NotFound
        );

        var invitation = await InviteAsync(owner, $"dee-{Guid.NewGuid():N}@example.test", "viewer");
        var accepted = await HttpAssert.JsonAsync(
            await factory
                .Client(null)
                .PostJsonAsync(
                    "/api/v1/invitations/accept",
                    new { token = invitation.GetProperty("token").GetString() }
                ),
            HttpStatusCode.OK
        );
        var userId = accepted.GetProperty("userId").GetString();
        var changed = await HttpAssert.JsonAsync(
            await owner.PatchAsJsonAsync($"/api/v1/members/{userId}", new { role = "assessor" }),
            HttpStatusCode.OK
        );
        Assert.Equal("assessor", changed.GetProperty("role").GetString());
        Assert.Equal(
            HttpStatusCode.NoContent,
            (await owner.DeleteAsync($"/api/v1/members/{userId}")).StatusCode
        );
        members = await HttpAssert.JsonAsync(
            await owner.GetAsync("/api/v1/members"),
            HttpStatusCode.OK
        );
        Assert.Single(members.EnumerateArray());
    }

    [Fact]
    public async Task ApiKeys_AreShownOnceAndStoredHashed()
    {
        var owner = factory.Client(await factory.NewOrganizationAsync());
        var created = await HttpAssert.JsonAsync(
            await owner.PostJsonAsync(
                "/api/v1/api-keys",
                new
                {
                    name = "ci",
                    role = "issuer",
                    scopes = new[] { "templates:read" },
                }
            ),
            HttpStatusCode.Created
        );
        var key = created.GetProperty("key").GetString()!;
        Assert.StartsWith("csk_", key, StringComparison.Ordinal);
        Assert.True(key.Length >= 40);
        Assert.Equal(key[..12], created.GetProperty("prefix").GetString());

        var listed = await HttpAssert.JsonAsync(
            await owner.GetAsync("/api/v1/api-keys"),
            HttpStatusCode.OK
        );
        var ci = listed.EnumerateArray().Single(k => k.GetProperty("name").GetString() == "ci");
        Assert.Equal(JsonValueKind.Null, ci.GetProperty("key").ValueKind);
        Assert.Equal(
            ["templates:read"],
            ci.GetProperty("scopes").EnumerateArray().Select(s => s.GetString())
        );
        Assert.DoesNotContain(key, listed.GetRawText(), StringComparison.Ordinal);

        await HttpAssert.ValidationProblemAsync(
            await owner.PostJsonAsync("/api/v1/api-keys", new { name = "" }),
            "name"
        );
    }
}

public sealed class MemberAndInvitationOnSqliteTests(SqliteServerFactory factory)
    : MemberAndInvitationTests<SqliteServerFactory>(factory);

public sealed class MemberAndInvitationOnPostgresTests(PostgresServerFactory factory)
    : MemberAndInvitationTests<PostgresServerFactory>(factory);
