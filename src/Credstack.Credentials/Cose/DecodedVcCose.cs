using System.Text;
using System.Text.Json;

namespace Credstack.Credentials.Cose;

/// <summary>A COSE_Sign1 securing a credential or presentation, parsed but not yet verified.</summary>
public sealed class DecodedVcCose
{
    internal DecodedVcCose(
        int algorithm,
        byte[]? kid,
        string? type,
        string? contentType,
        JsonElement document,
        bool isPresentation,
        byte[] toBeSigned,
        byte[] signature
    )
    {
        AlgorithmId = algorithm;
        KidBytes = kid;
        Type = type;
        ContentType = contentType;
        Document = document;
        IsPresentation = isPresentation;
        ToBeSigned = toBeSigned;
        Signature = signature;
    }

    /// <summary>The protected <c>alg</c> (label 1), a COSE algorithm id (-7 ES256, -35 ES384, -36 ES512, -8 EdDSA, -257 RS256).</summary>
    public int AlgorithmId { get; }

    /// <summary>The JOSE name of <see cref="AlgorithmId"/> (ES256, EdDSA, …).</summary>
    public string Algorithm =>
        VcCose.JoseName(AlgorithmId)
        ?? AlgorithmId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The <c>kid</c> (label 4) read as UTF-8 text: the protected one, else the unprotected one; null when neither.</summary>
    public string? Kid => KidBytes is null ? null : Encoding.UTF8.GetString(KidBytes);

    /// <summary>The protected <c>typ</c> (label 16, RFC 9596), e.g. <c>application/vc+cose</c>.</summary>
    public string? Type { get; }

    /// <summary>The protected content type (label 3), e.g. <c>application/vc</c>.</summary>
    public string? ContentType { get; }

    /// <summary>The payload: the credential or presentation (JSON).</summary>
    public JsonElement Document { get; }

    /// <summary>True for <c>application/vp+cose</c>.</summary>
    public bool IsPresentation { get; }

    internal byte[]? KidBytes { get; }

    internal byte[] ToBeSigned { get; }

    internal byte[] Signature { get; }
}
