namespace Credstack.Cli.Tests;

/// <summary>The outcome of one in-process run of the command line.</summary>
internal sealed record CliResult(int ExitCode, string Stdout, string Stderr);

/// <summary>Runs <see cref="CliApp.Run"/> in-process with string streams.</summary>
internal static class CliRunner
{
    public static CliResult Run(params string[] args) => RunWithStdin("", args);

    public static CliResult RunWithStdin(string stdin, params string[] args)
    {
        using var input = new StringReader(stdin);
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = CliApp.Run(args, input, output, error);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }

    /// <summary>
    /// Asserts the run failed with exit code 2, printed nothing on stdout and exactly one diagnostic line
    /// (no stack trace) on stderr; returns that line.
    /// </summary>
    public static string AssertBadInput(CliResult result)
    {
        Assert.True(
            result.ExitCode == ExitCodes.BadInput,
            $"expected exit code 2, got {result.ExitCode}; stderr: {result.Stderr}"
        );
        Assert.Equal("", result.Stdout);
        var lines = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var line = Assert.Single(lines);
        Assert.StartsWith("credstack: ", line, StringComparison.Ordinal);
        Assert.DoesNotContain(" at Credstack.", line, StringComparison.Ordinal);
        return line;
    }

    /// <summary>Asserts success with nothing on stderr; returns stdout.</summary>
    public static string AssertSuccess(CliResult result)
    {
        Assert.True(
            result.ExitCode == ExitCodes.Success,
            $"expected exit code 0, got {result.ExitCode}; stderr: {result.Stderr}"
        );
        Assert.Equal("", result.Stderr);
        return result.Stdout;
    }
}
