using System.Text.Json;

namespace Credstack.Credentials.Jose;

/// <summary>A VC-JWT split and parsed, before or after its signature is checked.</summary>
public sealed class DecodedVcJwt
{
    internal DecodedVcJwt(
        JsonElement header,
        JsonElement payload,
        JsonElement credential,
        VcJwtForm form,
        string algorithm,
        byte[] signature,
        byte[] signingInput
    )
    {
        Header = header;
        Payload = payload;
        Credential = credential;
        Form = form;
        Algorithm = algorithm;
        Signature = signature;
        SigningInput = signingInput;
    }

    /// <summary>The JOSE header.</summary>
    public JsonElement Header { get; }

    /// <summary>The JWT payload (claims).</summary>
    public JsonElement Payload { get; }

    /// <summary>
    /// The credential: the <c>vc</c> claim (with issuer, id, dates and subject id filled in from the claims
    /// when it lacks them, VC DM 1.1 §6.3.1) or the payload itself.
    /// </summary>
    public JsonElement Credential { get; }

    /// <summary>Which of the three forms the token has.</summary>
    public VcJwtForm Form { get; }

    /// <summary>The header's <c>alg</c>.</summary>
    public string Algorithm { get; }

    /// <summary>The header's <c>kid</c>, if any.</summary>
    public string? Kid =>
        Header.TryGetProperty("kid", out var kid) && kid.ValueKind == JsonValueKind.String
            ? kid.GetString()
            : null;

    /// <summary>The credential's issuer id (<c>issuer</c> or <c>issuer.id</c>), if any.</summary>
    public string? IssuerId => VcJwtClaims.IssuerId(Credential);

    internal byte[] Signature { get; }

    internal ReadOnlyMemory<byte> SigningInput { get; }
}
