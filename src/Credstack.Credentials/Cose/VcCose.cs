using System.Diagnostics.CodeAnalysis;
using System.Formats.Cbor;
using System.Text;
using System.Text.Json;
using Credstack.Credentials.Jose;
using Credstack.Credentials.Keys;

namespace Credstack.Credentials.Cose;

/// <summary>
/// Credentials and presentations secured with COSE (VC-JOSE-COSE §3.3): a COSE_Sign1 (RFC 9052 §4.2) whose
/// payload is the JSON credential (<c>application/vc+cose</c>, §3.3.1) or presentation
/// (<c>application/vp+cose</c>, §3.3.2). The Sig_structure is built here with System.Formats.Cbor (RFC 9052
/// §4.4), so every key type Credstack signs with works, EdDSA included. The text form is base64 of the
/// COSE_Sign1 bytes (as in the W3C test suite and <c>data:application/vc+cose;base64,</c> URLs). Malformed input
/// is a <see cref="VcCoseResult"/> with a code, never an exception.
/// </summary>
public static class VcCose
{
    /// <summary>The media type of a COSE-secured credential.</summary>
    public const string CredentialMediaType = "application/vc+cose";

    /// <summary>The media type of a COSE-secured presentation.</summary>
    public const string PresentationMediaType = "application/vp+cose";

    /// <summary>The largest COSE_Sign1 accepted, in bytes (1 MiB).</summary>
    public const int MaxBytes = 1024 * 1024;

    private const int Sign1Tag = 18;
    private const int LabelAlg = 1;
    private const int LabelCrit = 2;
    private const int LabelContentType = 3;
    private const int LabelKid = 4;
    private const int LabelTyp = 16;

    /// <summary>
    /// Signs a credential or presentation (chosen by its <c>type</c>) as a tagged COSE_Sign1 with protected
    /// <c>alg</c>, content type (<c>application/vc</c> or <c>application/vp</c>), <c>kid</c> and <c>typ</c>.
    /// </summary>
    /// <exception cref="ArgumentException">The document is not an object, or has a top-level property no context defines.</exception>
    public static byte[] Create(
        JsonElement document,
        SigningKey key,
        VcCoseCreateOptions? options = null
    )
    {
        ArgumentNullException.ThrowIfNull(key);
        options ??= new VcCoseCreateOptions();
        var presentation = VcEnvelope.CheckBeforeSigning(document, nameof(document));
        var writer = new CborWriter(CborConformanceMode.Strict);
        writer.WriteStartMap(options.Kid is null ? 3 : 4);
        writer.WriteInt32(LabelAlg);
        writer.WriteInt32(AlgorithmId(key.Type));
        writer.WriteInt32(LabelContentType);
        writer.WriteTextString(presentation ? "application/vp" : "application/vc");
        if (options.Kid is not null)
        {
            writer.WriteInt32(LabelKid);
            writer.WriteByteString(Encoding.UTF8.GetBytes(options.Kid));
        }
        writer.WriteInt32(LabelTyp);
        writer.WriteTextString(presentation ? PresentationMediaType : CredentialMediaType);
        writer.WriteEndMap();
        var protectedHeader = writer.Encode();
        var payload = Encoding.UTF8.GetBytes(document.GetRawText());
        var signature = key.Sign(ToBeSigned(protectedHeader, payload));

        var sign1 = new CborWriter(CborConformanceMode.Strict);
        sign1.WriteTag((CborTag)Sign1Tag);
        sign1.WriteStartArray(4);
        sign1.WriteByteString(protectedHeader);
        sign1.WriteStartMap(0);
        sign1.WriteEndMap();
        sign1.WriteByteString(payload);
        sign1.WriteByteString(signature);
        sign1.WriteEndArray();
        return sign1.Encode();
    }

    /// <summary>Decodes the base64 text form (standard or URL alphabet, padding optional) into COSE_Sign1 bytes.</summary>
    public static bool TryDecodeText(
        string text,
        [NotNullWhen(true)] out byte[]? bytes,
        [NotNullWhen(false)] out VcJwtError? error
    )
    {
        ArgumentNullException.ThrowIfNull(text);
        bytes = null;
        error = null;
        var t = text.Trim();
        if (t.Length == 0)
        {
            error = new(VcJwtErrorCode.InvalidBase64, "the input is empty");
            return false;
        }
        if (t.Length > MaxBytes * 4 / 3 + 4)
        {
            error = new(VcJwtErrorCode.TooLarge, $"the COSE_Sign1 is larger than {MaxBytes} bytes");
            return false;
        }
        var normal = t.Replace('-', '+').Replace('_', '/').TrimEnd('=');
        normal += new string('=', (4 - normal.Length % 4) % 4);
        try
        {
            bytes = Convert.FromBase64String(normal);
            return true;
        }
        catch (FormatException)
        {
            error = new(VcJwtErrorCode.InvalidBase64, "the COSE text is not base64");
            return false;
        }
    }

