using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Credstack.Credentials.Keys;
using Credstack.Credentials.Verification;
using Credstack.LinkedData.Canonicalization;
using Credstack.LinkedData.Json;
using Credstack.LinkedData.JsonLd;

namespace Credstack.Credentials.DataIntegrity;

/// <summary>
/// Creates and checks Data Integrity proofs (VC Data Integrity 1.0 §4.2 add proof, §4.4 verify proof)
/// with the EdDSA cryptosuites (VC DI EdDSA 1.0 §3.2 eddsa-rdfc-2022, §3.3 eddsa-jcs-2022), the ECDSA
/// cryptosuites (VC DI ECDSA 1.0 §3.2 ecdsa-rdfc-2019, §3.4 ecdsa-jcs-2019; P-256 and P-384) and the legacy
/// Ed25519Signature2020 proof type. Documents are JSON objects; the caller's objects are never modified.
/// </summary>
public static class DataIntegrityProofs
{
    private static readonly JsonLdOptions SafeJsonLd = new() { SafeMode = true };

    private static readonly ProofExpectations DefaultExpectations = new();

    // Canonical proof configurations and their SHA-256, keyed by the cryptosuite, the JSON-LD options
    // and the configuration's full JSON text (the document's @context and the proof's members): a batch
    // signed with the same options, or many credentials verified with the same contexts, canonicalize
    // the proof configuration once. Bounded: emptied when full.
    private const int ConfigCacheCapacity = 256;
    private static readonly ConcurrentDictionary<ConfigKey, CanonicalConfig> ConfigCache = new();

    private readonly record struct ConfigKey(string Suite, JsonLdOptions? Options, string Json);

    private sealed record CanonicalConfig(string Text, byte[] Hash);

    // Per-thread buffers for the configuration's cache key and the JCS of documents.
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_utf8;

    [ThreadStatic]
    private static Utf8JsonWriter? t_keyWriter;

    // The thread's last canonical eddsa-jcs-2022 proof configuration and its hash.
    [ThreadStatic]
    private static Jcs.Sha256Memo? t_configMemo;

    // The thread's last canonical proof configuration and its cache key (see CanonicalizeProofConfig).
    [ThreadStatic]
    private static LastConfig? t_lastConfig;

    private sealed record LastConfig(
        string Suite,
        JsonLdOptions? Options,
        byte[] KeyUtf8,
        CanonicalConfig Config
    );

    /// <summary>
    /// Adds a proof to <paramref name="unsecuredDocument"/> and returns the secured copy. An existing
    /// <c>proof</c> is kept (a proof set); <see cref="ProofOptions.PreviousProof"/> chains the new proof to
    /// earlier ones. Throws <see cref="JsonLdException"/> (safe mode names the property) when part of the
    /// document would not be covered by the signature, and <see cref="ArgumentException"/> for bad options.
    /// </summary>
    public static JsonObject AddProof(
        JsonObject unsecuredDocument,
        ProofOptions options,
        IProofSigner signer,
        JsonLdOptions? jsonLdOptions = null
    )
    {
        CheckArguments(unsecuredDocument, options, signer);

        // The copy is taken before the input is read: a lazily parsed input then gives a lazy copy
        // (no node of it is built unless the caller reads it).
        var secured = (JsonObject)unsecuredDocument.DeepClone();
        var existing = TakeProofs(secured);

        // VC Data Integrity §4.2 step 4 (proof chains): the proofs named by previousProof are part of what is signed.
        // Without a chain the caller's document is what is signed, read in place: hashing skips its
        // proof member and never modifies it. A null proof is skipped too: verification (§4.4) hashes
        // the secured document without its proof member, so signing over "proof": null would give a
        // proof that never verifies with eddsa-jcs-2022.
        var toSign = unsecuredDocument;
        var omitProof = unsecuredDocument.ContainsKey("proof");
        if (options.PreviousProof.Count > 0)
        {
            omitProof = false;
            toSign = (JsonObject)secured.DeepClone();
            var matching = new JsonArray();
            foreach (var previousId in options.PreviousProof)
            {
                var match = existing.FirstOrDefault(p =>
                    p is JsonObject o && (string?)o["id"] == previousId
                );
                if (match is null)
                {
                    throw new ArgumentException(
                        $"previousProof '{previousId}' is not a proof of the document",
                        nameof(options)
                    );
                }
                matching.Add(match.DeepClone());
            }
            toSign["proof"] = matching;
        }

        var proof = CreateProofCore(toSign, omitProof, options, signer, jsonLdOptions);
        if (existing.Count == 0)
        {
            secured["proof"] = proof;
        }
        else
        {
            var all = new JsonArray();
            foreach (var p in existing)
            {
                all.Add(p!.DeepClone());
            }
            all.Add(proof);
            secured["proof"] = all;
        }
        return secured;
    }

