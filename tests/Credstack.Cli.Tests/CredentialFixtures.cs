using System.IO.Compression;
using System.Text.Json.Nodes;

namespace Credstack.Cli.Tests;

/// <summary>Keys, credentials and images for the credential command tests, made with the command line itself.</summary>
internal static class CredentialFixtures
{
    /// <summary>Runs <c>keygen</c>; returns the key file path and the public output (DID document or JWK).</summary>
    public static (string KeyPath, JsonObject PublicOutput) Keygen(
        TempFiles files,
        string name,
        string type,
        string? did
    )
    {
        var path = files.Missing(name);
        string[] args = did is null
            ? ["keygen", "--type", type, "--out", path]
            : ["keygen", "--type", type, "--did", did, "--out", path];
        var result = CliRunner.Run(args);
        Assert.True(result.ExitCode == 0, result.Stderr);
        return (path, Assert.IsType<JsonObject>(JsonNode.Parse(result.Stdout)));
    }

    /// <summary>The controller (issuer id) written in a key file.</summary>
    public static string ControllerOf(string keyPath) =>
        JsonNode.Parse(File.ReadAllText(keyPath))!["controller"]!.GetValue<string>();

    /// <summary>A small OB 3.0 credential issued by <paramref name="issuer"/>.</summary>
    public static JsonObject Credential(string issuer, JsonObject? credentialStatus = null)
    {
        var credential = new JsonObject
        {
            ["@context"] = new JsonArray(
                "https://www.w3.org/ns/credentials/v2",
                "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
            ),
            ["id"] = "urn:uuid:91537dba-56cb-11ec-bf63-0242ac130002",
            ["type"] = new JsonArray("VerifiableCredential", "OpenBadgeCredential"),
            ["issuer"] = new JsonObject
            {
                ["id"] = issuer,
                ["type"] = new JsonArray("Profile"),
                ["name"] = "Example Issuer",
            },
            ["validFrom"] = "2025-01-01T00:00:00Z",
            ["name"] = "Teamwork",
            ["credentialSubject"] = new JsonObject
            {
                ["type"] = new JsonArray("AchievementSubject"),
                ["achievement"] = new JsonObject
                {
                    ["id"] = "https://example.com/achievements/teamwork",
                    ["type"] = new JsonArray("Achievement"),
                    ["name"] = "Teamwork",
                    ["description"] = "Works well with others.",
                    ["criteria"] = new JsonObject { ["narrative"] = "Led a team project." },
                },
            },
        };
        if (credentialStatus is not null)
        {
            credential["credentialStatus"] = credentialStatus;
        }
        return credential;
    }

    /// <summary>Signs a credential through <c>credstack sign</c> and returns the output (JSON or JWT).</summary>
    public static string Sign(TempFiles files, JsonObject credential, string keyPath, string suite)
    {
        var path = files.Write(
            "unsigned-" + Guid.NewGuid().ToString("N") + ".json",
            credential.ToJsonString()
        );
        var result = CliRunner.Run("sign", path, "--key", keyPath, "--suite", suite);
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal("", result.Stderr);
        return result.Stdout;
    }

    /// <summary>A valid 1×1 greyscale PNG (PNG spec §11: IHDR, IDAT, IEND).</summary>
    public static byte[] TinyPng()
    {
        using var stream = new MemoryStream();
        stream.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        WriteChunk(stream, "IHDR", [0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]);
        using (var raw = new MemoryStream())
        {
            using (var z = new ZLibStream(raw, CompressionLevel.Optimal, leaveOpen: true))
            {
                z.Write([0, 0]);
            }
            WriteChunk(stream, "IDAT", raw.ToArray());
        }
        WriteChunk(stream, "IEND", []);
        return stream.ToArray();
    }

    /// <summary>A minimal SVG document.</summary>
    public const string TinySvg =
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1\" height=\"1\"><rect width=\"1\" height=\"1\"/></svg>\n";

    private static void WriteChunk(Stream stream, string type, byte[] data)
    {
        var typeBytes = System.Text.Encoding.ASCII.GetBytes(type);
        WriteUInt32(stream, (uint)data.Length);
        stream.Write(typeBytes);
        stream.Write(data);
        WriteUInt32(stream, Crc(typeBytes, data));
    }

    private static void WriteUInt32(Stream stream, uint value) =>
        stream.Write([(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value]);

    // PNG spec §5.5: CRC-32 (ISO 3309) over the chunk type and data.
    private static uint Crc(byte[] type, byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in type.Concat(data))
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }
        return crc ^ 0xFFFFFFFFu;
    }
}
