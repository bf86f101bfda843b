namespace Credstack.Credentials.DataIntegrity;

/// <summary>The proof types and cryptosuites Credstack creates and verifies.</summary>
public static class DataIntegritySuites
{
    /// <summary>The Data Integrity proof type (VC Data Integrity 1.0 §2.1).</summary>
    public const string DataIntegrityProof = "DataIntegrityProof";

    /// <summary>EdDSA over RDFC-1.0 canonical N-Quads (VC DI EdDSA §3.2); required by 1EdTech certification.</summary>
    public const string EddsaRdfc2022 = "eddsa-rdfc-2022";

    /// <summary>EdDSA over the JCS of the document (VC DI EdDSA §3.3).</summary>
    public const string EddsaJcs2022 = "eddsa-jcs-2022";

    /// <summary>The draft name of eddsa-rdfc-2022; verified with a warning, never created.</summary>
    public const string Eddsa2022Legacy = "eddsa-2022";

    /// <summary>The legacy Ed25519Signature2020 proof type (RDF canonicalization, no cryptosuite property).</summary>
    public const string Ed25519Signature2020 = "Ed25519Signature2020";

    /// <summary>The context Ed25519Signature2020 proofs need.</summary>
    public const string Ed25519Signature2020Context =
        "https://w3id.org/security/suites/ed25519-2020/v1";
}
