using System.Diagnostics.CodeAnalysis;
using System.Formats.Cbor;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Credstack.Credentials.Keys;
using Credstack.Credentials.Verification;
using Credstack.LinkedData.Canonicalization;
using Credstack.LinkedData.JsonLd;

namespace Credstack.Credentials.DataIntegrity;

/// <summary>
/// The <c>ecdsa-sd-2023</c> selective disclosure suite (W3C Data Integrity ECDSA Cryptosuites 1.0 §3.6): the
/// issuer creates a base proof (<see cref="CreateBaseProof(System.Text.Json.Nodes.JsonObject, ProofOptions, IProofSigner, IReadOnlyList{string}, JsonLdOptions?)"/>),
/// the holder derives proofs from it (<see cref="DeriveProof"/>), and verifiers check derived proofs:
/// <see cref="PrepareDerivedProof"/> parses the proof value and computes the verify data (no key needed),
/// <see cref="VerifyDerivedProof"/> checks the issuer's base signature and the proof-scoped signatures. Only
/// derived proofs are accepted by verifiers: a base proof is for its holder. Only P-256 issuer keys (SHA-256)
/// are supported.
/// </summary>
public static partial class EcdsaSd2023
{
    /// <summary>The cryptosuite name.</summary>
    public const string Cryptosuite = "ecdsa-sd-2023";

    private static readonly JsonLdOptions SafeJsonLd = new() { SafeMode = true };

    private static readonly ProofExpectations DefaultExpectations = new();

    // §3.5.2 / §3.5.7: the three header bytes of a base proof value and of a derived proof value.
    private const byte HeaderTag0 = 0xd9;
    private const byte HeaderTag1 = 0x5d;
    private const byte BaseProofHeader = 0x00;
    private const byte DerivedProofHeader = 0x01;

    // §3.5.8 step 4: the sizes in a derived proof value. The public key is a Multikey p256-pub value:
    // the varint 0x80 0x24 and a 33-byte compressed point, 35 bytes (the Recommendation's "36" is a
    // known mistake; the reference implementation requires 35).
    private const int SignatureSize = 64;

    /// <summary>
    /// The most proof-scoped signatures a proof value may carry (one per non-mandatory statement). Each costs
    /// an ECDSA verification (about 0.1 ms here), so an unbounded count would let one request buy seconds of
    /// CPU; a credential has tens to hundreds of statements.
    /// </summary>
    public const int MaxSignatures = 10_000;
    private const int PublicKeySize = 35;
    private const int LabelSize = 32;

