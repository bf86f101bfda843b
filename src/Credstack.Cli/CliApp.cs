namespace Credstack.Cli;

/// <summary>Builds and runs the command tree; in-process for tests.</summary>
public static class CliApp
{
    /// <summary>Runs the command line with the given streams and returns the exit code.</summary>
    public static int Run(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        _ = stdin;
        stdout.WriteLine("credstack");
        _ = stderr;
        return 0;
    }
}
