using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Credstack.LinkedData.Json;

namespace Credstack.LinkedData.Tests.Json;

public sealed class JcsTests
{
    // RFC 8785 Appendix B: IEEE 754 bit patterns and their canonical serialization.
    public static TheoryData<string, string> AppendixBNumbers =>
        new()
        {
            { "0000000000000000", "0" },
            { "8000000000000000", "0" },
            { "0000000000000001", "5e-324" },
            { "8000000000000001", "-5e-324" },
            { "7fefffffffffffff", "1.7976931348623157e+308" },
            { "ffefffffffffffff", "-1.7976931348623157e+308" },
            { "4340000000000000", "9007199254740992" },
            { "c340000000000000", "-9007199254740992" },
            { "4430000000000000", "295147905179352830000" },
            { "44b52d02c7e14af5", "9.999999999999997e+22" },
            { "44b52d02c7e14af6", "1e+23" },
            { "44b52d02c7e14af7", "1.0000000000000001e+23" },
            { "444b1ae4d6e2ef4e", "999999999999999700000" },
            { "444b1ae4d6e2ef4f", "999999999999999900000" },
            { "444b1ae4d6e2ef50", "1e+21" },
            { "3eb0c6f7a0b5ed8c", "9.999999999999997e-7" },
            { "3eb0c6f7a0b5ed8d", "0.000001" },
            { "41b3de4355555553", "333333333.3333332" },
            { "41b3de4355555554", "333333333.33333325" },
            { "41b3de4355555555", "333333333.3333333" },
            { "41b3de4355555556", "333333333.3333334" },
            { "41b3de4355555557", "333333333.33333343" },
            { "becbf647612f3696", "-0.0000033333333333333333" },
            { "43143ff3c1cb0959", "1424953923781206.2" },
        };

    [Theory]
    [MemberData(nameof(AppendixBNumbers))]
    public void Canonicalize_AppendixBNumber_MatchesRfc(string bits, string expected)
    {
        var value = BitConverter.Int64BitsToDouble(
            long.Parse(bits, NumberStyles.HexNumber, CultureInfo.InvariantCulture)
        );

        Assert.Equal(expected, Jcs.Canonicalize(JsonValue.Create(value)));
        // The same number parsed from its JSON text (a JsonElement-backed node) serializes the same.
        Assert.Equal(
            expected,
            Jcs.Canonicalize(JsonNode.Parse(value.ToString("R", CultureInfo.InvariantCulture)))
        );
    }

    [Theory]
    [InlineData("7fffffffffffffff")]
    [InlineData("7ff0000000000000")]
    [InlineData("fff0000000000000")]
    public void Canonicalize_NaNOrInfinity_Throws(string bits)
    {
        var value = BitConverter.Int64BitsToDouble(
            long.Parse(bits, NumberStyles.HexNumber, CultureInfo.InvariantCulture)
        );

        Assert.Throws<ArgumentException>(() => Jcs.Canonicalize(JsonValue.Create(value)));
    }

    [Fact]
    public void Canonicalize_NumberBeyondDoubleRange_Throws() =>
        Assert.Throws<ArgumentException>(() => Jcs.Canonicalize(JsonNode.Parse("[1e400]")));

    [Fact]
    public void Canonicalize_Rfc8785Sample_MatchesSection323()
    {
        // RFC 8785 §3.2.3 sample input, with its escapes as written in the RFC.
        const string input = """
            {
              "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
              "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
              "literals": [null, true, false]
            }
            """;
        const string expected =
            "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],"
            + "\"string\":\"\u20ac$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}";

        var node = JsonNode.Parse(input);

        Assert.Equal(expected, Jcs.Canonicalize(node));
        Assert.Equal(Encoding.UTF8.GetBytes(expected), Jcs.CanonicalizeToUtf8(node));
    }

    [Fact]
    public void Canonicalize_KeysWithSurrogates_SortByUtf16CodeUnits()
    {
        // RFC 8785 §3.2.3 sorting example: U+1F600 (a surrogate pair D83D DE00) sorts before U+FB33.
        const string input = """
            {
              "\u20ac": "Euro Sign",
              "\r": "Carriage Return",
              "\ufb33": "Hebrew Letter Dalet With Dagesh",
              "1": "One",
              "\ud83d\ude00": "Emoji: Grinning Face",
              "\u0080": "Control",
              "\u00f6": "Latin Small Letter O With Diaeresis"
            }
            """;
        const string expected =
            "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\","
            + "\"\u00f6\":\"Latin Small Letter O With Diaeresis\",\"\u20ac\":\"Euro Sign\","
            + "\"\ud83d\ude00\":\"Emoji: Grinning Face\",\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}";

        Assert.Equal(expected, Jcs.Canonicalize(JsonNode.Parse(input)));
    }

