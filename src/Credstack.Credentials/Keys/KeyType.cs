namespace Credstack.Credentials.Keys;

/// <summary>The kinds of asymmetric key Credstack signs and verifies with.</summary>
public enum KeyType
{
    /// <summary>Ed25519 (EdDSA, RFC 8032).</summary>
    Ed25519,

    /// <summary>ECDSA on NIST P-256 with SHA-256 (ES256).</summary>
    P256,

    /// <summary>ECDSA on NIST P-384 with SHA-384 (ES384).</summary>
    P384,

    /// <summary>ECDSA on NIST P-521 with SHA-512 (ES512).</summary>
    P521,

    /// <summary>RSA PKCS #1 v1.5 with SHA-256 (RS256), at least 2048 bits.</summary>
    Rsa,
}
