using System.Diagnostics.CodeAnalysis;
using Credstack.Server.Data;
using Credstack.Server.Features.ApiKeys;
using Credstack.Server.Features.Bootstrap;
using Credstack.Server.Features.Bulk;
using Credstack.Server.Features.Health;
using Credstack.Server.Features.Invitations;
using Credstack.Server.Features.IssuerIdentity;
using Credstack.Server.Features.Issuing;
using Credstack.Server.Features.Lifecycle;
using Credstack.Server.Features.Members;
using Credstack.Server.Features.Notifications;
using Credstack.Server.Features.Organizations;
using Credstack.Server.Features.Templates;
using Credstack.Server.Infrastructure;

// `bootstrap ...` runs one command against the same configuration instead of serving.
var bootstrap = args.Length > 0 && args[0] == BootstrapCommand.Name;
var hostArgs = bootstrap ? args[1..] : args;

// Configuration files are not watched for changes unless asked (hostBuilder:reloadConfigOnChange=true):
// the watcher covers the content root recursively, which holds ./data, so every SQLite page, WAL
// write and pickup e-mail raised an inotify event for it (about 3% of the CPU of a bulk job).
if (
    Environment.GetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange") is null
    && !hostArgs.Any(a => a.Contains("reloadConfigOnChange", StringComparison.OrdinalIgnoreCase))
)
{
    hostArgs = ["--hostBuilder:reloadConfigOnChange=false", .. hostArgs];
}

var builder = WebApplication.CreateBuilder(hostArgs);
builder.Configuration.AddServerDefaults();
builder.Services.AddInfrastructure(builder.Configuration);
builder.Services.AddOrganizations();
builder.Services.AddMembers();
builder.Services.AddInvitations();
builder.Services.AddApiKeys();
builder.Services.AddTemplates();
builder.Services.AddIssuerIdentity();
builder.Services.AddIssuing();
builder.Services.AddBulk();
builder.Services.AddLifecycle();
builder.Services.AddNotifications(builder.Configuration);
builder.Services.AddHealth();

var app = builder.Build();
await app.Services.MigrateDatabaseAsync(app.Lifetime.ApplicationStopping);

if (bootstrap)
{
    return await BootstrapCommand.RunAsync(
        app.Services,
        hostArgs,
        Console.Out,
        Console.Error,
        CancellationToken.None
    );
}

app.UseInfrastructure();
app.MapInfrastructure();
app.MapHealth();
app.MapOrganizations();
app.MapMembers();
app.MapInvitations();
app.MapApiKeys();
app.MapTemplates();
app.MapIssuerIdentity();
app.MapIssuing();
app.MapBulk();
app.MapLifecycle();
app.MapNotifications();

await app.RunAsync();
return 0;

/// <summary>The server's entry point (public so that tests can host it with WebApplicationFactory).</summary>
[SuppressMessage(
    "Design",
    "CA1515",
    Justification = "WebApplicationFactory<Program> in the tests needs it public."
)]
public partial class Program;
