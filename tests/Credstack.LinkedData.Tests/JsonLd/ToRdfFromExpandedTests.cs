using System.Text.Json.Nodes;
using Credstack.LinkedData.JsonLd;
using Credstack.LinkedData.Rdf;

namespace Credstack.LinkedData.Tests.JsonLd;

/// <summary>Deserialization of already expanded documents (JSON-LD 1.1 API §7.1, §8.1-8.3).</summary>
public sealed class ToRdfFromExpandedTests
{
    private const string P = "http://example.com/p";

    private static string Run(string expanded, JsonLdOptions? options = null) =>
        NQuads.Serialize(
            JsonLdProcessor.ToRdfFromExpanded(JsonNode.Parse(expanded)!.AsArray(), options)
        );

    private static string One(string value) =>
        Run($$"""[{"@id": "http://example.com/s", "{{P}}": [{{value}}]}]""");

    [Theory]
    [InlineData("""{"@value": 1.5}""", "\"1.5E0\"^^<http://www.w3.org/2001/XMLSchema#double>")]
    [InlineData("""{"@value": 11.0e0}""", "\"11\"^^<http://www.w3.org/2001/XMLSchema#integer>")]
    [InlineData("""{"@value": -0.53}""", "\"-5.3E-1\"^^<http://www.w3.org/2001/XMLSchema#double>")]
    [InlineData("""{"@value": 1e21}""", "\"1.0E21\"^^<http://www.w3.org/2001/XMLSchema#double>")]
    [InlineData("""{"@value": -0e0}""", "\"0\"^^<http://www.w3.org/2001/XMLSchema#integer>")]
    [InlineData(
        """{"@value": 11, "@type": "http://www.w3.org/2001/XMLSchema#double"}""",
        "\"1.1E1\"^^<http://www.w3.org/2001/XMLSchema#double>"
    )]
    [InlineData("""{"@value": true}""", "\"true\"^^<http://www.w3.org/2001/XMLSchema#boolean>")]
    [InlineData("""{"@value": "x", "@language": "en-US"}""", "\"x\"@en-US")]
    [InlineData(
        """{"@value": {"b": [1.0, "é"], "a": null}, "@type": "@json"}""",
        "\"{\\\"a\\\":null,\\\"b\\\":[1,\\\"é\\\"]}\"^^<http://www.w3.org/1999/02/22-rdf-syntax-ns#JSON>"
    )]
    public void ToRdfFromExpanded_Value_HasCanonicalLexicalForm(
        string value,
        string expectedObject
    ) => Assert.Equal($"<http://example.com/s> <{P}> {expectedObject} .\n", One(value));

    [Theory]
    [InlineData("""{"@id": "relative"}""")]
    [InlineData("""{"@id": "http://example.com/a b"}""")]
    [InlineData("""{"@value": "x", "@language": "not a tag"}""")]
    [InlineData("""{"@value": "x", "@type": "relative"}""")]
    public void ToRdfFromExpanded_IllFormedTerm_IsDropped(string value) =>
        Assert.Equal(string.Empty, One(value));

    [Fact]
    public void ToRdfFromExpanded_IllFormedTermInSafeMode_Throws()
    {
        var expanded = JsonNode
            .Parse(
                """[{"@id": "http://example.com/s", "http://example.com/p": [{"@id": "relative"}]}]"""
            )!
            .AsArray();

        var error = Assert.Throws<JsonLdException>(() =>
            JsonLdProcessor.ToRdfFromExpanded(expanded, new JsonLdOptions { SafeMode = true })
        );
        Assert.Equal(JsonLdErrorCodes.SafeModeViolation, error.Code);
    }

    [Fact]
    public void ToRdfFromExpanded_List_BecomesFirstRestChain()
    {
        var nquads = One("""{"@list": [{"@value": "a"}, {"@list": []}]}""");

        Assert.Equal(
            "<http://example.com/s> <http://example.com/p> _:b0 .\n"
                + "_:b0 <http://www.w3.org/1999/02/22-rdf-syntax-ns#first> \"a\" .\n"
                + "_:b0 <http://www.w3.org/1999/02/22-rdf-syntax-ns#rest> _:b1 .\n"
                + "_:b1 <http://www.w3.org/1999/02/22-rdf-syntax-ns#first> <http://www.w3.org/1999/02/22-rdf-syntax-ns#nil> .\n"
                + "_:b1 <http://www.w3.org/1999/02/22-rdf-syntax-ns#rest> <http://www.w3.org/1999/02/22-rdf-syntax-ns#nil> .\n",
            nquads
        );
    }

