using Credstack.LinkedData.Rdf;
using Credstack.LinkedData.Tests.Canonicalization;

namespace Credstack.LinkedData.Tests.Rdf;

public sealed class NQuadsReaderTests
{
    public static TheoryData<string> NQuadsFiles()
    {
        var data = new TheoryData<string>();
        foreach (
            var path in Directory.GetFiles(Path.Combine(RdfcManifest.Folder, "rdfc10"), "*.nq")
        )
        {
            data.Add(Path.GetFileName(path));
        }
        return data;
    }

    [Fact]
    public void NQuadsFiles_AreFound() => Assert.True(NQuadsFiles().Count >= 100);

    [Theory]
    [MemberData(nameof(NQuadsFiles))]
    public void Parse_SuiteFile_RoundTripsThroughTheWriter(string file)
    {
        var text = RdfcManifest.ReadFile(Path.Combine("rdfc10", file));
        var quads = NQuads.Parse(text);
        var serialized = NQuads.Serialize(quads);

        Assert.Equal(quads, NQuads.Parse(serialized));
        if (file.EndsWith("-rdfc10.nq", StringComparison.Ordinal))
        {
            // Expected results are canonical N-Quads: the writer must reproduce them byte for byte.
            Assert.Equal(text, serialized);
        }
    }

    [Fact]
    public void Parse_AllTermKinds_ReadsEachTerm()
    {
        var quads = NQuads.Parse(
            "<http://a/s> <http://a/p> \"v\"@en-GB <http://a/g> .\n"
                + "_:b0 <http://a/p> \"1\"^^<http://www.w3.org/2001/XMLSchema#integer> _:g .\n"
                + "_:b0 <http://a/p> \"plain\"^^<http://www.w3.org/2001/XMLSchema#string> .\n"
                + "<http://a/s> <http://a/p> _:b0 .\n"
        );

        Assert.Equal(4, quads.Count);
        Assert.Equal(RdfTerm.Iri("http://a/s"), quads[0].Subject);
        Assert.Equal(RdfTerm.Literal("v", language: "en-GB"), quads[0].Object);
        Assert.Equal(RdfTerm.Iri("http://a/g"), quads[0].Graph);
        Assert.Equal(RdfTerm.BlankNode("b0"), quads[1].Subject);
        Assert.Equal(
            RdfTerm.Literal("1", "http://www.w3.org/2001/XMLSchema#integer"),
            quads[1].Object
        );
        Assert.Equal(RdfTerm.BlankNode("g"), quads[1].Graph);
        Assert.Equal(RdfTerm.Literal("plain"), quads[2].Object);
        Assert.True(quads[3].Graph.IsDefaultGraph);
    }

    [Fact]
    public void Parse_Escapes_DecodesEcharAndUcharIncludingSurrogatePairs()
    {
        var quads = NQuads.Parse(
            "<http://a/\\u0073> <http://a/p> \"\\t\\b\\n\\r\\f\\\"\\'\\\\\\u00e9\\U0001F303\" .\n"
        );

        Assert.Equal("http://a/s", quads[0].Subject.Value);
        Assert.Equal("\t\b\n\r\f\"'\\é\U0001F303", quads[0].Object.Value);
    }

    [Fact]
    public void Parse_CommentsBlankLinesAndCrLf_AreIgnored()
    {
        var quads = NQuads.Parse(
            "# a comment\r\n\r\n  <http://a/s> <http://a/p> <http://a/o> . # trailing\r\n\n"
                + "\t_:x.y <http://a/p> _:z .\r# last line without a line break\n_:a <http://a/p> _:b ."
        );

        Assert.Equal(3, quads.Count);
        Assert.Equal("x.y", quads[1].Subject.Value);
        Assert.Equal("b", quads[2].Object.Value);
    }

    [Fact]
    public void Parse_BlankNodeLabelFollowedByDot_EndsTheLabelBeforeTheDot()
    {
        var quads = NQuads.Parse("<http://a/s> <http://a/p> _:b1.\n");

        Assert.Equal("b1", quads[0].Object.Value);
    }

    [Fact]
    public void Parse_EmptyDocument_ReturnsNoQuads() => Assert.Empty(NQuads.Parse(""));

