using System.Text.Json;
using Credstack.LinkedData.Canonicalization;
using Credstack.LinkedData.Rdf;

namespace Credstack.LinkedData.Tests.Canonicalization;

/// <summary>The W3C RDFC-1.0 test suite, one test case per manifest entry.</summary>
public sealed class RdfcConformanceTests
{
    public static TheoryData<string> EntryIds()
    {
        var data = new TheoryData<string>();
        foreach (var id in RdfcManifest.All.Keys)
        {
            data.Add(id);
        }
        return data;
    }

    [Fact]
    public void Manifest_HasAllEntries()
    {
        var all = RdfcManifest.All.Values.ToList();
        Assert.Equal(86, all.Count);
        Assert.Equal(64, all.Count(e => e.Type == "rdfc:RDFC10EvalTest"));
        Assert.Equal(21, all.Count(e => e.Type == "rdfc:RDFC10MapTest"));
        Assert.Equal(1, all.Count(e => e.Type == "rdfc:RDFC10NegativeEvalTest"));
    }

    [Theory]
    [MemberData(nameof(EntryIds))]
    public void Canonicalize_ManifestEntry_MatchesExpectedResult(string id)
    {
        var entry = RdfcManifest.Get(id);
        var input = NQuads.Parse(RdfcManifest.ReadFile(entry.Action));
        var options = new RdfcOptions
        {
            HashAlgorithm = entry.HashAlgorithm switch
            {
                null or "SHA256" => RdfcHashAlgorithm.Sha256,
                "SHA384" => RdfcHashAlgorithm.Sha384,
                _ => throw new InvalidOperationException(
                    "unknown hash algorithm " + entry.HashAlgorithm
                ),
            },
        };

        switch (entry.Type)
        {
            case "rdfc:RDFC10EvalTest":
            {
                var expected = RdfcManifest.ReadFile(entry.Result!);
                var result = RdfCanonicalizer.Canonicalize(input, options);
                Assert.Equal(expected, result.NQuads);
                // The quads carry the same canonical form as the text.
                Assert.Equal(expected, NQuads.Serialize(result.Quads));
                // The N-Quads-only path and the SHA-256 path give the same text and its hash.
                Assert.Equal(expected, RdfCanonicalizer.ToCanonicalNQuads(input, options));
                if (options.HashAlgorithm == RdfcHashAlgorithm.Sha256)
                {
                    var hash = new byte[32];
                    RdfCanonicalizer.CanonicalSha256(input, hash, options);
                    Assert.Equal(
                        System.Security.Cryptography.SHA256.HashData(
                            System.Text.Encoding.UTF8.GetBytes(expected)
                        ),
                        hash
                    );
                }
                break;
            }
            case "rdfc:RDFC10MapTest":
            {
                using var doc = JsonDocument.Parse(RdfcManifest.ReadFile(entry.Result!));
                var expected = new SortedDictionary<string, string>(StringComparer.Ordinal);
                foreach (var property in doc.RootElement.EnumerateObject())
                {
                    expected.Add(property.Name, property.Value.GetString()!);
                }
                var result = RdfCanonicalizer.Canonicalize(input, options);
                var actual = new SortedDictionary<string, string>(
                    result.IssuedIdentifiers.ToDictionary(),
                    StringComparer.Ordinal
                );
                Assert.Equal(expected, actual);
                break;
            }
            case "rdfc:RDFC10NegativeEvalTest":
                Assert.Throws<RdfCanonicalizationException>(() =>
                    RdfCanonicalizer.Canonicalize(input, options)
                );
                break;
            default:
                Assert.Fail("unknown test type " + entry.Type);
                break;
        }
    }
}