    [Fact]
    public void ToRdfFromExpanded_GraphReverseAndTypes_AreRelabelledAndDeduplicated()
    {
        var nquads = Run(
            """
            [{"@id": "_:x", "@type": ["http://example.com/T", "http://example.com/T"],
              "@reverse": {"http://example.com/r": [{"@id": "http://example.com/o"}]},
              "@graph": [{"@id": "http://example.com/g1", "http://example.com/p": [{"@value": "v"}, {"@value": "v"}]}]}]
            """
        );

        Assert.Equal(
            "_:b0 <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://example.com/T> .\n"
                + "<http://example.com/o> <http://example.com/r> _:b0 .\n"
                + "<http://example.com/g1> <http://example.com/p> \"v\" _:b0 .\n",
            nquads
        );
    }

    [Fact]
    public void ToRdfFromExpanded_BlankPredicate_OnlyInGeneralizedRdf()
    {
        const string expanded = """[{"@id": "http://example.com/s", "_:p": [{"@value": "v"}]}]""";

        Assert.Equal(string.Empty, Run(expanded));
        Assert.Equal(
            "<http://example.com/s> _:b0 \"v\" .\n",
            Run(expanded, new JsonLdOptions { ProduceGeneralizedRdf = true })
        );
    }

    [Theory]
    [InlineData(null, "\"x\"@ar-EG")]
    [InlineData("i18n-datatype", "\"x\"^^<https://www.w3.org/ns/i18n#ar-eg_rtl>")]
    public void ToRdfFromExpanded_Direction_FollowsRdfDirection(string? mode, string expectedObject)
    {
        var nquads = Run(
            """[{"@id": "http://example.com/s", "http://example.com/p": [{"@value": "x", "@language": "ar-EG", "@direction": "rtl"}]}]""",
            new JsonLdOptions { RdfDirection = mode }
        );

        Assert.Equal($"<http://example.com/s> <{P}> {expectedObject} .\n", nquads);
    }

    [Fact]
    public void ToRdfFromExpanded_DirectionAsCompoundLiteral_DescribesABlankNode()
    {
        var nquads = Run(
            """[{"@id": "http://example.com/s", "http://example.com/p": [{"@value": "x", "@language": "ar-EG", "@direction": "rtl"}]}]""",
            new JsonLdOptions { RdfDirection = "compound-literal" }
        );

        Assert.Equal(
            "<http://example.com/s> <http://example.com/p> _:b0 .\n"
                + "_:b0 <http://www.w3.org/1999/02/22-rdf-syntax-ns#value> \"x\" .\n"
                + "_:b0 <http://www.w3.org/1999/02/22-rdf-syntax-ns#language> \"ar-eg\" .\n"
                + "_:b0 <http://www.w3.org/1999/02/22-rdf-syntax-ns#direction> \"rtl\" .\n",
            nquads
        );
    }

    [Fact]
    public void ToRdfFromExpanded_ConflictingIndexes_Throws()
    {
        var expanded = JsonNode
            .Parse(
                """[{"@id": "http://example.com/a", "@index": "1"}, {"@id": "http://example.com/a", "@index": "2"}]"""
            )!
            .AsArray();

        var error = Assert.Throws<JsonLdException>(() =>
            JsonLdProcessor.ToRdfFromExpanded(expanded)
        );
        Assert.Equal("conflicting indexes", error.Code);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ToRdfFromExpanded_RunAfterAnotherOnTheThread_KeepsNothingOfIt(bool firstThrows)
    {
        // The thread's node map builder and its records are reused: nothing of the first run (types,
        // properties, index, blank node labels, graphs) may show in the second.
        var first = """
            [{"@id": "http://example.com/a", "@type": ["http://example.com/T"], "@index": "1",
              "http://example.com/p": [{"@value": "old"}], "http://example.com/q": [{"@id": "_:x"}],
              "@graph": [{"@id": "http://example.com/g", "http://example.com/p": [{"@value": "g"}]}]},
             {"@id": "_:x", "http://example.com/p": [{"@value": "x"}, {"@value": "x2"}]},
             {"@id": "http://example.com/c", "http://example.com/r": [{"@value": "c"}]}]
            """;
        if (firstThrows)
        {
            // Fails after the records above are filled (the repeated node's second @index).
            first =
                first[..first.LastIndexOf(']')]
                + """, {"@id": "http://example.com/a", "@index": "2"}]""";
            Assert.Throws<JsonLdException>(() => Run(first));
        }
        else
        {
            Assert.Contains("\"old\"", Run(first), StringComparison.Ordinal);
        }

        var second = Run(
            """
            [{"@id": "http://example.com/b", "@index": "2", "http://example.com/q": [{"@value": "new"}]},
             {"@id": "http://example.com/c"},
             {"@id": "_:y", "http://example.com/p": [{"@value": "y"}]}]
            """
        );

        Assert.Equal(
            "<http://example.com/b> <http://example.com/q> \"new\" .\n"
                + "_:b0 <http://example.com/p> \"y\" .\n",
            second
        );
    }
}
