using System.Text.Json;
using Credstack.Tests.Shared;

namespace Credstack.Credentials.Tests;

/// <summary>The 1EdTech credential samples in ../shared/vectors, addressed by a short id.</summary>
internal static class Samples
{
    public const string ValidatorFolder = "1edtech-validator-samples";

    /// <summary>Every JSON credential sample: validator samples by relative path, 1edtech-ldp walkthrough
    /// credentials as <c>ldp/file.json#member</c>.</summary>
    public static IEnumerable<string> AllIds()
    {
        var root = SharedData.PathOf("vectors", ValidatorFolder);
        var files = Directory
            .GetFiles(root, "*.json", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Where(f => f != "EXPECTED.json")
            .Order(StringComparer.Ordinal)
            .ToList();
        foreach (var file in files)
        {
            yield return file;
        }
        foreach (var ldp in new[] { "ob-eddsa-rdfc-2022.json", "clr-eddsa-rdfc-2022.json" })
        {
            foreach (var member in new[] { "unsignedCredential", "signedCredential" })
            {
                yield return $"ldp/{ldp}#{member}";
            }
        }
    }

    public static byte[] LoadBytes(string id)
    {
        if (id.StartsWith("ldp/", StringComparison.Ordinal))
        {
            var hash = id.IndexOf('#', StringComparison.Ordinal);
            var file = id[4..hash];
            using var doc = JsonDocument.Parse(
                File.ReadAllBytes(SharedData.PathOf("vectors", "1edtech-ldp", file))
            );
            return JsonSerializer.SerializeToUtf8Bytes(
                doc.RootElement.GetProperty(id[(hash + 1)..])
            );
        }
        return File.ReadAllBytes(SharedData.PathOf(["vectors", ValidatorFolder, .. id.Split('/')]));
    }

    public static JsonElement Load(string id)
    {
        using var doc = JsonDocument.Parse(LoadBytes(id));
        return doc.RootElement.Clone();
    }
}
