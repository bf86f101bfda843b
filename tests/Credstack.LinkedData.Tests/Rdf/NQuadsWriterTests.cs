using Credstack.LinkedData.Rdf;

namespace Credstack.LinkedData.Tests.Rdf;

public sealed class NQuadsWriterTests
{
    [Theory]
    [InlineData("a\"b\\c", "\"a\\\"b\\\\c\"")]
    [InlineData("\b\t\n\f\r", "\"\\b\\t\\n\\f\\r\"")]
    [InlineData("\u0000\u000B\u001F\u007F", "\"\\u0000\\u000B\\u001F\\u007F\"")]
    [InlineData("é∞\U0001F303\u0080 '", "\"é∞\U0001F303\u0080 '\"")]
    public void FormatTerm_Literal_UsesCanonicalEscapes(string value, string expected) =>
        Assert.Equal(expected, NQuads.FormatTerm(RdfTerm.Literal(value)));

    [Fact]
    public void FormatTerm_LiteralWithDatatypeOrLanguage_OmitsXsdStringOnly()
    {
        Assert.Equal("\"x\"", NQuads.FormatTerm(RdfTerm.Literal("x", RdfTerm.XsdString)));
        Assert.Equal("\"x\"@en-GB", NQuads.FormatTerm(RdfTerm.Literal("x", language: "en-GB")));
        Assert.Equal(
            "\"1\"^^<http://www.w3.org/2001/XMLSchema#integer>",
            NQuads.FormatTerm(RdfTerm.Literal("1", "http://www.w3.org/2001/XMLSchema#integer"))
        );
    }

    [Fact]
    public void FormatTerm_IriWithForbiddenCharacters_EscapesThemAsUchar() =>
        Assert.Equal("<urn:a\\u0020b\\u003E>", NQuads.FormatTerm(RdfTerm.Iri("urn:a b>")));

    [Fact]
    public void FormatQuad_QuadInNamedGraph_WritesFourTermsAndDot() =>
        Assert.Equal(
            "_:b0 <urn:p> \"o\" <urn:g> .\n",
            NQuads.FormatQuad(
                new Quad(
                    RdfTerm.BlankNode("_:b0"),
                    RdfTerm.Iri("urn:p"),
                    RdfTerm.Literal("o"),
                    RdfTerm.Iri("urn:g")
                )
            )
        );

    [Fact]
    public void Serialize_ThenParse_GivesTheSameQuads()
    {
        var quads = new[]
        {
            new Quad(
                RdfTerm.Iri("urn:s"),
                RdfTerm.Iri("urn:p"),
                RdfTerm.Literal("line\nbreak \"quoted\" \u0001 \U0001F303")
            ),
            new Quad(RdfTerm.BlankNode("x"), RdfTerm.Iri("urn:p"), RdfTerm.Iri("urn:a b")),
        };

        Assert.Equal(quads, NQuads.Parse(NQuads.Serialize(quads)));
    }
}
