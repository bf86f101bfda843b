using System.CommandLine;
using Credstack.LinkedData.Canonicalization;
using Credstack.LinkedData.JsonLd;
using Credstack.LinkedData.Rdf;

namespace Credstack.Cli.Commands;

/// <summary><c>credstack rdf canonize</c>: RDF Dataset Canonicalization (RDFC-1.0).</summary>
internal static class RdfCommands
{
    private const string JsonLdInput = "jsonld";
    private const string NQuadsInput = "nquads";
    private const string Sha256 = "sha256";
    private const string Sha384 = "sha384";

    /// <summary>Creates the <c>rdf</c> command group.</summary>
    public static Command Create(CliContext context) =>
        new("rdf", "RDF datasets: canonicalization.") { CreateCanonize(context) };

    private static Command CreateCanonize(CliContext context)
    {
        var file = CliSymbols.InputFile("JSON-LD document or N-Quads dataset");
        var input = new Option<string>("--input", "-i")
        {
            Description = "The input format: jsonld (JSON-LD, converted with toRdf) or nquads.",
            HelpName = "jsonld|nquads",
            DefaultValueFactory = _ => JsonLdInput,
        };
        input.AcceptOnlyFromAmong(JsonLdInput, NQuadsInput);
        var hash = new Option<string>("--hash")
        {
            Description = "The hash algorithm of RDFC-1.0 (§4.2).",
            HelpName = "sha256|sha384",
            DefaultValueFactory = _ => Sha256,
        };
        hash.AcceptOnlyFromAmong(Sha256, Sha384);
        var baseIri = CliSymbols.BaseIri();
        var command = new Command(
            "canonize",
            "Canonicalize a dataset with RDFC-1.0 and write the canonical N-Quads (sorted, c14n blank node labels)."
        )
        {
            file,
            input,
            hash,
            baseIri,
        };
        command.SetAction(parseResult =>
            CliErrors.Guard(
                context,
                () =>
                {
                    var format = parseResult.GetRequiredValue(input);
                    var baseValue = parseResult.GetValue(baseIri);
                    if (format == NQuadsInput && baseValue is not null)
                    {
                        throw new CliInputException("--base applies only to --input jsonld");
                    }
                    var rdfcOptions = new RdfcOptions
                    {
                        HashAlgorithm =
                            parseResult.GetRequiredValue(hash) == Sha384
                                ? RdfcHashAlgorithm.Sha384
                                : RdfcHashAlgorithm.Sha256,
                    };
                    var text = CliInput.ReadText(context, parseResult.GetRequiredValue(file));
                    var quads =
                        format == NQuadsInput
                            ? NQuads.Parse(text)
                            : JsonLdProcessor.ToRdf(
                                CliInput.ParseJson(text),
                                CliSymbols.JsonLdOptionsFrom(baseValue)
                            );
                    context.Stdout.Write(RdfCanonicalizer.Canonicalize(quads, rdfcOptions).NQuads);
                    return ExitCodes.Success;
                }
            )
        );
        return command;
    }
}
