using System.Net;
using System.Net.Http.Json;
using Credstack.Server.Tests.Infrastructure;

namespace Credstack.Server.Tests.Features;

/// <summary>Who may do what: roles, scopes, revoked and unknown keys, and organisation isolation.</summary>
public abstract class AuthorizationTests<TFactory>(TFactory factory) : IClassFixture<TFactory>
    where TFactory : ServerFactory
{
    private static readonly object Template = new
    {
        kind = "badge",
        name = "Teamwork",
        description = "Works well with others.",
    };

    public static TheoryData<string> Roles =>
        new() { "owner", "admin", "issuer", "assessor", "viewer" };

    private async Task<string> KeyAsync(string ownerKey, string role, params string[] scopes)
    {
        var response = await factory
            .Client(ownerKey)
            .PostJsonAsync(
                "/api/v1/api-keys",
                new
                {
                    name = $"{role} key",
                    role,
                    scopes,
                }
            );
        var body = await HttpAssert.JsonAsync(response, HttpStatusCode.Created);
        return body.GetProperty("key").GetString()!;
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task EachRole_GetsExactlyItsPermissions(string role)
    {
        var owner = await factory.NewOrganizationAsync();
        var client = factory.Client(await KeyAsync(owner, role));
        var manager = role is "owner" or "admin";
        var issuer = manager || role == "issuer";
        var reader = role != "viewer";

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/organization")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/templates")).StatusCode);
        await Expect(
            client.PostAsJsonAsync("/api/v1/templates", Template),
            issuer ? HttpStatusCode.Created : HttpStatusCode.Forbidden
        );
        await Expect(
            client.GetAsync("/api/v1/members"),
            reader ? HttpStatusCode.OK : HttpStatusCode.Forbidden
        );
        await Expect(
            client.GetAsync("/api/v1/invitations"),
            reader ? HttpStatusCode.OK : HttpStatusCode.Forbidden
        );
        await Expect(
            client.PostJsonAsync(
                "/api/v1/invitations",
                new { email = $"{role}@example.test", role = "viewer" }
            ),
            manager ? HttpStatusCode.Created : HttpStatusCode.Forbidden
        );
        await Expect(
            client.GetAsync("/api/v1/api-keys"),
            manager ? HttpStatusCode.OK : HttpStatusCode.Forbidden
        );
        await Expect(
            client.PatchAsJsonAsync("/api/v1/organization", new { description = "Changed." }),
            manager ? HttpStatusCode.OK : HttpStatusCode.Forbidden
        );
    }

    private static async Task Expect(Task<HttpResponseMessage> request, HttpStatusCode expected)
    {
        var response = await request;
        if (expected == HttpStatusCode.Forbidden)
        {
            await HttpAssert.ProblemAsync(response, expected);
        }
        else
        {
            await HttpAssert.JsonAsync(response, expected);
        }
    }

    [Fact]
    public async Task NoKey_Is401ProblemDetails()
    {
        var response = await factory.Client(null).GetAsync("/api/v1/organization");
        await HttpAssert.ProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task UnknownKey_Is401()
    {
        var response = await factory
            .Client("csk_" + new string('a', 43))
            .GetAsync("/api/v1/organization");
        var problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains(
            "not known",
            problem.GetProperty("detail").GetString(),
            StringComparison.Ordinal
        );
    }

    [Fact]
    public async Task RevokedKey_Is401()
    {
        var owner = await factory.NewOrganizationAsync();
        var created = await HttpAssert.JsonAsync(
            await factory
                .Client(owner)
                .PostJsonAsync("/api/v1/api-keys", new { name = "to revoke", role = "issuer" }),
            HttpStatusCode.Created
        );
        var key = created.GetProperty("key").GetString()!;
        Assert.Equal(
            HttpStatusCode.OK,
            (await factory.Client(key).GetAsync("/api/v1/templates")).StatusCode
        );

        var revoke = await factory
            .Client(owner)
            .DeleteAsync($"/api/v1/api-keys/{created.GetProperty("id").GetString()}");
        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);

        var problem = await HttpAssert.ProblemAsync(
            await factory.Client(key).GetAsync("/api/v1/templates"),
            HttpStatusCode.Unauthorized
        );
        Assert.Contains(
            "revoked",
            problem.GetProperty("detail").GetString(),
            StringComparison.Ordinal
        );
    }

    [Fact]
    public async Task ExpiredKey_Is401()
    {
        var owner = await factory.NewOrganizationAsync();
        var expires = factory.Time.GetUtcNow().AddDays(1);
        var created = await HttpAssert.JsonAsync(
            await factory
                .Client(owner)
                .PostJsonAsync("/api/v1/api-keys", new { name = "short", expiresAt = expires }),
            HttpStatusCode.Created
        );
        var key = created.GetProperty("key").GetString()!;
        factory.Time.Advance(TimeSpan.FromDays(2));
        var problem = await HttpAssert.ProblemAsync(
            await factory.Client(key).GetAsync("/api/v1/organization"),
            HttpStatusCode.Unauthorized
        );
        Assert.Contains(
            "expired",
            problem.GetProperty("detail").GetString(),
            StringComparison.Ordinal
        );
    }

    [Fact]
    public async Task ScopedKey_WithoutTheScope_Is403()
    {
        var owner = await factory.NewOrganizationAsync();
        var key = await KeyAsync(owner, "issuer", "templates:read");
        var client = factory.Client(key);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/templates")).StatusCode);
        await HttpAssert.ProblemAsync(
            await client.PostAsJsonAsync("/api/v1/templates", Template),
            HttpStatusCode.Forbidden
        );
        await HttpAssert.ProblemAsync(
            await client.GetAsync("/api/v1/organization"),
            HttpStatusCode.Forbidden
        );
    }

    [Fact]
    public async Task ApiKey_ScopeOutsideItsRole_Is400NamingTheScope()
    {
        var owner = await factory.NewOrganizationAsync();
        var response = await factory
            .Client(owner)
            .PostJsonAsync(
                "/api/v1/api-keys",
                new
                {
                    name = "x",
                    role = "viewer",
                    scopes = new[] { "templates:read", "templates:write" },
                }
            );
        await HttpAssert.ValidationProblemAsync(response, "scopes[1]");
        response = await factory
            .Client(owner)
            .PostJsonAsync("/api/v1/api-keys", new { name = "x", scopes = new[] { "everything" } });
        await HttpAssert.ValidationProblemAsync(response, "scopes[0]");
    }

    [Fact]
    public async Task Admin_CannotCreateAnOwnerKeyOrInviteAnOwner()
    {
        var owner = await factory.NewOrganizationAsync();
        var admin = factory.Client(await KeyAsync(owner, "admin"));
        await HttpAssert.ProblemAsync(
            await admin.PostJsonAsync("/api/v1/api-keys", new { name = "up", role = "owner" }),
            HttpStatusCode.Forbidden
        );
        await HttpAssert.ProblemAsync(
            await admin.PostJsonAsync(
                "/api/v1/invitations",
                new { email = "boss@example.test", role = "owner" }
            ),
            HttpStatusCode.Forbidden
        );
    }

    [Fact]
    public async Task AnotherOrganizationsResources_Are404()
    {
        var ownerA = await factory.NewOrganizationAsync();
        var ownerB = await factory.NewOrganizationAsync();
        var created = await HttpAssert.JsonAsync(
            await factory.Client(ownerA).PostAsJsonAsync("/api/v1/templates", Template),
            HttpStatusCode.Created
        );
        var id = created.GetProperty("id").GetString();
        var keyA = await HttpAssert.JsonAsync(
            await factory.Client(ownerA).PostJsonAsync("/api/v1/api-keys", new { name = "a" }),
            HttpStatusCode.Created
        );
        var invitationA = await HttpAssert.JsonAsync(
            await factory
                .Client(ownerA)
                .PostJsonAsync(
                    "/api/v1/invitations",
                    new { email = "x@example.test", role = "viewer" }
                ),
            HttpStatusCode.Created
        );

        var b = factory.Client(ownerB);
        await HttpAssert.ProblemAsync(
            await b.GetAsync($"/api/v1/templates/{id}"),
            HttpStatusCode.NotFound
        );
        await HttpAssert.ProblemAsync(
            await b.GetAsync($"/api/v1/templates/{id}/versions"),
            HttpStatusCode.NotFound
        );
        await HttpAssert.ProblemAsync(
            await b.PutAsJsonAsync($"/api/v1/templates/{id}", Template),
            HttpStatusCode.NotFound
        );
        await HttpAssert.ProblemAsync(
            await b.PostAsync($"/api/v1/templates/{id}/archive", null),
            HttpStatusCode.NotFound
        );
        await HttpAssert.ProblemAsync(
            await b.DeleteAsync($"/api/v1/templates/{id}"),
            HttpStatusCode.NotFound
        );
        await HttpAssert.ProblemAsync(
            await b.DeleteAsync($"/api/v1/api-keys/{keyA.GetProperty("id").GetString()}"),
            HttpStatusCode.NotFound
        );
        await HttpAssert.ProblemAsync(
            await b.DeleteAsync($"/api/v1/invitations/{invitationA.GetProperty("id").GetString()}"),
            HttpStatusCode.NotFound
        );
        var listB = await HttpAssert.JsonAsync(
            await b.GetAsync("/api/v1/templates"),
            HttpStatusCode.OK
        );
        Assert.Equal(0, listB.GetProperty("total").GetInt32());

        // Still there for its own organisation.
        Assert.Equal(
            HttpStatusCode.OK,
            (await factory.Client(ownerA).GetAsync($"/api/v1/templates/{id}")).StatusCode
        );
        Assert.Equal(
            HttpStatusCode.OK,
            (
                await factory
                    .Client(keyA.GetProperty("key").GetString())
                    .GetAsync("/api/v1/organization")
            ).StatusCode
        );
    }
}

public sealed class AuthorizationOnSqliteTests(SqliteServerFactory factory)
    : AuthorizationTests<SqliteServerFactory>(factory);

public sealed class AuthorizationOnPostgresTests(PostgresServerFactory factory)
    : AuthorizationTests<PostgresServerFactory>(factory);
