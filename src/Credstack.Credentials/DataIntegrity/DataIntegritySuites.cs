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

    /// <summary>ECDSA (P-256 with SHA-256, P-384 with SHA-384) over RDFC-1.0 canonical N-Quads (VC DI ECDSA §3.2).</summary>
    public const string EcdsaRdfc2019 = "ecdsa-rdfc-2019";

    /// <summary>ECDSA (P-256 with SHA-256, P-384 with SHA-384) over the JCS of the document (VC DI ECDSA §3.4).</summary>
    public const string EcdsaJcs2019 = "ecdsa-jcs-2019";

    /// <summary>The draft name of eddsa-rdfc-2022; verified with a warning, never created.</summary>
    public const string Eddsa2022Legacy = "eddsa-2022";

    /// <summary>The legacy Ed25519Signature2020 proof type (RDF canonicalization, no cryptosuite property).</summary>
    public const string Ed25519Signature2020 = "Ed25519Signature2020";

    /// <summary>Whether a cryptosuite canonicalizes with JCS (RFC 8785) rather than RDFC-1.0.</summary>
    public static bool UsesJcs(string cryptosuite) => cryptosuite is EddsaJcs2022 or EcdsaJcs2019;

    /// <summary>Whether a cryptosuite signs with ECDSA (P-256 or P-384) rather than Ed25519.</summary>
    public static bool UsesEcdsa(string cryptosuite) =>
        cryptosuite is EcdsaRdfc2019 or EcdsaJcs2019;

    /// <summary>The context Ed25519Signature2020 proofs need.</summary>
    public const string Ed25519Signature2020Context =
        "https://w3id.org/security/suites/ed25519-2020/v1";
}