    /// <summary>Parses a COSE_Sign1 securing a credential or presentation, without checking its signature.</summary>
    public static bool TryDecode(
        ReadOnlyMemory<byte> cose,
        [NotNullWhen(true)] out DecodedVcCose? decoded,
        [NotNullWhen(false)] out VcJwtError? error
    )
    {
        (decoded, error) = DecodeCore(cose);
        return error is null;
    }

    /// <summary>Verifies COSE_Sign1 bytes with <paramref name="key"/>.</summary>
    public static VcCoseResult Verify(ReadOnlyMemory<byte> cose, VerificationKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var (decoded, error) = DecodeCore(cose);
        return error is not null ? new VcCoseResult(error, decoded) : Check(decoded!, key);
    }

    /// <summary>Verifies the base64 text form with <paramref name="key"/>.</summary>
    public static VcCoseResult Verify(string text, VerificationKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return TryDecodeText(text, out var bytes, out var error)
            ? Verify(bytes, key)
            : new VcCoseResult(error, null);
    }

    /// <summary>Checks the signature of an already decoded COSE_Sign1.</summary>
    public static VcCoseResult Check(DecodedVcCose cose, VerificationKey key)
    {
        ArgumentNullException.ThrowIfNull(cose);
        ArgumentNullException.ThrowIfNull(key);
        if (KeyTypeOf(cose.AlgorithmId) != key.Type)
        {
            return new VcCoseResult(
                new(
                    VcJwtErrorCode.KeyAlgorithmMismatch,
                    $"alg {cose.Algorithm} cannot be verified with a {key.Type} key"
                ),
                cose,
                key
            );
        }
        if (!key.Verify(cose.ToBeSigned, cose.Signature))
        {
            return new VcCoseResult(
                new(VcJwtErrorCode.InvalidSignature, "the COSE_Sign1 signature does not verify"),
                cose,
                key
            );
        }
        return new VcCoseResult(null, cose, key);
    }

    /// <summary>True when the bytes start like a COSE_Sign1 (tag 18 or a 4-element array).</summary>
    public static bool LooksLikeCose(ReadOnlySpan<byte> bytes) =>
        bytes.Length > 2 && (bytes[0] == 0xD2 && bytes[1] == 0x84 || bytes[0] == 0x84);

    internal static string? JoseName(int algorithm) =>
        algorithm switch
        {
            -7 => "ES256",
            -35 => "ES384",
            -36 => "ES512",
            -8 or -19 => "EdDSA",
            -257 => "RS256",
            _ => null,
        };

    private static KeyType? KeyTypeOf(int algorithm) =>
        JoseName(algorithm) is { } name ? VcEnvelope.KeyTypeOfJoseAlgorithm(name) : null;

    // RFC 9053 §2.1 (ECDSA), §2.2 (EdDSA); RFC 8812 §2 (RS256).
    private static int AlgorithmId(KeyType type) =>
        type switch
        {
            KeyType.P256 => -7,
            KeyType.P384 => -35,
            KeyType.P521 => -36,
            KeyType.Ed25519 => -8,
            KeyType.Rsa => -257,
            _ => throw new ArgumentOutOfRangeException(nameof(type)),
        };

    /// <summary>RFC 9052 §4.4: Sig_structure = ["Signature1", body_protected, external_aad, payload].</summary>
    private static byte[] ToBeSigned(byte[] protectedHeader, ReadOnlySpan<byte> payload)
    {
        var w = new CborWriter(CborConformanceMode.Strict);
        w.WriteStartArray(4);
        w.WriteTextString("Signature1");
        w.WriteByteString(protectedHeader);
        w.WriteByteString([]);
        w.WriteByteString(payload);
        w.WriteEndArray();
        return w.Encode();
    }

