using System.CommandLine;
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
    internal static RootCommand BuildRootCommand(CliContext context)
    {
        var root = new RootCommand(
            "Credstack: JSON-LD, RDF canonicalization and Open Badges 3.0 credentials."
        )
        {
            JsonLdCommands.Create(context),
            RdfCommands.Create(context),
        };
        foreach (var option in root.Options)
        {
            if (option is VersionOption version)
            {
                version.Action = new PrintVersionAction();
            }
        }
        return root;
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
        foreach (var error in parseResult.Errors)
        {
            // An unknown option explains the errors that follow from it (e.g. a stray value).
            if (error.Message.StartsWith(CliSymbols.UnknownOptionPrefix, StringComparison.Ordinal))
            {
                message = error.Message;
                break;
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

    // "credstack jsonld expand": the command names from the root down. The root's own name is the
    // executable's (e.g. "testhost" in tests), so it is replaced by CommandName.
    private static string CommandPath(CommandResult commandResult)
    {
        var names = new List<string>();
        for (
            SymbolResult? result = commandResult;
            result is CommandResult current;
            result = current.Parent
        )
        {
            names.Add(current.Command is RootCommand ? CommandName : current.Command.Name);
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
