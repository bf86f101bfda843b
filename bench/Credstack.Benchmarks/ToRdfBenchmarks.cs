using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using Credstack.LinkedData.Json;
using Credstack.LinkedData.JsonLd;

namespace Credstack.Benchmarks;

/// <summary>toRdf of an already expanded Open Badges 3.0 credential (the 1EdTech walkthrough's), and JCS of it.</summary>
[MemoryDiagnoser]
public class ToRdfBenchmarks
{
    private const string Credential = """
        {"@context": ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"], "id": "http://example.com/credentials/3527", "type": ["VerifiableCredential", "OpenBadgeCredential"], "issuer": {"id": "https://example.edu/issuers/565049", "type": ["Profile"], "url": "https://www.imsglobal.org", "name": "Example Corp"}, "validFrom": "2010-01-01T00:00:00Z", "name": "Teamwork Badge", "credentialSubject": {"id": "did:example:ebfeb1f712ebc6f1c276e12ec21", "type": ["AchievementSubject"], "achievement": {"id": "https://example.com/achievements/21st-century-skills/teamwork", "type": ["Achievement"], "criteria": {"narrative": "Team members are nominated for this badge by their peers and recognized upon review by Example Corp management."}, "description": "This badge recognizes the development of the capacity to collaborate within a group environment.", "name": "Teamwork"}}}
        """;

    private JsonNode? _credential;
    private JsonArray _expanded = [];

    [GlobalSetup]
    public void Setup()
    {
        _credential = JsonNode.Parse(Credential);
        _expanded = JsonLdProcessor.Expand(_credential);
    }

    [Benchmark]
    public int ToRdfFromExpanded() => JsonLdProcessor.ToRdfFromExpanded(_expanded).Count;

    [Benchmark]
    public int JcsCanonicalizeToUtf8() => Jcs.CanonicalizeToUtf8(_credential).Length;
}
