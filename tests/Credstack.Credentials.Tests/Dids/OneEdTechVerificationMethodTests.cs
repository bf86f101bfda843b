using System.Text.Json;
using Credstack.Credentials.Dids;
using Credstack.Tests.Shared;

namespace Credstack.Credentials.Tests.Dids;

/// <summary>
/// The proof verification methods of 1EdTech's validator samples, dereferenced through the default resolver
/// with the https issuers served from local controller documents (no network).
/// </summary>
public sealed class OneEdTechVerificationMethodTests
{
    private const string Key = "z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi";

    private static string ControllerDocument(string id) =>
        $$"""{"id":"{{id}}","verificationMethod":[{"id":"{{id}}#{{Key}}","type":"Multikey","controller":"{{id}}","publicKeyMultibase":"{{Key}}"}],"assertionMethod":["{{id}}#{{Key}}"]}""";

    public static TheoryData<string, string?> Samples =>
        new()
        {
            { "simple-did-key-method.json", null },
            { "simple-did-web-method.json", null },
            { "simple.json", null },
            {
                "simple-err-proof-method.json",
                nameof(ResolutionErrorCode.VerificationMethodNotFound)
            },
            { "simple-err-proof-method-no-scheme.json", nameof(ResolutionErrorCode.InvalidDid) },
            {
                "simple-err-proof-method-unknown-scheme.json",
                nameof(ResolutionErrorCode.InvalidDid)
            },
            {
                "simple-err-proof-method-unknown-did-method.json",
                nameof(ResolutionErrorCode.MethodNotSupported)
            },
        };

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task ProofVerificationMethod_DereferencesAsExpected(string file, string? errorCode)
    {
        using var doc = JsonDocument.Parse(
            File.ReadAllText(
                SharedData.PathOf("vectors", "1edtech-validator-samples", "ob30", file)
            )
        );
        var root = doc.RootElement;
        var proof = root.GetProperty("proof");
        if (proof.ValueKind == JsonValueKind.Array)
        {
            proof = proof[0];
        }
        var method = proof.GetProperty("verificationMethod").GetString()!;
        var issuer = root.GetProperty("issuer") is { ValueKind: JsonValueKind.String } s
            ? s.GetString()!
            : root.GetProperty("issuer").GetProperty("id").GetString()!;
        var documents = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (
            var id in (string[])
                [
                    "https://1edtech.edu/issuers/565049",
                    "https://example.edu/issuers/565049",
                    "https://example.com/issuers/876543",
                ]
        )
        {
            documents[id] = ControllerDocument(id);
        }
        using var resolver = new DidResolver(new OfflineDidResolver(documents));
        var result = await resolver.DereferenceAsync(method, CancellationToken.None);
        if (errorCode is null)
        {
            Assert.True(result.IsSuccess, result.Error?.Message);
            Assert.Equal(Key, result.VerificationMethod.Key!.ToMultikey());
            if (!method.StartsWith("did:key:", StringComparison.Ordinal))
            {
                // The did:key sample's issuer is a urn:uuid, which no key can be bound to.
                Assert.True(ControllerCheck.IsControlledBy(result.VerificationMethod, issuer));
                Assert.True(result.Document.IsAssertionMethod(result.VerificationMethod.Id));
            }
        }
        else
        {
            Assert.False(result.IsSuccess);
            Assert.Equal(errorCode, result.Error.Code.ToString());
        }
    }
}
