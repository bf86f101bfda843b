using System.Text;
using Credstack.LinkedData.Canonicalization;
using Credstack.LinkedData.JsonLd;
using Credstack.LinkedData.Rdf;

namespace Credstack.Cli;

/// <summary>
/// Turns failures into one line on standard error and an exit code. Every command body runs inside
/// <see cref="Guard"/>, so no exception (and no stack trace) ever escapes the command line.
/// </summary>
internal static class CliErrors
{
    /// <summary>The prefix of every diagnostic line.</summary>
    public const string Prefix = "credstack: ";

    /// <summary>Runs a command body and maps expected failures to <see cref="ExitCodes.BadInput"/>.</summary>
    public static int Guard(CliContext context, Func<int> body)
    {
        try
        {
            return body();
        }
        catch (CliInputException ex)
        {
            return Fail(context, ex.Message);
        }
        catch (JsonLdException ex)
        {
            // The JSON-LD 1.1 API error code comes first so that scripts can match on it.
            return Fail(context, $"{ex.Code}: {ex.Detail}");
        }
        catch (NQuadsParseException ex)
        {
            // The message already starts with "line L, column C: ".
            return Fail(context, ex.Message);
        }
        catch (RdfCanonicalizationException ex)
        {
            return Fail(context, "canonicalization refused: " + ex.Message);
        }
        catch (Exception ex)
        {
            // CA1031 is deliberate here: this is the outermost boundary, and a bug must still end in one
            // line and a distinct exit code rather than a stack trace.
            context.Stderr.WriteLine(
                Prefix + "internal error: " + ex.GetType().Name + ": " + OneLine(ex.Message)
            );
            return ExitCodes.InternalError;
        }
    }

    /// <summary>Writes <c>credstack: message</c> to standard error and returns <see cref="ExitCodes.BadInput"/>.</summary>
    public static int Fail(CliContext context, string message)
    {
        context.Stderr.WriteLine(Prefix + OneLine(message));
        return ExitCodes.BadInput;
    }

    /// <summary>Folds a message onto one line, so that each diagnostic is exactly one line.</summary>
    public static string OneLine(string message)
    {
        var sb = new StringBuilder(message.Length);
        foreach (var c in message)
        {
            // Line breaks and tabs become single spaces; runs of spaces collapse.
            var ch = char.IsWhiteSpace(c) ? ' ' : c;
            if (ch == ' ' && (sb.Length == 0 || sb[^1] == ' '))
            {
                continue;
            }
            sb.Append(ch);
        }
        return sb.ToString().TrimEnd();
    }
}
