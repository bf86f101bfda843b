using System.Text;
using System.Text.RegularExpressions;

namespace Credstack.LinkedData.Tests.JsonLd;

/// <summary>
/// Compares two small generalized RDF datasets (blank nodes allowed as predicates, which neither the
/// N-Quads reader nor RDFC-1.0 accept) by trying every bijection between their blank node labels. Only
/// for the few produceGeneralizedRdf entries of the toRdf suite; refuses more than 8 blank nodes.
/// </summary>
internal static partial class GeneralizedDatasetComparer
{
    [GeneratedRegex(
        """^\s*(\S+)\s+(\S+)\s+((?:"(?:[^"\\]|\\.)*"(?:\^\^<[^>]*>|@[A-Za-z0-9-]+)?)|\S+)\s*(\S+)?\s*\.\s*$"""
    )]
    private static partial Regex Line();

    public static bool AreIsomorphic(string actualNQuads, string expectedNQuads)
    {
        var actual = Parse(actualNQuads);
        var expected = Parse(expectedNQuads);
        if (actual.Count != expected.Count)
        {
            return false;
        }
        var actualBlanks = Blanks(actual);
        var expectedBlanks = Blanks(expected);
        if (actualBlanks.Count != expectedBlanks.Count || actualBlanks.Count > 8)
        {
            return false;
        }
        var target = Render(expected, null);
        var mapping = new Dictionary<string, string>(StringComparer.Ordinal);
        var used = new bool[expectedBlanks.Count];
        return Search(0);

        bool Search(int i)
        {
            if (i == actualBlanks.Count)
            {
                return Render(actual, mapping) == target;
            }
            for (var j = 0; j < expectedBlanks.Count; j++)
            {
                if (used[j])
                {
                    continue;
                }
                used[j] = true;
                mapping[actualBlanks[i]] = expectedBlanks[j];
                if (Search(i + 1))
                {
                    return true;
                }
                used[j] = false;
            }
            return false;
        }
    }

    private static List<string[]> Parse(string nquads)
    {
        var result = new List<string[]>();
        foreach (var raw in nquads.Split('\n'))
        {
            if (raw.Trim().Length == 0)
            {
                continue;
            }
            var match = Line().Match(raw);
            if (!match.Success)
            {
                throw new FormatException("not an N-Quads line: " + raw);
            }
            result.Add([
                match.Groups[1].Value,
                match.Groups[2].Value,
                match.Groups[3].Value,
                match.Groups[4].Value,
            ]);
        }
        return result;
    }

    private static List<string> Blanks(List<string[]> quads)
    {
        var set = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var quad in quads)
        {
            foreach (var term in quad)
            {
                if (term.StartsWith("_:", StringComparison.Ordinal))
                {
                    set.Add(term);
                }
            }
        }
        return [.. set];
    }

    private static string Render(List<string[]> quads, Dictionary<string, string>? mapping)
    {
        var lines = new List<string>(quads.Count);
        foreach (var quad in quads)
        {
            var sb = new StringBuilder();
            foreach (var term in quad)
            {
                sb.Append(mapping is not null && mapping.TryGetValue(term, out var m) ? m : term)
                    .Append(' ');
            }
            lines.Add(sb.ToString());
        }
        lines.Sort(StringComparer.Ordinal);
        return string.Join('\n', lines);
    }
}
