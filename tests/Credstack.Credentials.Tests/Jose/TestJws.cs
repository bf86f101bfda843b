using System.Text;
using Credstack.Credentials.Keys;

namespace Credstack.Credentials.Tests.Jose;

/// <summary>Builds arbitrary compact JWS tokens so tests can present headers and payloads VcJwt.Create never writes.</summary>
internal static class TestJws
{
    public static string B64(string json) => Base64UrlText.Encode(Encoding.UTF8.GetBytes(json));

    public static string Sign(string headerJson, string payloadJson, SigningKey key)
    {
        var input = B64(headerJson) + "." + B64(payloadJson);
        return input + "." + Base64UrlText.Encode(key.Sign(Encoding.ASCII.GetBytes(input)));
    }

    public static string Credential(string issuer = "did:example:issuer", string extra = "") =>
        $$"""
            {"@context":["https://www.w3.org/ns/credentials/v2","https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
             "id":"urn:uuid:91537dba-56cb-11ec-bf63-0242ac130002","type":["VerifiableCredential","OpenBadgeCredential"],
             "issuer":{"id":"{{issuer}}","type":["Profile"],"name":"Example University"},
             "validFrom":"2010-01-01T00:00:00Z","validUntil":"2030-01-01T00:00:00Z","name":"Example badge",
             "credentialSubject":{"id":"did:example:subject","type":["AchievementSubject"]}{{extra}}}
            """;
}