    /// <summary>
    /// Prepares an <c>ecdsa-sd-2023</c> derived proof of <paramref name="securedDocument"/> for its signature
    /// checks: checks the proof's form, suite, purpose, dates, challenge and domain as
    /// <see cref="DataIntegrityProofs.PrepareProof"/> does, parses the proof value (§3.5.8), and computes the
    /// verify data (§3.5.9) over the document without its <c>proof</c>. Returns the problem instead when any of
    /// that fails; never throws for a malformed document or proof.
    /// </summary>
    public static ProofResult<EcdsaSdPreparedProof> PrepareDerivedProof(
        JsonObject securedDocument,
        JsonObject proof,
        ProofExpectations? expectations = null,
        JsonLdOptions? jsonLdOptions = null
    )
    {
        ArgumentNullException.ThrowIfNull(securedDocument);
        ArgumentNullException.ThrowIfNull(proof);
        expectations ??= DefaultExpectations;

        var type = GetString(proof, "type");
        var cryptosuite = GetString(proof, "cryptosuite");
        var verificationMethod = GetString(proof, "verificationMethod");
        var proofPurpose = GetString(proof, "proofPurpose");
        var proofValue = GetString(proof, "proofValue");
        if (
            type is null
            || verificationMethod is null
            || proofPurpose is null
            || proofValue is null
        )
        {
            return Fail(
                VerificationCodes.ProofMalformed,
                "the proof must have type, verificationMethod, proofPurpose and proofValue as strings"
            );
        }
        if (type != DataIntegritySuites.DataIntegrityProof || cryptosuite != Cryptosuite)
        {
            return Fail(
                VerificationCodes.ProofUnsupportedSuite,
                $"the proof is not a DataIntegrityProof with cryptosuite '{Cryptosuite}' (type '{type}', cryptosuite '{cryptosuite ?? "(none)"}')"
            );
        }
        if (
            DataIntegrityProofs.CheckProofOptions(proof, proofPurpose, expectations) is
            { } optionsProblem
        )
        {
            return ProofResult<EcdsaSdPreparedProof>.Failed(optionsProblem);
        }
        if (proof["previousProof"] is not null)
        {
            // A selectively disclosed document that chains to other proofs is not something the
            // suite's algorithms describe; refused rather than verified over a guessed document.
            return Fail(
                VerificationCodes.ProofMalformed,
                $"an {Cryptosuite} derived proof that chains to a previousProof is not supported"
            );
        }

        // §3.5.9 step 2: parseDerivedProofValue (§3.5.8).
        if (!TryParseDerivedProofValue(proofValue, out var parsed, out var valueError))
        {
            return Fail(VerificationCodes.ProofValueEncoding, valueError);
        }
        VerificationKey proofScopedKey;
        try
        {
            // §3.6.7 step 4: the proof-scoped key is a Multikey p256-pub value.
            proofScopedKey = EcVerificationKey.FromCompressed(
                KeyType.P256,
                parsed.PublicKey.AsSpan(2)
            );
        }
        catch (KeyFormatException e)
        {
            return Fail(
                VerificationCodes.ProofValueEncoding,
                "the derived proof's public key is not a P-256 public key: " + e.Message
            );
        }

        string[] nquads;
        byte[] proofHash;
        try
        {
            // §3.5.9 steps 3–4: labelReplacementCanonicalizeJsonLd (§3.4.2) of the document without its
            // proof (§3.6.7 step 1), with the label map of the proof (§3.4.3 createLabelMapFunction:
            // each canonical label c14nN becomes labelMap[c14nN]).
            var options = SafeOptions(jsonLdOptions);
            var quads = securedDocument.ContainsKey("proof")
                ? JsonLdProcessor.ToRdf(securedDocument, "proof", options)
                : JsonLdProcessor.ToRdf(securedDocument, options);
            var canonical = RdfCanonicalizer.Canonicalize(quads);
            if (
                !CanonicalRelabeling.TryReplaceLabels(
                    canonical,
                    parsed.LabelMap,
                    out var lines,
                    out var missing
                )
            )
            {
                return Fail(
                    VerificationCodes.ProofSignatureInvalid,
                    $"the document has a blank node (canonical label {missing}) that the derived proof's label map does not name: it is not the document that was disclosed"
                );
            }
            nquads = lines;
            // §3.5.9 step 1: the hash of the canonical proof options.
            proofHash = HashProofConfig(securedDocument["@context"], proof, options);
        }
        catch (Exception e) when (e is JsonLdException or RdfCanonicalizationException)
        {
            return ProofResult<EcdsaSdPreparedProof>.Failed(
                DataIntegrityProofs.CanonicalizationProblem(e)
            );
        }

        // §3.5.9 steps 5–8: the N-Quads at mandatoryIndexes are mandatory, the others (in order) are the
        // selectively disclosed ones; the mandatory ones are hashed together (§3.4.17).
        var mandatory = new List<string>();
        var nonMandatory = new List<string>();
        for (var i = 0; i < nquads.Length; i++)
        {
            (parsed.MandatoryIndexes.Contains(i) ? mandatory : nonMandatory).Add(nquads[i]);
        }
        // §3.6.7 step 3: one signature per non-mandatory statement.
        if (parsed.Signatures.Count != nonMandatory.Count)
        {
            return Fail(
                VerificationCodes.ProofSignatureInvalid,
                $"the derived proof carries {parsed.Signatures.Count} signature(s) for {nonMandatory.Count} selectively disclosed statement(s)"
            );
        }
        var mandatoryHash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Concat(mandatory)));

        return ProofResult<EcdsaSdPreparedProof>.Ok(
            new EcdsaSdPreparedProof(
                verificationMethod,
                proofPurpose,
                proofHash,
                mandatoryHash,
                parsed.BaseSignature,
                parsed.PublicKey,
                proofScopedKey,
                parsed.Signatures,
                mandatory,
                nonMandatory
            )
        );

        static ProofResult<EcdsaSdPreparedProof> Fail(string code, string message) =>
            ProofResult<EcdsaSdPreparedProof>.Failed(new ProofProblem(code, message));
    }

    /// <summary>
    /// Checks a prepared derived proof (VC DI ECDSA §3.6.7 steps 3–8): the base signature over proofHash ‖
    /// publicKey ‖ mandatoryHash with <paramref name="issuerKey"/>, and each selectively disclosed N-Quad's
    /// signature with the proof-scoped key. False when any check fails, when the counts differ, or when
    /// <paramref name="issuerKey"/> is not a P-256 key.
    /// </summary>
    public static bool VerifyDerivedProof(EcdsaSdPreparedProof prepared, VerificationKey issuerKey)
    {
        ArgumentNullException.ThrowIfNull(prepared);
        ArgumentNullException.ThrowIfNull(issuerKey);
        // The hashes are SHA-256: a P-384 issuer key would need SHA-384 ones.
        if (
            issuerKey.Type != KeyType.P256
            || prepared.Signatures.Count != prepared.NonMandatory.Count
        )
        {
            return false;
        }
        if (!issuerKey.Verify(prepared.SignData, prepared.BaseSignature))
        {
            return false;
        }
        for (var i = 0; i < prepared.Signatures.Count; i++)
        {
            if (
                !prepared.ProofScopedKey.Verify(
                    Encoding.UTF8.GetBytes(prepared.NonMandatory[i]),
                    prepared.Signatures[i]
                )
            )
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>The parts of a derived proof value (§3.5.8), the label map decompressed (§3.5.6).</summary>
    internal sealed record DerivedProofValue(
        byte[] BaseSignature,
        byte[] PublicKey,
        IReadOnlyList<byte[]> Signatures,
        IReadOnlyDictionary<string, string> LabelMap,
        IReadOnlySet<int> MandatoryIndexes
    );

    /// <summary>
    /// parseDerivedProofValue (§3.5.8): <c>u</c> + base64url-no-pad of the header 0xd9 0x5d 0x01 and an untagged
    /// CBOR array of the base signature (64 bytes), the proof-scoped public key (35 bytes), the signatures
    /// (64 bytes each), the compressed label map (unsigned integer → 32 bytes) and the mandatory indexes
    /// (unsigned integers); nothing may follow. False with a plain-language reason otherwise.
    /// </summary>
    internal static bool TryParseDerivedProofValue(
        string proofValue,
        [NotNullWhen(true)] out DerivedProofValue? value,
        [NotNullWhen(false)] out string? error
    )
    {
        value = null;
        if (
            proofValue.Length < 2
            || proofValue[0] != Multibase.Base64UrlPrefix
            || !Base64UrlText.TryDecode(proofValue.AsSpan(1), out var bytes)
        )
        {
            error =
                "the proofValue is not multibase base64url-no-pad text ('u…') as ecdsa-sd-2023 requires";
            return false;
        }
        if (bytes.Length < 3 || bytes[0] != HeaderTag0 || bytes[1] != HeaderTag1)
        {
            error = "the proofValue does not start with the ecdsa-sd-2023 header bytes 0xd9 0x5d";
            return false;
        }
        if (bytes[2] == BaseProofHeader)
        {
            error =
                "the proof is an ecdsa-sd-2023 base proof (header 0xd9 0x5d 0x00): a base proof is for the holder, who derives proofs from it; a verifier accepts only derived proofs (header 0xd9 0x5d 0x01)";
            return false;
        }
        if (bytes[2] != DerivedProofHeader)
        {
            error =
                $"the proofValue header 0xd9 0x5d 0x{bytes[2]:x2} is not an ecdsa-sd-2023 derived proof (0xd9 0x5d 0x01)";
            return false;
        }

        try
        {
            var reader = new CborReader(bytes.AsMemory(3), CborConformanceMode.Lax);
            if (!TryStartArray(reader, out var count, out error))
            {
                return false;
            }
            if (count is not null && count != 5)
            {
                error = $"the derived proof value is a CBOR array of {count} elements, not 5";
                return false;
            }
            if (
                !TryReadBytes(
                    reader,
                    SignatureSize,
                    "the base signature",
                    out var baseSignature,
                    out error
                )
                || !TryReadBytes(
                    reader,
                    PublicKeySize,
                    "the public key",
                    out var publicKey,
                    out error
                )
                || !TryReadSignatures(reader, out var signatures, out error)
                || !TryReadLabelMap(reader, out var labelMap, out error)
                || !TryReadIndexes(reader, out var indexes, out error)
            )
            {
                return false;
            }
            if (count is null)
            {
                if (reader.PeekState() != CborReaderState.EndArray)
                {
                    error = "the derived proof value is a CBOR array of more than 5 elements";
                    return false;
                }
                reader.ReadEndArray();
            }
            else
            {
                reader.ReadEndArray();
            }
            if (reader.BytesRemaining != 0)
            {
                error =
                    $"{reader.BytesRemaining} byte(s) follow the derived proof value's CBOR array";
                return false;
            }
            // §3.5.7 / §2.1.1 Multikey: the proof-scoped key is p256-pub (varint 0x80 0x24).
            if (publicKey[0] != 0x80 || publicKey[1] != 0x24)
            {
                error =
                    "the derived proof's public key is not a Multikey P-256 public key (prefix 0x80 0x24)";
                return false;
            }
            value = new DerivedProofValue(baseSignature, publicKey, signatures, labelMap, indexes);
            error = null;
            return true;
        }
        catch (Exception e) when (IsCborError(e))
        {
            error = "the derived proof value is not well-formed CBOR: " + e.Message;
            return false;
        }
    }

    // A definite or indefinite CBOR array start, refusing a tag (§3.5.7 step 4: no CBOR tagging) and
    // a declared length that the remaining bytes cannot hold (each element takes at least one byte).
    private static bool TryStartArray(
        CborReader reader,
        out int? count,
        [NotNullWhen(false)] out string? error
    )
    {
        count = null;
        var state = reader.PeekState();
        if (state == CborReaderState.Tag)
        {
            error = "the derived proof value uses a CBOR tag, which ecdsa-sd-2023 forbids";
            return false;
        }
        if (state != CborReaderState.StartArray)
        {
            error = "the derived proof value is not a CBOR array where one is expected";
            return false;
        }
        count = reader.ReadStartArray();
        if (count > reader.BytesRemaining)
        {
            error = $"a CBOR array declares {count} elements, more than its bytes can hold";
            return false;
        }
        error = null;
        return true;
    }

    // True while elements remain in an array or map started with `count` (null: indefinite length).
    private static bool HasMore(CborReader reader, int? count, int read, CborReaderState end) =>
        count is null ? reader.PeekState() != end : read < count;

    private static bool TryReadBytes(
        CborReader reader,
        int size,
        string what,
        [NotNullWhen(true)] out byte[]? bytes,
        [NotNullWhen(false)] out string? error
    )
    {
        bytes = null;
        var state = reader.PeekState();
        if (state == CborReaderState.Tag)
        {
            error = $"{what} uses a CBOR tag, which ecdsa-sd-2023 forbids";
            return false;
        }
        if (
            state
            is not (CborReaderState.ByteString or CborReaderState.StartIndefiniteLengthByteString)
        )
        {
            error = $"{what} is not a CBOR byte string";
            return false;
        }
        var read = reader.ReadByteString();
        if (read.Length != size)
        {
            error = $"{what} has {read.Length} bytes, not {size}";
            return false;
        }
        bytes = read;
        error = null;
        return true;
    }

    private static bool TryReadSignatures(
        CborReader reader,
        [NotNullWhen(true)] out List<byte[]>? signatures,
        [NotNullWhen(false)] out string? error
    )
    {
        signatures = null;
        if (!TryStartArray(reader, out var count, out error))
        {
            error = "the signatures: " + error;
            return false;
        }
        if (count > MaxSignatures)
        {
            error =
                $"the proof value carries {count} signatures; at most {MaxSignatures} are accepted";
            return false;
        }
        var list = new List<byte[]>(count ?? 0);
        while (HasMore(reader, count, list.Count, CborReaderState.EndArray))
        {
            if (list.Count == MaxSignatures)
            {
                error = $"the proof value carries more than {MaxSignatures} signatures";
                return false;
            }
            if (
                !TryReadBytes(
                    reader,
                    SignatureSize,
                    $"signature {list.Count}",
                    out var signature,
                    out error
                )
            )
            {
                return false;
            }
            list.Add(signature);
        }
        reader.ReadEndArray();
        signatures = list;
        error = null;
        return true;
    }

    // §3.5.6 decompressLabelMap: each key k becomes "c14n" + k, each value "u" + base64url-no-pad(value).
    // The labels must be distinct: two canonical blank nodes given one label would merge into one node
    // of the signed graph, letting a holder split one node's statements between two.
    private static bool TryReadLabelMap(
        CborReader reader,
        [NotNullWhen(true)] out Dictionary<string, string>? labelMap,
        [NotNullWhen(false)] out string? error
    )
    {
        labelMap = null;
        var state = reader.PeekState();
        if (state == CborReaderState.Tag)
        {
            error = "the label map uses a CBOR tag, which ecdsa-sd-2023 forbids";
            return false;
        }
        if (state != CborReaderState.StartMap)
        {
            error = "the label map is not a CBOR map";
            return false;
        }
        var count = reader.ReadStartMap();
        if (count > reader.BytesRemaining / 2)
        {
            error = $"the label map declares {count} entries, more than its bytes can hold";
            return false;
        }
        var map = new Dictionary<string, string>(count ?? 0, StringComparer.Ordinal);
        var labels = new HashSet<string>(StringComparer.Ordinal);
        while (HasMore(reader, count, map.Count, CborReaderState.EndMap))
        {
            if (reader.PeekState() != CborReaderState.UnsignedInteger)
            {
                error = "a label map key is not an unsigned integer";
                return false;
            }
            var k = reader.ReadUInt64();
            if (k > int.MaxValue)
            {
                error = $"the label map key {k} is out of range";
                return false;
            }
            var key = "c14n" + k.ToString(CultureInfo.InvariantCulture);
            if (!TryReadBytes(reader, LabelSize, $"the label of {key}", out var label, out error))
            {
                return false;
            }
            var value = Multibase.EncodeBase64Url(label);
            if (!map.TryAdd(key, value))
            {
                error = $"the label map names {key} twice";
                return false;
            }
            if (!labels.Add(value))
            {
                error = "the label map gives two canonical blank nodes the same label";
                return false;
            }
        }
        reader.ReadEndMap();
        labelMap = map;
        error = null;
        return true;
    }

    private static bool TryReadIndexes(
        CborReader reader,
        [NotNullWhen(true)] out HashSet<int>? indexes,
        [NotNullWhen(false)] out string? error
    )
    {
        indexes = null;
        if (!TryStartArray(reader, out var count, out error))
        {
            error = "the mandatory indexes: " + error;
            return false;
        }
        var set = new HashSet<int>();
        var read = 0;
        while (HasMore(reader, count, read, CborReaderState.EndArray))
        {
            if (reader.PeekState() != CborReaderState.UnsignedInteger)
            {
                error = $"mandatory index {read} is not an unsigned integer";
                return false;
            }
            var index = reader.ReadUInt64();
            if (index > int.MaxValue)
            {
                error = $"the mandatory index {index} is out of range";
                return false;
            }
            set.Add((int)index);
            read++;
        }
        reader.ReadEndArray();
        indexes = set;
        error = null;
        return true;
    }

    private static bool IsCborError(Exception e) =>
        e
            is CborContentException
                or InvalidOperationException
                or FormatException
                or OverflowException;

    // §3.5.9 step 1 with §3.6.4: the proof options (the proof without proofValue) with the document's
    // @context in place of any of its own, canonicalized with RDFC-1.0 and hashed with SHA-256.
    private static byte[] HashProofConfig(
        JsonNode? context,
        JsonObject proof,
        JsonLdOptions options
    )
    {
        var config = new JsonObject(proof.Options);
        if (context is not null)
        {
            config["@context"] = context.DeepClone();
        }
        foreach (var (key, value) in proof)
        {
            if (key is not ("proofValue" or "@context"))
            {
                config[key] = value?.DeepClone();
            }
        }
        var canonical = RdfCanonicalizer.ToCanonicalNQuads(JsonLdProcessor.ToRdf(config, options));
        return SHA256.HashData(Encoding.UTF8.GetBytes(canonical));
    }

    private static JsonLdOptions SafeOptions(JsonLdOptions? options) =>
        options is null ? SafeJsonLd : options with { SafeMode = true };

    private static string? GetString(JsonObject obj, string name) =>
        obj[name] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? (string?)v : null;
}
