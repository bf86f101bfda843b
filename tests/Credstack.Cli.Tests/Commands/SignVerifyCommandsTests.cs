using System.Text.Json.Nodes;

namespace Credstack.Cli.Tests.Commands;

public sealed class SignVerifyCommandsTests : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Theory]
    [InlineData("ed25519", "key", "eddsa-rdfc-2022")]
    [InlineData("ed25519", "key", "eddsa-jcs-2022")]
    [InlineData("ed25519", "key", "jwt")]
    [InlineData("p256", "key", "jwt")]
    [InlineData("ed25519", "web:issuer.example", "eddsa-rdfc-2022")]
    [InlineData("ed25519", "web:issuer.example:badges", "eddsa-jcs-2022")]
    [InlineData("p256", "web:issuer.example", "jwt")]
    [InlineData("rsa", "web:issuer.example", "jwt")]
    [InlineData("p256", "key", "ecdsa-rdfc-2019")]
    [InlineData("p256", "web:issuer.example", "ecdsa-jcs-2019")]
    [InlineData("p384", "key", "ecdsa-jcs-2019")]
    [InlineData("p384", "web:issuer.example:badges", "ecdsa-rdfc-2019")]
    public void SignThenVerify_EachSuiteAndKeyType_IsValid(string type, string did, string suite)
    {
        var (key, document) = CredentialFixtures.Keygen(_files, "key.json", type, did);
        var issuer = CredentialFixtures.ControllerOf(key);
        var didDoc = _files.Write("did.json", document.ToJsonString());
        var signed = CredentialFixtures.Sign(
            _files,
            CredentialFixtures.Credential(issuer),
            key,
            suite
        );
        var path = _files.Write("signed.txt", signed);

        var result = CliRunner.Run("verify", path, "--offline", "--did-doc", issuer + "=" + didDoc);

        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        Assert.StartsWith(
            suite == "jwt" ? "VALID (jwt)\n" : "VALID (json-ld)\n",
            result.Stdout,
            StringComparison.Ordinal
        );
        Assert.Contains("✓ proof", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("✗", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Sign_DefaultSuite_IsEddsaRdfcWithTheKeyFilesMethodAndCreated()
    {
        var (key, _) = CredentialFixtures.Keygen(_files, "key.json", "ed25519", "key");
        var credential = _files.Write(
            "c.json",
            CredentialFixtures.Credential(CredentialFixtures.ControllerOf(key)).ToJsonString()
        );

        var stdout = CliRunner.AssertSuccess(
            CliRunner.Run("sign", credential, "--key", key, "--created", "2026-01-02T03:04:05Z")
        );

        var proof = JsonNode.Parse(stdout)!["proof"]!;
        Assert.Equal("eddsa-rdfc-2022", proof["cryptosuite"]!.GetValue<string>());
        Assert.Equal("2026-01-02T03:04:05Z", proof["created"]!.GetValue<string>());
        var methodId = JsonNode.Parse(File.ReadAllText(key))!["id"]!.GetValue<string>();
        Assert.Equal(methodId, proof["verificationMethod"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("eddsa-rdfc-2022")]
    [InlineData("eddsa-jcs-2022")]
    [InlineData("ecdsa-rdfc-2019")]
    [InlineData("ecdsa-jcs-2019")]
    public void Verify_TamperedCredential_ExitsOneAndNamesTheFailingCheck(string suite)
    {
        var (key, _) = CredentialFixtures.Keygen(
            _files,
            "key.json",
            suite.StartsWith("ecdsa", StringComparison.Ordinal) ? "p256" : "ed25519",
            "key"
        );
        var signed = JsonNode
            .Parse(
                CredentialFixtures.Sign(
                    _files,
                    CredentialFixtures.Credential(CredentialFixtures.ControllerOf(key)),
                    key,
                    suite
                )
            )!
            .AsObject();
        signed["name"] = "Tampered";
        var path = _files.Write("tampered.json", signed.ToJsonString());

        var result = CliRunner.Run("verify", path, "--offline");

        Assert.Equal(ExitCodes.VerificationFailed, result.ExitCode);
        Assert.StartsWith("INVALID", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("✗ proof", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("proof.signature-invalid", result.Stdout, StringComparison.Ordinal);
        Assert.Equal("", result.Stderr);
    }

    [Fact]
    public void Verify_TamperedJwt_ExitsOne()
    {
        var (key, _) = CredentialFixtures.Keygen(_files, "key.json", "ed25519", "key");
        var jwt = CredentialFixtures
            .Sign(
                _files,
                CredentialFixtures.Credential(CredentialFixtures.ControllerOf(key)),
                key,
                "jwt"
            )
            .Trim();
        // Flip one character of the signature.
        var last = jwt[^2] == 'A' ? 'B' : 'A';
        var tampered = jwt[..^2] + last + jwt[^1];

        var result = CliRunner.RunWithStdin(tampered, "verify", "-", "--offline");

        Assert.Equal(ExitCodes.VerificationFailed, result.ExitCode);
        Assert.StartsWith("INVALID (jwt)", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("✗ proof", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_Json_PrintsTheReportAsJson()
    {
        var (key, _) = CredentialFixtures.Keygen(_files, "key.json", "ed25519", "key");
        var signed = CredentialFixtures.Sign(
            _files,
            CredentialFixtures.Credential(CredentialFixtures.ControllerOf(key)),
            key,
            "eddsa-rdfc-2022"
        );

        var stdout = CliRunner.AssertSuccess(
            CliRunner.RunWithStdin(signed, "verify", "-", "--json", "--offline")
        );

        var report = JsonNode.Parse(stdout)!.AsObject();
        Assert.Equal("valid", report["verdict"]!.GetValue<string>());
        Assert.Equal("json-ld", report["format"]!.GetValue<string>());
        Assert.Contains(
            report["checks"]!.AsArray(),
            c =>
                c!["check"]!.GetValue<string>() == "proof"
                && c["status"]!.GetValue<string>() == "passed"
        );
    }

    [Fact]
    public void Verify_DidWebKeyWithoutItsDocumentOffline_ExitsOne()
    {
        var (key, _) = CredentialFixtures.Keygen(
            _files,
            "key.json",
            "ed25519",
            "web:issuer.example"
        );
        var signed = CredentialFixtures.Sign(
            _files,
            CredentialFixtures.Credential("did:web:issuer.example"),
            key,
            "eddsa-rdfc-2022"
        );
        var path = _files.Write("signed.json", signed);

        var result = CliRunner.Run("verify", path, "--offline");

        Assert.Equal(ExitCodes.VerificationFailed, result.ExitCode);
        Assert.StartsWith("INDETERMINATE", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("? issuer", result.Stdout, StringComparison.Ordinal);
        Assert.Contains(
            "--did-doc did:web:issuer.example=FILE",
            result.Stdout,
            StringComparison.Ordinal
        );
    }

    [Fact]
    public void Verify_DidWebKeyWithAnotherKeysDocument_ExitsOne()
    {
        var (key, _) = CredentialFixtures.Keygen(
            _files,
            "key.json",
            "ed25519",
            "web:issuer.example"
        );
        var (_, otherDocument) = CredentialFixtures.Keygen(
            _files,
            "other.json",
            "ed25519",
            "web:issuer.example"
        );
        var signed = CredentialFixtures.Sign(
            _files,
            CredentialFixtures.Credential("did:web:issuer.example"),
            key,
            "eddsa-rdfc-2022"
        );
        var path = _files.Write("signed.json", signed);
        var didDoc = _files.Write("did.json", otherDocument.ToJsonString());

        var result = CliRunner.Run(
            "verify",
            path,
            "--offline",
            "--did-doc",
            "did:web:issuer.example=" + didDoc
        );

        Assert.Equal(ExitCodes.VerificationFailed, result.ExitCode);
        Assert.StartsWith("INVALID", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("✗ proof", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Sign_IssuerIsNotTheKeysController_RefusesUnlessAllowed()
    {
        var (key, _) = CredentialFixtures.Keygen(_files, "key.json", "ed25519", "key");
        var credential = _files.Write(
            "c.json",
            CredentialFixtures.Credential("did:web:someone-else.example").ToJsonString()
        );

        var line = CliRunner.AssertBadInput(CliRunner.Run("sign", credential, "--key", key));
        var allowed = CliRunner.Run("sign", credential, "--key", key, "--allow-issuer-mismatch");

        Assert.Contains("did:web:someone-else.example", line, StringComparison.Ordinal);
        Assert.Contains("--allow-issuer-mismatch", line, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Success, allowed.ExitCode);
        Assert.NotNull(JsonNode.Parse(allowed.Stdout)!["proof"]);
    }

    [Fact]
    public void Sign_PropertySafeModeRejects_ExitsTwoNamingIt()
    {
        var (key, _) = CredentialFixtures.Keygen(_files, "key.json", "ed25519", "key");
        var credential = new JsonObject
        {
            ["@context"] = new JsonArray("https://www.w3.org/2018/credentials/v1"),
            ["type"] = new JsonArray("VerifiableCredential"),
            ["issuer"] = CredentialFixtures.ControllerOf(key),
            ["issuanceDate"] = "2025-01-01T00:00:00Z",
            ["credentialSubject"] = new JsonObject
            {
                ["id"] = "did:example:subject",
                ["type"] = "UndefinedSubjectType",
            },
        };
        var path = _files.Write("unsafe.json", credential.ToJsonString());

        var line = CliRunner.AssertBadInput(CliRunner.Run("sign", path, "--key", key));

        Assert.StartsWith("credstack: safe mode violation", line, StringComparison.Ordinal);
        Assert.Contains("UndefinedSubjectType", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("p256", "key", "eddsa-rdfc-2022", "needs an Ed25519 key")]
    [InlineData("rsa", "web:issuer.example", "eddsa-jcs-2022", "needs an Ed25519 key")]
    [InlineData("ed25519", null, "eddsa-rdfc-2022", "no verification method id")]
    [InlineData("ed25519", "key", "ecdsa-rdfc-2019", "needs a P-256 or P-384 key")]
    [InlineData("rsa", "web:issuer.example", "ecdsa-jcs-2019", "needs a P-256 or P-384 key")]
    public void Sign_KeyUnfitForTheSuite_ExitsTwo(
        string type,
        string? did,
        string suite,
        string expected
    )
    {
        var (key, _) = CredentialFixtures.Keygen(_files, "key.json", type, did);
        var issuer = did is null ? "did:example:issuer" : CredentialFixtures.ControllerOf(key);
        var credential = _files.Write(
            "c.json",
            CredentialFixtures.Credential(issuer).ToJsonString()
        );

        var line = CliRunner.AssertBadInput(
            CliRunner.Run("sign", credential, "--key", key, "--suite", suite)
        );

        Assert.Contains(expected, line, StringComparison.Ordinal);
    }

    [Fact]
    public void Sign_JwkOnlyKeyWithJwt_EmbedsThePublicKey()
    {
        var (key, _) = CredentialFixtures.Keygen(_files, "key.json", "ed25519", null);
        var credential = _files.Write(
            "c.json",
            CredentialFixtures.Credential("did:example:issuer").ToJsonString()
        );

        var stdout = CliRunner.AssertSuccess(
            CliRunner.Run("sign", credential, "--key", key, "--suite", "jwt")
        );

        var header = System.Text.Encoding.UTF8.GetString(
            Base64UrlDecode(stdout.Trim().Split('.')[0])
        );
        Assert.Contains("\"jwk\"", header, StringComparison.Ordinal);
        Assert.DoesNotContain("\"d\"", header, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sign CRED")]
    [InlineData("sign CRED --key MISSING")]
    [InlineData("sign CRED --key NOTAKEY")]
    [InlineData("sign CRED --key KEY --suite rsa-2048")]
    [InlineData("sign CRED --key KEY --created yesterday")]
    [InlineData("sign NOTJSON --key KEY")]
    [InlineData("sign ARRAY --key KEY")]
    [InlineData("verify")]
    [InlineData("verify MISSING")]
    [InlineData("verify CRED --did-doc did:web:x")]
    [InlineData("verify CRED --did-doc did:web:x=MISSING")]
    [InlineData("verify CRED --status-list https://x.example/1")]
    [InlineData("verify http://example.com/credential.json")]
    [InlineData("verify https://example.com/credential.json --offline")]
    [InlineData("verify https://127.0.0.1/credential.json")]
    [InlineData("verify https://localhost/credential.json")]
    [InlineData("verify CRED --frobnicate")]
    public void SignAndVerify_BadUsage_ExitTwo(string command)
    {
        var (key, _) = CredentialFixtures.Keygen(_files, "key.json", "ed25519", "key");
        var cred = _files.Write(
            "c.json",
            CredentialFixtures.Credential(CredentialFixtures.ControllerOf(key)).ToJsonString()
        );
        var notAKey = _files.Write("notakey.json", "{\"type\":\"CredstackKey\"}");
        var notJson = _files.Write("notjson.json", "{ \"a\": ");
        var array = _files.Write("array.json", "[1, 2]");
        var args = command
            .Split(' ')
            .Select(a =>
                a.Replace("MISSING", _files.Missing("missing.json"), StringComparison.Ordinal)
                    .Replace("NOTAKEY", notAKey, StringComparison.Ordinal)
                    .Replace("NOTJSON", notJson, StringComparison.Ordinal)
                    .Replace("ARRAY", array, StringComparison.Ordinal)
                    .Replace("CRED", cred, StringComparison.Ordinal)
                    .Replace("KEY", key, StringComparison.Ordinal)
            )
            .ToArray();

        CliRunner.AssertBadInput(CliRunner.Run(args));
    }

    [Fact]
    public void Verify_Garbage_ReportsInvalidInput()
    {
        var result = CliRunner.RunWithStdin("not a credential", "verify", "-", "--offline");

        Assert.Equal(ExitCodes.VerificationFailed, result.ExitCode);
        Assert.StartsWith("INVALID", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("✗ parse", result.Stdout, StringComparison.Ordinal);
    }

    private static byte[] Base64UrlDecode(string text)
    {
        var s = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s.PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '='));
    }
}