    [Fact]
    public void Canonicalize_ControlCharacters_UseShortOrLowercaseEscapes()
    {
        var node = JsonValue.Create("\b\t\n\f\r\u0001\u001f/é\u007f");

        Assert.Equal("\"\\b\\t\\n\\f\\r\\u0001\\u001f/é\u007f\"", Jcs.Canonicalize(node));
    }

    [Fact]
    public void Canonicalize_NestedStructures_AreCompactAndSorted()
    {
        var node = JsonNode.Parse("""{"b": [1, {"z": 1, "a": [ ]}], "a": {}, "c": -0.0}""");

        Assert.Equal("{\"a\":{},\"b\":[1,{\"a\":[],\"z\":1}],\"c\":0}", Jcs.Canonicalize(node));
    }

    [Fact]
    public void Canonicalize_ClrNumbers_SerializeAsDoubles()
    {
        var node = new JsonArray(
            JsonValue.Create(42),
            JsonValue.Create(10L),
            JsonValue.Create(4.50m),
            JsonValue.Create(1.5f)
        );

        Assert.Equal("[42,10,4.5,1.5]", Jcs.Canonicalize(node));
    }

    [Fact]
    public void Canonicalize_LazilyParsedStringsWithEscapes_MatchTheirMaterializedForm()
    {
        const string input =
            """{"b":"caf\u00e9 \/ \"q\" \ud83d\ude00","a":["plain","tab\there"],"c":{"y":"\u0041","x":1.50}}""";
        var lazy = JsonNode.Parse(input)!;
        // The same values held as CLR strings and doubles instead of JsonElements.
        var materialized = Materialize(lazy);
        const string expected =
            "{\"a\":[\"plain\",\"tab\\there\"],\"b\":\"café / \\\"q\\\" 😀\",\"c\":{\"x\":1.5,\"y\":\"A\"}}";
        Assert.Equal(expected, Jcs.Canonicalize(lazy));
        Assert.Equal(expected, Jcs.Canonicalize(materialized));
        Assert.Equal(
            expected,
            Jcs.Canonicalize(System.Text.Json.JsonDocument.Parse(input).RootElement)
        );
    }

