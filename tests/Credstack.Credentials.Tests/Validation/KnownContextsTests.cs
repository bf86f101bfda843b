using System.Text.Json;
using Credstack.Credentials.Validation;
using Credstack.Tests.Shared;

namespace Credstack.Credentials.Tests.Validation;

public sealed class KnownContextsTests
{
    [Fact]
    public void Allowed_EveryContext_IsBundledInSharedContexts()
    {
        using var doc = JsonDocument.Parse(
            File.ReadAllBytes(SharedData.PathOf("contexts", "index.json"))
        );
        var bundled = doc
            .RootElement.EnumerateArray()
            .Select(e => e.GetProperty("url").GetString()!)
            .ToHashSet(StringComparer.Ordinal);
        Assert.All(KnownContexts.Allowed, url => Assert.Contains(url, bundled));
        Assert.All(
            KnownContexts.TypeTerms.Keys,
            url => Assert.True(KnownContexts.Allowed.Contains(url), url)
        );
    }

    [Fact]
    public void TypeTerms_OpenBadgesContext_DefinesTheOpenBadgesTypes()
    {
        var terms = KnownContexts.TypeTerms[KnownContexts.OpenBadges];
        foreach (
            var t in new[]
            {
                "OpenBadgeCredential",
                "AchievementCredential",
                "Achievement",
                "Profile",
                "IdentityObject",
                "EndorsementCredential",
            }
        )
        {
            Assert.True(terms.Contains(t), t);
        }
    }
}