    /// <summary>
    /// Creates a proof of <paramref name="unsecuredDocument"/> (the cryptosuite's "create proof", VC DI
    /// EdDSA §3.2.1 / §3.3.1) without copying or changing the document: it is signed as it stands, a
    /// <c>proof</c> member left out, and the new proof is returned. A caller that owns the document attaches
    /// it (<c>document["proof"] = proof</c>); <see cref="AddProof"/> returns a secured copy instead and also
    /// builds proof sets and chains (<see cref="ProofOptions.PreviousProof"/> is refused here). Throws as
    /// <see cref="AddProof"/> does.
    /// </summary>
    public static JsonObject CreateProof(
        JsonObject unsecuredDocument,
        ProofOptions options,
        IProofSigner signer,
        JsonLdOptions? jsonLdOptions = null
    )
    {
        CheckArguments(unsecuredDocument, options, signer);
        if (options.PreviousProof.Count > 0)
        {
            throw new ArgumentException(
                "a proof chain (previousProof) is added with AddProof",
                nameof(options)
            );
        }
        return CreateProofCore(
            unsecuredDocument,
            unsecuredDocument.ContainsKey("proof"),
            options,
            signer,
            jsonLdOptions
        );
    }

    private static void CheckArguments(
        JsonObject unsecuredDocument,
        ProofOptions options,
        IProofSigner signer
    )
    {
        ArgumentNullException.ThrowIfNull(unsecuredDocument);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(signer);
        if (
            options.Cryptosuite
            is not (
                DataIntegritySuites.EddsaRdfc2022
                or DataIntegritySuites.EddsaJcs2022
                or DataIntegritySuites.EcdsaRdfc2019
                or DataIntegritySuites.EcdsaJcs2019
                or DataIntegritySuites.Ed25519Signature2020
            )
        )
        {
            throw new ArgumentException(
                options.Cryptosuite == EcdsaSd2023.Cryptosuite
                    ? $"{EcdsaSd2023.Cryptosuite} base proofs are created with EcdsaSd2023.CreateBaseProof (with their mandatory pointers)"
                    : $"unsupported cryptosuite '{options.Cryptosuite}'",
                nameof(options)
            );
        }
        // The suite names the signature algorithm: a key of another kind would give a proof no verifier accepts.
        var keyType = signer.KeyType;
        if (DataIntegritySuites.UsesEcdsa(options.Cryptosuite))
        {
            if (keyType is not (KeyType.P256 or KeyType.P384))
            {
                throw new ArgumentException(
                    $"{options.Cryptosuite} signs with a P-256 or P-384 key, not {keyType}",
                    nameof(signer)
                );
            }
        }
        else if (keyType != KeyType.Ed25519)
        {
            throw new ArgumentException(
                $"{options.Cryptosuite} signs with an Ed25519 key, not {keyType}",
                nameof(signer)
            );
        }
    }

    /// <summary>
    /// The new proof of <paramref name="toSign"/> (read in place, its <c>proof</c> member skipped when
    /// <paramref name="omitProof"/>): configuration, hash data, signature, <c>proofValue</c>.
    /// </summary>
    private static JsonObject CreateProofCore(
        JsonObject toSign,
        bool omitProof,
        ProofOptions options,
        IProofSigner signer,
        JsonLdOptions? jsonLdOptions
    )
    {
        var suite = options.Cryptosuite;
        var proof = BuildProofConfig(options, signer.VerificationMethod);
        var context = toSign["@context"];
        var hashData = ComputeHashBytes(
            toSign,
            omitProof,
            context,
            replaceContext: false,
            proof,
            suite,
            jsonLdOptions,
            jcsConfigContext: context,
            sha384: signer.KeyType == KeyType.P384
        );
        var signature = signer.Sign(hashData);
        if (DataIntegritySuites.UsesJcs(suite) && context is not null)
        {
            // VC DI EdDSA §3.3.1 step 2, VC DI ECDSA §3.4.1 step 2: a JCS proof carries the document's @context.
            proof["@context"] = context.DeepClone();
        }
        proof["proofValue"] = Multibase.EncodeBase58Btc(signature);
        return proof;
    }

    /// <summary>
    /// Computes the hash data of a proof (VC DI EdDSA §3.2.3–3.2.5 / §3.3.3–3.3.5): the canonical document,
    /// the canonical proof configuration (with the document's <c>@context</c>), and
    /// SHA-256(proof configuration) ‖ SHA-256(document). <paramref name="document"/> is what the proof
    /// covers (without the new proof; with the previous proofs of a chain); <paramref name="proofConfig"/>
    /// is the proof without <c>proofValue</c>. Neither is modified.
    /// </summary>
    public static HashData ComputeHashData(
        JsonObject document,
        JsonObject proofConfig,
        string cryptosuite,
        JsonLdOptions? jsonLdOptions = null
    ) => ComputeHashData(document, proofConfig, cryptosuite, sha384: false, jsonLdOptions);

