using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace Credstack.Server.Infrastructure;

/// <summary>
/// The server's own <c>appsettings.json</c> (port 5080, SQLite under <c>./data</c>) as the lowest-priority
/// configuration source. The content root is the current directory (so <c>./data</c> is where the
/// command runs), which usually holds no appsettings.json; everything else (an appsettings.json there,
/// environment variables, command-line options) still overrides these defaults.
/// </summary>
internal static class ServerDefaultsConfiguration
{
    public static IConfigurationBuilder AddServerDefaults(this IConfigurationManager configuration)
    {
        var source = new JsonConfigurationSource
        {
            Path = "appsettings.json",
            Optional = true,
            FileProvider = new PhysicalFileProvider(AppContext.BaseDirectory),
        };
        configuration.Sources.Insert(0, source);
        return configuration;
    }
}
