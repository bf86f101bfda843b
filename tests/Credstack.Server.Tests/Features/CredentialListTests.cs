using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Credstack.Server.Data;
using Credstack.Server.Features.Issuing;
using Credstack.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Credstack.Server.Tests.Features;

/// <summary>
/// <c>GET /api/v1/credentials</c>: filters, search and paging done by the database, over enough rows that
/// a page is a real slice of them.
/// </summary>
public abstract class CredentialListTests<TFactory>(TFactory factory) : IClassFixture<TFactory>
    where TFactory : ServerFactory
{
    private const int Rows = 250;

    /// <summary>
    /// An organisation with <see cref="Rows"/> credentials, written straight to the database: every
    /// tenth revoked, every 25th suspended, every seventh expired (a validUntil an hour ago), the rest
    /// active; a few with non-ASCII names.
    /// </summary>
    private async Task<(HttpClient Client, Guid TemplateId)> SeedAsync()
    {
        var client = factory.Client(await factory.NewOrganizationAsync());
        var org = await HttpAssert.JsonAsync(
            await client.GetAsync("/api/v1/organization"),
            HttpStatusCode.OK
        );
        var orgId = Guid.Parse(org.GetProperty("id").GetString()!);
        var templateId = Guid.NewGuid();
        var now = factory.Time.GetUtcNow();
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CredstackDbContext>();
        for (var i = 0; i < Rows; i++)
        {
            var issued = now.AddMinutes(-Rows + i);
            var id = Guid.CreateVersion7(issued);
            db.Credentials.Add(
                new IssuedCredential
                {
                    Id = id,
                    OrganizationId = orgId,
                    CredentialId = $"http://localhost:5080/credentials/{id:D}",
                    TemplateId = i % 2 == 0 ? templateId : null,
                    Name = i % 3 == 0 ? "Forklift Safety" : "Data Analysis",
                    RecipientName = i % 50 == 1 ? $"Élodie Dupré {i}" : $"Person {i}",
                    RecipientEmail = $"person{i}@Example.TEST",
                    Format = IssuingService.FormatLdp,
                    Content = "{}",
                    IssuedAt = issued,
                    ValidUntil =
                        i % 7 == 0 ? now.AddHours(-1)
                        : i % 7 == 1 ? now.AddHours(1)
                        : null,
                    Revoked = i % 10 == 0,
                    Suspended = i % 25 == 0,
                }
            );
        }
        await db.SaveChangesAsync();
        return (client, templateId);
    }

    private static string Status(int i) =>
        i % 10 == 0 ? "revoked"
        : i % 25 == 0 ? "suspended"
        : i % 7 == 0 ? "expired"
        : "active";

    private static async Task<JsonElement> PageAsync(HttpClient client, string query) =>
        await HttpAssert.JsonAsync(
            await client.GetAsync("/api/v1/credentials?" + query),
            HttpStatusCode.OK
        );

    private static int Index(JsonElement item) =>
        int.Parse(
            item.GetProperty("recipientEmail").GetString()!["person".Length..].Split('@')[0],
            System.Globalization.CultureInfo.InvariantCulture
        );

    [Fact]
    public async Task Pages_AreSlicesOfTheNewestFirstList_WithTheTotal()
    {
        var (client, _) = await SeedAsync();
        var seen = new List<int>();
        for (var page = 1; page <= 4; page++)
        {
            var body = await PageAsync(client, $"page={page}&pageSize=70");
            Assert.Equal(Rows, body.GetProperty("total").GetInt32());
            Assert.Equal(page, body.GetProperty("page").GetInt32());
            Assert.Equal(70, body.GetProperty("pageSize").GetInt32());
            var items = body.GetProperty("items").EnumerateArray().Select(Index).ToList();
            Assert.Equal(page < 4 ? 70 : Rows - (3 * 70), items.Count);
            seen.AddRange(items);
        }
        // Newest first, every row exactly once.
        Assert.Equal(Enumerable.Range(0, Rows).Reverse(), seen);

        var beyond = await PageAsync(client, "page=9&pageSize=70");
        Assert.Equal(0, beyond.GetProperty("items").GetArrayLength());
        Assert.Equal(Rows, beyond.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task PageSize_IsCappedAt200()
    {
        var (client, _) = await SeedAsync();
        var body = await PageAsync(client, "pageSize=1000");
        Assert.Equal(200, body.GetProperty("pageSize").GetInt32());
        Assert.Equal(200, body.GetProperty("items").GetArrayLength());
        Assert.Equal(Rows, body.GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData("revoked")]
    [InlineData("suspended")]
    [InlineData("expired")]
    [InlineData("active")]
    public async Task StatusFilter_CountsAndPagesInTheDatabase(string status)
    {
        var (client, templateId) = await SeedAsync();
        var expected = Enumerable.Range(0, Rows).Where(i => Status(i) == status).ToList();
        var body = await PageAsync(client, $"status={status.ToUpperInvariant()}&pageSize=20");
        Assert.Equal(expected.Count, body.GetProperty("total").GetInt32());
        var items = body.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(Math.Min(20, expected.Count), items.Count);
        Assert.All(items, i => Assert.Equal(status, i.GetProperty("status").GetString()));
        Assert.Equal(expected.AsEnumerable().Reverse().Take(20), items.Select(Index));

        var inTemplate = expected.Count(i => i % 2 == 0);
        var filtered = await PageAsync(client, $"status={status}&template={templateId}");
        Assert.Equal(inTemplate, filtered.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Search_IsCaseInsensitive_OverNameRecipientAndEmail()
    {
        var (client, _) = await SeedAsync();
        // The credential name.
        var forklift = await PageAsync(client, "q=FORKLIFT%20safety&pageSize=5");
        Assert.Equal(
            Enumerable.Range(0, Rows).Count(i => i % 3 == 0),
            forklift.GetProperty("total").GetInt32()
        );
        Assert.Equal(5, forklift.GetProperty("items").GetArrayLength());
        // The recipient's e-mail, stored in mixed case.
        var email = await PageAsync(client, "q=PERSON123@example.test");
        Assert.Equal(1, email.GetProperty("total").GetInt32());
        Assert.Equal(123, Index(email.GetProperty("items")[0]));
        // The recipient's name, beyond ASCII.
        var unicode = await PageAsync(client, "q=%C3%A9LODIE%20DUPR%C3%89");
        Assert.Equal(Rows / 50, unicode.GetProperty("total").GetInt32());
        // LIKE wildcards are plain characters.
        var percent = await PageAsync(client, "q=%25");
        Assert.Equal(0, percent.GetProperty("total").GetInt32());
        // With the other filters.
        var combined = await PageAsync(client, "q=forklift&status=revoked");
        Assert.Equal(
            Enumerable.Range(0, Rows).Count(i => i % 3 == 0 && Status(i) == "revoked"),
            combined.GetProperty("total").GetInt32()
        );
    }

    [Fact]
    public async Task ExpiryGivenWithAnOffset_IsStoredInUtc_AndFilteredByTheInstant()
    {
        var client = factory.Client(await factory.NewOrganizationAsync());
        var template = await HttpAssert.JsonAsync(
            await client.PostAsJsonAsync(
                "/api/v1/templates",
                new
                {
                    kind = "badge",
                    name = "Offsets",
                    description = "Expiry in local time.",
                    criteria = new { narrative = "Be there." },
                }
            ),
            HttpStatusCode.Created
        );
        var templateId = template.GetProperty("id").GetString();
        var now = factory.Time.GetUtcNow();
        // An hour from now written at UTC+05:00 (its local text sorts after now's UTC text), and an hour
        // ago written at UTC-08:00 (its local text sorts before).
        foreach (
            var (name, expires) in new[]
            {
                ("later", now.AddHours(1).ToOffset(TimeSpan.FromHours(5))),
                ("sooner", now.AddHours(1).ToOffset(TimeSpan.FromHours(-8))),
            }
        )
        {
            await HttpAssert.JsonAsync(
                await client.PostAsJsonAsync(
                    $"/api/v1/templates/{templateId}/issue",
                    new
                    {
                        email = $"{name}@example.test",
                        name,
                        issued = now.AddDays(-1),
                        expires,
                    }
                ),
                HttpStatusCode.Created
            );
        }
        var org = await HttpAssert.JsonAsync(
            await client.GetAsync("/api/v1/organization"),
            HttpStatusCode.OK
        );
        var issued = await HttpAssert.JsonAsync(
            await client.PostAsJsonAsync(
                "/credentials/issue",
                new
                {
                    credential = new Dictionary<string, object>
                    {
                        ["@context"] = new[] { "https://www.w3.org/ns/credentials/v2" },
                        ["type"] = new[] { "VerifiableCredential" },
                        ["issuer"] = org.GetProperty("issuer").GetProperty("id").GetString()!,
                        ["validUntil"] = now.AddHours(1)
                            .ToOffset(TimeSpan.FromHours(-8))
                            .ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
                        ["credentialSubject"] = new Dictionary<string, string>
                        {
                            ["id"] = "did:example:vcapi",
                        },
                    },
                }
            ),
            HttpStatusCode.Created
        );
        Assert.Equal(JsonValueKind.Object, issued.GetProperty("verifiableCredential").ValueKind);

        Assert.Equal(3, (await PageAsync(client, "status=active")).GetProperty("total").GetInt32());
        factory.Time.Advance(TimeSpan.FromHours(2));
        try
        {
            var expired = await PageAsync(client, "status=expired");
            Assert.Equal(3, expired.GetProperty("total").GetInt32());
            Assert.Equal(
                0,
                (await PageAsync(client, "status=active")).GetProperty("total").GetInt32()
            );
        }
        finally
        {
            factory.Time.Advance(TimeSpan.FromHours(-2));
        }
    }

    [Fact]
    public async Task UnknownStatus_Is400NamingStatus()
    {
        var client = factory.Client(await factory.NewOrganizationAsync());
        await HttpAssert.ValidationProblemAsync(
            await client.GetAsync("/api/v1/credentials?status=lost"),
            "status"
        );
    }

    [Fact]
    public async Task AnotherOrganisationsCredentials_AreNotListed()
    {
        await SeedAsync();
        var other = factory.Client(await factory.NewOrganizationAsync());
        var body = await PageAsync(other, "q=person");
        Assert.Equal(0, body.GetProperty("total").GetInt32());
    }
}

public sealed class CredentialListOnSqliteTests(SqliteServerFactory factory)
    : CredentialListTests<SqliteServerFactory>(factory);

public sealed class CredentialListOnPostgresTests(PostgresServerFactory factory)
    : CredentialListTests<PostgresServerFactory>(factory);
