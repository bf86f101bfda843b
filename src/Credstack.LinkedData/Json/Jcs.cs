using System.Text.Json.Nodes;

namespace Credstack.LinkedData.Json;

/// <summary>JSON Canonicalization Scheme (RFC 8785).</summary>
public static class Jcs
{
    /// <summary>Serializes a JSON value in its RFC 8785 canonical form.</summary>
    public static string Canonicalize(JsonNode? node) =>
        throw new NotImplementedException("JCS is being written (issue 2)");

    /// <summary>Serializes a JSON value in its RFC 8785 canonical form, as UTF-8 bytes.</summary>
    public static byte[] CanonicalizeToUtf8(JsonNode? node) =>
        System.Text.Encoding.UTF8.GetBytes(Canonicalize(node));
}
