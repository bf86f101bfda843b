using System.Text.Json.Nodes;
using Credstack.Tests.Shared;

namespace Credstack.Cli.Tests.Commands;

public sealed class BakingCommandsTests : IDisposable
{
    private const string OneEdTechIssuer = "https://example.com/issuers/876543";
    private const string OneEdTechKey = "z6MkrvfzkMnvCroEUP2DVc9SHPE48CRsvHiVSusHioxTYu1x";

    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Theory]
    [InlineData("png", "eddsa-rdfc-2022")]
    [InlineData("png", "jwt")]
    [InlineData("svg", "eddsa-jcs-2022")]
    [InlineData("svg", "jwt")]
    public void BakeUnbakeVerify_RoundTrip_IsValid(string imageType, string suite)
    {
        var (key, _) = CredentialFixtures.Keygen(_files, "key.json", "ed25519", "key");
        var signed = CredentialFixtures.Sign(
            _files,
            CredentialFixtures.Credential(CredentialFixtures.ControllerOf(key)),
            key,
            suite
        );
        var credential = _files.Write("signed.txt", signed);
        var image =
            imageType == "png"
                ? _files.WriteBytes("badge.png", CredentialFixtures.TinyPng())
                : _files.Write("badge.svg", CredentialFixtures.TinySvg);
        var baked = _files.Missing("baked." + imageType);

        CliRunner.AssertSuccess(CliRunner.Run("bake", image, credential, "--out", baked));
        var unbaked = CliRunner.AssertSuccess(CliRunner.Run("unbake", baked));
        var verified = CliRunner.Run("verify", baked, "--offline");

        if (suite == "jwt")
        {
            Assert.Equal(signed.Trim(), unbaked.Trim());
        }
        else
        {
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(signed), JsonNode.Parse(unbaked)));
        }
        Assert.True(verified.ExitCode == 0, verified.Stdout);
        Assert.StartsWith($"VALID ({imageType})", verified.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Bake_Ob2Assertion_IsBakedAsAnAssertion()
    {
        const string assertion = """
            {"@context": "https://w3id.org/openbadges/v2", "type": "Assertion",
             "id": "https://example.org/assertions/123", "recipient": {"type": "email", "identity": "a@example.org", "hashed": false},
             "badge": "https://example.org/badges/5", "issuedOn": "2016-12-31T23:59:59Z",
             "verification": {"type": "hosted"}}
            """;
        var credential = _files.Write("assertion.json", assertion);
        var image = _files.WriteBytes("badge.png", CredentialFixtures.TinyPng());
        var baked = _files.Missing("baked.png");

        CliRunner.AssertSuccess(CliRunner.Run("bake", image, credential, "--out", baked));
        var unbaked = CliRunner.AssertSuccess(CliRunner.Run("unbake", baked));

        // OB 2.0 Baking: the PNG iTXt keyword for an assertion is 'openbadges'.
        Assert.Contains(
            "openbadges\0",
            System.Text.Encoding.Latin1.GetString(File.ReadAllBytes(baked)),
            StringComparison.Ordinal
        );
        Assert.DoesNotContain(
            "openbadgecredential",
            System.Text.Encoding.Latin1.GetString(File.ReadAllBytes(baked)),
            StringComparison.Ordinal
        );
        Assert.Contains("https://example.org/assertions/123", unbaked, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_OneEdTechBakedPngOffline_IsIndeterminateWithoutTheIssuersKey()
    {
        var png = SharedData.PathOf(
            "vectors",
            "1edtech-validator-samples",
            "ob30",
            "simple-json.png"
        );

        var result = CliRunner.Run("verify", png, "--offline");

        Assert.Equal(ExitCodes.VerificationFailed, result.ExitCode);
        Assert.StartsWith("INDETERMINATE (png)", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("issuer.key-unavailable", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("✗", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_OneEdTechBakedPngWithTheIssuersControllerDocument_IsValid()
    {
        var png = SharedData.PathOf(
            "vectors",
            "1edtech-validator-samples",
            "ob30",
            "simple-json.png"
        );
        var method = OneEdTechIssuer + "#" + OneEdTechKey;
        var controller = new JsonObject
        {
            ["@context"] = new JsonArray(
                "https://www.w3.org/ns/did/v1",
                "https://w3id.org/security/multikey/v1"
            ),
            ["id"] = OneEdTechIssuer,
            ["verificationMethod"] = new JsonArray(
                new JsonObject
                {
                    ["id"] = method,
                    ["type"] = "Multikey",
                    ["controller"] = OneEdTechIssuer,
                    ["publicKeyMultibase"] = OneEdTechKey,
                }
            ),
            ["assertionMethod"] = new JsonArray(method),
        };
        var document = _files.Write("issuer.json", controller.ToJsonString());

        var result = CliRunner.Run(
            "verify",
            png,
            "--offline",
            "--did-doc",
            OneEdTechIssuer + "=" + document
        );

        Assert.True(result.ExitCode == 0, result.Stdout);
        Assert.StartsWith("VALID (png)", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("✓ proof", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Unbake_OneEdTechSvg_PrintsTheCredential()
    {
        var svg = SharedData.PathOf(
            "vectors",
            "1edtech-validator-samples",
            "ob30",
            "simple-json.svg"
        );

        var stdout = CliRunner.AssertSuccess(CliRunner.Run("unbake", svg));

        var credential = JsonNode.Parse(stdout)!;
        Assert.Contains(
            credential["type"]!.AsArray(),
            t => t!.GetValue<string>() == "OpenBadgeCredential"
        );
    }

    [Theory]
    [InlineData("bake TEXT CRED --out OUT")]
    [InlineData("bake PNG CRED")]
    [InlineData("bake PNG EMPTY --out OUT")]
    [InlineData("bake PNG MISSING --out OUT")]
    [InlineData("unbake PNG")]
    [InlineData("unbake SVG")]
    [InlineData("unbake TEXT")]
    [InlineData("unbake BROKEN")]
    [InlineData("unbake")]
    public void BakeAndUnbake_BadUsage_ExitTwo(string command)
    {
        var png = _files.WriteBytes("plain.png", CredentialFixtures.TinyPng());
        var broken = CredentialFixtures.TinyPng();
        broken[20] ^= 0xFF;
        var brokenPath = _files.WriteBytes("broken.png", broken);
        var args = command
            .Split(' ')
            .Select(a =>
                a.Replace("TEXT", _files.Write("text.txt", "hello"), StringComparison.Ordinal)
                    .Replace("CRED", _files.Write("c.json", "{\"a\":1}"), StringComparison.Ordinal)
                    .Replace("EMPTY", _files.Write("empty.json", "  "), StringComparison.Ordinal)
                    .Replace("MISSING", _files.Missing("missing.json"), StringComparison.Ordinal)
                    .Replace("OUT", _files.Missing("out.png"), StringComparison.Ordinal)
                    .Replace("PNG", png, StringComparison.Ordinal)
                    .Replace(
                        "SVG",
                        _files.Write("plain.svg", CredentialFixtures.TinySvg),
                        StringComparison.Ordinal
                    )
                    .Replace("BROKEN", brokenPath, StringComparison.Ordinal)
            )
            .ToArray();

        CliRunner.AssertBadInput(CliRunner.Run(args));
        Assert.False(File.Exists(_files.Missing("out.png")));
    }
}
