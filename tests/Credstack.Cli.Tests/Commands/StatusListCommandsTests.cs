using System.Text.Json.Nodes;

namespace Credstack.Cli.Tests.Commands;

public sealed class StatusListCommandsTests : IDisposable
{
    private const string ListUrl = "https://status.example/lists/1";
    private const string ListIssuer = "did:web:status.example";

    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void StatusList_SignedList_UnsetIsValidAndSetIsRevoked()
    {
        var (issuerKey, _) = CredentialFixtures.Keygen(_files, "issuer.json", "ed25519", "key");
        var (listKey, listDid) = CredentialFixtures.Keygen(
            _files,
            "list-key.json",
            "ed25519",
            "web:status.example"
        );
        var listDidDoc = _files.Write("status-did.json", listDid.ToJsonString());
        var list = _files.Missing("list.json");
        CliRunner.AssertSuccess(
            CliRunner.Run("status-list", "create", "--out", list, "--id", ListUrl, "--key", listKey)
        );
        var status = new JsonObject
        {
            ["id"] = ListUrl + "#42",
            ["type"] = "BitstringStatusListEntry",
            ["statusPurpose"] = "revocation",
            ["statusListIndex"] = "42",
            ["statusListCredential"] = ListUrl,
        };
        var signed = CredentialFixtures.Sign(
            _files,
            CredentialFixtures.Credential(CredentialFixtures.ControllerOf(issuerKey), status),
            issuerKey,
            "eddsa-rdfc-2022"
        );
        var credential = _files.Write("credential.json", signed);
        string[] verify =
        [
            "verify",
            credential,
            "--offline",
            "--status-list",
            ListUrl + "=" + list,
            "--did-doc",
            ListIssuer + "=" + listDidDoc,
        ];

        var before = CliRunner.Run(verify);
        CliRunner.AssertSuccess(
            CliRunner.Run("status-list", "set", list, "--index", "42", "--key", listKey)
        );
        var after = CliRunner.Run(verify);
        var value = CliRunner.AssertSuccess(
            CliRunner.Run("status-list", "get", list, "--index", "42")
        );

        Assert.True(before.ExitCode == 0, before.Stdout);
        Assert.Contains("✓ status", before.Stdout, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.VerificationFailed, after.ExitCode);
        Assert.StartsWith("INVALID", after.Stdout, StringComparison.Ordinal);
        Assert.Contains("✗ status", after.Stdout, StringComparison.Ordinal);
        Assert.Contains("status.revoked", after.Stdout, StringComparison.Ordinal);
        Assert.Equal("1\n", value);
    }

