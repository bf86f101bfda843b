using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using System.Reflection;
using Credstack.Cli.Commands;

namespace Credstack.Cli;

/// <summary>Builds and runs the command tree; in-process for tests.</summary>
public static class CliApp
{
    /// <summary>The command's name, as shown in usage and diagnostics.</summary>
    public const string CommandName = "credstack";

    /// <summary>
    /// Runs the command line with the given streams and returns the exit code (see <see cref="ExitCodes"/>).
    /// All output goes through <paramref name="stdout"/> and <paramref name="stderr"/>; errors are one line
    /// on <paramref name="stderr"/>, never a stack trace.
    /// </summary>
    public static int Run(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdin);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);

        var context = new CliContext(stdin, stdout, stderr);
        var parseResult = BuildRootCommand(context).Parse(args);
        if (parseResult.Action is ParseErrorAction)
        {
            return ReportParseError(context, parseResult);
        }
        return parseResult.Invoke(
            new InvocationConfiguration
            {
                Output = stdout,
                Error = stderr,
                EnableDefaultExceptionHandler = false,
            }
        );
    }

    /// <summary>
    /// The command tree. Each command group lives in its own file under <c>Commands/</c> and exposes
    /// <c>Create(CliContext)</c>; a new group is one more line here.
    /// </summary>
    internal static Command BuildRootCommand(CliContext context)
    {
        // A plain Command rather than RootCommand: RootCommand takes its name from the process (the test
        // host when run in-process), and its --version reads the entry assembly.
        return new Command(
            CommandName,
            "Credstack: keys, signing, verifying, baking and status lists for Open Badges 3.0 credentials; JSON-LD and RDF canonicalization."
        )
        {
            new HelpOption { Recursive = true },
            new VersionOption { Action = new PrintVersionAction() },
            JsonLdCommands.Create(context),
            RdfCommands.Create(context),
            KeygenCommands.Create(context),
            SignCommands.Create(context),
            DeriveCommands.Create(context),
            VerifyCommands.Create(context),
            BakingCommands.CreateBake(context),
            BakingCommands.CreateUnbake(context),
            StatusListCommands.Create(context),
        };
    }

    /// <summary>The version of this tool (informational version without the commit suffix).</summary>
    internal static string Version
    {
        get
        {
            var assembly = typeof(CliApp).Assembly;
            var informational = assembly
                .GetCustomAttribute<AssemblyInformationalVersionAttribute>()
                ?.InformationalVersion;
            if (string.IsNullOrEmpty(informational))
            {
                return assembly.GetName().Version?.ToString() ?? "unknown";
            }
            var plus = informational.IndexOf('+', StringComparison.Ordinal);
            return plus >= 0 ? informational[..plus] : informational;
        }
    }

    private static int ReportParseError(CliContext context, ParseResult parseResult)
    {
        var message =
            parseResult.Errors.Count > 0 ? parseResult.Errors[0].Message : "invalid usage";
        var rank = int.MaxValue;
        foreach (var error in parseResult.Errors)
        {
            // The most telling error first: an unknown option or a stray word explains the errors that
            // follow from it (a value in the wrong slot, "required command was not provided").
            var errorRank =
                error.Message.StartsWith(CliSymbols.UnknownOptionPrefix, StringComparison.Ordinal)
                    ? 0
                : error.Message.StartsWith("Unrecognized", StringComparison.Ordinal) ? 1
                : 2;
            if (errorRank < rank)
            {
                rank = errorRank;
                message = error.Message;
            }
        }
        message = message.TrimEnd('.');
        if (message.Length > 0)
        {
            message = char.ToLowerInvariant(message[0]) + message[1..];
        }
        return CliErrors.Fail(
            context,
            $"{message} (see '{CommandPath(parseResult.CommandResult)} --help')"
        );
    }

    // "credstack jsonld expand": the command names from the root down.
    private static string CommandPath(CommandResult commandResult)
    {
        var names = new List<string>();
        for (
            SymbolResult? result = commandResult;
            result is CommandResult current;
            result = current.Parent
        )
        {
            names.Add(current.Command.Name);
        }
        names.Reverse();
        return string.Join(' ', names);
    }

    /// <summary>
    /// <c>--version</c>: the default action reads the entry assembly, which is the test host when the
    /// command line runs in-process.
    /// </summary>
    private sealed class PrintVersionAction : SynchronousCommandLineAction
    {
        public override bool ClearsParseErrors => true;

        public override int Invoke(ParseResult parseResult)
        {
            parseResult.InvocationConfiguration.Output.WriteLine(CommandName + " " + Version);
            return ExitCodes.Success;
        }
    }
}
