namespace Credstack.Cli;

/// <summary>The exit codes of <c>credstack</c> (house style: 0 ok, 1 verification failed, 2 bad usage or input).</summary>
public static class ExitCodes
{
    /// <summary>The command succeeded.</summary>
    public const int Success = 0;

    /// <summary>A verification ran and the credential did not pass (used by <c>verify</c>).</summary>
    public const int VerificationFailed = 1;

    /// <summary>Bad usage (unknown command or option, missing argument) or bad input (malformed JSON, N-Quads, JSON-LD errors, missing file).</summary>
    public const int BadInput = 2;

    /// <summary>A bug in credstack: an unexpected exception (sysexits.h EX_SOFTWARE). The message names it; no stack trace is printed.</summary>
    public const int InternalError = 70;
}