    [Fact]
    public void WriteObjectTo_SortsTheGivenMembersAndRefusesDuplicates()
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        Jcs.WriteObjectTo(
            buffer,
            [new("z", JsonValue.Create(1)), new("a", new JsonArray(true, null))]
        );
        Assert.Equal("{\"a\":[true,null],\"z\":1}", Encoding.UTF8.GetString(buffer.WrittenSpan));
        Assert.Throws<ArgumentException>(() =>
            Jcs.WriteObjectTo(
                new System.Buffers.ArrayBufferWriter<byte>(),
                [new("a", JsonValue.Create(1)), new("a", JsonValue.Create(2))]
            )
        );
    }

    [Fact]
    public void Canonicalize_SortedAndUnsortedMembers_GiveTheSameSortedText()
    {
        // Names that share their first four UTF-16 code units, a name that is a prefix of another, an
        // empty name, and enough members for more than one insertion-sort move.
        string[] names =
        [
            "credentialSubject",
            "credentialSchema",
            "cred",
            "credential",
            "",
            "a",
            "a\u0000",
            "a\u0001",
            "Z",
            "@context",
            "id",
            "type",
            "\u00e9",
            "\ud83d\ude00",
            "\ufb33",
        ];
        var sorted = names.Order(StringComparer.Ordinal).ToArray();
        var expected = JsonNodeText(sorted);

        foreach (var order in new[] { sorted, sorted.Reverse().ToArray(), names })
        {
            var text =
                "{" + string.Join(",", order.Select(n => $"\"{Escape(n)}\":{Index(n)}")) + "}";
            Assert.Equal(expected, Jcs.Canonicalize(JsonNode.Parse(text)));
            // The same object held as CLR values (JsonText builds strings, not JsonElements).
            Assert.Equal(expected, Jcs.Canonicalize(JsonText.Parse(text)));
        }

        string JsonNodeText(string[] ordered) =>
            "{" + string.Join(",", ordered.Select(n => $"\"{Canonical(n)}\":{Index(n)}")) + "}";
        int Index(string name) => Array.IndexOf(names, name);
        static string Escape(string name) =>
            string.Concat(name.Select(c => c < 0x20 ? $"\\u{(int)c:x4}" : c.ToString()));
        static string Canonical(string name) =>
            string.Concat(name.Select(c => c < 0x20 ? $"\\u{(int)c:x4}" : c.ToString()));
    }

    [Fact]
    public void Canonicalize_LoneSurrogateNames_SortByCodeUnitAndWriteReplacementCharacter()
    {
        // U+D800 (lone) < U+D83D U+DE00 (a pair) < U+E000 < U+FFFF in UTF-16 code units; a lone
        // surrogate is written as U+FFFD (EF BF BD), as the UTF-8 encoder writes it.
        var obj = new JsonObject
        {
            ["\uffff"] = 4,
            ["\ue000"] = 3,
            ["\ud83d\ude00"] = 2,
            ["\ud800"] = 1,
        };

        var bytes = Jcs.CanonicalizeToUtf8(obj);

        byte[] expected =
        [
            .. "{\""u8,
            0xEF,
            0xBF,
            0xBD,
            .. "\":1,\""u8,
            0xF0,
            0x9F,
            0x98,
            0x80,
            .. "\":2,\""u8,
            0xEE,
            0x80,
            0x80,
            .. "\":3,\""u8,
            0xEF,
            0xBF,
            0xBF,
            .. "\":4}"u8,
        ];
        Assert.Equal(expected, bytes);
    }

    [Theory]
    [InlineData("\"plain ascii\"", "\"plain ascii\"")]
    [InlineData("\"quote \\\" and backslash \\\\ \"", "\"quote \\\" and backslash \\\\ \"")]
    [InlineData("\"ctl \\u0000 \\u001f \\t\"", "\"ctl \\u0000 \\u001f \\t\"")]
    [InlineData("\"del \u007f and é\"", "\"del \u007f and é\"")]
    [InlineData("\"ascii then é then \\\"\"", "\"ascii then é then \\\"\"")]
    [InlineData("\"\\u00e9 escaped in the input\"", "\"é escaped in the input\"")]
    public void Canonicalize_StringsAsElementsAndAsClrStrings_AreEscapedAlike(
        string json,
        string expected
    )
    {
        Assert.Equal(expected, Jcs.Canonicalize(JsonNode.Parse(json)));
        Assert.Equal(expected, Jcs.Canonicalize(JsonText.Parse(json)));
        Assert.Equal(
            expected,
            Jcs.Canonicalize(JsonValue.Create(JsonNode.Parse(json)!.GetValue<string>()))
        );
        // As a member name too.
        Assert.Equal("{" + expected + ":1}", Jcs.Canonicalize(JsonNode.Parse("{" + json + ":1}")));
    }

    [Theory]
    [InlineData("0", "0")]
    [InlineData("-0", "0")]
    [InlineData("-0.0", "0")]
    [InlineData("7", "7")]
    [InlineData("-7", "-7")]
    [InlineData("100", "100")]
    [InlineData("1E2", "100")]
    [InlineData("1.0", "1")]
    [InlineData("123456789012345", "123456789012345")]
    [InlineData("-123456789012345", "-123456789012345")]
    [InlineData("1234567890123456", "1234567890123456")]
    [InlineData("12345678901234567", "12345678901234568")]
    [InlineData("1000000000000000000000", "1e+21")]
    [InlineData("1e21", "1e+21")]
    [InlineData("999999999999999999999", "1e+21")]
    [InlineData("100000000000000000000", "100000000000000000000")]
    [InlineData("5e-7", "5e-7")]
    [InlineData("0.000001", "0.000001")]
    [InlineData("0.0000001", "1e-7")]
    [InlineData("0.0000015", "0.0000015")]
    [InlineData("0.00000015", "1.5e-7")]
    [InlineData("-0.5", "-0.5")]
    [InlineData("2.5", "2.5")]
    [InlineData("2.50", "2.5")]
    [InlineData("-2.05", "-2.05")]
    [InlineData("123456789.012345", "123456789.012345")]
    [InlineData("1234567890.123456", "1234567890.123456")]
    [InlineData("0.1", "0.1")]
    [InlineData("333333333.33333329", "333333333.3333333")]
    [InlineData("4.5e0", "4.5")]
    [InlineData("10.0", "10")]
    public void Canonicalize_NumbersReadFromText_FollowEcmaScript(string json, string expected)
    {
        Assert.Equal(expected, Jcs.Canonicalize(JsonNode.Parse(json)));
        Assert.Equal("[" + expected + "]", Jcs.Canonicalize(JsonText.Parse("[" + json + "]")));
    }

    [Fact]
    public void IsCanonicalDecimal_AgreesWithTheGeneralFormatter_ForManyDecimals()
    {
        // Every text it accepts must be exactly what the ECMAScript formatter writes for its value.
        var random = new Random(8785);
        var formatted = new char[40];
        var accepted = 0;
        for (var n = 0; n < 20000; n++)
        {
            var integer = random.Next(4) switch
            {
                0 => "0",
                1 => random.Next(1, 10).ToString(CultureInfo.InvariantCulture),
                2 => random.NextInt64(1, 1_000_000_000_000).ToString(CultureInfo.InvariantCulture),
                _ => random.Next(1, 100000).ToString(CultureInfo.InvariantCulture),
            };
            var fraction = new string(
                Enumerable
                    .Range(0, random.Next(0, 12))
                    .Select(_ => (char)('0' + random.Next(10)))
                    .ToArray()
            );
            var text =
                (random.Next(2) == 0 ? "-" : "")
                + integer
                + (fraction.Length > 0 ? "." + fraction : "");
            var utf8 = Encoding.UTF8.GetBytes(text);
            if (!Jcs.IsCanonicalDecimal(utf8))
            {
                continue;
            }
            accepted++;
            var length = Jcs.FormatNumber(
                double.Parse(text, CultureInfo.InvariantCulture),
                formatted
            );
            Assert.Equal(new string(formatted, 0, length), text);
        }
        Assert.True(accepted > 1000);
    }

    [Fact]
    public void HashObjectSha256_WithMemberLeftOutOrReplaced_HashesTheObjectWithoutCopyingIt()
    {
        var document = (JsonObject)
            JsonNode.Parse("""{"z":1,"proof":{"a":1},"@context":["x"],"b":{"y":[1,2],"x":"s"}}""")!;
        var before = document.ToJsonString();
        Span<byte> hash = stackalloc byte[32];

        Jcs.HashObjectSha256(document, "proof", null, null, null, hash);
        var without = (JsonObject)document.DeepClone();
        without.Remove("proof");
        Assert.Equal(
            System.Security.Cryptography.SHA256.HashData(Jcs.CanonicalizeToUtf8(without)),
            hash.ToArray()
        );
        Assert.Equal(
            Jcs.Canonicalize(without),
            Jcs.CanonicalizeObject(document, "proof", null, null, null)
        );

        var context = new JsonArray("y", "z");
        Jcs.HashObjectSha256(document, "proof", "z", "@context", context, hash);
        var replaced = (JsonObject)without.DeepClone();
        replaced.Remove("z");
        replaced["@context"] = context.DeepClone();
        Assert.Equal(
            System.Security.Cryptography.SHA256.HashData(Jcs.CanonicalizeToUtf8(replaced)),
            hash.ToArray()
        );

        // A member set that the object lacks is added.
        Assert.Equal(
            "{\"@context\":[\"y\",\"z\"],\"a\":1}",
            Jcs.CanonicalizeObject(new JsonObject { ["a"] = 1 }, null, null, "@context", context)
        );
        Assert.Equal(before, document.ToJsonString());
    }

    [Fact]
    public void HashObjectSha256_WithAMemo_AlwaysGivesTheHashOfTheObjectItIsGiven()
    {
        // A differential run: each object is hashed with one memo kept across the run and without one.
        // The objects are drawn from few strings so that the memo's keys match often, miss in one member,
        // in the set value or in the member order, and meet members that are not strings.
        var random = new Random(8785);
        string[] names =
        [
            "type",
            "cryptosuite",
            "created",
            "verificationMethod",
            "proofPurpose",
            "@context",
        ];
        string[] strings =
        [
            "DataIntegrityProof",
            "eddsa-jcs-2022",
            "2024-01-01T00:00:00Z",
            "a\"b",
            "é",
            "",
        ];
        JsonNode?[] contexts =
        [
            null,
            new JsonArray("https://www.w3.org/ns/credentials/v2", "x"),
            new JsonArray("https://www.w3.org/ns/credentials/v2", "y"),
            JsonValue.Create("https://www.w3.org/ns/credentials/v2"),
            JsonNode.Parse("""["https://www.w3.org/ns/credentials/v2","x"]"""),
            JsonNode.Parse("""{"b":1,"a":2}"""),
            JsonNode.Parse("""{"a":2,"b":1}"""),
        ];
        var memo = new Jcs.Sha256Memo();
        var withMemo = new byte[32];
        var without = new byte[32];
        var strictlyStrings = 0;
        for (var step = 0; step < 4000; step++)
        {
            var obj = new JsonObject();
            var count = random.Next(0, names.Length + 1);
            foreach (
                var name in names.OrderBy(_ => random.Next(4) == 0 ? random.Next() : 0).Take(count)
            )
            {
                obj[name] = random.Next(12) switch
                {
                    0 => random.Next(3),
                    1 => new JsonArray(strings[random.Next(strings.Length)]),
                    2 => null,
                    // A string made afresh: equal to an earlier one, never the same instance.
                    3 => new string(strings[random.Next(strings.Length)].AsSpan()),
                    _ => strings[random.Next(strings.Length)],
                };
            }
            if (random.Next(200) == 0)
            {
                // Longer than the memo keeps.
                obj["long"] = new string('x', 5000);
            }
            var context = contexts[random.Next(contexts.Length)];
            var (omit, omitToo, setName) = random.Next(4) switch
            {
                0 => ("proofValue", (string?)null, (string?)null),
                1 => ("proofValue", "created", "@context"),
                2 => ("proofValue", "@context", "@context"),
                _ => ("proofValue", null, "@context"),
            };
            var before = obj.ToJsonString();

            Jcs.HashObjectSha256(obj, omit, omitToo, setName, context, withMemo, memo);
            Jcs.HashObjectSha256(obj, omit, omitToo, setName, context, without);

            Assert.True(
                without.AsSpan().SequenceEqual(withMemo),
                $"step {step}: {before} omit {omit}/{omitToo} set {setName}={context?.ToJsonString()}"
            );
            Assert.Equal(before, obj.ToJsonString());
            // The same object again is a hit: its hash is still the right one.
            Jcs.HashObjectSha256(obj, omit, omitToo, setName, context, withMemo, memo);
            Assert.True(without.AsSpan().SequenceEqual(withMemo), $"step {step} again");
            if (
                obj.Where(p => p.Key != omit && p.Key != omitToo && p.Key != setName)
                    .All(p => p.Value is JsonValue v && v.TryGetValue(out string? _))
                && !obj.ContainsKey("long")
            )
            {
                strictlyStrings++;
            }
        }
        // Every object whose members are all strings was found by the member key the second time at least.
        Assert.True(strictlyStrings > 500);
        Assert.True(
            memo.MemberKeyHits >= strictlyStrings,
            $"{memo.MemberKeyHits} < {strictlyStrings}"
        );
    }

    [Fact]
    public void Canonicalize_WideAndDeepObjects_MatchTheirSortedForm()
    {
        // More members than the per-thread stacks start with, nested: the stacks grow while in use.
        var root = new JsonObject();
        var current = root;
        for (var depth = 0; depth < 40; depth++)
        {
            for (var i = 299; i >= 0; i--)
            {
                current[$"m{i:D3}"] = i;
            }
            var child = new JsonObject();
            current["child"] = child;
            current = child;
        }
        var text = Jcs.Canonicalize(root);

        Assert.Equal(text, Jcs.Canonicalize(JsonNode.Parse(text)));
        Assert.StartsWith("{\"child\":{\"child\":", text, StringComparison.Ordinal);
        Assert.Contains("\"m000\":0,\"m001\":1,", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ValueFields_OnThisRuntime_AreReadDirectly() =>
        // The fast path for parsed values (a field read instead of a generic virtual call) is in use;
        // when a runtime changes System.Text.Json's value nodes, TryGetValue is used instead (this test
        // then says so).
        Assert.True(Jcs.ReadsValueFieldsDirectly);

    private static JsonNode? Materialize(JsonNode? node) =>
        node switch
        {
            JsonObject obj => new JsonObject(
                obj.Select(p => KeyValuePair.Create(p.Key, Materialize(p.Value)))
            ),
            JsonArray array => new JsonArray([.. array.Select(Materialize)]),
            JsonValue value when value.GetValueKind() == System.Text.Json.JsonValueKind.String =>
                JsonValue.Create(value.GetValue<string>()),
            JsonValue value => JsonValue.Create(value.GetValue<double>()),
            _ => null,
        };
}