    [Theory]
    // Unterminated IRI: the space where '>' was expected is the error.
    [InlineData("<http://a/s> <http://a/p> <http://a/o .\n", 1, 38)]
    [InlineData("<http://a/s> <http://a/p> <http://a/o\n", 1, 38)]
    // Unterminated IRI at the end of input.
    [InlineData("<http://a/s> <http://a/p> <http://a/o", 1, 38)]
    // Space inside an IRI.
    [InlineData("<http://a/s> <http://a/ p> <http://a/o> .", 1, 24)]
    // Bad escape in a literal, on the second line.
    [InlineData("<http://a/s> <http://a/p> \"ok\" .\n<http://a/s> <http://a/p> \"a\\qb\" .", 2, 29)]
    // ECHAR is not allowed in IRIs.
    [InlineData("<http://a/\\n> <http://a/p> <http://a/o> .", 1, 11)]
    // Truncated and non-hex \u escapes.
    [InlineData("<http://a/s> <http://a/p> \"\\u00G1\" .", 1, 28)]
    [InlineData("<http://a/s> <http://a/p> \"\\u00", 1, 28)]
    // A surrogate code point is not a scalar value.
    [InlineData("<http://a/s> <http://a/p> \"\\uD800\" .", 1, 28)]
    [InlineData("<http://a/s> <http://a/p> \"\\U00110000\" .", 1, 28)]
    // Missing dot: end of line after the object (CRLF line ends; column counts from the line start).
    [InlineData(
        "<http://a/s> <http://a/p> <http://a/o> .\r\n<http://a/s> <http://a/p> <http://a/o>\r\n",
        2,
        39
    )]
    // Missing dot at the end of input, after a graph label.
    [InlineData("<http://a/s> <http://a/p> <http://a/o> <http://a/g>", 1, 52)]
    // Stray characters after the dot.
    [InlineData("<http://a/s> <http://a/p> <http://a/o> . x", 1, 42)]
    // Stray character instead of a term.
    [InlineData("<http://a/s> <http://a/p> x .", 1, 27)]
    // Literal as subject, literal as graph label.
    [InlineData("\"s\" <http://a/p> <http://a/o> .", 1, 1)]
    [InlineData("<http://a/s> <http://a/p> <http://a/o> \"g\" .", 1, 40)]
    // Blank node as predicate.
    [InlineData("<http://a/s> _:p <http://a/o> .", 1, 14)]
    // Relative IRI.
    [InlineData("<http://a/s> <p> <http://a/o> .", 1, 14)]
    // Unterminated literal.
    [InlineData("<http://a/s> <http://a/p> \"abc\n .", 1, 31)]
    // Bad language tag and lone '^'.
    [InlineData("<http://a/s> <http://a/p> \"abc\"@ .", 1, 33)]
    [InlineData("<http://a/s> <http://a/p> \"abc\"@en- .", 1, 36)]
    [InlineData("<http://a/s> <http://a/p> \"abc\"^<http://a/d> .", 1, 32)]
    // Bad blank node labels.
    [InlineData("_:-a <http://a/p> <http://a/o> .", 1, 3)]
    [InlineData("_a <http://a/p> <http://a/o> .", 1, 1)]
    public void Parse_MalformedInput_ThrowsWithLineAndColumn(string text, int line, int column)
    {
        var error = Assert.Throws<NQuadsParseException>(() => NQuads.Parse(text));

        Assert.Equal((line, column), (error.Line, error.Column));
        Assert.StartsWith(
            $"line {line}, column {column}: ",
            error.Message,
            StringComparison.Ordinal
        );
    }

    [Fact]
    public void Parse_HugeInput_IsLinear()
    {
        // 50,000 quads and a 1 MB literal: must not be quadratic (this would time out if it were).
        var sb = new System.Text.StringBuilder();
        for (var i = 0; i < 50_000; i++)
        {
            sb.Append("_:b").Append(i).Append(" <http://a/p> \"v\\n").Append(i).Append("\" .\n");
        }
        sb.Append("<http://a/s> <http://a/p> \"").Append('x', 1_000_000).Append("\" .\n");

        var quads = NQuads.Parse(sb.ToString());

        Assert.Equal(50_001, quads.Count);
        Assert.Equal(1_000_000, quads[^1].Object.Value.Length);
    }
}
