using System.Text.Json.Nodes;
using Credstack.LinkedData.JsonLd;
using Credstack.Tests.Shared;

namespace Credstack.LinkedData.Tests.JsonLd;

public sealed class ExpandTests
{
    private static readonly JsonLdOptions Safe = new() { SafeMode = true };

    private static JsonLdException ExpandFails(string json, JsonLdOptions? options = null) =>
        Assert.Throws<JsonLdException>(() => JsonLdProcessor.Expand(JsonNode.Parse(json), options));

    [Fact]
    public void Expand_SafeModeUnmappedProperty_NamesTheProperty()
    {
        const string Json = """
            {"@context": {"name": "http://schema.org/name"}, "name": "x", "nickname": "y"}
            """;
        var e = ExpandFails(Json, Safe);
        Assert.Equal(JsonLdErrorCodes.SafeModeViolation, e.Code);
        Assert.Contains("invalid property", e.Detail, StringComparison.Ordinal);
        Assert.Contains("'nickname'", e.Detail, StringComparison.Ordinal);
        // Without safe mode the property is silently dropped, as the spec says.
        var expanded = JsonLdProcessor.Expand(JsonNode.Parse(Json));
        Assert.Single(expanded[0]!.AsObject());
    }

    [Fact]
    public void Expand_SafeModeRelativeType_NamesTheType()
    {
        var e = ExpandFails("""{"@type": "Person", "http://schema.org/name": "x"}""", Safe);
        Assert.Equal(JsonLdErrorCodes.SafeModeViolation, e.Code);
        Assert.Contains("relative @type reference", e.Detail, StringComparison.Ordinal);
        Assert.Contains("'Person'", e.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Expand_SafeModeRelativeId_NamesTheId()
    {
        var e = ExpandFails("""{"@id": "people/alice", "http://schema.org/name": "x"}""", Safe);
        Assert.Equal(JsonLdErrorCodes.SafeModeViolation, e.Code);
        Assert.Contains("relative @id reference", e.Detail, StringComparison.Ordinal);
        Assert.Contains("'people/alice'", e.Detail, StringComparison.Ordinal);
        // With a base IRI the reference resolves and safe mode is satisfied.
        var expanded = JsonLdProcessor.Expand(
            JsonNode.Parse("""{"@id": "people/alice", "http://schema.org/name": "x"}"""),
            Safe with
            {
                Base = "https://example.org/a/b",
            }
        );
        Assert.Equal("https://example.org/a/people/alice", (string?)expanded[0]!["@id"]);
    }

    [Fact]
    public void Expand_SafeModeRelativeIdValue_NamesTheProperty()
    {
        const string Json = """
            {"@context": {"knows": {"@id": "http://xmlns.com/foaf/0.1/knows", "@type": "@id"}}, "knows": "bob"}
            """;
        var e = ExpandFails(Json, Safe);
        Assert.Equal(JsonLdErrorCodes.SafeModeViolation, e.Code);
        Assert.Contains("'knows'", e.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Expand_SafeModeRelativeVocab_Throws()
    {
        var e = ExpandFails("""{"@context": {"@vocab": "terms/"}, "name": "x"}""", Safe);
        Assert.Equal(JsonLdErrorCodes.SafeModeViolation, e.Code);
        Assert.Contains("relative @vocab reference", e.Detail, StringComparison.Ordinal);
        Assert.Contains("'terms/'", e.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Expand_SafeModeFreeFloatingValue_Throws()
    {
        var e = ExpandFails("""{"@graph": [{"@value": "floating"}, "scalar"]}""", Safe);
        Assert.Equal(JsonLdErrorCodes.SafeModeViolation, e.Code);
        Assert.Empty(
            JsonLdProcessor.Expand(
                JsonNode.Parse("""{"@graph": [{"@value": "floating"}, "scalar"]}""")
            )
        );
    }

    [Fact]
    public void Expand_SafeModeEmptyObject_Throws()
    {
        var e = ExpandFails("""{"@context": {"@vocab": "http://example.org/"}}""", Safe);
        Assert.Equal(JsonLdErrorCodes.SafeModeViolation, e.Code);
        Assert.Contains("empty object", e.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Expand_SafeModeReservedTerm_NamesTheTerm()
    {
        var e = ExpandFails(
            """{"@context": {"@custom": "http://example.org/custom"}, "http://example.org/p": "x"}""",
            Safe
        );
        Assert.Equal(JsonLdErrorCodes.SafeModeViolation, e.Code);
        Assert.Contains("reserved term", e.Detail, StringComparison.Ordinal);
        Assert.Contains("'@custom'", e.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Expand_SafeModeOpenBadgeCredential_Succeeds()
    {
        var expanded = JsonLdProcessor.Expand(LoadCredential(), Safe);
        Assert.Single(expanded);
    }

    [Fact]
    public void Expand_DeeplyNestedArrays_ThrowsDepthLimitExceeded()
    {
        JsonNode node = new JsonArray();
        for (var i = 0; i < 100_000; i++)
        {
            node = new JsonArray(node);
        }
        var input = new JsonObject { ["http://example.org/p"] = node };
        var e = Assert.Throws<JsonLdException>(() => JsonLdProcessor.Expand(input));
        Assert.Equal(JsonLdErrorCodes.DepthLimitExceeded, e.Code);
    }

    [Fact]
    public void Expand_DeeplyNestedObjects_ThrowsDepthLimitExceeded()
    {
        // Built from the inside out: attaching below a deep chain walks its ancestors.
        var node = new JsonObject();
        for (var i = 0; i < 100_000; i++)
        {
            node = new JsonObject { ["http://example.org/p"] = node };
        }
        var e = Assert.Throws<JsonLdException>(() => JsonLdProcessor.Expand(node));
        Assert.Equal(JsonLdErrorCodes.DepthLimitExceeded, e.Code);
    }

    [Fact]
    public void Expand_DeeplyNestedInlineContext_ThrowsDepthLimitExceeded()
    {
        var context = new JsonObject();
        for (var i = 0; i < 100_000; i++)
        {
            context = new JsonObject
            {
                ["t"] = new JsonObject { ["@id"] = "http://example.org/t", ["@context"] = context },
            };
        }
        var input = new JsonObject { ["@context"] = context, ["t"] = "x" };
        var e = Assert.Throws<JsonLdException>(() => JsonLdProcessor.Expand(input));
        Assert.Equal(JsonLdErrorCodes.DepthLimitExceeded, e.Code);
    }

    [Fact]
    public void Expand_CyclicRemoteContexts_ThrowsRecursiveContextInclusion()
    {
        var loader = new InMemoryDocumentLoader(
            new()
            {
                ["https://example.org/a"] = """{"@context": ["https://example.org/b"]}""",
                ["https://example.org/b"] = """{"@context": "https://example.org/a"}""",
            }
        );
        var e = ExpandFails(
            """{"@context": "https://example.org/a", "http://example.org/p": 1}""",
            new JsonLdOptions { DocumentLoader = loader }
        );
        Assert.Equal(JsonLdErrorCodes.RecursiveContextInclusion, e.Code);
    }

    [Fact]
    public void Expand_ContextUrlArrays_AreCachedPerListOfUrls()
    {
        // Same lengths and the same last characters (the cache key's hash is equal): only the URLs
        // themselves, and their order, tell these lists apart.
        var loader = new InMemoryDocumentLoader(
            new()
            {
                ["https://example.org/a/v1"] =
                    """{"@context": {"name": "https://a.example/name"}}""",
                ["https://example.org/b/v1"] =
                    """{"@context": {"name": "https://b.example/name"}}""",
            }
        );
        var options = new JsonLdOptions { DocumentLoader = loader };
        string NameIri(string contexts) =>
            JsonLdProcessor.Expand(
                JsonNode.Parse($$"""{"@context": {{contexts}}, "name": "x"}"""),
                options
            )[0]!
                .AsObject()
                .Single()
                .Key;

        Assert.Equal("https://a.example/name", NameIri("""["https://example.org/a/v1"]"""));
        Assert.Equal("https://b.example/name", NameIri("""["https://example.org/b/v1"]"""));
        // The later context's definition wins (JSON-LD 1.1 API §4.1.2 step 5).
        Assert.Equal(
            "https://b.example/name",
            NameIri("""["https://example.org/a/v1", "https://example.org/b/v1"]""")
        );
        Assert.Equal(
            "https://a.example/name",
            NameIri("""["https://example.org/b/v1", "https://example.org/a/v1"]""")
        );
        // A lone URL string is its own key, distinct from the one-item list.
        Assert.Equal("https://a.example/name", NameIri("\"https://example.org/a/v1\""));
    }

    [Fact]
    public void Expand_TooManyNestedRemoteContexts_ThrowsContextOverflow()
    {
        var documents = new Dictionary<string, string>();
        for (var i = 0; i < 10; i++)
        {
            documents[$"https://example.org/{i}"] =
                $$"""{"@context": "https://example.org/{{i + 1}}"}""";
        }
        documents["https://example.org/10"] = """{"@context": {}}""";
        var e = ExpandFails(
            """{"@context": "https://example.org/0", "http://example.org/p": 1}""",
            new JsonLdOptions
            {
                DocumentLoader = new InMemoryDocumentLoader(documents),
                MaxRemoteContexts = 5,
            }
        );
        Assert.Equal(JsonLdErrorCodes.ContextOverflow, e.Code);
    }

    [Fact]
    public void Expand_CyclicTermDefinitions_ThrowsCyclicIriMapping()
    {
        var e = ExpandFails("""{"@context": {"a": "b:x", "b": "a:y"}, "a": 1}""");
        Assert.Equal(JsonLdErrorCodes.CyclicIriMapping, e.Code);
    }

    [Fact]
    public void Expand_ProtectedTermRedefinition_Throws()
    {
        const string Json = """
            {
              "@context": [
                {"@protected": true, "name": "http://schema.org/name"},
                {"name": "http://example.org/name"}
              ],
              "name": "x"
            }
            """;
        var e = ExpandFails(Json);
        Assert.Equal(JsonLdErrorCodes.ProtectedTermRedefinition, e.Code);
        Assert.Contains("'name'", e.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Expand_UnknownRemoteContextWithBundledLoader_ThrowsLoadingRemoteContextFailed()
    {
        var e = ExpandFails(
            """{"@context": "https://example.org/not-bundled.jsonld", "name": "x"}"""
        );
        Assert.Equal(JsonLdErrorCodes.LoadingRemoteContextFailed, e.Code);
    }

    [Fact]
    public void Expand_SameContextTwice_LoadsTheRemoteContextOnce()
    {
        var loader = new InMemoryDocumentLoader(
            new()
            {
                ["https://example.org/ctx"] = """
                {"@context": {"@vocab": "http://example.org/vocab#", "knows": {"@type": "@id"}}}
                """,
            }
        );
        var options = new JsonLdOptions { DocumentLoader = loader, Base = "https://example.org/" };
        const string Json = """
            {"@context": "https://example.org/ctx", "@id": "alice", "knows": "bob", "name": "Alice"}
            """;
        var first = JsonLdProcessor.Expand(JsonNode.Parse(Json), options);
        var second = JsonLdProcessor.Expand(JsonNode.Parse(Json), options);
        Assert.True(JsonNode.DeepEquals(first, second));
        Assert.Equal(1, loader.Loads);
        Assert.Equal(
            "https://example.org/bob",
            (string?)second[0]!["http://example.org/vocab#knows"]![0]!["@id"]
        );
    }

    [Fact]
    public void Expand_ConcurrentCallsWithSharedCaches_AgreeWithEachOther()
    {
        var expected = JsonLdProcessor.Expand(LoadCredential()).ToJsonString();
        var results = new string[64];
        Parallel.For(
            0,
            results.Length,
            i => results[i] = JsonLdProcessor.Expand(LoadCredential()).ToJsonString()
        );
        Assert.All(results, r => Assert.Equal(expected, r));
    }

    [Fact]
    public void Expand_InputIsNotModified()
    {
        var input = LoadCredential();
        var before = input.ToJsonString();
        var expanded = JsonLdProcessor.Expand(input);
        Assert.Equal(before, input.ToJsonString());
        Assert.Null(expanded.Parent);
    }

    [Fact]
    public void Expand_OpenBadgeCredential_ExpandsToVocabularyIris()
    {
        var expanded = JsonLdProcessor.Expand(LoadCredential());
        var credential = Assert.IsType<JsonObject>(Assert.Single(expanded));
        Assert.Equal("http://example.com/credentials/3527", (string?)credential["@id"]);
        var types = credential["@type"]!.AsArray();
        Assert.Contains(
            types,
            t => (string?)t == "https://www.w3.org/2018/credentials#VerifiableCredential"
        );
        Assert.Contains(
            types,
            t =>
                (string?)t == "https://purl.imsglobal.org/spec/vc/ob/vocab.html#OpenBadgeCredential"
        );
        Assert.Equal(
            "https://example.edu/issuers/565049",
            (string?)credential["https://www.w3.org/2018/credentials#issuer"]![0]!["@id"]
        );
        var validFrom = credential["https://www.w3.org/2018/credentials#validFrom"]![0]!;
        Assert.Equal("http://www.w3.org/2001/XMLSchema#dateTime", (string?)validFrom["@type"]);
        var subject = credential["https://www.w3.org/2018/credentials#credentialSubject"]![0]!;
        var achievement = subject["https://purl.imsglobal.org/spec/vc/ob/vocab.html#achievement"]![
            0
        ]!;
        Assert.Equal(
            "https://purl.imsglobal.org/spec/vc/ob/vocab.html#Achievement",
            (string?)achievement["@type"]![0]
        );
        var criteria = achievement["https://purl.imsglobal.org/spec/vc/ob/vocab.html#Criteria"]![
            0
        ]!;
        Assert.NotNull(criteria["https://purl.imsglobal.org/spec/vc/ob/vocab.html#narrative"]);
    }

    internal static JsonNode LoadCredential()
    {
        var path = SharedData.PathOf("vectors", "1edtech-ldp", "ob-eddsa-rdfc-2022.json");
        var vector = JsonNode.Parse(File.ReadAllText(path))!;
        return vector["unsignedCredential"]!.DeepClone();
    }
}
