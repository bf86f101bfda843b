namespace Credstack.Credentials.DataIntegrity;

/// <summary>What a new Data Integrity proof says (VC Data Integrity 1.0 §2.1 proof properties).</summary>
public sealed record ProofOptions
{
    /// <summary><c>eddsa-rdfc-2022</c> (default), <c>eddsa-jcs-2022</c>, or <c>Ed25519Signature2020</c> for that legacy proof type.</summary>
    public string Cryptosuite { get; init; } = DataIntegritySuites.EddsaRdfc2022;

    /// <summary>The proof purpose; <c>assertionMethod</c> for credentials, <c>authentication</c> for presentations.</summary>
    public string ProofPurpose { get; init; } = "assertionMethod";

    /// <summary>When the proof was created; null leaves <c>created</c> out.</summary>
    public DateTimeOffset? Created { get; init; }

    /// <summary>When the proof expires.</summary>
    public DateTimeOffset? Expires { get; init; }

    /// <summary>An id for the proof (needed when later proofs chain to it).</summary>
    public string? Id { get; init; }

    /// <summary>The challenge of a presentation proof.</summary>
    public string? Challenge { get; init; }

    /// <summary>The domain of a presentation proof.</summary>
    public string? Domain { get; init; }

    /// <summary>A nonce.</summary>
    public string? Nonce { get; init; }

    /// <summary>The ids of earlier proofs this proof chains to (proof chains, VC Data Integrity §2.1.2).</summary>
    public IReadOnlyList<string> PreviousProof { get; init; } = [];
}
