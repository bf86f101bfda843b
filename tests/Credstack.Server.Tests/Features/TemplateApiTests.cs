using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Credstack.Server.Tests.Infrastructure;
using Credstack.Tests.Shared;

namespace Credstack.Server.Tests.Features;

/// <summary>Templates: CRUD, versioning, validation, image upload and SVG checks.</summary>
public abstract class TemplateApiTests<TFactory>(TFactory factory) : IClassFixture<TFactory>
    where TFactory : ServerFactory
{
    private static object Template(string name = "Data analysis with Python") =>
        TestTemplates.DataAnalysis(name);

    private async Task<(HttpClient Client, string Id)> CreateAsync()
    {
        var client = factory.Client(await factory.NewOrganizationAsync());
        var created = await HttpAssert.JsonAsync(
            await client.PostAsJsonAsync("/api/v1/templates", Template()),
            HttpStatusCode.Created
        );
        return (client, created.GetProperty("id").GetString()!);
    }

    [Fact]
    public async Task Create_ReturnsVersion1WithEveryField()
    {
        var client = factory.Client(await factory.NewOrganizationAsync());
        var response = await client.PostAsJsonAsync("/api/v1/templates", Template());
        var body = await HttpAssert.JsonAsync(response, HttpStatusCode.Created);
        Assert.Equal(
            $"/api/v1/templates/{body.GetProperty("id").GetString()}",
            response.Headers.Location?.ToString()
        );
        Assert.Equal(1, body.GetProperty("version").GetInt32());
        Assert.Equal("micro-credential", body.GetProperty("kind").GetString());
        Assert.Equal(
            "https://example.org/criteria",
            body.GetProperty("criteria").GetProperty("url").GetString()
        );
        Assert.Equal("ESCO", body.GetProperty("skills")[0].GetProperty("framework").GetString());
        Assert.Equal(40m, body.GetProperty("effort").GetProperty("hours").GetDecimal());
        Assert.Equal(1.5m, body.GetProperty("effort").GetProperty("credits").GetDecimal());
        Assert.Equal(730, body.GetProperty("validityDays").GetInt32());
        Assert.Equal(
            ["data", "python"],
            body.GetProperty("tags").EnumerateArray().Select(t => t.GetString())
        );
        Assert.False(body.GetProperty("archived").GetBoolean());
    }

    [Fact]
    public async Task Update_AddsAVersion_AndKeepsTheOldOne()
    {
        var (client, id) = await CreateAsync();
        var updated = await HttpAssert.JsonAsync(
            await client.PutAsJsonAsync(
                $"/api/v1/templates/{id}",
                Template("Data analysis with Python, 2nd edition")
            ),
            HttpStatusCode.OK
        );
        Assert.Equal(2, updated.GetProperty("version").GetInt32());

        var current = await HttpAssert.JsonAsync(
            await client.GetAsync($"/api/v1/templates/{id}"),
            HttpStatusCode.OK
        );
        Assert.Equal(
            "Data analysis with Python, 2nd edition",
            current.GetProperty("name").GetString()
        );
        var v1 = await HttpAssert.JsonAsync(
            await client.GetAsync($"/api/v1/templates/{id}/versions/1"),
            HttpStatusCode.OK
        );
        Assert.Equal("Data analysis with Python", v1.GetProperty("name").GetString());
        Assert.Equal(2, v1.GetProperty("currentVersion").GetInt32());
        var versions = await HttpAssert.JsonAsync(
            await client.GetAsync($"/api/v1/templates/{id}/versions"),
            HttpStatusCode.OK
        );
        Assert.Equal(
            [1, 2],
            versions.EnumerateArray().Select(v => v.GetProperty("version").GetInt32())
        );
        await HttpAssert.ProblemAsync(
            await client.GetAsync($"/api/v1/templates/{id}/versions/3"),
            HttpStatusCode.NotFound
        );
    }

    [Fact]
    public async Task Archive_HidesFromTheList_AndDeleteRemoves()
    {
        var (client, id) = await CreateAsync();
        var list = await HttpAssert.JsonAsync(
            await client.GetAsync("/api/v1/templates?tag=python"),
            HttpStatusCode.OK
        );
        Assert.Equal(1, list.GetProperty("total").GetInt32());

        var archived = await HttpAssert.JsonAsync(
            await client.PostAsync($"/api/v1/templates/{id}/archive", null),
            HttpStatusCode.OK
        );
        Assert.True(archived.GetProperty("archived").GetBoolean());
        Assert.Equal(1, archived.GetProperty("version").GetInt32()); // archiving is not an edit
        list = await HttpAssert.JsonAsync(
            await client.GetAsync("/api/v1/templates"),
            HttpStatusCode.OK
        );
        Assert.Equal(0, list.GetProperty("total").GetInt32());
        list = await HttpAssert.JsonAsync(
            await client.GetAsync("/api/v1/templates?archived=true"),
            HttpStatusCode.OK
        );
        Assert.Equal(1, list.GetProperty("total").GetInt32());

        Assert.Equal(
            HttpStatusCode.NoContent,
            (await client.DeleteAsync($"/api/v1/templates/{id}")).StatusCode
        );
        await HttpAssert.ProblemAsync(
            await client.GetAsync($"/api/v1/templates/{id}"),
            HttpStatusCode.NotFound
        );
    }

    [Fact]
    public async Task List_FiltersByKindAndText()
    {
        var client = factory.Client(await factory.NewOrganizationAsync());
        await client.PostAsJsonAsync("/api/v1/templates", Template("Alpha"));
        await client.PostAsJsonAsync(
            "/api/v1/templates",
            new
            {
                kind = "badge",
                name = "Beta",
                description = "A badge.",
            }
        );
        var badges = await HttpAssert.JsonAsync(
            await client.GetAsync("/api/v1/templates?kind=badge"),
            HttpStatusCode.OK
        );
        Assert.Equal(
            "Beta",
            Assert
                .Single(badges.GetProperty("items").EnumerateArray())
                .GetProperty("name")
                .GetString()
        );
        var text = await HttpAssert.JsonAsync(
            await client.GetAsync("/api/v1/templates?q=alp"),
            HttpStatusCode.OK
        );
        Assert.Equal(
            "Alpha",
            Assert
                .Single(text.GetProperty("items").EnumerateArray())
                .GetProperty("name")
                .GetString()
        );
    }

    public static TheoryData<string, string> BadTemplates =>
        new()
        {
            { """{"kind":"diploma","name":"n","description":"d"}""", "kind" },
            { """{"kind":"badge","description":"d"}""", "name" },
            { """{"kind":"badge","name":"n"}""", "description" },
            { """{"kind":"badge","name":"n","description":"d","name":"m"}""", "name" },
            {
                """{"kind":"badge","name":"n","description":"d","criteria":{"url":"javascript:alert(1)"}}""",
                "criteria.url"
            },
            {
                """{"kind":"badge","name":"n","description":"d","skills":[{"framework":"ESCO"}]}""",
                "skills[0].name"
            },
            {
                """{"kind":"badge","name":"n","description":"d","effort":{"hours":-1}}""",
                "effort.hours"
            },
            {
                """{"kind":"badge","name":"n","description":"d","validityDays":0}""",
                "validityDays"
            },
            { """{"kind":"badge","name":"n","description":"d","tags":[""]}""", "tags[0]" },
            {
                """{"kind":"badge","name":"n","description":"d","validityDays":"soon"}""",
                "validityDays"
            },
            {
                """{"kind":"badge","name":"""
                    + "\""
                    + new string('x', 201)
                    + "\""
                    + ""","description":"d"}""",
                "name"
            },
            { """{"kind":"badge","name":"n",""", "body" },
            { """[1,2]""", "body" },
        };

    [Theory]
    [MemberData(nameof(BadTemplates))]
    public async Task Create_BadInput_Is400NamingTheField(string json, string field)
    {
        var client = factory.Client(await factory.NewOrganizationAsync());
        var response = await client.PostRawJsonAsync("/api/v1/templates", json);
        if (field == "body")
        {
            var problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
            Assert.True(problem.TryGetProperty("errors", out _));
        }
        else
        {
            await HttpAssert.ValidationProblemAsync(response, field);
        }
        var list = await HttpAssert.JsonAsync(
            await client.GetAsync("/api/v1/templates"),
            HttpStatusCode.OK
        );
        Assert.Equal(0, list.GetProperty("total").GetInt32()); // nothing half-written
    }

    private static readonly byte[] Png =
    [
        0x89,
        0x50,
        0x4E,
        0x47,
        0x0D,
        0x0A,
        0x1A,
        0x0A,
        0x00,
        0x00,
        0x00,
        0x0D,
        0x49,
        0x48,
        0x44,
        0x52,
        0x00,
        0x00,
        0x00,
        0x01,
        0x00,
        0x00,
        0x00,
        0x01,
        0x08,
        0x06,
        0x00,
        0x00,
        0x00,
        0x1F,
        0x15,
        0xC4,
        0x89,
        0x00,
        0x00,
        0x00,
        0x0D,
        0x49,
        0x44,
        0x41,
        0x54,
        0x78,
        0x9C,
        0x63,
        0x00,
        0x01,
        0x00,
        0x00,
        0x05,
        0x00,
        0x01,
        0x0D,
        0x0A,
        0x2D,
        0xB4,
        0x00,
        0x00,
        0x00,
        0x00,
        0x49,
        0x45,
        0x4E,
        0x44,
        0xAE,
        0x42,
        0x60,
        0x82,
    ];

    private static ByteArrayContent Image(byte[] content, string mediaType)
    {
        var body = new ByteArrayContent(content);
        body.Headers.ContentType = MediaTypeHeaderValue.Parse(mediaType);
        return body;
    }

    [Fact]
    public async Task UploadPng_AddsAVersion_AndServesTheImage()
    {
        var (client, id) = await CreateAsync();
        var updated = await HttpAssert.JsonAsync(
            await client.PutAsync($"/api/v1/templates/{id}/image", Image(Png, "image/png")),
            HttpStatusCode.OK
        );
        Assert.Equal(2, updated.GetProperty("version").GetInt32());
        Assert.Equal(
            $"/api/v1/templates/{id}/versions/2/image",
            updated.GetProperty("image").GetString()
        );
        Assert.Equal("Data analysis with Python", updated.GetProperty("name").GetString());

        var image = await client.GetAsync($"/api/v1/templates/{id}/image");
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal("image/png", image.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Png, await image.Content.ReadAsByteArrayAsync());
        Assert.NotNull(image.Headers.ETag);
        await HttpAssert.ProblemAsync(
            await client.GetAsync($"/api/v1/templates/{id}/versions/1/image"),
            HttpStatusCode.NotFound
        );

        // A later content edit keeps the image.
        var edited = await HttpAssert.JsonAsync(
            await client.PutAsJsonAsync($"/api/v1/templates/{id}", Template("Renamed")),
            HttpStatusCode.OK
        );
        Assert.Equal(
            $"/api/v1/templates/{id}/versions/3/image",
            edited.GetProperty("image").GetString()
        );
    }

    [Fact]
    public async Task UploadImage_TooLarge_Is413()
    {
        var (client, id) = await CreateAsync();
        var big = new byte[512 * 1024 + 1];
        Png.CopyTo(big, 0);
        var problem = await HttpAssert.ProblemAsync(
            await client.PutAsync($"/api/v1/templates/{id}/image", Image(big, "image/png")),
            HttpStatusCode.RequestEntityTooLarge
        );
        Assert.Equal("image", problem.GetProperty("field").GetString());
    }

    [Fact]
    public async Task UploadImage_WrongTypeOrNotPng_Is4xx()
    {
        var (client, id) = await CreateAsync();
        await HttpAssert.ProblemAsync(
            await client.PutAsync($"/api/v1/templates/{id}/image", Image(Png, "image/gif")),
            HttpStatusCode.UnsupportedMediaType
        );
        await HttpAssert.ValidationProblemAsync(
            await client.PutAsync(
                $"/api/v1/templates/{id}/image",
                Image("GIF89a"u8.ToArray(), "image/png")
            ),
            "image"
        );
        var current = await HttpAssert.JsonAsync(
            await client.GetAsync($"/api/v1/templates/{id}"),
            HttpStatusCode.OK
        );
        Assert.Equal(1, current.GetProperty("version").GetInt32());
    }

    public static TheoryData<string> UnsafeSvgs =>
        new()
        {
            """<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>""",
            """<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="1" height="1"/></svg>""",
            """<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject></svg>""",
            """<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><image xlink:href="https://tracker.example/p.png"/></svg>""",
            """<svg xmlns="http://www.w3.org/2000/svg"><a href="javascript:alert(1)"><text>x</text></a></svg>""",
            """<svg xmlns="http://www.w3.org/2000/svg"><style>@import url(https://evil.example/x.css);</style></svg>""",
            """<svg xmlns="http://www.w3.org/2000/svg"><rect style="fill:url(https://evil.example/p)"/></svg>""",
            """<svg xmlns="http://www.w3.org/2000/svg"><a><set attributeName="href" to="javascript:alert(1)"/></a></svg>""",
            """<!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]><svg xmlns="http://www.w3.org/2000/svg"><text>&b;</text></svg>""",
            """<html><body>not svg</body></html>""",
            """<svg xmlns="http://www.w3.org/2000/svg"><rect""",
        };

    [Theory]
    [MemberData(nameof(UnsafeSvgs))]
    public async Task UploadSvg_Unsafe_IsRefusedNamingTheImage(string svg)
    {
        var (client, id) = await CreateAsync();
        await HttpAssert.ValidationProblemAsync(
            await client.PutAsync(
                $"/api/v1/templates/{id}/image",
                Image(Encoding.UTF8.GetBytes(svg), "image/svg+xml")
            ),
            "image"
        );
        var current = await HttpAssert.JsonAsync(
            await client.GetAsync($"/api/v1/templates/{id}"),
            HttpStatusCode.OK
        );
        Assert.Equal(1, current.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task UploadSvg_Safe_IsStoredWithoutCommentsAndServedWithACsp()
    {
        var (client, id) = await CreateAsync();
        const string svg =
            """<?xml version="1.0"?><!-- made by hand --><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><defs><linearGradient id="g"/></defs><rect width="10" height="10" fill="url(#g)"/><use href="#g"/></svg>""";
        await HttpAssert.JsonAsync(
            await client.PutAsync(
                $"/api/v1/templates/{id}/image",
                Image(Encoding.UTF8.GetBytes(svg), "image/svg+xml; charset=utf-8")
            ),
            HttpStatusCode.OK
        );
        var image = await client.GetAsync($"/api/v1/templates/{id}/image");
        Assert.Equal("image/svg+xml", image.Content.Headers.ContentType?.MediaType);
        Assert.Contains(
            "default-src 'none'",
            image.Headers.GetValues("Content-Security-Policy").Single(),
            StringComparison.Ordinal
        );
        var stored = await image.Content.ReadAsStringAsync();
        Assert.StartsWith("<svg", stored, StringComparison.Ordinal);
        Assert.DoesNotContain("made by hand", stored, StringComparison.Ordinal);
        Assert.Contains("url(#g)", stored, StringComparison.Ordinal);
    }
}

public sealed class TemplateApiOnSqliteTests(SqliteServerFactory factory)
    : TemplateApiTests<SqliteServerFactory>(factory);

public sealed class TemplateApiOnPostgresTests(PostgresServerFactory factory)
    : TemplateApiTests<PostgresServerFactory>(factory);
