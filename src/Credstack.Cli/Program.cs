namespace Credstack.Cli;

/// <summary>The <c>credstack</c> command.</summary>
public static class Program
{
    /// <summary>Runs the command line and returns the exit code.</summary>
    public static int Main(string[] args) =>
        CliApp.Run(args, Console.In, Console.Out, Console.Error);
}
