using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Credstack.Tests.Shared;

namespace Credstack.Cli.Tests;

/// <summary>Input documents and expected outputs shared by the command tests.</summary>
internal static partial class TestDocuments
{
    /// <summary>A small document with an inline context (no remote context needed) and one blank node.</summary>
    public const string Small = """
        {
          "@context": {
            "name": "http://schema.org/name",
            "knows": { "@id": "http://schema.org/knows", "@type": "@id" }
          },
          "@id": "http://example.org/alice",
          "name": "Alice",
          "knows": { "name": "Bob" }
        }
        """;

    public const string SmallExpanded = """
        [
          {
            "@id": "http://example.org/alice",
            "http://schema.org/knows": [ { "http://schema.org/name": [ { "@value": "Bob" } ] } ],
            "http://schema.org/name": [ { "@value": "Alice" } ]
          }
        ]
        """;

    public const string SmallCanonical = """
        <http://example.org/alice> <http://schema.org/knows> _:c14n0 .
        <http://example.org/alice> <http://schema.org/name> "Alice" .
        _:c14n0 <http://schema.org/name> "Bob" .

        """;

    /// <summary>The 1EdTech OB 3.0 eddsa-rdfc-2022 walkthrough.</summary>
    public static JsonObject OneEdTechVector() =>
        JsonNode
            .Parse(
                File.ReadAllText(
                    SharedData.PathOf("vectors", "1edtech-ldp", "ob-eddsa-rdfc-2022.json")
                )
            )!
            .AsObject();

    /// <summary>A file of the 1EdTech walkthrough folder, with the LF line ends of canonical N-Quads.</summary>
    public static string OneEdTechFile(string relativePath) =>
        File.ReadAllText(SharedData.PathOf("vectors", "1edtech-ldp", relativePath))
            .ReplaceLineEndings("\n");

    /// <summary>A file of the W3C RDFC-1.0 suite.</summary>
    public static string RdfCanonFile(string name) =>
        File.ReadAllText(SharedData.PathOf("vectors", "rdf-canon", "tests", "rdfc10", name));

    /// <summary>
    /// N-Quads lines sorted, with every blank node label replaced by <c>_:b</c>: toRdf's labels and line
    /// order are the implementation's choice, its set of statements is not.
    /// </summary>
    public static string[] NormalizedLines(string nquads)
    {
        var lines = nquads.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < lines.Length; i++)
        {
            lines[i] = BlankNode().Replace(lines[i], "_:b");
        }
        Array.Sort(lines, StringComparer.Ordinal);
        return lines;
    }

    [GeneratedRegex("_:[A-Za-z0-9_.-]+")]
    private static partial Regex BlankNode();
}
