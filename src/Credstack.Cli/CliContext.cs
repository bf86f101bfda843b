namespace Credstack.Cli;

/// <summary>
/// The streams a command runs with. Commands never touch <see cref="Console"/>: everything goes through
/// these writers so that tests can run the whole command line in-process.
/// </summary>
internal sealed class CliContext(TextReader stdin, TextWriter stdout, TextWriter stderr)
{
    /// <summary>Standard input, read when the FILE argument is <c>-</c>.</summary>
    public TextReader Stdin { get; } = stdin;

    /// <summary>Standard output: the command's result only.</summary>
    public TextWriter Stdout { get; } = stdout;

    /// <summary>Standard error: one-line diagnostics.</summary>
    public TextWriter Stderr { get; } = stderr;
}
