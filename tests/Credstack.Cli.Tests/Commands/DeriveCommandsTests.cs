using System.Text.Json.Nodes;

namespace Credstack.Cli.Tests.Commands;

/// <summary><c>sign --suite ecdsa-sd-2023 --mandatory</c> and <c>derive --disclose</c> (VC DI ECDSA 1.0 §3.6).</summary>
public sealed class DeriveCommandsTests : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    private (string Key, string Issuer) P256Key()
    {
        var (key, _) = CredentialFixtures.Keygen(_files, "p256.json", "p256", "key");
        return (key, CredentialFixtures.ControllerOf(key));
    }

    private string SignBase(string key, string issuer, params string[] mandatory)
    {
        var unsigned = _files.Write(
            "unsigned.json",
            CredentialFixtures.Credential(issuer).ToJsonString()
        );
        string[] args = ["sign", unsigned, "--key", key, "--suite", "ecdsa-sd-2023"];
        foreach (var pointer in mandatory)
        {
            args = [.. args, "--mandatory", pointer];
        }
        return _files.Write("base.json", CliRunner.AssertSuccess(CliRunner.Run(args)));
    }

    [Fact]
    public void SignWithMandatory_Derive_VerifyOffline_IsValid()
    {
        var (key, issuer) = P256Key();
        var secured = SignBase(key, issuer, "/issuer", "/validFrom", "/name");
        var proof = JsonNode.Parse(File.ReadAllText(secured))!["proof"]!;
        Assert.Equal("ecdsa-sd-2023", (string?)proof["cryptosuite"]);
        Assert.StartsWith("u2V0A", (string?)proof["proofValue"], StringComparison.Ordinal);

        var stdout = CliRunner.AssertSuccess(
            CliRunner.Run("derive", secured, "--disclose", "/credentialSubject/achievement")
        );
        var derived = JsonNode.Parse(stdout)!;
        Assert.Equal("Teamwork", (string?)derived["credentialSubject"]!["achievement"]!["name"]);
        Assert.StartsWith(
            "u2V0B",
            (string?)derived["proof"]!["proofValue"],
            StringComparison.Ordinal
        );
        var path = _files.Write("derived.json", stdout);

        var result = CliRunner.Run("verify", path, "--offline");

        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        Assert.StartsWith("VALID (json-ld)\n", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("✗", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Derive_WithoutDisclose_KeepsOnlyTheMandatoryPart()
    {
        var (key, issuer) = P256Key();
        var secured = SignBase(key, issuer, "/issuer");

        var derived = JsonNode.Parse(CliRunner.AssertSuccess(CliRunner.Run("derive", secured)))!;

        Assert.NotNull(derived["issuer"]);
        Assert.Null(derived["credentialSubject"]);
        Assert.Null(derived["name"]);
    }

    [Fact]
    public void Verify_TheBaseProof_IsNotValid()
    {
        var (key, issuer) = P256Key();
        var secured = SignBase(key, issuer, "/issuer");

        var result = CliRunner.Run("verify", secured, "--offline");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("base proof", result.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/credentialSubject/nothing")]
    [InlineData("credentialSubject")]
    public void Sign_MandatoryPointerThatSelectsNothing_ExitsTwoNamingIt(string pointer)
    {
        var (key, issuer) = P256Key();
        var unsigned = _files.Write(
            "unsigned.json",
            CredentialFixtures.Credential(issuer).ToJsonString()
        );

        var line = CliRunner.AssertBadInput(
            CliRunner.Run(
                "sign",
                unsigned,
                "--key",
                key,
                "--suite",
                "ecdsa-sd-2023",
                "--mandatory",
                pointer
            )
        );

        Assert.Contains($"'{pointer}'", line, StringComparison.Ordinal);
        Assert.DoesNotContain("(Parameter", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ed25519")]
    [InlineData("p384")]
    public void Sign_EcdsaSdWithAKeyOtherThanP256_ExitsTwoNamingTheSuite(string type)
    {
        var (key, _) = CredentialFixtures.Keygen(_files, "k.json", type, "key");
        var unsigned = _files.Write(
            "unsigned.json",
            CredentialFixtures.Credential(CredentialFixtures.ControllerOf(key)).ToJsonString()
        );

        var line = CliRunner.AssertBadInput(
            CliRunner.Run("sign", unsigned, "--key", key, "--suite", "ecdsa-sd-2023")
        );

        Assert.Contains("ecdsa-sd-2023 needs a P-256 key", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Sign_MandatoryWithAnotherSuite_ExitsTwo()
    {
        var (key, issuer) = P256Key();
        var unsigned = _files.Write(
            "unsigned.json",
            CredentialFixtures.Credential(issuer).ToJsonString()
        );

        var line = CliRunner.AssertBadInput(
            CliRunner.Run(
                "sign",
                unsigned,
                "--key",
                key,
                "--suite",
                "ecdsa-rdfc-2019",
                "--mandatory",
                "/issuer"
            )
        );

        Assert.Contains("--mandatory needs --suite ecdsa-sd-2023", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/credentialSubject/achievement/nothing")]
    [InlineData("/name/0")]
    [InlineData("name")]
    public void Derive_PointerThatSelectsNothing_ExitsTwoNamingIt(string pointer)
    {
        var (key, issuer) = P256Key();
        var secured = SignBase(key, issuer, "/issuer");

        var line = CliRunner.AssertBadInput(
            CliRunner.Run("derive", secured, "--disclose", pointer)
        );

        Assert.Contains($"'{pointer}'", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Derive_DocumentWithoutABaseProof_ExitsTwo()
    {
        var (key, issuer) = P256Key();
        var signed = _files.Write(
            "signed.json",
            CredentialFixtures.Sign(
                _files,
                CredentialFixtures.Credential(issuer),
                key,
                "ecdsa-rdfc-2019"
            )
        );

        var line = CliRunner.AssertBadInput(CliRunner.Run("derive", signed, "--disclose", "/name"));

        Assert.Contains("ecdsa-sd-2023", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Derive_FromADerivedCredential_ExitsTwoSayingSo()
    {
        var (key, issuer) = P256Key();
        var secured = SignBase(key, issuer, "/issuer");
        var derived = _files.Write(
            "derived.json",
            CliRunner.AssertSuccess(CliRunner.Run("derive", secured, "--disclose", "/name"))
        );

        var line = CliRunner.AssertBadInput(CliRunner.Run("derive", derived));

        Assert.Contains("derived proof", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Derive_NotJson_ExitsTwo()
    {
        var path = _files.Write("bad.json", "{ not json");

        CliRunner.AssertBadInput(CliRunner.Run("derive", path));
    }
}
