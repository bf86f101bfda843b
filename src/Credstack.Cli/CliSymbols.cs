using System.CommandLine;
using Credstack.LinkedData.JsonLd;

namespace Credstack.Cli;

/// <summary>Arguments and options shared by several commands, so they read the same everywhere.</summary>
internal static class CliSymbols
{
    /// <summary>The FILE argument: a path, or <c>-</c> for standard input.</summary>
    public static Argument<string> InputFile(string what, string name = "FILE")
    {
        var argument = new Argument<string>(name)
        {
            Description = $"The {what} to read, or - for standard input.",
        };
        // System.CommandLine binds an unknown "--foo" to a free argument slot; say what it is instead
        // of failing later with "file not found: --foo". (A file whose name starts with '-' is ./-name.)
        argument.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
            {
                if (token.Value.Length > 1 && token.Value[0] == '-')
                {
                    result.AddError(UnknownOptionPrefix + $"'{token.Value}'");
                }
            }
        });
        return argument;
    }

    /// <summary>The start of the parse error for an unknown option; <see cref="CliApp"/> reports it first.</summary>
    public const string UnknownOptionPrefix = "unknown option ";

    /// <summary>The <c>--base IRI</c> option (JSON-LD 1.1 API §9.2 base).</summary>
    public static Option<string> BaseIri() =>
        new("--base")
        {
            Description =
                "The base IRI for relative IRIs in the document. Default: none (relative IRIs stay relative and are dropped from RDF).",
            HelpName = "IRI",
        };

    /// <summary>JSON-LD options from the command line; the bundled offline loader serves contexts.</summary>
    public static JsonLdOptions JsonLdOptionsFrom(string? baseIri)
    {
        if (baseIri is not null && !HasScheme(baseIri))
        {
            throw new CliInputException($"--base must be an absolute IRI: {baseIri}");
        }
        return new JsonLdOptions { Base = baseIri };
    }

    // RFC 3987: an absolute IRI starts with scheme ":" where scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ).
    // (Uri.TryCreate would accept "/tmp/x" as an absolute file URI on Unix.)
    private static bool HasScheme(string iri)
    {
        var colon = iri.IndexOf(':', StringComparison.Ordinal);
        if (colon < 1 || !char.IsAsciiLetter(iri[0]))
        {
            return false;
        }
        for (var i = 1; i < colon; i++)
        {
            var c = iri[i];
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('+' or '-' or '.'))
            {
                return false;
            }
        }
        return true;
    }
}
