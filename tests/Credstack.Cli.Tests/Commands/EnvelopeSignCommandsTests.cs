using System.Text.Json.Nodes;

namespace Credstack.Cli.Tests.Commands;

/// <summary><c>credstack sign --suite cose|sd-jwt</c> (VC-JOSE-COSE §3.3, §3.2), vp+jwt presentations, and <c>verify</c> on them.</summary>
public sealed class EnvelopeSignCommandsTests : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Theory]
    [InlineData("ed25519", "key", "cose")]
    [InlineData("p256", "key", "cose")]
    [InlineData("rsa", "web:issuer.example", "cose")]
    [InlineData("ed25519", "key", "sd-jwt")]
    [InlineData("p256", "web:issuer.example", "sd-jwt")]
    [InlineData("rsa", "web:issuer.example", "sd-jwt")]
    public void SignThenVerify_CoseAndSdJwt_AreValid(string type, string did, string suite)
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
        Assert.StartsWith($"VALID ({suite})\n", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("✓ proof", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("✓ issuer", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("✗", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Sign_Cose_WritesBase64AndTheBytesVerifyToo()
    {
        var (key, _) = CredentialFixtures.Keygen(_files, "key.json", "p256", "key");
        var issuer = CredentialFixtures.ControllerOf(key);
        var signed = CredentialFixtures.Sign(
            _files,
            CredentialFixtures.Credential(issuer),
            key,
            "cose"
        );
        var bytes = Convert.FromBase64String(signed.Trim());
        Assert.Equal(0xD2, bytes[0]); // CBOR tag 18, COSE_Sign1
        var path = _files.WriteBytes("signed.cose", bytes);

        var stdout = CliRunner.AssertSuccess(CliRunner.Run("verify", path, "--offline", "--json"));

        var report = JsonNode.Parse(stdout)!;
        Assert.Equal("valid", report["verdict"]!.GetValue<string>());
        Assert.Equal("cose", report["format"]!.GetValue<string>());
    }

    [Fact]
    public void Sign_SdJwtWithDisclose_MakesThosePathsDisclosures()
    {
        var (key, _) = CredentialFixtures.Keygen(_files, "key.json", "ed25519", "key");
        var issuer = CredentialFixtures.ControllerOf(key);
        var credential = _files.Write(
            "c.json",
            CredentialFixtures.Credential(issuer).ToJsonString()
        );

        var stdout = CliRunner.AssertSuccess(
            CliRunner.Run(
                "sign",
                credential,
                "--key",
                key,
                "--suite",
                "sd-jwt",
                "--disclose",
                "name",
                "--disclose",
                "credentialSubject.achievement"
            )
        );

        var parts = stdout.Trim().Split('~');
        Assert.Equal(4, parts.Length); // JWT, two disclosures, empty key-binding slot
        Assert.Equal("", parts[^1]);
        var path = _files.Write("signed.txt", stdout);
        var verified = CliRunner.Run("verify", path, "--offline", "--json");
        Assert.True(verified.ExitCode == 0, verified.Stdout);
        var report = JsonNode.Parse(verified.Stdout)!;
        var parse = report["checks"]!
            .AsArray()
            .First(c => c!["check"]!.GetValue<string>() == "parse")!;
        Assert.Contains(
            "with 2 disclosure(s)",
            parse["message"]!.GetValue<string>(),
            StringComparison.Ordinal
        );
    }

    [Fact]
    public void Verify_SdJwtWithAForeignDisclosure_ExitsOneNamingTheDisclosureCheck()
    {
        var (key, _) = CredentialFixtures.Keygen(_files, "key.json", "ed25519", "key");
        var issuer = CredentialFixtures.ControllerOf(key);
        var credential = _files.Write(
            "c.json",
            CredentialFixtures.Credential(issuer).ToJsonString()
        );
        var a = CliRunner.AssertSuccess(
            CliRunner.Run(
                "sign",
                credential,
                "--key",
                key,
                "--suite",
                "sd-jwt",
                "--disclose",
                "name"
            )
        );
        var b = CliRunner.AssertSuccess(
            CliRunner.Run(
                "sign",
                credential,
                "--key",
                key,
                "--suite",
                "sd-jwt",
                "--disclose",
                "name"
            )
        );
        var mixed = a.Trim() + b.Trim().Split('~')[1] + "~";
        var path = _files.Write("mixed.txt", mixed);

        var result = CliRunner.Run("verify", path, "--offline");

        Assert.Equal(ExitCodes.VerificationFailed, result.ExitCode);
        Assert.StartsWith("INVALID (sd-jwt)\n", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("proof.disclosure-invalid", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_TruncatedCose_ExitsOneWithAParseEntry()
    {
        var (key, _) = CredentialFixtures.Keygen(_files, "key.json", "ed25519", "key");
        var issuer = CredentialFixtures.ControllerOf(key);
        var signed = CredentialFixtures.Sign(
            _files,
            CredentialFixtures.Credential(issuer),
            key,
            "cose"
        );
        var bytes = Convert.FromBase64String(signed.Trim());
        var path = _files.WriteBytes("cut.cose", bytes[..(bytes.Length / 2)]);

        var result = CliRunner.Run("verify", path, "--offline");

        Assert.Equal(ExitCodes.VerificationFailed, result.ExitCode);
        Assert.Contains("parse.malformed", result.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("jwt", "jwt")]
    [InlineData("cose", "cose")]
    [InlineData("sd-jwt", "sd-jwt")]
    public void Presentation_SignedByItsHolder_CarryingASignedCredential_IsValid(
        string suite,
        string format
    )
    {
        var (issuerKey, _) = CredentialFixtures.Keygen(_files, "issuer.json", "p256", "key");
        var (holderKey, _) = CredentialFixtures.Keygen(_files, "holder.json", "ed25519", "key");
        var issuer = CredentialFixtures.ControllerOf(issuerKey);
        var holder = CredentialFixtures.ControllerOf(holderKey);
        var vc = CredentialFixtures
            .Sign(_files, CredentialFixtures.Credential(issuer), issuerKey, "sd-jwt")
            .Trim();
        var presentation = new JsonObject
        {
            ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2"),
            ["type"] = "VerifiablePresentation",
            ["holder"] = holder,
            ["verifiableCredential"] = new JsonArray(
                new JsonObject
                {
                    ["@context"] = "https://www.w3.org/ns/credentials/v2",
                    ["type"] = "EnvelopedVerifiableCredential",
                    ["id"] = "data:application/vc+sd-jwt," + vc,
                }
            ),
        };
        var signed = CredentialFixtures.Sign(_files, presentation, holderKey, suite);
        var path = _files.Write("vp.txt", signed);

        var result = CliRunner.Run("verify", path, "--offline");

        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        Assert.StartsWith($"VALID ({format})\n", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("✓ credential:proof", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Sign_DiscloseWithoutSdJwt_IsBadInput()
    {
        var (key, _) = CredentialFixtures.Keygen(_files, "key.json", "ed25519", "key");
        var credential = _files.Write(
            "c.json",
            CredentialFixtures.Credential(CredentialFixtures.ControllerOf(key)).ToJsonString()
        );
        var line = CliRunner.AssertBadInput(
            CliRunner.Run("sign", credential, "--key", key, "--suite", "cose", "--disclose", "name")
        );
        Assert.Contains("--disclose needs --suite sd-jwt", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Sign_DiscloseMissingPath_IsBadInput()
    {
        var (key, _) = CredentialFixtures.Keygen(_files, "key.json", "ed25519", "key");
        var credential = _files.Write(
            "c.json",
            CredentialFixtures.Credential(CredentialFixtures.ControllerOf(key)).ToJsonString()
        );
        var line = CliRunner.AssertBadInput(
            CliRunner.Run(
                "sign",
                credential,
                "--key",
                key,
                "--suite",
                "sd-jwt",
                "--disclose",
                "credentialSubject.nope"
            )
        );
        Assert.Contains("does not exist", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Sign_CoseWithAKeyFileWithoutMethodId_IsBadInput()
    {
        var (key, _) = CredentialFixtures.Keygen(_files, "key.json", "p256", null);
        var credential = _files.Write(
            "c.json",
            CredentialFixtures.Credential("https://issuer.example").ToJsonString()
        );
        var line = CliRunner.AssertBadInput(
            CliRunner.Run(
                "sign",
                credential,
                "--key",
                key,
                "--suite",
                "cose",
                "--allow-issuer-mismatch"
            )
        );
        Assert.Contains("verification method id", line, StringComparison.Ordinal);
    }
}
