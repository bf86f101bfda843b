using Microsoft.AspNetCore.Hosting;

namespace Credstack.Server.Tests.Infrastructure;

/// <summary>The settings of the e-mail test servers.</summary>
public static class EmailTestSettings
{
    /// <summary>The rate the SMTP test servers send at: low enough that a dozen messages show it.</summary>
    public const int RatePerSecond = 4;

    public const int MaxAttempts = 3;

    /// <summary>Sends through SMTP to the test server (through <paramref name="proxy"/>).</summary>
    public static void Smtp(IWebHostBuilder builder, ConnectionDroppingProxy proxy)
    {
        builder.UseSetting("Credstack:Email:Transport", "smtp");
        builder.UseSetting("Credstack:Email:Smtp:Host", "127.0.0.1");
        builder.UseSetting(
            "Credstack:Email:Smtp:Port",
            proxy.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)
        );
        builder.UseSetting("Credstack:Email:Smtp:Security", "none");
        Common(builder);
        builder.UseSetting(
            "Credstack:Email:RatePerSecond",
            RatePerSecond.ToString(System.Globalization.CultureInfo.InvariantCulture)
        );
    }

    public static void Pickup(IWebHostBuilder builder)
    {
        builder.UseSetting("Credstack:Email:Transport", "pickup");
        Common(builder);
    }

    private static void Common(IWebHostBuilder builder)
    {
        builder.UseSetting("Credstack:Email:From", "badges@credstack.test");
        builder.UseSetting("Credstack:Email:FromName", "Credstack tests");
        builder.UseSetting(
            "Credstack:Email:MaxAttempts",
            MaxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture)
        );
        builder.UseSetting("Credstack:Email:PollSeconds", "0.1");
    }
}

/// <summary>A server on SQLite that e-mails through SMTP to the test SMTP server, through a relay that can drop connections.</summary>
public sealed class SqliteSmtpServerFactory : SqliteServerFactory
{
    public ConnectionDroppingProxy Proxy { get; } =
        new(SmtpTestServer.Smtp.Host, SmtpTestServer.Smtp.Port);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        EmailTestSettings.Smtp(builder, Proxy);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Proxy.DisposeAsync();
    }
}

/// <summary>The same on PostgreSQL.</summary>
public sealed class PostgresSmtpServerFactory : PostgresServerFactory
{
    public ConnectionDroppingProxy Proxy { get; } =
        new(SmtpTestServer.Smtp.Host, SmtpTestServer.Smtp.Port);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        EmailTestSettings.Smtp(builder, Proxy);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Proxy.DisposeAsync();
    }
}

/// <summary>A server on SQLite with the default pickup-folder transport.</summary>
public sealed class SqlitePickupServerFactory : SqliteServerFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        EmailTestSettings.Pickup(builder);
    }
}

/// <summary>The same on PostgreSQL.</summary>
public sealed class PostgresPickupServerFactory : PostgresServerFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        EmailTestSettings.Pickup(builder);
    }
}
