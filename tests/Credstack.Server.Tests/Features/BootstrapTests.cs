using System.Net;
using Credstack.Server.Features.Bootstrap;
using Credstack.Server.Tests.Infrastructure;

namespace Credstack.Server.Tests.Features;

/// <summary>The bootstrap command, run in-process against the test host's services and database.</summary>
public abstract class BootstrapTests<TFactory>(TFactory factory) : IClassFixture<TFactory>
    where TFactory : ServerFactory
{
    private async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await BootstrapCommand.RunAsync(factory.Services, args, output, error, default);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Bootstrap_CreatesOrganizationAndOwner_AndPrintsAWorkingKeyLast()
    {
        var (exit, output, _) = await RunAsync(
            "--org",
            "Bootstrap Org",
            "--admin",
            "root@example.test"
        );
        Assert.Equal(0, exit);
        Assert.Contains("organization created", output, StringComparison.Ordinal);
        var key = output.TrimEnd().Split('\n')[^1].Trim();
        Assert.StartsWith("csk_", key, StringComparison.Ordinal);

        var org = await HttpAssert.JsonAsync(
            await factory.Client(key).GetAsync("/api/v1/organization"),
            HttpStatusCode.OK
        );
        Assert.Equal("Bootstrap Org", org.GetProperty("name").GetString());
        var members = await HttpAssert.JsonAsync(
            await factory.Client(key).GetAsync("/api/v1/members"),
            HttpStatusCode.OK
        );
        var owner = Assert.Single(members.EnumerateArray());
        Assert.Equal("owner", owner.GetProperty("role").GetString());

        // Again: the same organisation and owner, a new key; the first key still works.
        (exit, output, _) = await RunAsync("--org=Bootstrap Org", "--admin=root@example.test");
        Assert.Equal(0, exit);
        Assert.Contains("organization exists", output, StringComparison.Ordinal);
        var second = output.TrimEnd().Split('\n')[^1].Trim();
        Assert.NotEqual(key, second);
        var again = await HttpAssert.JsonAsync(
            await factory.Client(second).GetAsync("/api/v1/organization"),
            HttpStatusCode.OK
        );
        Assert.Equal(org.GetProperty("id").GetString(), again.GetProperty("id").GetString());
        members = await HttpAssert.JsonAsync(
            await factory.Client(key).GetAsync("/api/v1/members"),
            HttpStatusCode.OK
        );
        Assert.Single(members.EnumerateArray());
    }

    [Theory]
    [InlineData("--admin", "a@example.test")]
    [InlineData("--org", "X")]
    [InlineData("--org", "X", "--admin", "not-an-email")]
    public async Task Bootstrap_BadUsage_Exits2(params string[] args)
    {
        var (exit, output, error) = await RunAsync(args);
        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.Contains("usage:", error, StringComparison.Ordinal);
    }
}

public sealed class BootstrapOnSqliteTests(SqliteServerFactory factory)
    : BootstrapTests<SqliteServerFactory>(factory);

public sealed class BootstrapOnPostgresTests(PostgresServerFactory factory)
    : BootstrapTests<PostgresServerFactory>(factory);