    /// <summary>
    /// As <see cref="ComputeHashData(JsonObject, JsonObject, string, JsonLdOptions?)"/>, with SHA-384 instead of
    /// SHA-256 when <paramref name="sha384"/> (the ECDSA suites with a P-384 key, VC DI ECDSA §3.2.3).
    /// </summary>
    public static HashData ComputeHashData(
        JsonObject document,
        JsonObject proofConfig,
        string cryptosuite,
        bool sha384,
        JsonLdOptions? jsonLdOptions = null
    )
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(proofConfig);
        // The document first: its problems (safe mode) are the ones to report.
        var canonicalDocument = DataIntegritySuites.UsesJcs(cryptosuite)
            ? Jcs.Canonicalize(document)
            : RdfCanonicalizer.ToCanonicalNQuads(
                JsonLdProcessor.ToRdf(document, SafeOptions(jsonLdOptions))
            );
        var config = CanonicalizeProofConfig(
            document["@context"],
            proofConfig,
            cryptosuite,
            jsonLdOptions
        );
        if (sha384)
        {
            var both = new byte[96];
            HashUtf8384(config.Text, both.AsSpan(0, 48));
            HashUtf8384(canonicalDocument, both.AsSpan(48, 48));
            return new HashData(canonicalDocument, config.Text, both);
        }
        var bytes = new byte[64];
        config.Hash.CopyTo(bytes, 0);
        HashUtf8(canonicalDocument, bytes.AsSpan(32, 32));
        return new HashData(canonicalDocument, config.Text, bytes);
    }

    private static JsonLdOptions SafeOptions(JsonLdOptions? options) =>
        options is null ? SafeJsonLd : options with { SafeMode = true };

    /// <summary>
    /// The hash data (as <see cref="ComputeHashData(JsonObject, JsonObject, string, bool, JsonLdOptions?)"/>) of <paramref name="document"/> read in place: as if
    /// it had no <c>proof</c> member when <paramref name="omitProof"/>, and, when
    /// <paramref name="replaceContext"/>, with <paramref name="context"/> as its <c>@context</c>
    /// (JCS verification). <paramref name="context"/> is the document's effective <c>@context</c>, which an
    /// RDFC proof configuration takes; a JCS configuration takes <paramref name="jcsConfigContext"/> (the
    /// document's when creating, the proof's own when verifying; none when null). SHA-384 instead of
    /// SHA-256 when <paramref name="sha384"/>. Nothing is copied or modified.
    /// </summary>
    private static byte[] ComputeHashBytes(
        JsonObject document,
        bool omitProof,
        JsonNode? context,
        bool replaceContext,
        JsonObject proofConfig,
        string cryptosuite,
        JsonLdOptions? jsonLdOptions,
        JsonNode? jcsConfigContext,
        bool sha384 = false
    )
    {
        if (sha384)
        {
            return ComputeHashBytes384(
                document,
                omitProof,
                context,
                replaceContext,
                proofConfig,
                cryptosuite,
                jsonLdOptions,
                jcsConfigContext
            );
        }
        // The document first: its problems (safe mode) are the ones to report.
        var bytes = new byte[64];
        if (DataIntegritySuites.UsesJcs(cryptosuite))
        {
            // VC DI EdDSA §3.3.3–3.3.5: JCS of the document (read in place: the proof member skipped,
            // the @context replaced) and of the proof configuration, each hashed where it is written.
            // The configuration's JCS is its own cache key: the thread's last one is compared, not hashed again.
            Jcs.HashObjectSha256(
                document,
                omitProof ? "proof" : null,
                null,
                replaceContext ? "@context" : null,
                context,
                bytes.AsSpan(32, 32)
            );
            // §3.3.5: the configuration is the proof options without proofValue. Creating a proof, they
            // take the document's @context (§3.3.1 step 2); verifying, they are the proof as it stands,
            // with its own @context or none (§3.3.2 steps 2 and 7).
            Jcs.HashObjectSha256(
                proofConfig,
                "proofValue",
                jcsConfigContext is null ? "@context" : null,
                jcsConfigContext is null ? null : "@context",
                jcsConfigContext,
                bytes.AsSpan(0, 32),
                t_configMemo ??= new Jcs.Sha256Memo()
            );
            return bytes;
        }
        var options = SafeOptions(jsonLdOptions);
        var quads = omitProof
            ? JsonLdProcessor.ToRdf(document, "proof", options)
            : JsonLdProcessor.ToRdf(document, options);
        RdfCanonicalizer.CanonicalSha256(quads, bytes.AsSpan(32, 32));
        CanonicalizeProofConfig(context, proofConfig, cryptosuite, jsonLdOptions)
            .Hash.CopyTo(bytes, 0);
        return bytes;
    }

    // VC DI ECDSA §3.2.3 / §3.4.3 with a P-384 key: SHA-384(canonical proof configuration) ‖
    // SHA-384(canonical document), 96 bytes; the same canonical forms as the SHA-256 path.
    private static byte[] ComputeHashBytes384(
        JsonObject document,
        bool omitProof,
        JsonNode? context,
        bool replaceContext,
        JsonObject proofConfig,
        string cryptosuite,
        JsonLdOptions? jsonLdOptions,
        JsonNode? jcsConfigContext
    )
    {
        string canonicalDocument;
        if (DataIntegritySuites.UsesJcs(cryptosuite))
        {
            canonicalDocument = Jcs.CanonicalizeObject(
                document,
                omitProof ? "proof" : null,
                null,
                replaceContext ? "@context" : null,
                context
            );
        }
        else
        {
            var options = SafeOptions(jsonLdOptions);
            canonicalDocument = RdfCanonicalizer.ToCanonicalNQuads(
                omitProof
                    ? JsonLdProcessor.ToRdf(document, "proof", options)
                    : JsonLdProcessor.ToRdf(document, options)
            );
        }
        var config = CanonicalizeProofConfig(
            DataIntegritySuites.UsesJcs(cryptosuite) ? jcsConfigContext : context,
            proofConfig,
            cryptosuite,
            jsonLdOptions
        );
        var bytes = new byte[96];
        HashUtf8384(config.Text, bytes.AsSpan(0, 48));
        HashUtf8384(canonicalDocument, bytes.AsSpan(48, 48));
        return bytes;
    }

    private static void HashUtf8384(string text, Span<byte> destination) =>
        SHA384.HashData(Encoding.UTF8.GetBytes(text), destination);

    /// <summary>
    /// The canonical proof configuration (VC DI EdDSA §3.2.4 / §3.3.4): the document's <c>@context</c>
    /// (step 5: the proof configuration takes it), then the proof's members in order, without
    /// <c>proofValue</c> and the proof's own <c>@context</c>; canonicalized with the suite's algorithm
    /// and hashed with SHA-256. Cached by its full JSON text, so equal configurations share the work and
    /// different ones never do.
    /// </summary>
    private static CanonicalConfig CanonicalizeProofConfig(
        JsonNode? context,
        JsonObject proofConfig,
        string cryptosuite,
        JsonLdOptions? jsonLdOptions
    )
    {
        // The cache key: the configuration's JSON text, written without building the configuration.
        var buffer = t_utf8 ??= new ArrayBufferWriter<byte>(8192);
        buffer.ResetWrittenCount();
        var writer = t_keyWriter;
        if (writer is null)
        {
            writer = new Utf8JsonWriter(buffer);
            t_keyWriter = writer;
        }
        else
        {
            writer.Reset(buffer);
        }
        writer.WriteStartObject();
        if (context is not null)
        {
            writer.WritePropertyName("@context");
            context.WriteTo(writer);
        }
        foreach (var (key, value) in proofConfig)
        {
            if (key is not ("proofValue" or "@context"))
            {
                writer.WritePropertyName(key);
                if (value is null)
                {
                    writer.WriteNullValue();
                }
                else
                {
                    value.WriteTo(writer);
                }
            }
        }
        writer.WriteEndObject();
        writer.Flush();
        writer.Reset(Stream.Null);
        // The thread's last configuration, compared by its key bytes: a batch signed or verified with
        // the same configuration needs no key string and no dictionary lookup.
        var keyBytes = buffer.WrittenSpan;
        if (
            t_lastConfig is { } last
            && last.Suite == cryptosuite
            && Equals(last.Options, jsonLdOptions)
            && keyBytes.SequenceEqual(last.KeyUtf8)
        )
        {
            return last.Config;
        }
        var cacheKey = new ConfigKey(cryptosuite, jsonLdOptions, Encoding.UTF8.GetString(keyBytes));
        if (ConfigCache.TryGetValue(cacheKey, out var cached))
        {
            Remember(cacheKey, keyBytes, cached);
            return cached;
        }
        var keyUtf8 = keyBytes.ToArray();

        var config = new JsonObject(proofConfig.Options);
        if (context is not null)
        {
            config["@context"] = context.DeepClone();
        }
        foreach (var (key, value) in proofConfig)
        {
            if (key is not ("proofValue" or "@context"))
            {
                config[key] = value?.DeepClone();
            }
        }
        var text = DataIntegritySuites.UsesJcs(cryptosuite)
            ? Jcs.Canonicalize(config)
            : RdfCanonicalizer.ToCanonicalNQuads(
                JsonLdProcessor.ToRdf(config, SafeOptions(jsonLdOptions))
            );
        var hash = new byte[32];
        HashUtf8(text, hash);
        var entry = new CanonicalConfig(text, hash);
        if (ConfigCache.Count >= ConfigCacheCapacity)
        {
            ConfigCache.Clear();
        }
        ConfigCache[cacheKey] = entry;
        t_lastConfig = new LastConfig(cryptosuite, jsonLdOptions, keyUtf8, entry);
        return entry;
    }

    private static void Remember(ConfigKey key, ReadOnlySpan<byte> keyUtf8, CanonicalConfig config)
    {
        if (keyUtf8.Length <= 64 * 1024)
        {
            t_lastConfig = new LastConfig(key.Suite, key.Options, keyUtf8.ToArray(), config);
        }
    }

    // SHA-256 of the UTF-8 form of text, encoded into a pooled buffer (no byte[] per hash).
    private static void HashUtf8(string text, Span<byte> destination)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(text.Length));
        try
        {
            var length = Encoding.UTF8.GetBytes(text, buffer);
            SHA256.HashData(buffer.AsSpan(0, length), destination);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Prepares one proof of <paramref name="securedDocument"/> for its signature check (VC Data
    /// Integrity §4.4): checks its form, suite, dates, purpose, challenge and domain, gathers the previous
    /// proofs of a chain, and computes the hash data. Returns the problem instead when any of that fails.
    /// </summary>
    public static ProofResult<PreparedProof> PrepareProof(
        JsonObject securedDocument,
        JsonObject proof,
        ProofExpectations? expectations = null,
        JsonLdOptions? jsonLdOptions = null
    )
    {
        ArgumentNullException.ThrowIfNull(securedDocument);
        ArgumentNullException.ThrowIfNull(proof);
        expectations ??= DefaultExpectations;
        List<ProofProblem>? warnings = null;

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

        string suite;
        if (type == DataIntegritySuites.DataIntegrityProof)
        {
            switch (cryptosuite)
            {
                case DataIntegritySuites.EddsaRdfc2022:
                case DataIntegritySuites.EddsaJcs2022:
                case DataIntegritySuites.EcdsaRdfc2019:
                case DataIntegritySuites.EcdsaJcs2019:
                    suite = cryptosuite;
                    break;
                case DataIntegritySuites.Eddsa2022Legacy:
                    suite = DataIntegritySuites.EddsaRdfc2022;
                    (warnings ??= []).Add(
                        new ProofProblem(
                            VerificationCodes.ProofLegacySuite,
                            "the proof uses the draft cryptosuite name 'eddsa-2022'; it was verified as eddsa-rdfc-2022"
                        )
                    );
                    break;
                default:
                    return Fail(
                        VerificationCodes.ProofUnsupportedSuite,
                        cryptosuite == EcdsaSd2023.Cryptosuite
                            ? "an ecdsa-sd-2023 derived proof is checked with EcdsaSd2023.PrepareDerivedProof (the verifier does so)"
                            : $"the cryptosuite '{cryptosuite ?? "(none)"}' is not supported (eddsa-rdfc-2022, eddsa-jcs-2022, ecdsa-rdfc-2019, ecdsa-jcs-2019, ecdsa-sd-2023)"
                    );
            }
        }
        else if (type == DataIntegritySuites.Ed25519Signature2020)
        {
            suite = DataIntegritySuites.Ed25519Signature2020;
        }
        else
        {
            return Fail(
                VerificationCodes.ProofUnsupportedSuite,
                $"the proof type '{type}' is not supported"
            );
        }

        if (CheckProofOptions(proof, proofPurpose, expectations) is { } optionsProblem)
        {
            return ProofResult<PreparedProof>.Failed(optionsProblem);
        }

        // VC DI ECDSA §3.2.6: 64 bytes for a P-256 key, 96 for P-384 (r ‖ s); Ed25519: 64.
        var ecdsa = DataIntegritySuites.UsesEcdsa(suite);
        if (
            proofValue.Length < 2
            || proofValue[0] != Multibase.Base58BtcPrefix
            || !Multibase.TryDecode(proofValue, out var signature)
            || !(signature.Length == 64 || (ecdsa && signature.Length == 96))
        )
        {
            return Fail(
                VerificationCodes.ProofValueEncoding,
                ecdsa
                    ? "the proofValue is not a multibase base58btc ('z…') encoded ECDSA signature (64 bytes for P-256, 96 for P-384)"
                    : "the proofValue is not a multibase base58btc ('z…') encoded 64-byte Ed25519 signature"
            );
        }

        // VC Data Integrity §4.4 steps: the unsecured document (the secured one without its proofs),
        // plus the previous proofs of a chain. Without a chain the secured document is read in place
        // (hashing skips its proof member; a null proof stays, as in a copy without the proofs); a
        // chain builds a copy that carries the proofs it names, cloned.
        var hashed = securedDocument;
        var omitProof = securedDocument["proof"] is not null;
        var context = securedDocument["@context"];
        var replaceContext = false;
        if (DataIntegritySuites.UsesJcs(suite) && proof["@context"] is { } proofContext)
        {
            // VC DI EdDSA §3.3.2 and VC DI ECDSA §3.4.2, steps 4–5: the document's @context must start with
            // the proof's, which then stands for the document's.
            if (!ContextStartsWith(context, proofContext))
            {
                return Fail(
                    VerificationCodes.ProofMalformed,
                    "the proof's @context is not the beginning of the document's @context"
                );
            }
            context = proofContext;
            replaceContext = true;
        }
        if (proof["previousProof"] is { } previous)
        {
            var unsecured = new JsonObject(securedDocument.Options);
            foreach (var (key, value) in securedDocument)
            {
                if (key != "proof" || value is null)
                {
                    unsecured[key] = value?.DeepClone();
                }
            }
            if (replaceContext)
            {
                unsecured["@context"] = context!.DeepClone();
            }
            List<JsonNode?> allProofs = securedDocument["proof"] switch
            {
                JsonArray array => [.. array],
                { } single => [single],
                null => [],
            };
            var ids = previous is JsonArray arr
                ? arr.Select(n =>
                        n?.GetValueKind() == System.Text.Json.JsonValueKind.String
                            ? (string?)n
                            : null
                    )
                    .ToList()
                : [GetString(proof, "previousProof")];
            var matching = new JsonArray();
            foreach (var id in ids)
            {
                var match = id is null
                    ? null
                    : allProofs.FirstOrDefault(p => p is JsonObject o && GetString(o, "id") == id);
                if (match is null)
                {
                    return Fail(
                        VerificationCodes.ProofPreviousMissing,
                        $"the proof chains to previousProof '{id}', which the document does not carry"
                    );
                }
                matching.Add(match.DeepClone());
            }
            unsecured["proof"] = matching;
            hashed = unsecured;
            omitProof = false;
            context = unsecured["@context"];
            replaceContext = false;
        }

        byte[] hashData;
        try
        {
            hashData = ComputeHashBytes(
                hashed,
                omitProof,
                context,
                replaceContext,
                proof,
                suite,
                jsonLdOptions,
                jcsConfigContext: proof["@context"],
                sha384: ecdsa && signature.Length == 96
            );
        }
        catch (Exception e) when (e is JsonLdException or RdfCanonicalizationException)
        {
            return ProofResult<PreparedProof>.Failed(CanonicalizationProblem(e));
        }

        return ProofResult<PreparedProof>.Ok(
            new PreparedProof(
                type,
                suite,
                verificationMethod,
                proofPurpose,
                hashData,
                signature,
                warnings ?? (IReadOnlyList<ProofProblem>)[]
            )
        );

        static ProofResult<PreparedProof> Fail(string code, string message) =>
            ProofResult<PreparedProof>.Failed(new ProofProblem(code, message));
    }

    /// <summary>
    /// The checks of a proof's options that every suite makes when verifying (VC Data Integrity §4.4 steps on
    /// purpose, dates, challenge and domain): the first problem, or null.
    /// </summary>
    internal static ProofProblem? CheckProofOptions(
        JsonObject proof,
        string proofPurpose,
        ProofExpectations expectations
    )
    {
        if (proofPurpose != expectations.ProofPurpose)
        {
            return new ProofProblem(
                VerificationCodes.ProofPurposeMismatch,
                $"the proof purpose is '{proofPurpose}', expected '{expectations.ProofPurpose}'"
            );
        }
        if (proof["created"] is not null && !TryParseDateTime(GetString(proof, "created"), out _))
        {
            return new ProofProblem(
                VerificationCodes.ProofDateInvalid,
                "the proof's created is not an XML Schema dateTime"
            );
        }
        if (proof["expires"] is not null)
        {
            if (!TryParseDateTime(GetString(proof, "expires"), out var expires))
            {
                return new ProofProblem(
                    VerificationCodes.ProofDateInvalid,
                    "the proof's expires is not an XML Schema dateTime"
                );
            }
            if (expectations.Now is { } now && expires < now)
            {
                return new ProofProblem(
                    VerificationCodes.ProofExpired,
                    $"the proof expired at {GetString(proof, "expires")}"
                );
            }
        }
        if (
            expectations.Challenge is not null
            && GetString(proof, "challenge") != expectations.Challenge
        )
        {
            return new ProofProblem(
                VerificationCodes.ProofChallengeMismatch,
                "the proof's challenge is not the one expected"
            );
        }
        if (expectations.Domain is not null && !DomainMatches(proof["domain"], expectations.Domain))
        {
            return new ProofProblem(
                VerificationCodes.ProofDomainMismatch,
                "the proof's domain is not the one expected"
            );
        }
        return null;
    }

    /// <summary>
    /// The problem a verifier reports when the document cannot be turned into what was signed: safe mode
    /// (part of it not covered), an unavailable context, or another JSON-LD or RDFC-1.0 failure.
    /// </summary>
    internal static ProofProblem CanonicalizationProblem(Exception e) =>
        e switch
        {
            JsonLdException { Code: JsonLdErrorCodes.SafeModeViolation } j => new ProofProblem(
                VerificationCodes.ProofSafeMode,
                "part of the document is not covered by the signature: " + j.Detail
            ),
            JsonLdException j => new ProofProblem(
                j.Code
                    is JsonLdErrorCodes.LoadingRemoteContextFailed
                        or JsonLdErrorCodes.LoadingDocumentFailed
                    ? VerificationCodes.ContextUnavailable
                    : VerificationCodes.ProofCanonicalization,
                $"the document could not be canonicalized: {j.Message}"
            ),
            _ => new ProofProblem(
                VerificationCodes.ProofCanonicalization,
                "the document could not be canonicalized: " + e.Message
            ),
        };

    /// <summary>Checks a prepared proof's signature with the resolved key.</summary>
    public static bool VerifySignature(PreparedProof prepared, VerificationKey key)
    {
        ArgumentNullException.ThrowIfNull(prepared);
        ArgumentNullException.ThrowIfNull(key);
        return key.Type == RequiredKeyType(prepared)
            && key.Verify(prepared.HashData, prepared.Signature);
    }

    /// <summary>
    /// The key type a prepared proof must be checked with: Ed25519 for the EdDSA suites and
    /// Ed25519Signature2020; for the ECDSA suites P-256 when the signature has 64 bytes and P-384 when it
    /// has 96 (the hash data was computed with that curve's hash).
    /// </summary>
    public static KeyType RequiredKeyType(PreparedProof prepared)
    {
        ArgumentNullException.ThrowIfNull(prepared);
        if (!DataIntegritySuites.UsesEcdsa(prepared.Cryptosuite))
        {
            return KeyType.Ed25519;
        }
        return prepared.Signature.Length == 96 ? KeyType.P384 : KeyType.P256;
    }

    /// <summary>The proofs of a document as a list (a single proof object counts as one).</summary>
    public static IReadOnlyList<JsonObject> GetProofs(JsonObject document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return document["proof"] switch
        {
            JsonObject single => [single],
            JsonArray many => many.OfType<JsonObject>().ToList(),
            _ => [],
        };
    }

    /// <summary>Parses an XML Schema dateTime that carries a time zone (as VC 2.0 requires).</summary>
    public static bool TryParseDateTime(string? value, out DateTimeOffset result)
    {
        result = default;
        if (string.IsNullOrEmpty(value) || value.Length < 20 || value[10] != 'T')
        {
            return false;
        }
        if (TryParseUtcSeconds(value, out result))
        {
            return true;
        }
        var last = value[^1];
        var hasZone =
            last is 'Z' or 'z'
            || (value.Length >= 6 && value[^6] is '+' or '-' && value[^3] == ':');
        return hasZone
            && DateTimeOffset.TryParse(
                value,
                CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
                out result
            );
    }

    // The common form "YYYY-MM-DDTHH:MM:SSZ" of a valid time, read without the general parser (which
    // accepts it with the same value); anything else, including hour 24 and leap seconds, is left to it.
    private static bool TryParseUtcSeconds(string value, out DateTimeOffset result)
    {
        result = default;
        if (
            value.Length != 20
            || value[4] != '-'
            || value[7] != '-'
            || value[13] != ':'
            || value[16] != ':'
            || value[19] != 'Z'
        )
        {
            return false;
        }
        var year = Digits(value, 0, 4);
        var month = Digits(value, 5, 2);
        var day = Digits(value, 8, 2);
        var hour = Digits(value, 11, 2);
        var minute = Digits(value, 14, 2);
        var second = Digits(value, 17, 2);
        if (
            year < 1
            || month is < 1 or > 12
            || day < 1
            || day > DateTime.DaysInMonth(year, month)
            || hour is < 0 or > 23
            || minute is < 0 or > 59
            || second is < 0 or > 59
        )
        {
            return false;
        }
        result = new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.Zero);
        return true;

        // The number written by `length` ASCII digits at `start`; -1 when one is not a digit.
        static int Digits(string text, int start, int length)
        {
            var n = 0;
            for (var i = start; i < start + length; i++)
            {
                var d = (uint)(text[i] - '0');
                if (d > 9)
                {
                    return -1;
                }
                n = (n * 10) + (int)d;
            }
            return n;
        }
    }

    /// <summary>Formats a time as an XML Schema dateTime in UTC with second precision (<c>2024-01-01T00:00:00Z</c>).</summary>
    public static string FormatDateTime(DateTimeOffset value) =>
        string.Create(
            20,
            value.UtcDateTime,
            static (chars, t) =>
            {
                // yyyy-MM-ddTHH:mm:ssZ, written digit by digit (no format string to parse).
                Put(chars, 0, t.Year, 4);
                chars[4] = '-';
                Put(chars, 5, t.Month, 2);
                chars[7] = '-';
                Put(chars, 8, t.Day, 2);
                chars[10] = 'T';
                Put(chars, 11, t.Hour, 2);
                chars[13] = ':';
                Put(chars, 14, t.Minute, 2);
                chars[16] = ':';
                Put(chars, 17, t.Second, 2);
                chars[19] = 'Z';

                static void Put(Span<char> destination, int start, int number, int length)
                {
                    for (var i = start + length - 1; i >= start; i--)
                    {
                        destination[i] = (char)('0' + (number % 10));
                        number /= 10;
                    }
                }
            }
        );

    internal static JsonObject BuildProofConfig(ProofOptions options, string verificationMethod)
    {
        var proof = new JsonObject();
        if (options.Cryptosuite == DataIntegritySuites.Ed25519Signature2020)
        {
            proof["type"] = DataIntegritySuites.Ed25519Signature2020;
        }
        else
        {
            proof["type"] = DataIntegritySuites.DataIntegrityProof;
        }
        if (options.Id is not null)
        {
            proof["id"] = options.Id;
        }
        if (options.Cryptosuite != DataIntegritySuites.Ed25519Signature2020)
        {
            proof["cryptosuite"] = options.Cryptosuite;
        }
        if (options.Created is { } created)
        {
            proof["created"] = FormatDateTime(created);
        }
        if (options.Expires is { } expires)
        {
            proof["expires"] = FormatDateTime(expires);
        }
        proof["verificationMethod"] = verificationMethod;
        proof["proofPurpose"] = options.ProofPurpose;
        if (options.Challenge is not null)
        {
            proof["challenge"] = options.Challenge;
        }
        if (options.Domain is not null)
        {
            proof["domain"] = options.Domain;
        }
        if (options.Nonce is not null)
        {
            proof["nonce"] = options.Nonce;
        }
        if (options.PreviousProof.Count == 1)
        {
            proof["previousProof"] = options.PreviousProof[0];
        }
        else if (options.PreviousProof.Count > 1)
        {
            var previous = new JsonArray();
            foreach (var id in options.PreviousProof)
            {
                previous.Add(id);
            }
            proof["previousProof"] = previous;
        }
        return proof;
    }

    private static List<JsonNode?> TakeProofs(JsonObject document)
    {
        var proofs = new List<JsonNode?>();
        if (document["proof"] is { } node)
        {
            document.Remove("proof");
            if (node is JsonArray array)
            {
                foreach (var p in array.ToArray())
                {
                    array.Remove(p);
                    proofs.Add(p);
                }
            }
            else
            {
                proofs.Add(node);
            }
        }
        return proofs;
    }

    private static bool ContextStartsWith(JsonNode? documentContext, JsonNode proofContext)
    {
        var doc =
            documentContext as JsonArray
            ?? (documentContext is null ? [] : new JsonArray(documentContext.DeepClone()));
        var prefix = proofContext as JsonArray ?? new JsonArray(proofContext.DeepClone());
        if (prefix.Count > doc.Count)
        {
            return false;
        }
        for (var i = 0; i < prefix.Count; i++)
        {
            if (!JsonNode.DeepEquals(doc[i], prefix[i]))
            {
                return false;
            }
        }
        return true;
    }

    private static bool DomainMatches(JsonNode? domain, string expected) =>
        domain switch
        {
            JsonArray many => many.Any(d =>
                d?.GetValueKind() == System.Text.Json.JsonValueKind.String && (string?)d == expected
            ),
            JsonValue one when one.GetValueKind() == System.Text.Json.JsonValueKind.String =>
                (string?)one == expected,
            _ => false,
        };

    private static string? GetString(JsonObject obj, string name) =>
        obj[name] is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String
            ? (string?)v
            : null;
}
