using System.CommandLine;
using System.Text;
using System.Text.Json.Nodes;
using Credstack.Credentials.Baking;

namespace Credstack.Cli.Commands;

/// <summary><c>credstack bake</c> and <c>credstack unbake</c>: credentials in PNG and SVG badge images (OB 3.0 §5.3).</summary>
internal static class BakingCommands
{
    private const string Ob2Context = "https://w3id.org/openbadges/v2";

    /// <summary>Creates the <c>bake</c> command.</summary>
    public static Command CreateBake(CliContext context)
    {
        var image = new Argument<string>("IMAGE")
        {
            Description = "The badge image, PNG or SVG (detected by content).",
        };
        var credential = new Argument<string>("CREDENTIAL")
        {
            Description =
                "The credential to embed: JSON or a compact JWT (an OB 2.0 assertion is baked as one), or - for standard input.",
        };
        var output = new Option<string>("--out", "-o")
        {
            Description = "The baked image to write.",
            HelpName = "FILE",
            Required = true,
        };
        var command = new Command(
            "bake",
            "Embed a credential in a PNG (iTXt chunk) or SVG (openbadges:credential element) badge image."
        )
        {
            image,
            credential,
            output,
        };
        command.SetAction(parseResult =>
            CliErrors.Guard(
                context,
                () =>
                {
                    var imageBytes = CliCredentials.ReadBytes(
                        context,
                        parseResult.GetRequiredValue(image)
                    );
                    var text = CliInput
                        .ReadText(context, parseResult.GetRequiredValue(credential))
                        .Trim();
                    if (text.Length == 0)
                    {
                        throw new CliInputException("the credential is empty");
                    }
                    var kind = KindOf(text);
                    byte[] baked;
                    if (PngBadge.IsPng(imageBytes))
                    {
                        baked = Unwrap(PngBadge.Bake(imageBytes, kind, text));
                    }
                    else if (LooksLikeSvg(imageBytes, out var svg))
                    {
                        baked = Encoding.UTF8.GetBytes(Unwrap(SvgBadge.Bake(svg, kind, text)));
                    }
                    else
                    {
                        throw new CliInputException("the image is neither a PNG nor an SVG");
                    }
                    var path = parseResult.GetRequiredValue(output);
                    try
                    {
                        File.WriteAllBytes(path, baked);
                    }
                    catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                    {
                        throw new CliInputException($"cannot write {path}: {ex.Message}", ex);
                    }
                    return ExitCodes.Success;
                }
            )
        );
        return command;
    }

    /// <summary>Creates the <c>unbake</c> command.</summary>
    public static Command CreateUnbake(CliContext context)
    {
        var image = new Argument<string>("IMAGE")
        {
            Description = "The baked badge image, PNG or SVG (detected by content).",
        };
        var command = new Command(
            "unbake",
            "Print the credential (JSON, JWT, or OB 2.0 assertion URL) embedded in a PNG or SVG badge image."
        )
        {
            image,
        };
        command.SetAction(parseResult =>
            CliErrors.Guard(
                context,
                () =>
                {
                    var bytes = CliCredentials.ReadBytes(
                        context,
                        parseResult.GetRequiredValue(image)
                    );
                    BakedBadge badge;
                    if (PngBadge.IsPng(bytes))
                    {
                        badge = Unwrap(PngBadge.Extract(bytes));
                    }
                    else if (LooksLikeSvg(bytes, out _))
                    {
                        badge = Unwrap(SvgBadge.Extract(bytes));
                    }
                    else
                    {
                        throw new CliInputException("the image is neither a PNG nor an SVG");
                    }
                    context.Stdout.Write(badge.Text.Trim());
                    context.Stdout.Write('\n');
                    return ExitCodes.Success;
                }
            )
        );
        return command;
    }

    // OB 2.0 §Baking: an assertion goes in the 'openbadges' chunk / <openbadges:assertion>; OB 3.0 §5.3 and
    // CLR 2.0 use their own keywords.
    private static BakedBadgeKind KindOf(string text)
    {
        if (text[0] != '{')
        {
            return BakedBadgeKind.OpenBadgeCredential;
        }
        var json = CliCredentials.ParseObject(text, "credential");
        if (HasValue(json["@context"], Ob2Context) || HasValue(json["type"], "Assertion"))
        {
            return BakedBadgeKind.OpenBadgesAssertion;
        }
        if (HasValue(json["type"], "ClrCredential"))
        {
            return BakedBadgeKind.ClrCredential;
        }
        return BakedBadgeKind.OpenBadgeCredential;
    }

    private static bool HasValue(JsonNode? node, string value)
    {
        switch (node)
        {
            case JsonValue v when v.TryGetValue<string>(out var s):
                return string.Equals(s, value, StringComparison.Ordinal);
            case JsonArray array:
                foreach (var item in array)
                {
                    if (item is JsonValue iv && iv.TryGetValue<string>(out var t) && t == value)
                    {
                        return true;
                    }
                }
                return false;
            default:
                return false;
        }
    }

    private static bool LooksLikeSvg(byte[] bytes, out string svg)
    {
        svg = "";
        try
        {
            svg = new UTF8Encoding(false, true).GetString(bytes).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
        return svg.TrimStart().StartsWith('<');
    }

    private static T Unwrap<T>(BakingResult<T> result) =>
        result.TryGetValue(out var value)
            ? value
            : throw new CliInputException($"{result.Error?.Code}: {result.Error?.Message}");
}
