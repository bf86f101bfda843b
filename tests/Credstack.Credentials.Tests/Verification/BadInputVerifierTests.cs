using System.Text;
using System.Text.Json.Nodes;
using Credstack.Credentials.Baking;
using Credstack.Credentials.DataIntegrity;
using Credstack.Credentials.Keys;
using Credstack.Credentials.Verification;

namespace Credstack.Credentials.Tests.Verification;

/// <summary>Bad input gives a report, never an exception or a hang.</summary>
public sealed class BadInputVerifierTests
{
    private static string Signed() =>
        TestCredentials
            .Sign(TestCredentials.Unsigned(), DataIntegritySuites.EddsaRdfc2022)
            .ToJsonString();

    private static async Task<VerificationReport> Verify(byte[] input)
    {
        var report = await VerifierSetup.Create().VerifyAsync(input);
        Assert.NotEmpty(report.Checks);
        return report;
    }

    [Fact]
    public async Task TruncatedJson_IsInvalidParse()
    {
        var text = Signed();
        var report = await Verify(Encoding.UTF8.GetBytes(text[..(text.Length / 2)]));
        Assert.Equal(Verdict.Invalid, report.Verdict);
        Assert.Equal(VerificationCodes.ParseMalformed, VerifierSetup.FirstProblem(report));
    }

