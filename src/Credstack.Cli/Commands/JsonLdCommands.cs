using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using Credstack.LinkedData.JsonLd;
using Credstack.LinkedData.Rdf;

namespace Credstack.Cli.Commands;

/// <summary><c>credstack jsonld expand|to-rdf</c>: the JSON-LD 1.1 API over the bundled contexts, offline.</summary>
internal static class JsonLdCommands
{
    // The output goes to a terminal or a file, not into HTML: keep non-ASCII characters readable.
    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly JsonSerializerOptions Compact = new()
    {
        WriteIndented = false,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Creates the <c>jsonld</c> command group.</summary>
    public static Command Create(CliContext context) =>
        new(
            "jsonld",
            "JSON-LD 1.1 processing (contexts come from the bundled set; nothing is fetched)."
        )
        {
            CreateExpand(context),
            CreateToRdf(context),
        };

    private static Command CreateExpand(CliContext context)
    {
        var file = CliSymbols.InputFile("JSON-LD document");
        var baseIri = CliSymbols.BaseIri();
        var compact = new Option<bool>("--compact-output", "-c")
        {
            Description = "Write the expanded JSON on one line instead of indented.",
        };
        var command = new Command(
            "expand",
            "Expand a JSON-LD document (JSON-LD 1.1 API §4.1) and write the expanded JSON."
        )
        {
            file,
            baseIri,
            compact,
        };
        command.SetAction(parseResult =>
            CliErrors.Guard(
                context,
                () =>
                {
                    var options = CliSymbols.JsonLdOptionsFrom(parseResult.GetValue(baseIri));
                    var input = CliInput.ParseJson(
                        CliInput.ReadText(context, parseResult.GetRequiredValue(file))
                    );
                    var expanded = JsonLdProcessor.Expand(input, options);
                    context.Stdout.Write(
                        expanded.ToJsonString(parseResult.GetValue(compact) ? Compact : Indented)
                    );
                    context.Stdout.Write('\n');
                    return ExitCodes.Success;
                }
            )
        );
        return command;
    }

    private static Command CreateToRdf(CliContext context)
    {
        var file = CliSymbols.InputFile("JSON-LD document");
        var baseIri = CliSymbols.BaseIri();
        var command = new Command(
            "to-rdf",
            "Convert a JSON-LD document to RDF (JSON-LD 1.1 API §8.1) and write N-Quads, in document order (not canonical; see 'rdf canonize')."
        )
        {
            file,
            baseIri,
        };
        command.SetAction(parseResult =>
            CliErrors.Guard(
                context,
                () =>
                {
                    var options = CliSymbols.JsonLdOptionsFrom(parseResult.GetValue(baseIri));
                    var input = CliInput.ParseJson(
                        CliInput.ReadText(context, parseResult.GetRequiredValue(file))
                    );
                    context.Stdout.Write(NQuads.Serialize(JsonLdProcessor.ToRdf(input, options)));
                    return ExitCodes.Success;
                }
            )
        );
        return command;
    }
}
