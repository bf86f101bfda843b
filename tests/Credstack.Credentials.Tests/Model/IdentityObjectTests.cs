using Credstack.Credentials.Model;

namespace Credstack.Credentials.Tests.Model;

public sealed class IdentityObjectTests
{
    [Fact]
    public void CreateHashedEmail_SpecExample_GivesTheSpecHash()
    {
        // OB 3.0 §B.3 IdentityHash: 'a@example.com' salted with 'Kosher'.
        var identity = IdentityObject.CreateHashedEmail("a@example.com", "Kosher");
        Assert.Equal(
            "sha256$b5809d8a92f8858436d7e6b87c12ebc0ae1eac4baecc2c0b913aee2c922ef399",
            identity.IdentityHash
        );
        Assert.True(identity.Hashed);
        Assert.Equal("emailAddress", identity.IdentityType);
        Assert.Equal("Kosher", identity.Salt);
        Assert.Equal("IdentityObject", Assert.Single(identity.Type!));
    }

    [Fact]
    public void CreateHashedEmail_NoSalt_UsesAFreshRandomSalt()
    {
        var a = IdentityObject.CreateHashedEmail("a@example.com");
        var b = IdentityObject.CreateHashedEmail("a@example.com");
        Assert.Equal(32, a.Salt!.Length);
        Assert.NotEqual(a.Salt, b.Salt);
        Assert.NotEqual(a.IdentityHash, b.IdentityHash);
    }

    [Theory]
    [InlineData("a@example.com", true)]
    [InlineData(" A@Example.COM ", true)]
    [InlineData("b@example.com", false)]
    public void MatchesEmail_HashedIdentity_ComparesByHash(string email, bool expected)
    {
        var identity = IdentityObject.CreateHashedEmail("a@example.com", "Kosher");
        Assert.Equal(expected, identity.MatchesEmail(email));
    }

    [Fact]
    public void MatchesEmail_UppercaseHexAndPlainAndMd5_AreUnderstood()
    {
        var upper = new IdentityObject
        {
            Hashed = true,
            IdentityHash =
                "sha256$B5809D8A92F8858436D7E6B87C12EBC0AE1EAC4BAECC2C0B913AEE2C922EF399",
            Salt = "Kosher",
        };
        Assert.True(upper.MatchesEmail("a@example.com"));

        var plain = new IdentityObject { Hashed = false, IdentityHash = "student@1edtech.edu" };
        Assert.True(plain.MatchesEmail("Student@1EdTech.edu"));

        // md5("a@example.comKosher")
        var md5 = new IdentityObject
        {
            Hashed = true,
            IdentityHash = "md5$" + Md5("a@example.comKosher"),
            Salt = "Kosher",
        };
        Assert.True(md5.MatchesEmail("a@example.com"));
        Assert.False(
            new IdentityObject { Hashed = true, IdentityHash = "sha1$abc" }.MatchesEmail(
                "a@example.com"
            )
        );
    }

#pragma warning disable CA5351 // test oracle for the legacy md5 form
    private static string Md5(string s) =>
        Convert.ToHexStringLower(
            System.Security.Cryptography.MD5.HashData(System.Text.Encoding.UTF8.GetBytes(s))
        );
#pragma warning restore CA5351
}
