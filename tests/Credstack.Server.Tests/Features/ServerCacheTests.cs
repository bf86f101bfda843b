using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Credstack.Server.Tests.Infrastructure;

namespace Credstack.Server.Tests.Features;

/// <summary>
/// The server's in-memory caches (issuer signer, API keys, own status lists and their verification) never
/// serve a stale answer after a change made through the server.
/// </summary>
public abstract class ServerCacheTests<TFactory>(TFactory factory) : IClassFixture<TFactory>
    where TFactory : ServerFactory
{
    private static JsonObject Credential(string issuer) =>
        new()
        {
            ["@context"] = new JsonArray(
                "https://www.w3.org/ns/credentials/v2",
                "https://www.w3.org/ns/credentials/examples/v2"
            ),
            ["type"] = new JsonArray("VerifiableCredential"),
            ["issuer"] = issuer,
            ["credentialSubject"] = new JsonObject
            {
                ["id"] = "did:example:ebfeb1f712ebc6f1c276e12ec21",
            },
        };

    private static async Task<string> IssuerIdAsync(HttpClient client)
    {
        var org = await HttpAssert.JsonAsync(
            await client.GetAsync("/api/v1/organization"),
            HttpStatusCode.OK
        );
        return org.GetProperty("issuer").GetProperty("id").GetString()!;
    }

    private static async Task<JsonObject> IssueAsync(HttpClient client, string issuer)
    {
        var issued = await HttpAssert.JsonAsync(
            await client.PostAsJsonAsync(
                "/credentials/issue",
                new JsonObject { ["credential"] = Credential(issuer) }
            ),
            HttpStatusCode.Created
        );
        return JsonNode.Parse(issued.GetProperty("verifiableCredential").GetRawText())!.AsObject();
    }

    private static async Task<(HttpStatusCode Status, string Body)> VerifyAsync(
        HttpClient client,
        JsonObject credential
    )
    {
        var response = await client.PostAsJsonAsync(
            "/credentials/verify",
            new JsonObject { ["verifiableCredential"] = credential.DeepClone() }
        );
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AfterRotation_TheNextCredentialIsSignedWithTheNewKey_AndTheOldIssuerIsRefused()
    {
        var client = factory.Client(await factory.NewOrganizationAsync());
        var oldIssuer = await IssuerIdAsync(client);
        var before = await IssueAsync(client, oldIssuer);

        await HttpAssert.JsonAsync(
            await client.PostAsync("/api/v1/organization/keys/rotate", null),
            HttpStatusCode.OK
        );
        var newIssuer = await IssuerIdAsync(client);
        Assert.NotEqual(oldIssuer, newIssuer);

        await HttpAssert.ProblemAsync(
            await client.PostAsJsonAsync(
                "/credentials/issue",
                new JsonObject { ["credential"] = Credential(oldIssuer) }
            ),
            HttpStatusCode.UnprocessableEntity
        );
        var after = await IssueAsync(client, newIssuer);
        Assert.StartsWith(
            newIssuer + "#",
            (string)after["proof"]!["verificationMethod"]!,
            StringComparison.Ordinal
        );
        Assert.StartsWith(
            oldIssuer + "#",
            (string)before["proof"]!["verificationMethod"]!,
            StringComparison.Ordinal
        );
        Assert.Equal(HttpStatusCode.OK, (await VerifyAsync(client, before)).Status);
        Assert.Equal(HttpStatusCode.OK, (await VerifyAsync(client, after)).Status);
    }

    [Fact]
    public async Task AfterARename_TheNextCredentialNamesTheIssuerByItsNewName()
    {
        var client = factory.Client(await factory.NewOrganizationAsync());
        var template = await HttpAssert.JsonAsync(
            await client.PostAsJsonAsync(
                "/api/v1/templates",
                new
                {
                    kind = "badge",
                    name = "Teamwork",
                    description = "Works well with others.",
                }
            ),
            HttpStatusCode.Created
        );
        var issuePath = $"/api/v1/templates/{template.GetProperty("id").GetString()}/issue";
        var recipient = new { email = "ada@example.test", name = "Ada Lovelace" };
        await HttpAssert.JsonAsync(
            await client.PostAsJsonAsync(issuePath, recipient),
            HttpStatusCode.Created
        );

        var newName = $"Renamed {Guid.NewGuid():N}";
        await HttpAssert.JsonAsync(
            await client.PatchAsJsonAsync("/api/v1/organization", new { name = newName }),
            HttpStatusCode.OK
        );
        var after = await HttpAssert.JsonAsync(
            await client.PostAsJsonAsync(issuePath, recipient),
            HttpStatusCode.Created
        );
        Assert.Equal(newName, after.GetProperty("issuer").GetProperty("name").GetString());
    }

    [Fact]
    public async Task ServerVerify_SeesEachStatusChangeAtOnce_AfterVerifyingAgainstTheSameList()
    {
        var client = factory.Client(await factory.NewOrganizationAsync());
        var credential = await IssueAsync(client, await IssuerIdAsync(client));
        var id = ((string)credential["id"]!).Split('/')[^1];

        // Twice valid: the second verification reuses the list read and verified by the first.
        Assert.Equal(HttpStatusCode.OK, (await VerifyAsync(client, credential)).Status);
        Assert.Equal(HttpStatusCode.OK, (await VerifyAsync(client, credential)).Status);

        await HttpAssert.JsonAsync(
            await client.PostAsync($"/api/v1/credentials/{id}/suspend", null),
            HttpStatusCode.OK
        );
        var suspended = await VerifyAsync(client, credential);
        Assert.Equal(HttpStatusCode.BadRequest, suspended.Status);
        Assert.Contains("status.suspended", suspended.Body, StringComparison.Ordinal);

        await HttpAssert.JsonAsync(
            await client.PostAsync($"/api/v1/credentials/{id}/unsuspend", null),
            HttpStatusCode.OK
        );
        Assert.Equal(HttpStatusCode.OK, (await VerifyAsync(client, credential)).Status);

        await HttpAssert.JsonAsync(
            await client.PostAsJsonAsync(
                $"/api/v1/credentials/{id}/revoke",
                new { reason = "issued in error" }
            ),
            HttpStatusCode.OK
        );
        var revoked = await VerifyAsync(client, credential);
        Assert.Equal(HttpStatusCode.BadRequest, revoked.Status);
        Assert.Contains("status.revoked", revoked.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AKeyInUse_IsRefusedFromTheRequestAfterItsRevocation()
    {
        var owner = factory.Client(await factory.NewOrganizationAsync());
        var created = await HttpAssert.JsonAsync(
            await owner.PostAsJsonAsync(
                "/api/v1/api-keys",
                new { name = "busy client", role = "issuer" }
            ),
            HttpStatusCode.Created
        );
        var busy = factory.Client(created.GetProperty("key").GetString());
        var issuer = await IssuerIdAsync(owner);
        for (var i = 0; i < 3; i++)
        {
            await IssueAsync(busy, issuer);
        }

        Assert.Equal(
            HttpStatusCode.NoContent,
            (
                await owner.DeleteAsync($"/api/v1/api-keys/{created.GetProperty("id").GetString()}")
            ).StatusCode
        );
        await HttpAssert.ProblemAsync(
            await busy.PostAsJsonAsync(
                "/credentials/issue",
                new JsonObject { ["credential"] = Credential(issuer) }
            ),
            HttpStatusCode.Unauthorized
        );
    }
}

public sealed class ServerCacheOnSqliteTests(SqliteServerFactory factory)
    : ServerCacheTests<SqliteServerFactory>(factory);

public sealed class ServerCacheOnPostgresTests(PostgresServerFactory factory)
    : ServerCacheTests<PostgresServerFactory>(factory);