    [Fact]
    public async Task DuplicateMemberName_IsInvalidParse_NotAnException()
    {
        var text = Signed();
        var duplicated = "{\"type\": [\"VerifiableCredential\"], " + text.TrimStart()[1..];
        var report = await Verify(Encoding.UTF8.GetBytes(duplicated));
        Assert.Equal(Verdict.Invalid, report.Verdict);
        Assert.Equal(VerificationCodes.ParseMalformed, VerifierSetup.FirstProblem(report));
        Assert.Contains(report.Checks, c => c.Message.Contains("'type'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EmptyInput_IsInvalidParse()
    {
        var report = await Verify([]);
        Assert.Equal(VerificationCodes.ParseMalformed, VerifierSetup.FirstProblem(report));
        report = await Verify(Encoding.UTF8.GetBytes("   \n"));
        Assert.Equal(VerificationCodes.ParseMalformed, VerifierSetup.FirstProblem(report));
    }

    [Fact]
    public async Task JwtWithAlgNone_IsInvalid()
    {
        var header = TamperTests.Base64UrlEncode("""{"alg":"none","typ":"JWT"}""");
        var payload = TamperTests.Base64UrlEncode(
            new JsonObject
            {
                ["vc"] = TestCredentials.Unsigned(),
                ["iss"] = TestCredentials.IssuerDid,
            }.ToJsonString()
        );
        var report = await Verify(Encoding.UTF8.GetBytes($"{header}.{payload}."));
        Assert.Equal(Verdict.Invalid, report.Verdict);
    }

    [Fact]
    public async Task KeyNotControlledByIssuer_IsInvalidControllerMismatch()
    {
        using var other = SigningKey.Generate(KeyType.Ed25519);
        var signed = TestCredentials.Sign(
            TestCredentials.Unsigned(),
            DataIntegritySuites.EddsaRdfc2022,
            ProofSigner.ForDidKey(other)
        );
        var report = await Verify(Encoding.UTF8.GetBytes(signed.ToJsonString()));
        Assert.Equal(Verdict.Invalid, report.Verdict);
        Assert.Equal(
            VerificationCodes.IssuerControllerMismatch,
            VerifierSetup.FirstProblem(report)
        );
    }

    [Fact]
    public async Task BakedPngWithBrokenChunk_IsInvalidParse()
    {
        var png = PngBadge
            .Bake(TestCredentials.TinyPng, BakedBadgeKind.OpenBadgeCredential, Signed())
            .Value;
        // Flip a byte inside the iTXt chunk's data: its CRC no longer matches.
        var at = IndexOf(png, "iTXt"u8) + 20;
        png[at] ^= 0x55;
        var report = await Verify(png);
        Assert.Equal(Verdict.Invalid, report.Verdict);
        Assert.Equal(VerificationCodes.ParseMalformed, VerifierSetup.FirstProblem(report));
    }

    [Fact]
    public async Task TruncatedPng_IsInvalidParse()
    {
        var png = PngBadge
            .Bake(TestCredentials.TinyPng, BakedBadgeKind.OpenBadgeCredential, Signed())
            .Value;
        var report = await Verify(png[..(png.Length / 2)]);
        Assert.Equal(Verdict.Invalid, report.Verdict);
    }

    [Fact]
    public async Task HugeInput_IsInvalidParse()
    {
        var huge = new byte[9 * 1024 * 1024];
        huge.AsSpan().Fill((byte)' ');
        huge[0] = (byte)'{';
        var report = await Verify(huge);
        Assert.Equal(VerificationCodes.ParseMalformed, VerifierSetup.FirstProblem(report));
    }

    [Fact]
    public async Task DeeplyNestedJson_IsInvalidParse()
    {
        var report = await Verify(
            Encoding.UTF8.GetBytes(new string('[', 100_000) + new string(']', 100_000))
        );
        Assert.Equal(VerificationCodes.ParseMalformed, VerifierSetup.FirstProblem(report));
        var nested =
            "{\"a\":"
            + string.Concat(Enumerable.Repeat("{\"a\":", 5000))
            + "1"
            + new string('}', 5001);
        report = await Verify(Encoding.UTF8.GetBytes(nested));
        Assert.Equal(Verdict.Invalid, report.Verdict);
    }

    [Fact]
    public async Task NotUtf8_IsInvalidParse()
    {
        var report = await Verify([0xFF, 0xFE, 0x00, 0xC3]);
        Assert.Equal(VerificationCodes.ParseMalformed, VerifierSetup.FirstProblem(report));
    }

    [Fact]
    public async Task JsonThatIsNotACredential_IsInvalid()
    {
        foreach (
            var text in new[]
            {
                "[]",
                "42",
                "\"text\"",
                "null",
                """{"type":"Thing"}""",
                """{"@context":5,"type":["VerifiableCredential"],"proof":7}""",
            }
        )
        {
            var report = await Verify(Encoding.UTF8.GetBytes(text));
            Assert.Equal(Verdict.Invalid, report.Verdict);
        }
    }

    public static TheoryData<string> AllPointers()
    {
        var signed = JsonNode.Parse(Signed())!;
        var data = new TheoryData<string>();
        foreach (var pointer in AllNodePointers(signed, ""))
        {
            data.Add(pointer);
        }
        return data;
    }

    private static IEnumerable<string> AllNodePointers(JsonNode node, string prefix)
    {
        if (prefix.Length > 0)
        {
            yield return prefix;
        }
        var children = node switch
        {
            JsonObject o => o.Select(p => (p.Key, p.Value)).ToList(),
            JsonArray a => a.Select(
                    (v, i) => (i.ToString(System.Globalization.CultureInfo.InvariantCulture), v)
                )
                .ToList(),
            _ => [],
        };
        foreach (var (key, value) in children)
        {
            if (value is not null)
            {
                foreach (var p in AllNodePointers(value, prefix + "/" + key))
                {
                    yield return p;
                }
            }
        }
    }

    /// <summary>Any node of a signed credential replaced by a value of the wrong kind: a report (invalid), never an exception.</summary>
    [Theory]
    [MemberData(nameof(AllPointers))]
    public async Task WrongKindOfValueAnywhere_GivesInvalidReport(string pointer)
    {
        foreach (
            var replacement in new Func<JsonNode?>[]
            {
                () => null,
                () => 5,
                () => new JsonObject(),
                () => new JsonArray(),
                () => "",
                () => true,
            }
        )
        {
            var credential = JsonNode.Parse(Signed())!;
            if (JsonNode.DeepEquals(TestCredentials.Get(credential, pointer), replacement()))
            {
                continue; // not a change
            }
            TestCredentials.Replace(credential, pointer, replacement());
            var report = await VerifierSetup.Create().VerifyAsync(credential.ToJsonString());
            Assert.True(
                report.Verdict != Verdict.Valid,
                $"{replacement()?.ToJsonString() ?? "null"}: {VerifierSetup.Describe(report)}"
            );
        }
    }

    private static int IndexOf(byte[] data, ReadOnlySpan<byte> needle) =>
        data.AsSpan().IndexOf(needle);
}
