using System.Text.Json;
using Credstack.Tests.Shared;

namespace Credstack.LinkedData.Tests.Canonicalization;

/// <summary>The W3C RDFC-1.0 test manifest (shared/vectors/rdf-canon/tests/manifest.jsonld).</summary>
internal static class RdfcManifest
{
    private static readonly Lazy<Dictionary<string, RdfcTestEntry>> Entries = new(Load);

    public static string Folder => SharedData.PathOf("vectors", "rdf-canon", "tests");

    public static IReadOnlyDictionary<string, RdfcTestEntry> All => Entries.Value;

    public static RdfcTestEntry Get(string id) => Entries.Value[id];

    public static string ReadFile(string relative) =>
        File.ReadAllText(Path.Combine(Folder, relative));

    private static Dictionary<string, RdfcTestEntry> Load()
    {
        using var doc = JsonDocument.Parse(
            File.ReadAllText(Path.Combine(Folder, "manifest.jsonld"))
        );
        var result = new Dictionary<string, RdfcTestEntry>(StringComparer.Ordinal);
        foreach (var entry in doc.RootElement.GetProperty("entries").EnumerateArray())
        {
            var id = entry.GetProperty("id").GetString()!.TrimStart('#');
            result.Add(
                id,
                new RdfcTestEntry(
                    id,
                    entry.GetProperty("type").GetString()!,
                    entry.GetProperty("action").GetString()!,
                    entry.TryGetProperty("result", out var r) ? r.GetString() : null,
                    entry.TryGetProperty("hashAlgorithm", out var h) ? h.GetString() : null
                )
            );
        }
        return result;
    }
}

/// <summary>One manifest entry.</summary>
internal sealed record RdfcTestEntry(
    string Id,
    string Type,
    string Action,
    string? Result,
    string? HashAlgorithm
);
