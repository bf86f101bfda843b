using System.Net.Http.Headers;
using Credstack.Server.Features.Bootstrap;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Credstack.Server.Tests.Infrastructure;

/// <summary>
/// The server on one database, fresh for each test class (one factory per class fixture). Subclasses
/// choose the provider; the same abstract test classes run on both.
/// </summary>
public abstract class ServerFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    private int _orgCounter;

    public TestTimeProvider Time { get; } = new();

    public abstract string Provider { get; }

    /// <summary>The server's <c>Credstack:DataDirectory</c> (where the pickup transport writes e-mail): a fresh temporary folder.</summary>
    public string DataDirectory { get; } =
        Directory.CreateTempSubdirectory("credstack-data-").FullName;

    protected abstract string ConnectionString { get; }

    Task IAsyncLifetime.InitializeAsync() => CreateDatabaseAsync();

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await DropDatabaseAsync();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A temporary directory left behind is harmless.
        }
    }

    /// <summary>Makes the empty database before the host starts (the host migrates it).</summary>
    protected virtual Task CreateDatabaseAsync() => Task.CompletedTask;

    /// <summary>Removes the database after the host stopped.</summary>
    protected virtual Task DropDatabaseAsync() => Task.CompletedTask;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", Provider);
        builder.UseSetting("ConnectionStrings:Default", ConnectionString);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Credstack:DataDirectory", DataDirectory);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Time));
    }

    /// <summary>An HTTP client sending <paramref name="apiKey"/> as its bearer token (none when null).</summary>
    public HttpClient Client(string? apiKey)
    {
        var client = CreateClient(
            new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }
        );
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
                "Bearer",
                apiKey
            );
        }
        return client;
    }

    /// <summary>A new organisation with its owner, made by the bootstrap command; returns the owner's API key.</summary>
    public async Task<string> NewOrganizationAsync(string? name = null)
    {
        name ??= $"Org {Interlocked.Increment(ref _orgCounter)} {Guid.NewGuid():N}";
        var email = $"owner-{Guid.NewGuid():N}@example.test";
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await BootstrapCommand.RunAsync(
            Services,
            ["--org", name, "--admin", email],
            output,
            error,
            default
        );
        Assert.True(exit == 0, error.ToString());
        return output.ToString().TrimEnd().Split('\n')[^1].Trim();
    }
}
