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
    /// <summary>The hash algorithm.</summary>
    public RdfcHashAlgorithm HashAlgorithm { get; init; } = RdfcHashAlgorithm.Sha256;

    /// <summary>
    /// The most calls of the Hash N-Degree Quads algorithm (§4.8) allowed, relative to the number of
    /// blank nodes, before the dataset is refused as a poison graph (RDFC-1.0 §4.4.3 note on limits).
    /// </summary>
    public int MaxDeepIterationsPerBlankNode { get; init; } = 8;
}
