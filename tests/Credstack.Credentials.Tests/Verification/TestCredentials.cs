using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Credstack.Credentials.DataIntegrity;
using Credstack.Credentials.Keys;

namespace Credstack.Credentials.Tests.Verification;

/// <summary>A realistic Open Badges 3.0 credential and fixed issuer keys for the verifier tests.</summary>
internal static class TestCredentials
{
    /// <summary>The issuer's Ed25519 key (fixed seed, so test data is stable).</summary>
    public static readonly SigningKey IssuerKey = SigningKey.FromEd25519Seed(
        SHA256.HashData(Encoding.UTF8.GetBytes("credstack verifier tests issuer"))
    );

    public static readonly ProofSigner IssuerSigner = ProofSigner.ForDidKey(IssuerKey);

    public static string IssuerDid => IssuerSigner.VerificationMethod.Split('#')[0];

    public static readonly DateTimeOffset Created = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    public static readonly byte[] TinyPng = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
    );

    public const string Svg = """
        <?xml version="1.0" encoding="UTF-8"?>
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle cx="5" cy="5" r="4"/></svg>
        """;

    /// <summary>An unsigned OB 3.0 credential: issuer profile, achievement with criteria, image, alignment, and a hashed-email identifier.</summary>
    public static JsonObject Unsigned(string? issuer = null)
    {
        issuer ??= IssuerDid;
        var email = "sam.learner@example.edu";
        var salt = "s4lt-f0r-h4sh";
        var hash = Convert
            .ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(email + salt)))
            .ToLowerInvariant();
        return JsonNode
            .Parse(
                $$"""
                {
                  "@context": [
                    "https://www.w3.org/ns/credentials/v2",
                    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
                  ],
                  "id": "https://credstack.example/credentials/3732",
                  "type": ["VerifiableCredential", "OpenBadgeCredential"],
                  "name": "Teamwork Badge",
                  "issuer": {
                    "id": "{{issuer}}",
                    "type": ["Profile"],
                    "name": "Example University",
                    "url": "https://example.edu/",
                    "email": "badges@example.edu"
                  },
                  "validFrom": "2025-06-01T00:00:00Z",
                  "validUntil": "2030-06-01T00:00:00Z",
                  "credentialSubject": {
                    "type": ["AchievementSubject"],
                    "identifier": [
                      {
                        "type": "IdentityObject",
                        "identityHash": "sha256${{hash}}",
                        "identityType": "emailAddress",
                        "hashed": true,
                        "salt": "{{salt}}"
                      }
                    ],
                    "achievement": {
                      "id": "https://example.edu/achievements/teamwork",
                      "type": ["Achievement"],
                      "achievementType": "Badge",
                      "name": "Teamwork",
                      "description": "Works well in a team of four for a full term.",
                      "criteria": {
                        "narrative": "Complete the group project and the peer review."
                      },
                      "image": {
                        "id": "https://example.edu/achievements/teamwork/image.png",
                        "type": "Image",
                        "caption": "A teamwork badge"
                      },
                      "alignment": [
                        {
                          "type": ["Alignment"],
                          "targetName": "Collaboration",
                          "targetUrl": "https://example.org/frameworks/collaboration",
                          "targetFramework": "Example Skills",
                          "targetCode": "COL-1"
                        }
                      ]
                    }
                  }
                }
                """
            )!
            .AsObject();
    }

    public static JsonObject Sign(
        JsonObject unsigned,
        string cryptosuite,
        IProofSigner? signer = null
    ) =>
        DataIntegrityProofs.AddProof(
            unsigned,
            new ProofOptions { Cryptosuite = cryptosuite, Created = Created },
            signer ?? IssuerSigner
        );

    /// <summary>JSON pointers of every leaf value (strings, numbers, booleans) of a document.</summary>
    public static List<string> LeafPointers(JsonNode node, string prefix = "")
    {
        var result = new List<string>();
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o)
                {
                    if (value is not null)
                    {
                        result.AddRange(LeafPointers(value, prefix + "/" + key));
                    }
                }
                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    if (a[i] is { } item)
                    {
                        result.AddRange(LeafPointers(item, prefix + "/" + i));
                    }
                }
                break;
            default:
                result.Add(prefix);
                break;
        }
        return result;
    }

    /// <summary>Replaces the value at a JSON pointer (no escaping needed for our documents).</summary>
    public static void Replace(JsonNode root, string pointer, JsonNode? value)
    {
        var parts = pointer.Split('/')[1..];
        var parent = root;
        for (var i = 0; i < parts.Length - 1; i++)
        {
            parent = parent is JsonArray pa
                ? pa[int.Parse(parts[i], System.Globalization.CultureInfo.InvariantCulture)]!
                : parent[parts[i]]!;
        }
        var last = parts[^1];
        if (parent is JsonArray array)
        {
            array[int.Parse(last, System.Globalization.CultureInfo.InvariantCulture)] = value;
        }
        else
        {
            parent[last] = value;
        }
    }

    public static JsonNode? Get(JsonNode root, string pointer)
    {
        JsonNode? node = root;
        foreach (var part in pointer.Split('/')[1..])
        {
            node = node is JsonArray a
                ? a[int.Parse(part, System.Globalization.CultureInfo.InvariantCulture)]
                : node?[part];
        }
        return node;
    }
}
