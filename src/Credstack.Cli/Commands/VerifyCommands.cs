using System.CommandLine;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Credstack.Credentials.Dids;
using Credstack.Credentials.Verification;

namespace Credstack.Cli.Commands;

/// <summary><c>credstack verify</c>: verify a credential or presentation (JSON, JWT, SD-JWT, COSE, baked PNG/SVG) and print the report.</summary>
internal static class VerifyCommands
{
    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Creates the <c>verify</c> command.</summary>
    public static Command Create(CliContext context)
    {
        var input = new Argument<string>("FILE|URL")
        {
            Description =
                "The credential or presentation: a file (JSON, a JWT, an SD-JWT, a COSE_Sign1 as bytes or base64, or a baked PNG/SVG, detected by content), an https URL, or - for standard input (text).",
        };
        var json = new Option<bool>("--json")
        {
            Description = "Print the report as JSON instead of text.",
        };
        var didDocs = new Option<string[]>("--did-doc")
        {
            Description =
                "Use FILE as the DID document (or controller document) of DID instead of fetching it. Repeatable.",
            HelpName = "DID=FILE",
            AllowMultipleArgumentsPerToken = false,
        };
        var statusLists = new Option<string[]>("--status-list")
        {
            Description = "Use FILE as the status list credential published at URL. Repeatable.",
            HelpName = "URL=FILE",
        };
        var offline = new Option<bool>("--offline")
        {
            Description =
                "Use no network: did:web and https keys and status lists come only from --did-doc and --status-list (else the check is indeterminate).",
        };
        var command = new Command(
            "verify",
            "Verify a credential: prints the verdict, then one line per check. Exit 0 valid, 1 invalid or indeterminate."
        )
        {
            input,
            json,
            didDocs,
            statusLists,
            offline,
        };
        command.SetAction(parseResult =>
            CliErrors.Guard(
                context,
                () =>
                    Run(
                        context,
                        parseResult.GetRequiredValue(input),
                        parseResult.GetValue(json),
                        parseResult.GetValue(didDocs) ?? [],
                        parseResult.GetValue(statusLists) ?? [],
                        parseResult.GetValue(offline)
                    )
            )
        );
        return command;
    }

    private static int Run(
        CliContext context,
        string input,
        bool json,
        string[] didDocs,
        string[] statusLists,
        bool offline
    )
    {
        var localDids = ReadPairs(context, didDocs, "--did-doc", "DID=FILE", stripFragment: true);
        var localDocuments = ReadPairs(context, statusLists, "--status-list", "URL=FILE", false);
        var bytes = ReadInput(context, input, offline);

        var offlineResolver = new OfflineDidResolver(localDids);
        using var networkResolver = offline ? null : new DidResolver(new HttpResolverOptions());
        IDidResolver resolver = offline
            ? new DidResolver(offlineResolver)
            : new LocalFirstResolver(localDids, offlineResolver, networkResolver!);
        var offlineFetcher = new OfflineDocumentFetcher(localDocuments);
        using var networkFetcher = offline ? null : new HttpDocumentFetcher();
        IDocumentFetcher fetcher = offline
            ? offlineFetcher
            : new LocalFirstFetcher(localDocuments, offlineFetcher, networkFetcher!);

        var verifier = new CredentialVerifier(
            new VerifierOptions { Resolver = resolver, Fetcher = fetcher }
        );
        var report = verifier.VerifyAsync(bytes).GetAwaiter().GetResult();
        if (json)
        {
            context.Stdout.Write(report.ToJson().ToJsonString(Indented));
            context.Stdout.Write('\n');
        }
        else
        {
            WriteReport(context.Stdout, report);
        }
        return report.Verdict == Verdict.Valid ? ExitCodes.Success : ExitCodes.VerificationFailed;
    }

