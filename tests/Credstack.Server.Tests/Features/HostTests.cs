using System.Net;
using Credstack.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Credstack.Server.Tests.Features;

/// <summary>What does not depend on the database provider: health, OpenAPI, the reference page, errors.</summary>
public sealed class HostTests(SqliteServerFactory factory) : IClassFixture<SqliteServerFactory>
{
    [Fact]
    public async Task Healthz_IsHealthy()
    {
        var response = await factory.Client(null).GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public void ConfigurationFiles_AreNotWatched_SoDataWritesRaiseNoFileEvents()
    {
        _ = factory.Client(null);
        var root = (IConfigurationRoot)factory.Services.GetRequiredService<IConfiguration>();
        var files = root.Providers.OfType<FileConfigurationProvider>().ToList();
        Assert.NotEmpty(files);
        Assert.All(files, p => Assert.False(p.Source.ReloadOnChange, p.Source.Path));
    }

    [Fact]
    public async Task OpenApi_DescribesTheApiAndTheBearerScheme()
    {
        var doc = await HttpAssert.JsonAsync(
            await factory.Client(null).GetAsync("/openapi/v1.json"),
            HttpStatusCode.OK
        );
        var paths = doc.GetProperty("paths");
        foreach (
            var path in new[]
            {
                "/api/v1/templates",
                "/api/v1/templates/{id}",
                "/api/v1/organization",
                "/api/v1/api-keys",
                "/api/v1/invitations/accept",
            }
        )
        {
            Assert.True(paths.TryGetProperty(path, out _), $"missing {path}");
        }
        // The VC-API bodies are bound by hand (JsonObjectBody) or by the framework: both documented.
        foreach (var path in new[] { "/credentials/issue", "/credentials/verify" })
        {
            var body = paths.GetProperty(path).GetProperty("post").GetProperty("requestBody");
            Assert.True(body.GetProperty("required").GetBoolean(), path);
            Assert.True(
                body.GetProperty("content").TryGetProperty("application/json", out _),
                path
            );
        }
        Assert.Equal(
            "bearer",
            doc.GetProperty("components")
                .GetProperty("securitySchemes")
                .GetProperty("ApiKey")
                .GetProperty("scheme")
                .GetString()
        );
    }

    [Fact]
    public async Task ApiReference_IsServed()
    {
        var client = factory.CreateClient();
        var response = await client.GetAsync("/api/reference");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(
            "openapi/v1.json",
            await response.Content.ReadAsStringAsync(),
            StringComparison.Ordinal
        );
    }

    [Fact]
    public async Task UnknownPath_Is404ProblemDetails()
    {
        var owner = await factory.NewOrganizationAsync();
        await HttpAssert.ProblemAsync(
            await factory.Client(owner).GetAsync("/api/v1/nothing-here"),
            HttpStatusCode.NotFound
        );
    }

    [Fact]
    public async Task UnhandledException_Is500WithTraceIdAndNoStack()
    {
        using var throwing = factory.WithWebHostBuilder(b =>
            b.ConfigureTestServices(s => s.AddSingleton<IStartupFilter, ThrowAfterPipeline>())
        );
        var response = await throwing.CreateClient().GetAsync("/boom");
        var problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.InternalServerError);
        Assert.True(problem.TryGetProperty("traceId", out _));
        var body = problem.GetRawText();
        Assert.DoesNotContain("secret detail", body, StringComparison.Ordinal);
        Assert.DoesNotContain("ThrowAfterPipeline", body, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", body, StringComparison.Ordinal);
    }

    /// <summary>Appends a terminal middleware that throws, behind the server's own exception handler.</summary>
    private sealed class ThrowAfterPipeline : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) =>
            app =>
            {
                next(app);
                app.Run(_ => throw new InvalidOperationException("secret detail"));
            };
    }
}
