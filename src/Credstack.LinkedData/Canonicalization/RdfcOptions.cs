namespace Credstack.LinkedData.Canonicalization;

/// <summary>The hash algorithm RDFC-1.0 uses (§4.2: SHA-256 by default; SHA-384 as an option).</summary>
public enum RdfcHashAlgorithm
{
    /// <summary>SHA-256, the default.</summary>
    Sha256,

    /// <summary>SHA-384.</summary>
    Sha384,
}

/// <summary>Options of RDFC-1.0 canonicalization.</summary>
public sealed record RdfcOptions
{
    /// <summary>The default options (SHA-256, default work limits).</summary>
    public static RdfcOptions Default { get; } = new();

    /// <summary>The hash algorithm.</summary>
    public RdfcHashAlgorithm HashAlgorithm { get; init; } = RdfcHashAlgorithm.Sha256;

    /// <summary>
    /// The most calls of the Hash N-Degree Quads algorithm (§4.8) allowed, relative to the number of
    /// blank nodes whose first-degree hashes are shared, before the dataset is refused as a poison graph
    /// (RDFC-1.0 §4.4 and its Security Considerations on poison graphs). The default, 64, admits every
    /// legitimate test of the W3C suite (the "evil" tests 044–046 need 36 per node) and refuses the
    /// 10-node clique of test 074 within a few hundred calls.
    /// </summary>
    public int MaxDeepIterationsPerBlankNode { get; init; } = 64;

    /// <summary>
    /// The most permutations Hash N-Degree Quads (§4.8 step 5.4) may examine in total before the dataset
    /// is refused as a poison graph; bounds the work the call limit does not (permutations pruned before
    /// recursion). The W3C suite needs at most 2,652.
    /// </summary>
    public long MaxPermutations { get; init; } = 50_000;
}
