using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using Credstack.LinkedData.JsonLd;

namespace Credstack.Benchmarks;

/// <summary>
/// JSON-LD expansion of an Open Badges 3.0 credential (VC 2.0 + OB 3.0.3 contexts, issuer profile,
/// achievement with criteria, images, three alignments, hashed identifier) with warm context caches.
/// </summary>
[MemoryDiagnoser]
public class ExpandBenchmarks
{
    private const string Credential = """
        {
          "@context": [
            "https://www.w3.org/ns/credentials/v2",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
          ],
          "id": "urn:uuid:a63a60be-f4af-491c-87fc-2c8fd3007a58",
          "type": [
            "VerifiableCredential",
            "OpenBadgeCredential"
          ],
          "name": "Teamwork Badge",
          "description": "Awarded for demonstrated collaboration within a group environment.",
          "issuer": {
            "id": "https://example.edu/issuers/565049",
            "type": [
              "Profile"
            ],
            "name": "Example University",
            "url": "https://www.example.edu",
            "email": "badges@example.edu",
            "image": {
              "id": "https://example.edu/logo.png",
              "type": "Image",
              "caption": "Example University logo"
            }
          },
          "validFrom": "2024-01-01T00:00:00Z",
          "validUntil": "2029-01-01T00:00:00Z",
          "credentialSubject": {
            "type": [
              "AchievementSubject"
            ],
            "identifier": [
              {
                "type": "IdentityObject",
                "identityHash": "sha256$c7ef86405ba71b85acd8e2e95166c4b111448089f2e1599f42fe1bba46e865c5",
                "identityType": "emailAddress",
                "hashed": true,
                "salt": "not-a-real-salt"
              }
            ],
            "achievement": {
              "id": "https://example.edu/achievements/teamwork",
              "type": [
                "Achievement"
              ],
              "achievementType": "Competency",
              "name": "Teamwork",
              "description": "This badge recognizes the development of the capacity to collaborate within a group environment.",
              "criteria": {
                "id": "https://example.edu/achievements/teamwork/criteria",
                "narrative": "Team members are nominated for this badge by their peers and recognized upon review by Example Corp management."
              },
              "image": {
                "id": "https://example.edu/achievements/teamwork/image.png",
                "type": "Image",
                "caption": "Teamwork badge"
              },
              "creator": {
                "id": "https://example.edu/issuers/565049",
                "type": [
                  "Profile"
                ],
                "name": "Example University"
              },
              "tag": [
                "teamwork",
                "collaboration",
                "soft skills"
              ],
              "alignment": [
                {
                  "type": [
                    "Alignment"
                  ],
                  "targetName": "Collaboration",
                  "targetUrl": "https://example.org/frameworks/skills/collaboration",
                  "targetDescription": "Works effectively with others.",
                  "targetFramework": "Example Skills Framework",
                  "targetCode": "COL-1",
                  "targetType": "ceasn:Competency"
                },
                {
                  "type": [
                    "Alignment"
                  ],
                  "targetName": "Communication",
                  "targetUrl": "https://example.org/frameworks/skills/communication",
                  "targetDescription": "Communicates clearly.",
                  "targetFramework": "Example Skills Framework",
                  "targetCode": "COM-2",
                  "targetType": "ceasn:Competency"
                },
                {
                  "type": [
                    "Alignment"
                  ],
                  "targetName": "Leadership",
                  "targetUrl": "https://example.org/frameworks/skills/leadership",
                  "targetDescription": "Leads small teams.",
                  "targetFramework": "Example Skills Framework",
                  "targetCode": "LEA-3",
                  "targetType": "ceasn:Competency"
                }
              ]
            }
          }
        }
        """;

    private JsonNode _credential = null!;
    private readonly JsonLdOptions _safe = new() { SafeMode = true };

    [GlobalSetup]
    public void Setup()
    {
        _credential = JsonNode.Parse(Credential)!;
        JsonLdProcessor.Expand(_credential);
    }

    [Benchmark]
    public JsonArray Expand() => JsonLdProcessor.Expand(_credential);

    [Benchmark]
    public JsonArray ExpandSafeMode() => JsonLdProcessor.Expand(_credential, _safe);

    [Benchmark]
    public JsonArray ParseAndExpand() => JsonLdProcessor.Expand(JsonNode.Parse(Credential));
}
