using System.Text.Json.Nodes;

namespace Credstack.Cli.Tests.Commands;

public sealed class KeygenCommandsTests : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Theory]
    [InlineData("ed25519", null)]
    [InlineData("ed25519", "key")]
    [InlineData("ed25519", "web:example.com")]
    [InlineData("p256", null)]
    [InlineData("p256", "key")]
    [InlineData("p256", "web:example.com:users:alice")]
    [InlineData("rsa", null)]
    [InlineData("rsa", "web:example.com")]
    public void Keygen_EachTypeAndDidForm_WritesThePrivateKeyOnlyToTheFile(string type, string? did)
    {
        var path = _files.Missing("key.json");
        string[] args = did is null
            ? ["keygen", "--type", type, "--out", path]
            : ["keygen", "--type", type, "--did", did, "--out", path];

        var result = CliRunner.Run(args);

        Assert.True(result.ExitCode == 0, result.Stderr);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(
                UnixFileMode.UserRead | UnixFileMode.UserWrite,
                File.GetUnixFileMode(path)
            );
        }
        var keyFile = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        var secret =
            keyFile["secretKeyMultibase"]?.GetValue<string>()
            ?? keyFile["privateKeyJwk"]!["d"]!.GetValue<string>();
        Assert.DoesNotContain(secret, result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("secretKey", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("\"d\"", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, result.Stderr, StringComparison.Ordinal);
        var output = Assert.IsType<JsonObject>(JsonNode.Parse(result.Stdout));
        if (did is null)
        {
            Assert.NotNull(output["kty"]);
            Assert.Equal("", result.Stderr);
            return;
        }
        var controller = keyFile["controller"]!.GetValue<string>();
        Assert.Equal(controller, output["id"]!.GetValue<string>());
        var methodId = keyFile["id"]!.GetValue<string>();
        Assert.Equal(methodId, output["assertionMethod"]![0]!.GetValue<string>());
        if (did == "key")
        {
            Assert.StartsWith("did:key:z", controller, StringComparison.Ordinal);
            Assert.Equal("", result.Stderr);
        }
        else
        {
            Assert.Equal("did:" + did, controller);
            // did:web §3.2: a bare domain publishes at /.well-known/did.json, a path at PATH/did.json.
            var url =
                did.IndexOf(':', 4) >= 0
                    ? "https://example.com/users/alice/did.json"
                    : "https://example.com/.well-known/did.json";
            Assert.Contains(url, result.Stderr, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Keygen_RsaWithDidKey_RefusesAndSaysWhy()
    {
        var path = _files.Missing("rsa.json");

        var line = CliRunner.AssertBadInput(
            CliRunner.Run("keygen", "--type", "rsa", "--did", "key", "--out", path)
        );

        Assert.Contains("RSA keys have no did:key form", line, StringComparison.Ordinal);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void Keygen_ExistingFile_RefusesWithoutForce()
    {
        var path = _files.Write("existing.json", "keep me");

        var line = CliRunner.AssertBadInput(
            CliRunner.Run("keygen", "--type", "ed25519", "--out", path)
        );

        Assert.Contains("--force", line, StringComparison.Ordinal);
        Assert.Equal("keep me", File.ReadAllText(path));
    }

    [Fact]
    public void Keygen_ExistingFileWithForce_ReplacesItWithAPrivateFile()
    {
        var path = _files.Write("existing.json", "old");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, (UnixFileMode)0b110_100_100);
        }

        CliRunner.AssertSuccess(
            CliRunner.Run("keygen", "--type", "ed25519", "--did", "key", "--out", path, "--force")
        );

        Assert.Contains("secretKeyMultibase", File.ReadAllText(path), StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(
                UnixFileMode.UserRead | UnixFileMode.UserWrite,
                File.GetUnixFileMode(path)
            );
        }
    }

    [Theory]
    [InlineData("keygen --out KEY")]
    [InlineData("keygen --type dsa --out KEY")]
    [InlineData("keygen --type ed25519")]
    [InlineData("keygen --type ed25519 --did plc --out KEY")]
    [InlineData("keygen --type ed25519 --did web: --out KEY")]
    [InlineData("keygen --type ed25519 --did web:exa/mple --out KEY")]
    public void Keygen_BadUsage_ExitsTwo(string command)
    {
        var path = _files.Missing("bad.json");
        var args = command.Replace("KEY", path, StringComparison.Ordinal).Split(' ');

        CliRunner.AssertBadInput(CliRunner.Run(args));

        Assert.False(File.Exists(path));
    }
}
