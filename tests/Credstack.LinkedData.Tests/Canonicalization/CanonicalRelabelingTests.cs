using Credstack.LinkedData.Canonicalization;
using Credstack.LinkedData.Rdf;

namespace Credstack.LinkedData.Tests.Canonicalization;

public sealed class CanonicalRelabelingTests
{
    private static readonly RdfTerm P = RdfTerm.Iri("urn:ex:p");
    private static readonly RdfTerm Q = RdfTerm.Iri("urn:ex:q");

    // _:x has one statement more than _:y, so RDFC-1.0 names them apart: which one is c14n0 is
    // decided by the hashes, and the test reads it from the issued-identifier map.
    private static CanonicalizationResult TwoNodes() =>
        RdfCanonicalizer.Canonicalize([
            new Quad(RdfTerm.BlankNode("x"), P, RdfTerm.Literal("one")),
            new Quad(RdfTerm.BlankNode("x"), Q, RdfTerm.BlankNode("y")),
            new Quad(RdfTerm.BlankNode("y"), P, RdfTerm.Literal("two")),
            new Quad(RdfTerm.Iri("urn:ex:s"), P, RdfTerm.BlankNode("x"), RdfTerm.BlankNode("y")),
        ]);

    [Fact]
    public void TryReplaceLabels_ReplacesEveryCanonicalLabelInEveryPosition()
    {
        var canonical = TwoNodes();
        var x = canonical.IssuedIdentifiers["x"];
        var y = canonical.IssuedIdentifiers["y"];

        Assert.True(
            CanonicalRelabeling.TryReplaceLabels(
                canonical,
                new Dictionary<string, string> { [x] = "uXX", [y] = "uYY" },
                out var lines,
                out _
            )
        );

        Assert.Equal(
            [
                "<urn:ex:s> <urn:ex:p> _:uXX _:uYY .\n",
                "_:uXX <urn:ex:p> \"one\" .\n",
                "_:uXX <urn:ex:q> _:uYY .\n",
                "_:uYY <urn:ex:p> \"two\" .\n",
            ],
            lines
        );
    }

    [Fact]
    public void TryReplaceLabels_SortsByTheNewLabels()
    {
        // The canonical order follows c14n0 < c14n1; the new labels reverse it.
        var canonical = TwoNodes();
        var first = canonical.IssuedIdentifiers.Values.Order(StringComparer.Ordinal).First();
        var second = canonical.IssuedIdentifiers.Values.Order(StringComparer.Ordinal).Last();

        Assert.True(
            CanonicalRelabeling.TryReplaceLabels(
                canonical,
                new Dictionary<string, string> { [first] = "z9", [second] = "a1" },
                out var lines,
                out _
            )
        );

        Assert.Equal(lines.Order(StringComparer.Ordinal), lines);
        Assert.StartsWith("<urn:ex:s>", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("_:a1 ", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("_:z9 ", lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void TryReplaceLabels_SortsInCodePointOrder()
    {
        // UTF-16 ordinal order would put U+1F303 (surrogates) before U+E000.
        var s = RdfTerm.BlankNode("b");
        var canonical = RdfCanonicalizer.Canonicalize([
            new Quad(s, P, RdfTerm.Literal("\U0001F303")),
            new Quad(s, P, RdfTerm.Literal("\uE000")),
        ]);

        Assert.True(
            CanonicalRelabeling.TryReplaceLabels(
                canonical,
                new Dictionary<string, string> { ["c14n0"] = "u0" },
                out var lines,
                out _
            )
        );

        Assert.Equal(
            ["_:u0 <urn:ex:p> \"\uE000\" .\n", "_:u0 <urn:ex:p> \"\U0001F303\" .\n"],
            lines
        );
    }

    [Fact]
    public void TryReplaceLabels_LabelMissing_ReturnsFalseWithTheCanonicalLabel()
    {
        var canonical = TwoNodes();
        var x = canonical.IssuedIdentifiers["x"];
        var y = canonical.IssuedIdentifiers["y"];

        Assert.False(
            CanonicalRelabeling.TryReplaceLabels(
                canonical,
                new Dictionary<string, string> { [x] = "uXX", ["c14n7"] = "unused" },
                out var lines,
                out var missing
            )
        );
        Assert.Null(lines);
        Assert.Equal(y, missing);
    }

    [Fact]
    public void TryReplaceLabels_NoBlankNodes_NeedsNoLabels()
    {
        var canonical = RdfCanonicalizer.Canonicalize([
            new Quad(RdfTerm.Iri("urn:ex:b"), P, RdfTerm.Literal("2")),
            new Quad(RdfTerm.Iri("urn:ex:a"), P, RdfTerm.Literal("1")),
        ]);

        Assert.True(
            CanonicalRelabeling.TryReplaceLabels(
                canonical,
                new Dictionary<string, string>(),
                out var lines,
                out _
            )
        );
        Assert.Equal(canonical.NQuads, string.Concat(lines));
    }

    [Theory]
    [InlineData("")]
    [InlineData("-u")]
    [InlineData("u x")]
    [InlineData("u>")]
    [InlineData("u.")]
    public void TryReplaceLabels_LabelThatIsNotABlankNodeLabel_Throws(string label)
    {
        var canonical = RdfCanonicalizer.Canonicalize([
            new Quad(RdfTerm.BlankNode("b"), P, RdfTerm.Literal("v")),
        ]);

        Assert.Throws<ArgumentException>(() =>
            CanonicalRelabeling.TryReplaceLabels(
                canonical,
                new Dictionary<string, string> { ["c14n0"] = label },
                out _,
                out _
            )
        );
    }
}
