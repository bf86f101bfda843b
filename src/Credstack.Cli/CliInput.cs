using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Credstack.LinkedData.Json;
using Credstack.LinkedData.JsonLd;

namespace Credstack.Cli;

/// <summary>Reads the FILE argument (a path, or <c>-</c> for standard input) and parses it.</summary>
internal static class CliInput
{
    /// <summary>The FILE value that means standard input.</summary>
    public const string StdinMarker = "-";

    /// <summary>The largest input accepted, so that a mistaken pipe cannot exhaust memory.</summary>
    public const int MaxInputChars = 16 * 1024 * 1024;

    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        // Same nesting limit as the JSON-LD processor's default, enforced while parsing.
        MaxDepth = new JsonLdOptions().MaxDepth,
    };

    /// <summary>Reads the whole input as text.</summary>
    public static string ReadText(CliContext context, string path)
    {
        if (path == StdinMarker)
        {
            return ReadBounded(context.Stdin);
        }
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                throw new CliInputException(
                    Directory.Exists(path) ? $"not a file: {path}" : $"file not found: {path}"
                );
            }
            if (info.Length > MaxInputChars * 4L)
            {
                throw TooLarge(path);
            }
            using var reader = new StreamReader(info.FullName, Encoding.UTF8, true);
            return ReadBounded(reader, path);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new CliInputException($"cannot read {path}: {ex.Message}", ex);
        }
        catch (IOException ex)
        {
            throw new CliInputException($"cannot read {path}: {ex.Message}", ex);
        }
        catch (ArgumentException ex)
        {
            // An illegal path (e.g. an embedded NUL).
            throw new CliInputException($"invalid file name: {path}", ex);
        }
    }

    /// <summary>Parses JSON text, reporting the 1-based line and column of a syntax error.</summary>
    public static JsonNode? ParseJson(string text)
    {
        try
        {
            return JsonText.Parse(text, DocumentOptions);
        }
        catch (JsonException ex)
        {
            var line = (ex.LineNumber ?? 0) + 1;
            var column = (ex.BytePositionInLine ?? 0) + 1;
            throw new CliInputException(
                $"invalid JSON at line {line}, column {column}: {StripPosition(ex.Message)}",
                ex
            );
        }
    }

    private static string ReadBounded(TextReader reader, string name = "standard input")
    {
        var sb = new StringBuilder();
        var buffer = new char[8192];
        int read;
        while ((read = reader.Read(buffer, 0, buffer.Length)) > 0)
        {
            if (sb.Length + read > MaxInputChars)
            {
                throw TooLarge(name);
            }
            sb.Append(buffer, 0, read);
        }
        return sb.ToString();
    }

    private static CliInputException TooLarge(string name) =>
        new($"{name}: input is larger than {MaxInputChars / (1024 * 1024)} MiB");

    // System.Text.Json appends " Path: $.x | LineNumber: 2 | BytePositionInLine: 4." — we print our own
    // 1-based position instead.
    private static string StripPosition(string message)
    {
        var cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
        var lineCut = message.IndexOf(" LineNumber: ", StringComparison.Ordinal);
        if (cut < 0 || (lineCut >= 0 && lineCut < cut))
        {
            cut = lineCut;
        }
        return (cut >= 0 ? message[..cut] : message).TrimEnd();
    }
}
