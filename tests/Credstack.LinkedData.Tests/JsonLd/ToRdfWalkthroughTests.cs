using System.Text.Json.Nodes;
using Credstack.LinkedData.Canonicalization;
using Credstack.LinkedData.JsonLd;
using Credstack.Tests.Shared;

namespace Credstack.LinkedData.Tests.JsonLd;

/// <summary>
/// The 1EdTech eddsa-rdfc-2022 walkthroughs (OB 3.0 and CLR 2.0): toRdf with the bundled contexts, then
/// RDFC-1.0, must reproduce their canonical N-Quads byte for byte, for the credential and for the proof
/// configuration (VC Data Integrity §4: the proof without proofValue, with the credential's @context).
/// </summary>
public sealed class ToRdfWalkthroughTests
{
    public static TheoryData<string> Walkthroughs() =>
        new() { "ob-eddsa-rdfc-2022.json", "clr-eddsa-rdfc-2022.json" };

    [Theory]
    [MemberData(nameof(Walkthroughs))]
    public void ToRdf_UnsignedCredential_CanonicalizesToTheWalkthroughDocument(string file)
    {
        var walkthrough = Load(file);
        var credential = walkthrough["unsignedCredential"];

        var canonical = RdfCanonicalizer.Canonicalize(JsonLdProcessor.ToRdf(credential)).NQuads;

        Assert.Equal(ReadCanon(walkthrough, "canonicalDocumentFile"), canonical);
    }

    [Theory]
    [MemberData(nameof(Walkthroughs))]
    public void ToRdf_ProofConfiguration_CanonicalizesToTheWalkthroughProof(string file)
    {
        var walkthrough = Load(file);
        var proof = walkthrough["proof"]!.DeepClone().AsObject();
        proof.Remove("proofValue");
        proof["@context"] = walkthrough["unsignedCredential"]!["@context"]!.DeepClone();

        var canonical = RdfCanonicalizer.Canonicalize(JsonLdProcessor.ToRdf(proof)).NQuads;

        Assert.Equal(ReadCanon(walkthrough, "canonicalProofFile"), canonical);
    }

    private static JsonObject Load(string file) =>
        JsonNode
            .Parse(File.ReadAllText(SharedData.PathOf("vectors", "1edtech-ldp", file)))!
            .AsObject();

    private static string ReadCanon(JsonObject walkthrough, string key) =>
        File.ReadAllText(
            SharedData.PathOf([
                "vectors",
                "1edtech-ldp",
                .. walkthrough[key]!.GetValue<string>().Split('/'),
            ])
        );
}
