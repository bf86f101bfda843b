using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Credstack.LinkedData.Json;

namespace Credstack.LinkedData.Tests.Json;

public sealed class JsonTextTests
{
    public static TheoryData<string> ValidTexts() =>
        new()
        {
            "null",
            "true",
            " 12.50e3 ",
            "\"a\\u00e9\\n\"",
            "[]",
            "{}",
            """{"a":[1,-0,1.0,1e400,12345678901234567890,"x",true,false,null,{"b":{}}],"c":"\ud83d\ude00"}""",
            """[[[]],{"k":[{"l":null}]}]""",
        };

    [Theory]
    [MemberData(nameof(ValidTexts))]
    public void Parse_ValidText_EqualsJsonNodeParse(string json)
    {
        var expected = JsonNode.Parse(json);

        var actual = JsonText.Parse(json);

        Assert.True(JsonNode.DeepEquals(expected, actual));
        Assert.Equal(expected?.ToJsonString(), actual?.ToJsonString());
        Assert.Equal(expected?.GetValueKind(), actual?.GetValueKind());
    }

    [Fact]
    public void Parse_Utf8Bytes_EqualsParseOfString()
    {
        const string Json = """{"name":"Zoë","n":[1,2.5]}""";

        var fromBytes = JsonText.Parse(Encoding.UTF8.GetBytes(Json));

        Assert.Equal(JsonText.Parse(Json)!.ToJsonString(), fromBytes!.ToJsonString());
    }

    [Fact]
    public void Parse_Number_KeepsItsText()
    {
        var node = JsonText.Parse("[1.0, 12345678901234567890]")!.AsArray();

        Assert.Equal("1.0", node[0]!.ToJsonString());
        Assert.Equal("12345678901234567890", node[1]!.ToJsonString());
    }

    public static TheoryData<string> InvalidTexts() =>
        new()
        {
            "",
            "   ",
            "{",
            "[1,]",
            "{\"a\":1,}",
            "{\"a\" 1}",
            "[1] 2",
            "tru",
            "\"a",
            "// c\n1",
            "{'a':1}",
        };

    [Theory]
    [MemberData(nameof(InvalidTexts))]
    public void Parse_InvalidText_ThrowsAtTheSamePositionAsJsonNodeParse(string json)
    {
        var expected = Assert.ThrowsAny<JsonException>(() => JsonNode.Parse(json));

        var actual = Assert.ThrowsAny<JsonException>(() => JsonText.Parse(json));

        Assert.Equal(expected.LineNumber, actual.LineNumber);
        Assert.Equal(expected.BytePositionInLine, actual.BytePositionInLine);
    }

    [Fact]
    public void Parse_BeyondMaxDepth_Throws()
    {
        var options = new JsonDocumentOptions { MaxDepth = 3 };

        Assert.NotNull(JsonText.Parse("[[[1]]]", options));
        Assert.ThrowsAny<JsonException>(() => JsonText.Parse("[[[[1]]]]", options));
    }

    [Fact]
    public void Parse_CommentsAndTrailingCommas_FollowTheOptions()
    {
        var options = new JsonDocumentOptions
        {
            CommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
        };

        var node = JsonText.Parse("/* c */ {\"a\": [1, 2,], // d\n}", options);

        Assert.Equal("""{"a":[1,2]}""", node!.ToJsonString());
    }

    [Fact]
    public void Parse_DuplicateMemberName_IsAJsonExceptionAtTheSecondName()
    {
        var e = Assert.Throws<JsonException>(() =>
            JsonText.Parse("{\"a\":1,\n  \"b\":{\"a\":2,\"a\":3}}")
        );
        Assert.Contains("'a'", e.Message, StringComparison.Ordinal);
        Assert.Equal(1, e.LineNumber);
        Assert.Equal(13, e.BytePositionInLine);
        Assert.Equal("$.b.a", e.Path);
    }

    [Fact]
    public void Parse_DuplicateMemberNameInAnArray_PathHasTheIndex()
    {
        var e = Assert.Throws<JsonException>(() =>
            JsonText.Parse("""{"x y":[{}, {"a":1,"a":2}]}""")
        );
        Assert.Equal("$['x y'][1].a", e.Path);
    }

    [Fact]
    public void ObjectConverter_ReadsEagerly_AndRefusesDuplicatesWithTheirPath()
    {
        var options = new JsonSerializerOptions { Converters = { JsonText.ObjectConverter } };
        var read = JsonSerializer.Deserialize<JsonObject>("""{"a":[1,{"b":2.50}]}""", options)!;
        Assert.Equal("""{"a":[1,{"b":2.50}]}""", read.ToJsonString());
        var e = Assert.Throws<JsonException>(() =>
            JsonSerializer.Deserialize<JsonObject>("""{"a":{"b":1,"b":2}}""", options)
        );
        Assert.Equal("$.a.b", e.Path);
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<JsonObject>("[1]", options));
    }
}
