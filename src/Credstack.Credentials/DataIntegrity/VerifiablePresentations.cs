using System.Text.Json.Nodes;
using Credstack.LinkedData.JsonLd;

namespace Credstack.Credentials.DataIntegrity;

/// <summary>Verifiable Presentations (VC Data Model 2.0 §4.13) signed with an authentication proof bound to a challenge and domain.</summary>
public static class VerifiablePresentations
{
    /// <summary>The VC 2.0 base context.</summary>
    public const string CredentialsV2Context = "https://www.w3.org/ns/credentials/v2";

    /// <summary>Builds an unsigned presentation of <paramref name="credentials"/> (each kept exactly as given).</summary>
    public static JsonObject Create(
        IEnumerable<JsonNode> credentials,
        string? holder = null,
        string? id = null
    )
    {
        ArgumentNullException.ThrowIfNull(credentials);
        var presentation = new JsonObject
        {
            ["@context"] = new JsonArray(CredentialsV2Context),
            ["type"] = new JsonArray("VerifiablePresentation"),
        };
        if (id is not null)
        {
            presentation["id"] = id;
        }
        if (holder is not null)
        {
            presentation["holder"] = holder;
        }
        var list = new JsonArray();
        foreach (var credential in credentials)
        {
            list.Add(credential.DeepClone());
        }
        presentation["verifiableCredential"] = list;
        return presentation;
    }

    /// <summary>
    /// Signs a presentation with an <c>authentication</c> proof carrying <paramref name="challenge"/> and
    /// <paramref name="domain"/>, which a verifier checks to refuse replayed presentations.
    /// </summary>
    public static JsonObject Sign(
        JsonObject presentation,
        IProofSigner signer,
        string challenge,
        string? domain = null,
        DateTimeOffset? created = null,
        string cryptosuite = DataIntegritySuites.EddsaRdfc2022,
        JsonLdOptions? jsonLdOptions = null
    ) =>
        DataIntegrityProofs.AddProof(
            presentation,
            new ProofOptions
            {
                Cryptosuite = cryptosuite,
                ProofPurpose = "authentication",
                Challenge = challenge,
                Domain = domain,
                Created = created,
            },
            signer,
            jsonLdOptions
        );
}