    /// <summary>The readable report: the verdict first, then one line per check.</summary>
    internal static void WriteReport(TextWriter output, VerificationReport report)
    {
        var header = report.Verdict switch
        {
            Verdict.Valid => "VALID",
            Verdict.Invalid => "INVALID",
            _ => "INDETERMINATE",
        };
        output.Write(header);
        if (report.Format is not null)
        {
            output.Write(" (" + report.Format + ")");
        }
        output.Write('\n');
        var width = 0;
        foreach (var check in report.Checks)
        {
            width = Math.Max(width, check.Check.Length);
        }
        foreach (var check in report.Checks)
        {
            var mark = check.Status switch
            {
                CheckStatus.Passed => "✓",
                CheckStatus.Failed => "✗",
                CheckStatus.Warning => "!",
                CheckStatus.Indeterminate => "?",
                _ => "-",
            };
            var line = new StringBuilder();
            line.Append(mark)
                .Append(' ')
                .Append(check.Check.PadRight(width))
                .Append("  ")
                .Append(check.Code)
                .Append("  ")
                .Append(CliErrors.OneLine(check.Message));
            if (check.Path is not null)
            {
                line.Append("  (").Append(check.Path).Append(')');
            }
            output.Write(line.ToString());
            output.Write('\n');
        }
    }

    // DID=FILE / URL=FILE pairs: the file's text by DID (without fragment) or URL.
    private static Dictionary<string, string> ReadPairs(
        CliContext context,
        string[] pairs,
        string option,
        string form,
        bool stripFragment
    )
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || eq == pair.Length - 1)
            {
                throw new CliInputException($"{option} must be {form}: '{pair}'");
            }
            var id = pair[..eq];
            var hash = id.IndexOf('#', StringComparison.Ordinal);
            if (stripFragment && hash >= 0)
            {
                id = id[..hash];
            }
            var path = pair[(eq + 1)..];
            if (!File.Exists(path))
            {
                throw new CliInputException($"{option}: file not found: {path}");
            }
            var info = new FileInfo(path);
            if (info.Length > CliInput.MaxInputChars)
            {
                throw new CliInputException($"{option}: {path} is too large");
            }
            result[id] = CliInput.ReadText(context, path);
        }
        return result;
    }

    private static byte[] ReadInput(CliContext context, string input, bool offline)
    {
        if (!input.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            if (input.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
            {
                throw new CliInputException($"only https URLs are fetched: {input}");
            }
            return CliCredentials.ReadBytes(context, input);
        }
        if (offline)
        {
            throw new CliInputException(
                $"cannot fetch {input} with --offline; download it and verify the file"
            );
        }
        return Fetch(input);
    }

    // The credential itself, fetched with the library's rules for DID documents and status lists
    // (HttpDocumentFetcher): https only, public addresses only, no redirects, a timeout and a size cap.
    private static byte[] Fetch(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
        {
            throw new CliInputException($"not an https URL: {url}");
        }
        using var http = new HttpDocumentResolver(
            new HttpResolverOptions { MaxResponseBytes = CliCredentials.MaxInputBytes }
        );
        if (http.LiteralRefusal(uri.IdnHost) is { } refusal)
        {
            throw new CliInputException($"cannot fetch {url}: {uri.Host} is {refusal}");
        }
        var (body, error) = http.FetchAsync(uri, CancellationToken.None).GetAwaiter().GetResult();
        if (error is not null)
        {
            throw new CliInputException($"cannot fetch {url}: {error.Message}");
        }
        return body.ToArray();
    }

    /// <summary>Documents given with <c>--did-doc</c> first, the network for every other DID or URL.</summary>
    private sealed class LocalFirstResolver(
        Dictionary<string, string> local,
        IDidResolver offline,
        IDidResolver network
    ) : IDidResolver
    {
        public ValueTask<ResolutionResult> ResolveAsync(
            string didOrUrl,
            CancellationToken cancellationToken
        )
        {
            var hash = didOrUrl.IndexOf('#', StringComparison.Ordinal);
            var bare = hash < 0 ? didOrUrl : didOrUrl[..hash];
            return local.ContainsKey(bare)
                ? offline.ResolveAsync(didOrUrl, cancellationToken)
                : network.ResolveAsync(didOrUrl, cancellationToken);
        }
    }

    /// <summary>Documents given with <c>--status-list</c> first, the network for every other URL.</summary>
    private sealed class LocalFirstFetcher(
        Dictionary<string, string> local,
        IDocumentFetcher offline,
        IDocumentFetcher network
    ) : IDocumentFetcher
    {
        public ValueTask<FetchResult> FetchAsync(string url, CancellationToken cancellationToken) =>
            local.ContainsKey(url)
                ? offline.FetchAsync(url, cancellationToken)
                : network.FetchAsync(url, cancellationToken);
    }
}