    private static (DecodedVcCose? Cose, VcJwtError? Error) DecodeCore(ReadOnlyMemory<byte> cose)
    {
        if (cose.Length == 0)
        {
            return (null, new(VcJwtErrorCode.InvalidCbor, "the COSE_Sign1 is empty"));
        }
        if (cose.Length > MaxBytes)
        {
            return (
                null,
                new(VcJwtErrorCode.TooLarge, $"the COSE_Sign1 is larger than {MaxBytes} bytes")
            );
        }
        byte[] protectedBytes;
        byte[]? unprotectedKid = null;
        byte[] payload;
        byte[] signature;
        try
        {
            var reader = new CborReader(cose, CborConformanceMode.Lax);
            if (reader.PeekState() == CborReaderState.Tag)
            {
                var tag = reader.ReadTag();
                if ((ulong)tag != Sign1Tag)
                {
                    return (
                        null,
                        new(
                            VcJwtErrorCode.InvalidCbor,
                            $"CBOR tag {(ulong)tag} is not COSE_Sign1 (18)"
                        )
                    );
                }
            }
            if (reader.PeekState() != CborReaderState.StartArray || reader.ReadStartArray() != 4)
            {
                return (
                    null,
                    new(VcJwtErrorCode.InvalidCbor, "a COSE_Sign1 is an array of four elements")
                );
            }
            protectedBytes = reader.ReadByteString();
            if (reader.PeekState() != CborReaderState.StartMap)
            {
                return (
                    null,
                    new(VcJwtErrorCode.InvalidCbor, "the unprotected header is not a map")
                );
            }
            // RFC 9052 §3: only kid (label 4) is read from the unprotected header, as a hint for finding the key
            // when the protected header names none; alg, typ and content type count only when protected.
            var count = reader.ReadStartMap();
            for (
                var i = 0;
                count is null ? reader.PeekState() != CborReaderState.EndMap : i < count;
                i++
            )
            {
                var isKid = false;
                if (reader.PeekState() == CborReaderState.UnsignedInteger)
                {
                    isKid = reader.ReadUInt64() == LabelKid;
                }
                else
                {
                    reader.SkipValue();
                }
                if (isKid && reader.PeekState() == CborReaderState.ByteString)
                {
                    unprotectedKid = reader.ReadByteString();
                }
                else
                {
                    reader.SkipValue();
                }
            }
            reader.ReadEndMap();
            if (reader.PeekState() == CborReaderState.Null)
            {
                return (
                    null,
                    new(
                        VcJwtErrorCode.Malformed,
                        "the payload is detached (nil); a secured credential carries it"
                    )
                );
            }
            payload = reader.ReadByteString();
            signature = reader.ReadByteString();
            reader.ReadEndArray();
            if (reader.BytesRemaining != 0)
            {
                return (null, new(VcJwtErrorCode.InvalidCbor, "bytes follow the COSE_Sign1"));
            }
        }
        catch (Exception e) when (IsCborError(e))
        {
            return (
                null,
                new(VcJwtErrorCode.InvalidCbor, "not a well-formed COSE_Sign1 (CBOR): " + e.Message)
            );
        }

        int? alg = null;
        byte[]? kid = null;
        string? contentType = null;
        string? typ = null;
        try
        {
            if (protectedBytes.Length > 0)
            {
                var h = new CborReader(protectedBytes, CborConformanceMode.Lax);
                var seen = new HashSet<string>(StringComparer.Ordinal);
                h.ReadStartMap();
                while (h.PeekState() != CborReaderState.EndMap)
                {
                    string label;
                    int? intLabel = null;
                    if (
                        h.PeekState()
                        is CborReaderState.UnsignedInteger
                            or CborReaderState.NegativeInteger
                    )
                    {
                        intLabel = h.ReadInt32();
                        label = intLabel.Value.ToString(
                            System.Globalization.CultureInfo.InvariantCulture
                        );
                    }
                    else
                    {
                        label = "t:" + h.ReadTextString();
                    }
                    if (!seen.Add(label))
                    {
                        return (
                            null,
                            new(
                                VcJwtErrorCode.InvalidCbor,
                                $"the protected header repeats label {label}"
                            )
                        );
                    }
                    switch (intLabel)
                    {
                        case LabelAlg:
                            if (h.PeekState() == CborReaderState.TextString)
                            {
                                return (
                                    null,
                                    new(
                                        VcJwtErrorCode.UnsupportedAlgorithm,
                                        $"alg '{h.ReadTextString()}' is not supported"
                                    )
                                );
                            }
                            alg = h.ReadInt32();
                            break;
                        case LabelCrit:
                            return (
                                null,
                                new(
                                    VcJwtErrorCode.UnsupportedCritical,
                                    "the protected header lists crit parameters, which are not understood"
                                )
                            );
                        case LabelContentType:
                            contentType = ReadMediaType(h);
                            break;
                        case LabelKid:
                            kid = h.ReadByteString();
                            break;
                        case LabelTyp:
                            typ = ReadMediaType(h);
                            break;
                        default:
                            h.SkipValue();
                            break;
                    }
                }
                h.ReadEndMap();
                if (h.BytesRemaining != 0)
                {
                    return (
                        null,
                        new(VcJwtErrorCode.InvalidCbor, "bytes follow the protected header map")
                    );
                }
            }
        }
        catch (Exception e) when (IsCborError(e))
        {
            return (
                null,
                new(
                    VcJwtErrorCode.InvalidCbor,
                    "the protected header is not a CBOR map: " + e.Message
                )
            );
        }

        if (alg is null)
        {
            return (
                null,
                new(VcJwtErrorCode.Malformed, "the protected header has no alg (label 1)")
            );
        }
        if (KeyTypeOf(alg.Value) is null)
        {
            return (
                null,
                new(
                    VcJwtErrorCode.UnsupportedAlgorithm,
                    $"COSE alg {alg} is not supported (ES256, ES384, ES512, EdDSA, RS256)"
                )
            );
        }
        // VC-JOSE-COSE §3.3.1 / §3.3.2: typ names vc+cose or vp+cose, the content type vc or vp.
        var presentation = false;
        if (typ is not null)
        {
            var t = Strip(typ);
            if (t is not ("vc+cose" or "vp+cose"))
            {
                return (
                    null,
                    new(
                        VcJwtErrorCode.InvalidType,
                        $"typ '{typ}' is not {CredentialMediaType} or {PresentationMediaType}"
                    )
                );
            }
            presentation = t == "vp+cose";
        }
        if (contentType is not null)
        {
            var c = Strip(contentType);
            if (c is not ("vc" or "vp" or "vc+ld+json" or "vp+ld+json"))
            {
                return (
                    null,
                    new(
                        VcJwtErrorCode.InvalidType,
                        $"content type '{contentType}' is not application/vc or application/vp"
                    )
                );
            }
            var cp = c.StartsWith("vp", StringComparison.Ordinal);
            if (typ is not null && cp != presentation)
            {
                return (
                    null,
                    new(
                        VcJwtErrorCode.InvalidType,
                        $"typ '{typ}' and content type '{contentType}' disagree"
                    )
                );
            }
            presentation = cp;
        }
        JsonElement document;
        if (!System.Text.Unicode.Utf8.IsValid(payload))
        {
            return (null, new(VcJwtErrorCode.InvalidJson, "the payload is not UTF-8 JSON"));
        }
        try
        {
            using var doc = JsonDocument.Parse(payload, VcJwt.ParseOptions);
            document = doc.RootElement.Clone();
        }
        catch (JsonException)
        {
            return (null, new(VcJwtErrorCode.InvalidJson, "the payload is not JSON"));
        }
        if (
            document.ValueKind != JsonValueKind.Object
            || !document.TryGetProperty("@context", out _)
        )
        {
            return (
                null,
                new(
                    VcJwtErrorCode.NotACredential,
                    "the payload is not a credential or presentation (no @context)"
                )
            );
        }
        if (document.TryGetProperty("vc", out _) || document.TryGetProperty("vp", out _))
        {
            return (
                null,
                new(VcJwtErrorCode.ForbiddenClaim, "the payload must not contain vc or vp claims")
            );
        }
        if (typ is null && contentType is null)
        {
            presentation = VcEnvelope.IsPresentation(document);
        }
        if (presentation)
        {
            if (VcEnvelope.CheckPresentationCredentials(document) is { } problem)
            {
                return (null, new(VcJwtErrorCode.InvalidPresentation, problem));
            }
        }
        else if (!VcEnvelope.HasType(document, "VerifiableCredential"))
        {
            return (
                null,
                new(
                    VcJwtErrorCode.NotACredential,
                    "an application/vc+cose payload's type must include VerifiableCredential"
                )
            );
        }
        var decoded = new DecodedVcCose(
            alg.Value,
            kid ?? unprotectedKid,
            typ,
            contentType,
            document,
            presentation,
            ToBeSigned(protectedBytes, payload),
            signature
        );
        return (decoded, null);
    }

    private static string ReadMediaType(CborReader h) =>
        h.PeekState() == CborReaderState.TextString
            ? h.ReadTextString()
            : "coap:" + h.ReadUInt32().ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string Strip(string mediaType)
    {
        var m = mediaType.Trim().ToLowerInvariant();
        return m.StartsWith("application/", StringComparison.Ordinal)
            ? m["application/".Length..]
            : m;
    }

    /// <summary>What System.Formats.Cbor throws for malformed or unexpected input.</summary>
    private static bool IsCborError(Exception e) =>
        e
            is CborContentException
                or InvalidOperationException
                or FormatException
                or OverflowException;
}
