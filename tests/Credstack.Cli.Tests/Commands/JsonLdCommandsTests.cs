using System.Text.Json.Nodes;

namespace Credstack.Cli.Tests.Commands;

public sealed class JsonLdCommandsTests : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Expand_SmallDocument_WritesExpandedJson()
    {
        var path = _files.Write("small.jsonld", TestDocuments.Small);

        var stdout = CliRunner.AssertSuccess(CliRunner.Run("jsonld", "expand", path));

        AssertJsonEqual(TestDocuments.SmallExpanded, stdout);
        Assert.Contains("\n  ", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Expand_CompactOutput_WritesOneLine()
    {
        var path = _files.Write("small.jsonld", TestDocuments.Small);

        var stdout = CliRunner.AssertSuccess(
            CliRunner.Run("jsonld", "expand", "--compact-output", path)
        );

        AssertJsonEqual(TestDocuments.SmallExpanded, stdout);
        Assert.Equal(stdout.Length - 1, stdout.IndexOf('\n', StringComparison.Ordinal));
    }

    [Fact]
    public void Expand_Stdin_ReadsStandardInput()
    {
        var stdout = CliRunner.AssertSuccess(
            CliRunner.RunWithStdin(TestDocuments.Small, "jsonld", "expand", "-")
        );

        AssertJsonEqual(TestDocuments.SmallExpanded, stdout);
    }

    [Fact]
    public void Expand_Base_ResolvesRelativeIdentifiers()
    {
        const string document = """
            { "@context": { "name": "http://schema.org/name" }, "@id": "alice", "name": "Alice" }
            """;

        var stdout = CliRunner.AssertSuccess(
            CliRunner.RunWithStdin(
                document,
                "jsonld",
                "expand",
                "--base",
                "http://example.org/people/",
                "-"
            )
        );

        AssertJsonEqual(
            """[ { "@id": "http://example.org/people/alice", "http://schema.org/name": [ { "@value": "Alice" } ] } ]""",
            stdout
        );
    }

    [Fact]
    public void Expand_RelativeBase_ExitsTwo()
    {
        var line = CliRunner.AssertBadInput(
            CliRunner.RunWithStdin(TestDocuments.Small, "jsonld", "expand", "--base", "/tmp", "-")
        );

        Assert.Equal("credstack: --base must be an absolute IRI: /tmp", line);
    }

    [Fact]
    public void Expand_Ob3Credential_UsesBundledContexts()
    {
        var credential = TestDocuments.OneEdTechVector()["unsignedCredential"]!.ToJsonString();

        var stdout = CliRunner.AssertSuccess(
            CliRunner.RunWithStdin(credential, "jsonld", "expand", "-")
        );

        var expanded = Assert.Single(JsonNode.Parse(stdout)!.AsArray())!.AsObject();
        Assert.Equal("http://example.com/credentials/3527", (string?)expanded["@id"]);
        Assert.Contains(
            "https://purl.imsglobal.org/spec/vc/ob/vocab.html#OpenBadgeCredential",
            expanded["@type"]!.AsArray().Select(t => (string?)t)
        );
        Assert.True(expanded.ContainsKey("https://www.w3.org/2018/credentials#credentialSubject"));
    }

    [Fact]
    public void ToRdf_SmallDocument_WritesNQuads()
    {
        var path = _files.Write("small.jsonld", TestDocuments.Small);

        var stdout = CliRunner.AssertSuccess(CliRunner.Run("jsonld", "to-rdf", path));

        Assert.EndsWith(" .\n", stdout, StringComparison.Ordinal);
        Assert.Equal(
            TestDocuments.NormalizedLines(TestDocuments.SmallCanonical),
            TestDocuments.NormalizedLines(stdout)
        );
    }

    [Fact]
    public void ToRdf_Ob3Credential_WritesTheStatementsOfTheCanonicalDocument()
    {
        var credential = TestDocuments.OneEdTechVector()["unsignedCredential"]!.ToJsonString();

        var stdout = CliRunner.AssertSuccess(
            CliRunner.RunWithStdin(credential, "jsonld", "to-rdf", "-")
        );

        Assert.Equal(
            TestDocuments.NormalizedLines(TestDocuments.OneEdTechFile("obv3p0/document-canon.txt")),
            TestDocuments.NormalizedLines(stdout)
        );
    }

    [Theory]
    [InlineData("expand")]
    [InlineData("to-rdf")]
    public void MalformedJson_ExitsTwoWithPosition(string command)
    {
        var path = _files.Write("broken.json", "{\n  \"a\": 1,\n  \"b\": }\n");

        var line = CliRunner.AssertBadInput(CliRunner.Run("jsonld", command, path));

        Assert.StartsWith(
            "credstack: invalid JSON at line 3, column 8: ",
            line,
            StringComparison.Ordinal
        );
    }

    private const string DuplicateMember =
        "{\"@context\": {\"@vocab\": \"http://example.org/\"},\n  \"a\": 1, \"a\": 2}";

    [Theory]
    [InlineData("jsonld", "expand")]
    [InlineData("jsonld", "to-rdf")]
    [InlineData("rdf", "canonize")]
    public void DuplicateMemberName_ExitsTwoWithPosition(string group, string command)
    {
        // A name used twice in one object is read differently by different parsers: refused, never an
        // internal error (it was exit 70 when the lazily read object was first touched).
        var path = _files.Write("dup.json", DuplicateMember);

        var line = CliRunner.AssertBadInput(CliRunner.Run(group, command, path));

        Assert.StartsWith(
            "credstack: invalid JSON at line 2, column 11: ",
            line,
            StringComparison.Ordinal
        );
        Assert.Contains("'a'", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_DuplicateMemberName_IsAParseFailureReport()
    {
        var path = _files.Write("dup.json", DuplicateMember);

        var result = CliRunner.Run("verify", path, "--offline");

        Assert.Equal(ExitCodes.VerificationFailed, result.ExitCode);
        Assert.Contains("parse.malformed", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("'a'", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Expand_EmptyInput_ExitsTwoWithPosition()
    {
        var line = CliRunner.AssertBadInput(CliRunner.RunWithStdin("", "jsonld", "expand", "-"));

        Assert.StartsWith(
            "credstack: invalid JSON at line 1, column 1: ",
            line,
            StringComparison.Ordinal
        );
    }

    [Fact]
    public void Expand_NestingBeyondTheLimit_ExitsTwoWithPosition()
    {
        var document = new string('[', 200) + new string(']', 200);

        var line = CliRunner.AssertBadInput(
            CliRunner.RunWithStdin(document, "jsonld", "expand", "-")
        );

        Assert.StartsWith(
            "credstack: invalid JSON at line 1, column ",
            line,
            StringComparison.Ordinal
        );
        Assert.Contains("depth", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("expand")]
    [InlineData("to-rdf")]
    public void UnknownRemoteContext_ExitsTwoWithLoadingRemoteContextFailed(string command)
    {
        const string document = """
            { "@context": "https://example.com/not-bundled/context.jsonld", "name": "x" }
            """;

        var line = CliRunner.AssertBadInput(
            CliRunner.RunWithStdin(document, "jsonld", command, "-")
        );

        Assert.StartsWith(
            "credstack: loading remote context failed: ",
            line,
            StringComparison.Ordinal
        );
    }

    [Fact]
    public void ProtectedTermRedefinition_ExitsTwoWithTheErrorCode()
    {
        // VCDM 2.0 §B.1: the base context protects its terms; redefining one must fail.
        const string document = """
            {
              "@context": [
                "https://www.w3.org/ns/credentials/v2",
                { "VerifiableCredential": "https://example.org/NotAVerifiableCredential" }
              ],
              "type": "VerifiableCredential"
            }
            """;

        var line = CliRunner.AssertBadInput(
            CliRunner.RunWithStdin(document, "jsonld", "expand", "-")
        );

        Assert.StartsWith(
            "credstack: protected term redefinition: ",
            line,
            StringComparison.Ordinal
        );
    }

    [Fact]
    public void Expand_MissingFile_ExitsTwo()
    {
        var path = _files.Missing("nowhere.jsonld");

        var line = CliRunner.AssertBadInput(CliRunner.Run("jsonld", "expand", path));

        Assert.Equal("credstack: file not found: " + path, line);
    }

    private static void AssertJsonEqual(string expected, string actual)
    {
        var expectedNode = JsonNode.Parse(expected);
        var actualNode = JsonNode.Parse(actual);
        Assert.True(
            JsonNode.DeepEquals(expectedNode, actualNode),
            $"expected {expectedNode?.ToJsonString()}\nactual   {actualNode?.ToJsonString()}"
        );
    }
}
