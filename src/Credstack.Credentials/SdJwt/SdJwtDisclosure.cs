using System.Text.Json.Nodes;

namespace Credstack.Credentials.SdJwt;

/// <summary>One SD-JWT disclosure (RFC 9901 §4.2): salt, claim name (absent for an array element) and value.</summary>
/// <param name="Encoded">The base64url text as it appears in the SD-JWT.</param>
/// <param name="Salt">The salt.</param>
/// <param name="Name">The claim name, or null for an array element.</param>
/// <param name="Value">The disclosed value.</param>
/// <param name="Digest">base64url(SHA-256(ASCII(<paramref name="Encoded"/>))).</param>
public sealed record SdJwtDisclosure(
    string Encoded,
    string Salt,
    string? Name,
    JsonNode? Value,
    string Digest
);
