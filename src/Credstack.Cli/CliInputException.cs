namespace Credstack.Cli;

/// <summary>
/// Bad usage or bad input found by the command line itself (missing file, malformed JSON, invalid option
/// value). <see cref="CliErrors.Guard"/> prints its message after <c>credstack: </c> and exits with
/// <see cref="ExitCodes.BadInput"/>.
/// </summary>
internal sealed class CliInputException : Exception
{
    public CliInputException() { }

    public CliInputException(string message)
        : base(message) { }

    public CliInputException(string message, Exception innerException)
        : base(message, innerException) { }
}
