namespace Credstack.Cli.Tests;

public sealed class CliAppTests
{
    [Theory]
    [InlineData("")]
    [InlineData("jsonld")]
    [InlineData("jsonld expand")]
    [InlineData("jsonld to-rdf")]
    [InlineData("rdf")]
    [InlineData("rdf canonize")]
    [InlineData("keygen")]
    [InlineData("sign")]
    [InlineData("derive")]
    [InlineData("verify")]
    [InlineData("bake")]
    [InlineData("unbake")]
    [InlineData("status-list")]
    [InlineData("status-list create")]
    [InlineData("status-list set")]
    [InlineData("status-list get")]
    public void Help_EveryCommand_PrintsUsageAndExitsZero(string command)
    {
        string[] path = command.Length == 0 ? [] : command.Split(' ');

        var stdout = CliRunner.AssertSuccess(CliRunner.Run([.. path, "--help"]));

        Assert.Contains("Usage:", stdout, StringComparison.Ordinal);
        Assert.Contains(("credstack " + command).TrimEnd(), stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_Canonize_ListsItsOptions()
    {
        var stdout = CliRunner.AssertSuccess(CliRunner.Run("rdf", "canonize", "--help"));

        Assert.Contains("--input", stdout, StringComparison.Ordinal);
        Assert.Contains("--hash", stdout, StringComparison.Ordinal);
        Assert.Contains("sha384", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_Root_ListsTheCommandGroups()
    {
        var stdout = CliRunner.AssertSuccess(CliRunner.Run("--help"));

        Assert.Contains("jsonld", stdout, StringComparison.Ordinal);
        Assert.Contains("rdf", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Version_PrintsTheToolVersion()
    {
        var stdout = CliRunner.AssertSuccess(CliRunner.Run("--version"));

        Assert.Matches("^credstack [0-9]+\\.[0-9]+", stdout);
    }

    [Theory]
    [InlineData("jsonld expand --frobnicate -")]
    [InlineData("jsonld expand --frobnicate")]
    [InlineData("jsonld to-rdf - --frobnicate")]
    [InlineData("rdf canonize --frobnicate -")]
    public void UnknownOption_ExitsTwoNamingIt(string commandLine)
    {
        var line = CliRunner.AssertBadInput(CliRunner.Run(commandLine.Split(' ')));

        Assert.Contains("'--frobnicate'", line, StringComparison.Ordinal);
        Assert.Contains("--help", line, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownCommand_ExitsTwo()
    {
        var line = CliRunner.AssertBadInput(CliRunner.Run("frobnicate"));

        Assert.Contains("'frobnicate'", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("jsonld")]
    [InlineData("rdf")]
    public void MissingCommand_ExitsTwo(string command)
    {
        string[] args = command.Length == 0 ? [] : [command];

        var line = CliRunner.AssertBadInput(CliRunner.Run(args));

        Assert.Contains("required command", line, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingFileArgument_ExitsTwo()
    {
        var line = CliRunner.AssertBadInput(CliRunner.Run("jsonld", "expand"));

        Assert.Contains("FILE", line, StringComparison.Ordinal);
    }
}
