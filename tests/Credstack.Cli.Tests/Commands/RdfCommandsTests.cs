using System.Text.Json.Nodes;

namespace Credstack.Cli.Tests.Commands;

public sealed class RdfCommandsTests : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Canonize_SmallJsonLdDocument_WritesCanonicalNQuads()
    {
        var path = _files.Write("small.jsonld", TestDocuments.Small);

        var stdout = CliRunner.AssertSuccess(CliRunner.Run("rdf", "canonize", path));

        Assert.Equal(TestDocuments.SmallCanonical, stdout);
    }

    [Fact]
    public void Canonize_ExplicitJsonLdInput_WritesCanonicalNQuads()
    {
        var stdout = CliRunner.AssertSuccess(
            CliRunner.RunWithStdin(TestDocuments.Small, "rdf", "canonize", "--input", "jsonld", "-")
        );

        Assert.Equal(TestDocuments.SmallCanonical, stdout);
    }

    [Fact]
    public void Canonize_Ob3Credential_MatchesTheOneEdTechCanonicalDocument()
    {
        var path = _files.Write(
            "ob3.json",
            TestDocuments.OneEdTechVector()["unsignedCredential"]!.ToJsonString()
        );

        var stdout = CliRunner.AssertSuccess(CliRunner.Run("rdf", "canonize", path));

        Assert.Equal(TestDocuments.OneEdTechFile("obv3p0/document-canon.txt"), stdout);
    }

    [Fact]
    public void Canonize_Ob3ProofConfiguration_MatchesTheOneEdTechCanonicalProof()
    {
        // VC DI EdDSA §3.3.4 (eddsa-rdfc-2022 proof configuration): the proof without proofValue, with
        // the credential's @context.
        var vector = TestDocuments.OneEdTechVector();
        var proof = vector["proof"]!.DeepClone().AsObject();
        proof.Remove("proofValue");
        proof["@context"] = vector["unsignedCredential"]!["@context"]!.DeepClone();

        var stdout = CliRunner.AssertSuccess(
            CliRunner.RunWithStdin(proof.ToJsonString(), "rdf", "canonize", "-")
        );

        Assert.Equal(TestDocuments.OneEdTechFile("obv3p0/proof-canon.txt"), stdout);
    }

    [Fact]
    public void Canonize_NQuadsInput_UsesSha256ByDefault()
    {
        // RDFC-1.0 test020 and test075 share the input; only the hash algorithm differs.
        var path = _files.Write("diamond.nq", TestDocuments.RdfCanonFile("test020-in.nq"));

        var stdout = CliRunner.AssertSuccess(
            CliRunner.Run("rdf", "canonize", "--input", "nquads", path)
        );

        Assert.Equal(TestDocuments.RdfCanonFile("test020-rdfc10.nq"), stdout);
    }

    [Fact]
    public void Canonize_Sha384_MatchesTheSha384Vector()
    {
        var stdout = CliRunner.AssertSuccess(
            CliRunner.RunWithStdin(
                TestDocuments.RdfCanonFile("test075-in.nq"),
                "rdf",
                "canonize",
                "--input",
                "nquads",
                "--hash",
                "sha384",
                "-"
            )
        );

        Assert.Equal(TestDocuments.RdfCanonFile("test075-rdfc10.nq"), stdout);
        Assert.NotEqual(TestDocuments.RdfCanonFile("test020-rdfc10.nq"), stdout);
    }

    [Fact]
    public void Canonize_MalformedNQuads_ExitsTwoWithLineAndColumn()
    {
        const string nquads = """
            <http://example.org/s> <http://example.org/p> "o" .
            <http://example.org/s> <http://example.org/p> .

            """;

        var line = CliRunner.AssertBadInput(
            CliRunner.RunWithStdin(nquads, "rdf", "canonize", "--input", "nquads", "-")
        );

        Assert.Matches("^credstack: line 2, column [0-9]+: ", line);
    }

    [Fact]
    public void Canonize_PoisonGraph_ExitsTwoInsteadOfHanging()
    {
        // RDFC-1.0 test074: a dataset built to make Hash N-Degree Quads explode.
        var path = _files.Write("poison.nq", TestDocuments.RdfCanonFile("test074-in.nq"));

        var line = CliRunner.AssertBadInput(
            CliRunner.Run("rdf", "canonize", "--input", "nquads", path)
        );

        Assert.StartsWith("credstack: canonicalization refused: ", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Canonize_MalformedJson_ExitsTwoWithPosition()
    {
        var line = CliRunner.AssertBadInput(
            CliRunner.RunWithStdin("[1, 2,,]", "rdf", "canonize", "-")
        );

        Assert.StartsWith(
            "credstack: invalid JSON at line 1, column 7: ",
            line,
            StringComparison.Ordinal
        );
    }

    [Fact]
    public void Canonize_UnknownRemoteContext_ExitsTwoWithLoadingRemoteContextFailed()
    {
        var document = new JsonObject
        {
            ["@context"] = "https://example.com/not-bundled/v1",
            ["@id"] = "https://example.com/x",
        };

        var line = CliRunner.AssertBadInput(
            CliRunner.RunWithStdin(document.ToJsonString(), "rdf", "canonize", "-")
        );

        Assert.StartsWith(
            "credstack: loading remote context failed: ",
            line,
            StringComparison.Ordinal
        );
    }

    [Fact]
    public void Canonize_UnknownHash_ExitsTwo()
    {
        var line = CliRunner.AssertBadInput(
            CliRunner.RunWithStdin("", "rdf", "canonize", "--hash", "md5", "-")
        );

        Assert.Contains("'md5'", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Canonize_UnknownInputFormat_ExitsTwo()
    {
        var line = CliRunner.AssertBadInput(
            CliRunner.RunWithStdin("", "rdf", "canonize", "--input", "turtle", "-")
        );

        Assert.Contains("'turtle'", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Canonize_BaseWithNQuadsInput_ExitsTwo()
    {
        var line = CliRunner.AssertBadInput(
            CliRunner.RunWithStdin(
                "",
                "rdf",
                "canonize",
                "--input",
                "nquads",
                "--base",
                "http://example.org/",
                "-"
            )
        );

        Assert.Equal("credstack: --base applies only to --input jsonld", line);
    }

    [Fact]
    public void Canonize_MissingFile_ExitsTwo()
    {
        var path = _files.Missing("nowhere.nq");

        var line = CliRunner.AssertBadInput(
            CliRunner.Run("rdf", "canonize", "--input", "nquads", path)
        );

        Assert.Equal("credstack: file not found: " + path, line);
    }
}