    [Fact]
    public void StatusList_SignedListAfterSet_StillVerifies()
    {
        var (listKey, listDid) = CredentialFixtures.Keygen(
            _files,
            "list-key.json",
            "ed25519",
            "web:status.example"
        );
        var list = _files.Missing("list.json");
        CliRunner.AssertSuccess(
            CliRunner.Run("status-list", "create", "--out", list, "--id", ListUrl, "--key", listKey)
        );
        CliRunner.AssertSuccess(
            CliRunner.Run("status-list", "set", list, "--index", "7", "--key", listKey)
        );
        var didDoc = _files.Write("did.json", listDid.ToJsonString());

        var result = CliRunner.Run(
            "verify",
            list,
            "--offline",
            "--did-doc",
            ListIssuer + "=" + didDoc
        );

        Assert.True(result.ExitCode == 0, result.Stdout);
        Assert.Contains("✓ proof", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void StatusList_BareList_SetAndGet()
    {
        var list = _files.Missing("list.txt");
        CliRunner.AssertSuccess(CliRunner.Run("status-list", "create", "--out", list));
        Assert.StartsWith("u", File.ReadAllText(list), StringComparison.Ordinal);

        var unset = CliRunner.AssertSuccess(
            CliRunner.Run("status-list", "get", list, "--index", "131071")
        );
        CliRunner.AssertSuccess(
            CliRunner.Run("status-list", "set", list, "--index", "131071", "--value", "1")
        );
        var set = CliRunner.AssertSuccess(
            CliRunner.Run("status-list", "get", list, "--index", "131071")
        );
        CliRunner.AssertSuccess(
            CliRunner.Run("status-list", "set", list, "--index", "131071", "--value", "0")
        );
        var cleared = CliRunner.AssertSuccess(
            CliRunner.Run("status-list", "get", list, "--index", "131071")
        );

        Assert.Equal("0\n", unset);
        Assert.Equal("1\n", set);
        Assert.Equal("0\n", cleared);
    }

    [Fact]
    public void StatusList_WiderEntries_HoldMultiBitValues()
    {
        var list = _files.Missing("list.txt");
        CliRunner.AssertSuccess(
            CliRunner.Run("status-list", "create", "--out", list, "--status-size", "2")
        );
        CliRunner.AssertSuccess(
            CliRunner.Run(
                "status-list",
                "set",
                list,
                "--index",
                "5",
                "--value",
                "3",
                "--status-size",
                "2"
            )
        );

        var value = CliRunner.AssertSuccess(
            CliRunner.Run("status-list", "get", list, "--index", "5", "--status-size", "2")
        );

        Assert.Equal("3\n", value);
    }

    [Fact]
    public void StatusList_UnsignedCredential_IsUpdatedWithoutAKey()
    {
        var (listKey, _) = CredentialFixtures.Keygen(_files, "k.json", "ed25519", "key");
        var list = _files.Missing("list.json");
        CliRunner.AssertSuccess(
            CliRunner.Run("status-list", "create", "--out", list, "--id", ListUrl, "--key", listKey)
        );
        var unsigned = JsonNode.Parse(File.ReadAllText(list))!.AsObject();
        unsigned.Remove("proof");
        File.WriteAllText(list, unsigned.ToJsonString());

        CliRunner.AssertSuccess(CliRunner.Run("status-list", "set", list, "--index", "9"));

        Assert.Equal(
            "1\n",
            CliRunner.AssertSuccess(CliRunner.Run("status-list", "get", list, "--index", "9"))
        );
    }

    [Fact]
    public void StatusList_SetSignedListWithoutKey_RefusesAndLeavesItAlone()
    {
        var (listKey, _) = CredentialFixtures.Keygen(_files, "k.json", "ed25519", "key");
        var list = _files.Missing("list.json");
        CliRunner.AssertSuccess(
            CliRunner.Run("status-list", "create", "--out", list, "--id", ListUrl, "--key", listKey)
        );
        var original = File.ReadAllText(list);

        var line = CliRunner.AssertBadInput(
            CliRunner.Run("status-list", "set", list, "--index", "3")
        );

        Assert.Contains("--key", line, StringComparison.Ordinal);
        Assert.Equal(original, File.ReadAllText(list));
    }

    [Theory]
    [InlineData("status-list create")]
    [InlineData("status-list create --out EXISTING")]
    [InlineData("status-list create --out NEW --length 1000")]
    [InlineData("status-list create --out NEW --purpose refresh")]
    [InlineData("status-list create --out NEW --status-size 17")]
    [InlineData("status-list create --out NEW --id https://x.example/1")]
    [InlineData("status-list create --out NEW --issuer did:example:1")]
    [InlineData("status-list get LIST")]
    [InlineData("status-list get LIST --index 131072")]
    [InlineData("status-list get LIST --index -1")]
    [InlineData("status-list get LIST --index many")]
    [InlineData("status-list set LIST --index 1 --value 2")]
    [InlineData("status-list get GARBAGE --index 1")]
    [InlineData("status-list get NEW --index 1")]
    [InlineData("status-list")]
    public void StatusList_BadUsage_ExitsTwo(string command)
    {
        var list = _files.Missing("list.txt");
        CliRunner.AssertSuccess(CliRunner.Run("status-list", "create", "--out", list));
        var existing = _files.Write("existing.txt", "x");
        var garbage = _files.Write("garbage.txt", "uH4sIAAAAAAAA_not-gzip");
        var args = command
            .Split(' ')
            .Select(a =>
                a.Replace("EXISTING", existing, StringComparison.Ordinal)
                    .Replace("NEW", _files.Missing("new.txt"), StringComparison.Ordinal)
                    .Replace("LIST", list, StringComparison.Ordinal)
                    .Replace("GARBAGE", garbage, StringComparison.Ordinal)
            )
            .ToArray();

        var result = CliRunner.Run(args);

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("x", File.ReadAllText(existing));
    }
}
