using System.Diagnostics.CodeAnalysis;
using System.Formats.Cbor;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Credstack.Credentials.Keys;
using Credstack.LinkedData.Canonicalization;
using Credstack.LinkedData.JsonLd;
using Credstack.LinkedData.Rdf;

namespace Credstack.Credentials.DataIntegrity;

// The issuer's and the holder's sides of ecdsa-sd-2023 (VC DI ECDSA 1.0 §3.6.1–3.6.6 base proof, §3.6.7
// add derived proof), with the selective disclosure functions of §3.4 and §3.5 they use.
public static partial class EcdsaSd2023
{
    private const int HmacKeySize = 32;

    // §3.4.9 skolemizeExpandedJsonLd: the custom URN scheme that names blank nodes while they are selected.
    private const string SkolemPrefix = "urn:bnid:";

    /// <summary>
    /// Creates an <c>ecdsa-sd-2023</c> base proof (VC DI ECDSA 1.0 §3.6.1 createBaseProof) and returns the secured
    /// document: a copy of <paramref name="unsecuredDocument"/> with the proof (the input is not changed). Each
    /// call uses a fresh random 32-byte HMAC key and a fresh P-256 proof-scoped key pair. The base proof is for
    /// the holder, who derives proofs from it (<see cref="DeriveProof"/>); verifiers accept only derived proofs.
    /// </summary>
    /// <param name="unsecuredDocument">The credential, without a proof.</param>
    /// <param name="options">The proof options; <see cref="ProofOptions.Cryptosuite"/> must be <c>ecdsa-sd-2023</c>.</param>
    /// <param name="signer">The issuer's P-256 key (the hashes are SHA-256).</param>
    /// <param name="mandatoryPointers">JSON Pointers (RFC 6901) to what every derived proof discloses; each must select something.</param>
    /// <param name="jsonLdOptions">JSON-LD options (the document loader); safe mode is always on.</param>
    /// <exception cref="ArgumentException">The options, the signer's key type, a pointer (named) or the document's
    /// structure is not suitable.</exception>
    /// <exception cref="JsonLdException">The document cannot be converted to RDF; in safe mode the message names
    /// a property the proof would not cover.</exception>
    public static JsonObject CreateBaseProof(
        JsonObject unsecuredDocument,
        ProofOptions options,
        IProofSigner signer,
        IReadOnlyList<string> mandatoryPointers,
        JsonLdOptions? jsonLdOptions = null
    )
    {
        var hmacKey = RandomNumberGenerator.GetBytes(HmacKeySize);
        try
        {
            using var proofScopedKey = SigningKey.Generate(KeyType.P256);
            return CreateBaseProof(
                unsecuredDocument,
                options,
                signer,
                mandatoryPointers,
                hmacKey,
                proofScopedKey,
                jsonLdOptions
            );
        }
        finally
        {
            CryptographicOperations.ZeroMemory(hmacKey);
        }
    }

    /// <summary>
    /// <see cref="CreateBaseProof(JsonObject, ProofOptions, IProofSigner, IReadOnlyList{string}, JsonLdOptions?)"/>
    /// with a given HMAC key and proof-scoped key (to reproduce known values).
    /// </summary>
    internal static JsonObject CreateBaseProof(
        JsonObject unsecuredDocument,
        ProofOptions options,
        IProofSigner signer,
        IReadOnlyList<string> mandatoryPointers,
        byte[] hmacKey,
        SigningKey proofScopedKey,
        JsonLdOptions? jsonLdOptions
    )
    {
        ArgumentNullException.ThrowIfNull(unsecuredDocument);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(signer);
        ArgumentNullException.ThrowIfNull(mandatoryPointers);
        ArgumentNullException.ThrowIfNull(hmacKey);
        ArgumentNullException.ThrowIfNull(proofScopedKey);
        // §3.6.4 step 2: the proof is a DataIntegrityProof with cryptosuite ecdsa-sd-2023.
        if (options.Cryptosuite != Cryptosuite)
        {
            throw new ArgumentException(
                $"the proof options name cryptosuite '{options.Cryptosuite}', not '{Cryptosuite}'",
                nameof(options)
            );
        }
        if (options.PreviousProof.Count > 0)
        {
            throw new ArgumentException(
                $"an {Cryptosuite} base proof cannot chain to a previousProof",
                nameof(options)
            );
        }
        // §3.6.2 step 1: the HMAC and the hashes use the signature's hash, SHA-256; only P-256 is supported.
        if (signer.KeyType != KeyType.P256)
        {
            throw new ArgumentException(
                $"{Cryptosuite} signs with a P-256 key; the signer {signer.VerificationMethod} has a {signer.KeyType} key",
                nameof(signer)
            );
        }
        if (hmacKey.Length != HmacKeySize)
        {
            throw new ArgumentException(
                $"the HMAC key has {hmacKey.Length} bytes, not {HmacKeySize}",
                nameof(hmacKey)
            );
        }
        if (proofScopedKey.Type != KeyType.P256)
        {
            throw new ArgumentException(
                "the proof-scoped key must be a P-256 key",
                nameof(proofScopedKey)
            );
        }
        if (unsecuredDocument.ContainsKey("proof"))
        {
            throw new ArgumentException(
                $"the document already has a proof; an {Cryptosuite} base proof is added to a document without one",
                nameof(unsecuredDocument)
            );
        }
        foreach (var pointer in mandatoryPointers)
        {
            ArgumentNullException.ThrowIfNull(pointer, nameof(mandatoryPointers));
        }

        var secured = (JsonObject)unsecuredDocument.DeepClone();
        var jsonLd = SafeOptions(jsonLdOptions);

        // §3.6.2 Base Proof Transformation.
        var groups = CanonicalizeAndGroup(
            secured,
            hmacKey,
            new Dictionary<string, IReadOnlyList<string>> { ["mandatory"] = mandatoryPointers },
            jsonLd
        );
        var mandatoryGroup = groups.Groups["mandatory"];
        var mandatory = mandatoryGroup.Matching.Select(i => groups.NQuads[i]).ToList();
        var nonMandatory = mandatoryGroup.NonMatching.Select(i => groups.NQuads[i]).ToList();

        // §3.6.4 Base Proof Configuration and §3.6.3 Base Proof Hashing.
        var proof = DataIntegrityProofs.BuildProofConfig(options, signer.VerificationMethod);
        var proofHash = HashProofConfig(secured["@context"], proof, jsonLd);
        var mandatoryHash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Concat(mandatory)));

        // §3.6.5 Base Proof Serialization: one proof-scoped signature per non-mandatory N-Quad, the
        // proof-scoped public key as Multikey bytes, and the issuer's signature over both hashes and the key.
        var signatures = nonMandatory
            .Select(nq => proofScopedKey.Sign(Encoding.UTF8.GetBytes(nq)))
            .ToList();
        var publicKey = MultikeyBytes(proofScopedKey.PublicKey);
        byte[] toSign = [.. proofHash, .. publicKey, .. mandatoryHash];
        var baseSignature = signer.Sign(toSign);
        if (baseSignature.Length != SignatureSize)
        {
            throw new ArgumentException(
                $"the signer returned a {baseSignature.Length}-byte signature, not a {SignatureSize}-byte P-256 signature (r‖s)",
                nameof(signer)
            );
        }
        proof["proofValue"] = SerializeBaseProofValue(
            baseSignature,
            publicKey,
            hmacKey,
            signatures,
            mandatoryPointers
        );
        secured["proof"] = proof;
        return secured;
    }

    /// <summary>
    /// Derives an <c>ecdsa-sd-2023</c> proof (VC DI ECDSA 1.0 §3.6.7 Add Derived Proof, §3.5.5
    /// createDisclosureData): returns the reveal document, what the base proof's mandatory pointers and
    /// <paramref name="selectivePointers"/> select from <paramref name="securedDocument"/>, with a derived proof
    /// that verifiers check (<see cref="PrepareDerivedProof"/>). The input is not changed.
    /// </summary>
    /// <param name="securedDocument">A document with an <c>ecdsa-sd-2023</c> base proof.</param>
    /// <param name="selectivePointers">JSON Pointers (RFC 6901) to what to disclose besides the mandatory part; each must select something.</param>
    /// <param name="jsonLdOptions">JSON-LD options (the document loader); safe mode is always on.</param>
    /// <exception cref="ArgumentException">The document has no <c>ecdsa-sd-2023</c> base proof, a pointer
    /// (named) is malformed or selects nothing, nothing would be disclosed, or the document's structure is not
    /// suitable.</exception>
    /// <exception cref="FormatException">The base proof value is malformed, or does not fit the document (its
    /// signatures do not match the document's statements).</exception>
    /// <exception cref="JsonLdException">The document cannot be converted to RDF.</exception>
    public static JsonObject DeriveProof(
        JsonObject securedDocument,
        IReadOnlyList<string> selectivePointers,
        JsonLdOptions? jsonLdOptions = null
    )
    {
        ArgumentNullException.ThrowIfNull(securedDocument);
        ArgumentNullException.ThrowIfNull(selectivePointers);
        foreach (var pointer in selectivePointers)
        {
            ArgumentNullException.ThrowIfNull(pointer, nameof(selectivePointers));
        }
        var proof = FindBaseProof(securedDocument);
        // §3.5.5 step 1: parseBaseProofValue.
        if (!TryParseBaseProofValue(GetString(proof, "proofValue")!, out var parsed, out var error))
        {
            throw new FormatException("the base proof value is malformed: " + error);
        }
        var document = (JsonObject)securedDocument.DeepClone();
        document.Remove("proof");
        var jsonLd = SafeOptions(jsonLdOptions);

        // §3.5.5 steps 2–6.
        var combinedPointers = parsed.MandatoryPointers.Concat(selectivePointers).ToList();
        if (combinedPointers.Count == 0)
        {
            throw new ArgumentException(
                "nothing to disclose: the base proof has no mandatory pointers and no selective pointers were given",
                nameof(selectivePointers)
            );
        }
        var result = CanonicalizeAndGroup(
            document,
            parsed.HmacKey,
            new Dictionary<string, IReadOnlyList<string>>
            {
                ["mandatory"] = parsed.MandatoryPointers,
                ["selective"] = selectivePointers,
                ["combined"] = combinedPointers,
            },
            jsonLd
        );
        var mandatory = result.Groups["mandatory"];
        var selective = result.Groups["selective"];
        var combined = result.Groups["combined"];

        // The base proof must be this document's: one signature per non-mandatory statement, each valid.
        if (parsed.Signatures.Count != mandatory.NonMatching.Count)
        {
            throw new FormatException(
                $"the base proof carries {parsed.Signatures.Count} signature(s) for the document's {mandatory.NonMatching.Count} non-mandatory statement(s): it is not a base proof of this document"
            );
        }
        var proofScopedKey = EcVerificationKey.FromCompressed(
            KeyType.P256,
            parsed.PublicKey.AsSpan(2)
        );
        for (var i = 0; i < parsed.Signatures.Count; i++)
        {
            var statement = result.NQuads[mandatory.NonMatching[i]];
            if (!proofScopedKey.Verify(Encoding.UTF8.GetBytes(statement), parsed.Signatures[i]))
            {
                throw new FormatException(
                    "a signature of the base proof does not match the document's statement: the document was changed after it was signed, or the proof is not its own"
                );
            }
        }

        // §3.5.5 steps 7–9: the mandatory statements' indexes relative to the disclosed statements.
        var mandatorySet = mandatory.Matching.ToHashSet();
        var mandatoryIndexes = new List<int>();
        for (var relative = 0; relative < combined.Matching.Count; relative++)
        {
            if (mandatorySet.Contains(combined.Matching[relative]))
            {
                mandatoryIndexes.Add(relative);
            }
        }
        // §3.5.5 step 10: the signatures of the selectively disclosed statements.
        var selectiveSet = selective.Matching.ToHashSet();
        var filteredSignatures = new List<byte[]>();
        var index = 0;
        foreach (var signature in parsed.Signatures)
        {
            while (mandatorySet.Contains(index))
            {
                index++;
            }
            if (selectiveSet.Contains(index))
            {
                filteredSignatures.Add(signature);
            }
            index++;
        }
        if (filteredSignatures.Count != combined.Matching.Count - mandatoryIndexes.Count)
        {
            throw new InvalidOperationException(
                $"the selection discloses {combined.Matching.Count - mandatoryIndexes.Count} non-mandatory statement(s) but {filteredSignatures.Count} signature(s) were selected"
            );
        }

        // §3.5.5 step 11: the reveal document, selected from the document (not the skolemized one).
        var revealDocument = JsonLdSelection.Select(document, combinedPointers)!;

        // §3.5.5 steps 12–13: the labels a verifier's canonicalization gives the disclosed blank nodes,
        // mapped to the HMAC labels they were signed with.
        var canonicalIdMap = RdfCanonicalizer
            .Canonicalize(combined.DeskolemizedQuads)
            .IssuedIdentifiers;
        var verifierLabelMap = new SortedDictionary<int, byte[]>();
        foreach (var (inputLabel, verifierLabel) in canonicalIdMap)
        {
            var label = result.LabelMap[inputLabel];
            verifierLabelMap[
                int.Parse(verifierLabel.AsSpan(4), NumberStyles.None, CultureInfo.InvariantCulture)
            ] = Base64UrlText.TryDecode(label.AsSpan(1), out var bytes)
                ? bytes
                : throw new InvalidOperationException("an HMAC label is not base64url");
        }

        // §3.6.7 steps 2–4: the derived proof, a copy of the base proof with the new proof value.
        var newProof = (JsonObject)proof.DeepClone();
        newProof["proofValue"] = SerializeDerivedProofValue(
            parsed.BaseSignature,
            parsed.PublicKey,
            filteredSignatures,
            verifierLabelMap,
            mandatoryIndexes
        );
        revealDocument["proof"] = newProof;
        return revealDocument;
    }

    /// <summary>The parts of a base proof value (§3.5.3).</summary>
    internal sealed record BaseProofValue(
        byte[] BaseSignature,
        byte[] PublicKey,
        byte[] HmacKey,
        IReadOnlyList<byte[]> Signatures,
        IReadOnlyList<string> MandatoryPointers
    );

    /// <summary>A group of canonicalizeAndGroup (§3.4.17): the indexes of the N-Quads it matches and of the others.</summary>
    private sealed record Group(
        IReadOnlyList<int> Matching,
        IReadOnlyList<int> NonMatching,
        IReadOnlyList<Quad> DeskolemizedQuads
    );

    /// <summary>The result of canonicalizeAndGroup (§3.4.17).</summary>
    private sealed record GroupedDocument(
        IReadOnlyList<string> NQuads,
        IReadOnlyDictionary<string, string> LabelMap,
        IReadOnlyDictionary<string, Group> Groups
    );

    /// <summary>
    /// canonicalizeAndGroup (§3.4.17) with createHmacIdLabelMapFunction (§3.4.4): the document's canonical
    /// N-Quads with HMAC blank node labels, grouped by what each group's pointers select.
    /// </summary>
    /// <remarks>
    /// The spec skolemizes by expanding the document, naming each blank node, and compacting it again
    /// (§3.4.10 skolemizeCompactJsonLd). There is no compaction here: each JSON object that stands for a
    /// blank node in the compact document itself is given an <c>@id</c> (<see cref="Skolemize"/>), which
    /// keeps the document's shape for the pointers. That this named the same nodes is checked: the named
    /// document, its names made blank nodes again, must canonicalize to the same N-Quads as the document.
    /// The cells of JSON-LD lists, which have no JSON object to name, are named by their place
    /// (<see cref="NameListCells"/>); a list is selected whole (a selection whose statements the document does
    /// not make, such as part of a list, is refused), and any other blank node is refused.
    /// </remarks>
    private static GroupedDocument CanonicalizeAndGroup(
        JsonObject document,
        byte[] hmacKey,
        Dictionary<string, IReadOnlyList<string>> groupDefinitions,
        JsonLdOptions options
    )
    {
        // Pointers are checked first: a malformed one is named before any other problem.
        foreach (var pointers in groupDefinitions.Values)
        {
            foreach (var pointer in pointers)
            {
                _ = JsonLdSelection.ParsePointer(pointer);
            }
        }
        // What the document says (safe mode names what the proof would not cover).
        var expected = RdfCanonicalizer.ToCanonicalNQuads(JsonLdProcessor.ToRdf(document, options));

        // §3.4.17 steps 1–2: skolemize, and the deskolemized N-Quads.
        var skolemized = Skolemize(document);
        var deskolemized = ToDeskolemizedQuads(skolemized, options);
        var canonical = RdfCanonicalizer.Canonicalize(deskolemized);
        if (!string.Equals(canonical.NQuads, expected, StringComparison.Ordinal))
        {
            throw new ArgumentException(
                $"the document cannot be prepared for {Cryptosuite}: giving its blank nodes identifiers changes what it says (a JSON literal, a container map or a nested context keyword where a node was expected)",
                nameof(document)
            );
        }

        // §3.4.1 labelReplacementCanonicalizeNQuads with §3.4.4 createHmacIdLabelMapFunction: each
        // canonical label c14nN becomes "u" + base64url(HMAC-SHA-256(key, "c14nN")).
        var byCanonical = new Dictionary<string, string>(StringComparer.Ordinal);
        var labelMap = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (input, canonicalLabel) in canonical.IssuedIdentifiers)
        {
            var hmacLabel = Multibase.EncodeBase64Url(
                HMACSHA256.HashData(hmacKey, Encoding.UTF8.GetBytes(canonicalLabel))
            );
            byCanonical[canonicalLabel] = hmacLabel;
            labelMap[input] = hmacLabel;
        }
        if (!CanonicalRelabeling.TryReplaceLabels(canonical, byCanonical, out var nquads, out _))
        {
            throw new InvalidOperationException("a canonical blank node has no HMAC label");
        }

        // §3.4.17 steps 4–7: select each group (§3.4.16 selectCanonicalNQuads) and match its N-Quads.
        var groups = new Dictionary<string, Group>(StringComparer.Ordinal);
        var documentNQuads = nquads.ToHashSet(StringComparer.Ordinal);
        foreach (var (name, pointers) in groupDefinitions)
        {
            var (selected, relabeled) = SelectNQuads(skolemized, pointers, labelMap, options);
            if (!relabeled.IsSubsetOf(documentNQuads))
            {
                // The selection says something the document does not: part of a JSON-LD list, whose
                // cells and order would differ. Name the pointer that does it.
                var culprit = pointers.FirstOrDefault(p =>
                    !SelectNQuads(skolemized, [p], labelMap, options)
                        .NQuads.IsSubsetOf(documentNQuads)
                );
                throw new ArgumentException(
                    $"the JSON Pointer '{culprit ?? string.Join("', '", pointers)}' selects part of a JSON-LD list (or another structure whose statements the document does not make); select the whole list"
                );
            }
            var matching = new List<int>();
            var nonMatching = new List<int>();
            for (var i = 0; i < nquads.Length; i++)
            {
                (relabeled.Contains(nquads[i]) ? matching : nonMatching).Add(i);
            }
            groups[name] = new Group(matching, nonMatching, selected);
        }
        return new GroupedDocument(nquads, labelMap, groups);
    }

    // §3.4.16 selectCanonicalNQuads: the deskolemized statements of what the pointers select, and
    // those statements relabelled with the document's label map (a blank node the document does not
    // have keeps a label no document statement has).
    private static (List<Quad> Quads, HashSet<string> NQuads) SelectNQuads(
        JsonObject skolemized,
        IReadOnlyList<string> pointers,
        Dictionary<string, string> labelMap,
        JsonLdOptions options
    )
    {
        var selection = JsonLdSelection.Select(skolemized, pointers);
        var selected = selection is null ? [] : ToDeskolemizedQuads(selection, options);
        var relabeled = new HashSet<string>(StringComparer.Ordinal);
        foreach (var quad in selected)
        {
            relabeled.Add(NQuads.FormatQuad(Relabel(quad, labelMap)));
        }
        return (selected, relabeled);
    }

    /// <summary>
    /// §3.4.10 skolemizeCompactJsonLd, on the compact document: a copy in which every JSON object that is a
    /// node without an identifier gets <c>"@id": "urn:bnid:…"</c> and every <c>_:</c> identifier becomes a
    /// <c>urn:bnid:</c> IRI. Value objects, <c>@list</c>/<c>@set</c> objects and <c>@context</c> values are
    /// left as they are.
    /// </summary>
    private static JsonObject Skolemize(JsonObject document)
    {
        var copy = (JsonObject)document.DeepClone();
        var random = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var count = 0;
        Walk(copy);
        return copy;

        void Walk(JsonNode? node)
        {
            switch (node)
            {
                case JsonArray array:
                    foreach (var element in array)
                    {
                        Walk(element);
                    }
                    break;
                case JsonObject o when o.ContainsKey("@value"):
                    break;
                case JsonObject o when o.ContainsKey("@list") || o.ContainsKey("@set"):
                    Walk(o["@list"]);
                    Walk(o["@set"]);
                    break;
                case JsonObject o:
                    foreach (var (key, member) in o)
                    {
                        if (key != "@context")
                        {
                            Walk(member);
                        }
                    }
                    var idKey = o.ContainsKey("id") ? "id" : "@id";
                    if (!o.ContainsKey(idKey))
                    {
                        o["@id"] = $"{SkolemPrefix}_{random}_{count++}";
                    }
                    else if (
                        o[idKey] is JsonValue id
                        && id.TryGetValue<string>(out var text)
                        && text.StartsWith("_:", StringComparison.Ordinal)
                    )
                    {
                        o[idKey] = SkolemPrefix + text[2..];
                    }
                    break;
            }
        }
    }

    /// <summary>
    /// §3.4.11 toDeskolemizedNQuads: the document's RDF with each <c>urn:bnid:</c> IRI made the blank node it
    /// names. The cells of a JSON-LD list, blank nodes the document cannot name, are named by where they
    /// are (<see cref="NameListCells"/>) so that a selection and the document agree; any other blank node
    /// (a <c>_:</c> reference, a nested list) is refused.
    /// </summary>
    private static List<Quad> ToDeskolemizedQuads(JsonObject skolemized, JsonLdOptions options)
    {
        var quads = JsonLdProcessor.ToRdf(skolemized, options);
        var cells = NameListCells(quads);
        var result = new List<Quad>(quads.Count);
        foreach (var q in quads)
        {
            result.Add(
                new Quad(
                    Deskolemize(q.Subject, cells),
                    q.Predicate,
                    Deskolemize(q.Object, cells),
                    Deskolemize(q.Graph, cells)
                )
            );
        }
        return result;

        static RdfTerm Deskolemize(RdfTerm term, Dictionary<string, string>? cells) =>
            term.IsIri && term.Value.StartsWith(SkolemPrefix, StringComparison.Ordinal)
                ? RdfTerm.BlankNode(term.Value[SkolemPrefix.Length..])
            : term.IsBlankNode ? RdfTerm.BlankNode(cells![term.Value])
            : term;
    }

    private const string RdfFirst = "http://www.w3.org/1999/02/22-rdf-syntax-ns#first";
    private const string RdfRest = "http://www.w3.org/1999/02/22-rdf-syntax-ns#rest";

    /// <summary>
    /// Labels for the blank nodes of <paramref name="quads"/>, each of which must be a cell of a JSON-LD list
    /// (one <c>rdf:first</c>, one <c>rdf:rest</c>, nothing else, referred to once) whose list is the value of a
    /// property of a named (or skolemized) node: cell <c>i</c> of the list under property <c>P</c> of node
    /// <c>S</c> is labelled from <c>S</c>, <c>P</c> and <c>i</c>. Null when there are no blank nodes.
    /// </summary>
    /// <exception cref="ArgumentException">Another blank node (the message says which kinds).</exception>
    private static Dictionary<string, string>? NameListCells(IReadOnlyList<Quad> quads)
    {
        static ArgumentException Refused() =>
            new(
                $"the document has a blank node that cannot be named for {Cryptosuite} selective disclosure (a blank node identifier used as a reference, a list of lists or two lists under one property); give it an id"
            );
        Dictionary<string, Quad>? referrer = null;
        Dictionary<string, (int Firsts, int Rests, string? Next)>? cells = null;
        foreach (var q in quads)
        {
            if (q.Predicate.IsBlankNode || q.Graph.IsBlankNode)
            {
                throw Refused();
            }
            if (q.Object.IsBlankNode)
            {
                referrer ??= new Dictionary<string, Quad>(StringComparer.Ordinal);
                if (!referrer.TryAdd(q.Object.Value, q))
                {
                    throw Refused();
                }
            }
            if (q.Subject.IsBlankNode)
            {
                cells ??= new Dictionary<string, (int, int, string?)>(StringComparer.Ordinal);
                cells.TryGetValue(q.Subject.Value, out var cell);
                cell = q.Predicate.Value switch
                {
                    RdfFirst => (cell.Firsts + 1, cell.Rests, cell.Next),
                    RdfRest => (
                        cell.Firsts,
                        cell.Rests + 1,
                        q.Object.IsBlankNode ? q.Object.Value : null
                    ),
                    _ => throw Refused(),
                };
                cells[q.Subject.Value] = cell;
            }
        }
        if (referrer is null && cells is null)
        {
            return null;
        }
        cells ??= [];
        referrer ??= [];
        if (
            referrer.Keys.Any(b => !cells.ContainsKey(b))
            || cells.Any(c =>
                c.Value.Firsts != 1 || c.Value.Rests != 1 || !referrer.ContainsKey(c.Key)
            )
        )
        {
            throw Refused();
        }
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var heads = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (head, from) in referrer)
        {
            if (from.Subject.IsBlankNode)
            {
                // A later cell (rdf:rest), or a list inside a list.
                if (from.Predicate.Value != RdfRest)
                {
                    throw Refused();
                }
                continue;
            }
            var key = NQuads.FormatTerm(from.Subject) + " " + NQuads.FormatTerm(from.Predicate);
            if (!heads.Add(key))
            {
                throw Refused();
            }
            var prefix =
                "l"
                + Convert.ToHexStringLower(
                    SHA256.HashData(Encoding.UTF8.GetBytes(key)).AsSpan(0, 12)
                )
                + "_";
            string? cell = head;
            for (var i = 0; cell is not null; i++)
            {
                if (!names.TryAdd(cell, prefix + i.ToString(CultureInfo.InvariantCulture)))
                {
                    throw Refused();
                }
                cell = cells[cell].Next;
            }
        }
        if (names.Count != cells.Count)
        {
            throw Refused();
        }
        return names;
    }

    // §3.4.6 relabelBlankNodes.
    private static Quad Relabel(Quad quad, Dictionary<string, string> labelMap)
    {
        return new Quad(Map(quad.Subject), quad.Predicate, Map(quad.Object), Map(quad.Graph));

        // A blank node the document does not have (a cell of part of a list) keeps its own label,
        // which no statement of the document has.
        RdfTerm Map(RdfTerm term) =>
            term.IsBlankNode && labelMap.TryGetValue(term.Value, out var label)
                ? RdfTerm.BlankNode(label)
                : term;
    }

    private static byte[] MultikeyBytes(VerificationKey key)
    {
        // The Multikey text is base58btc of 0x80 0x24 (p256-pub) and the compressed point.
        if (!Multibase.TryDecode(key.ToMultikey(), out var bytes) || bytes.Length != PublicKeySize)
        {
            throw new InvalidOperationException(
                "the proof-scoped public key is not a P-256 Multikey"
            );
        }
        return bytes;
    }

    // The single ecdsa-sd-2023 proof of a secured document, or a clear error.
    private static JsonObject FindBaseProof(JsonObject securedDocument)
    {
        var candidates = securedDocument["proof"] switch
        {
            JsonObject one => [one],
            JsonArray many => many.OfType<JsonObject>()
                .Where(p => GetString(p, "cryptosuite") == Cryptosuite)
                .ToList(),
            _ => new List<JsonObject>(),
        };
        if (candidates.Count != 1)
        {
            throw new ArgumentException(
                candidates.Count == 0
                    ? $"the document has no {Cryptosuite} proof"
                    : $"the document has {candidates.Count} {Cryptosuite} proofs; derive from a document with one",
                nameof(securedDocument)
            );
        }
        var proof = candidates[0];
        if (
            GetString(proof, "type") != DataIntegritySuites.DataIntegrityProof
            || GetString(proof, "cryptosuite") != Cryptosuite
        )
        {
            throw new ArgumentException(
                $"the document's proof is not a DataIntegrityProof with cryptosuite '{Cryptosuite}' (type '{GetString(proof, "type") ?? "(none)"}', cryptosuite '{GetString(proof, "cryptosuite") ?? "(none)"}')",
                nameof(securedDocument)
            );
        }
        if (GetString(proof, "proofValue") is null)
        {
            throw new ArgumentException(
                "the document's proof has no proofValue string",
                nameof(securedDocument)
            );
        }
        return proof;
    }

    /// <summary>§3.5.2 serializeBaseProofValue: <c>u</c> + base64url-no-pad(0xd9 0x5d 0x00 ‖ CBOR array, untagged).</summary>
    private static string SerializeBaseProofValue(
        byte[] baseSignature,
        byte[] publicKey,
        byte[] hmacKey,
        List<byte[]> signatures,
        IReadOnlyList<string> mandatoryPointers
    )
    {
        var writer = new CborWriter(CborConformanceMode.Lax);
        writer.WriteStartArray(5);
        writer.WriteByteString(baseSignature);
        writer.WriteByteString(publicKey);
        writer.WriteByteString(hmacKey);
        writer.WriteStartArray(signatures.Count);
        foreach (var signature in signatures)
        {
            writer.WriteByteString(signature);
        }
        writer.WriteEndArray();
        writer.WriteStartArray(mandatoryPointers.Count);
        foreach (var pointer in mandatoryPointers)
        {
            writer.WriteTextString(pointer);
        }
        writer.WriteEndArray();
        writer.WriteEndArray();
        return WithHeader(BaseProofHeader, writer.Encode());
    }

    /// <summary>
    /// §3.5.7 serializeDerivedProofValue with §3.5.5 compressLabelMap: <c>u</c> + base64url-no-pad(0xd9 0x5d 0x01 ‖
    /// CBOR array of the base signature, the public key, the signatures, the label map (integer → 32 bytes,
    /// in key order) and the mandatory indexes), untagged.
    /// </summary>
    private static string SerializeDerivedProofValue(
        byte[] baseSignature,
        byte[] publicKey,
        List<byte[]> signatures,
        SortedDictionary<int, byte[]> labelMap,
        List<int> mandatoryIndexes
    )
    {
        var writer = new CborWriter(CborConformanceMode.Lax);
        writer.WriteStartArray(5);
        writer.WriteByteString(baseSignature);
        writer.WriteByteString(publicKey);
        writer.WriteStartArray(signatures.Count);
        foreach (var signature in signatures)
        {
            writer.WriteByteString(signature);
        }
        writer.WriteEndArray();
        writer.WriteStartMap(labelMap.Count);
        foreach (var (key, label) in labelMap)
        {
            writer.WriteInt32(key);
            writer.WriteByteString(label);
        }
        writer.WriteEndMap();
        writer.WriteStartArray(mandatoryIndexes.Count);
        foreach (var index in mandatoryIndexes)
        {
            writer.WriteInt32(index);
        }
        writer.WriteEndArray();
        writer.WriteEndArray();
        return WithHeader(DerivedProofHeader, writer.Encode());
    }

    private static string WithHeader(byte header, byte[] cbor)
    {
        byte[] bytes = [HeaderTag0, HeaderTag1, header, .. cbor];
        return Multibase.EncodeBase64Url(bytes);
    }

    /// <summary>
    /// §3.5.3 parseBaseProofValue: <c>u</c> + base64url-no-pad of the header 0xd9 0x5d 0x00 and an untagged CBOR
    /// array of the base signature (64 bytes), the proof-scoped public key (35 bytes, P-256 Multikey), the HMAC
    /// key (32 bytes), the signatures (64 bytes each) and the mandatory pointers (text); nothing may follow.
    /// False with a plain-language reason otherwise.
    /// </summary>
    internal static bool TryParseBaseProofValue(
        string proofValue,
        [NotNullWhen(true)] out BaseProofValue? value,
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
                $"the proofValue is not multibase base64url-no-pad text ('u…') as {Cryptosuite} requires";
            return false;
        }
        if (bytes.Length < 3 || bytes[0] != HeaderTag0 || bytes[1] != HeaderTag1)
        {
            error = $"the proofValue does not start with the {Cryptosuite} header bytes 0xd9 0x5d";
            return false;
        }
        if (bytes[2] == DerivedProofHeader)
        {
            error =
                "the proof is already a derived proof (header 0xd9 0x5d 0x01); proofs are derived from the base proof (header 0xd9 0x5d 0x00)";
            return false;
        }
        if (bytes[2] != BaseProofHeader)
        {
            error =
                $"the proofValue header 0xd9 0x5d 0x{bytes[2]:x2} is not an {Cryptosuite} base proof (0xd9 0x5d 0x00)";
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
                error = $"the base proof value is a CBOR array of {count} elements, not 5";
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
                || !TryReadBytes(reader, HmacKeySize, "the HMAC key", out var hmacKey, out error)
                || !TryReadSignatures(reader, out var signatures, out error)
                || !TryReadPointers(reader, out var pointers, out error)
            )
            {
                return false;
            }
            if (count is null && reader.PeekState() != CborReaderState.EndArray)
            {
                error = "the base proof value is a CBOR array of more than 5 elements";
                return false;
            }
            reader.ReadEndArray();
            if (reader.BytesRemaining != 0)
            {
                error = $"{reader.BytesRemaining} byte(s) follow the base proof value's CBOR array";
                return false;
            }
            if (publicKey[0] != 0x80 || publicKey[1] != 0x24)
            {
                error =
                    "the base proof's public key is not a Multikey P-256 public key (prefix 0x80 0x24)";
                return false;
            }
            try
            {
                _ = EcVerificationKey.FromCompressed(KeyType.P256, publicKey.AsSpan(2));
            }
            catch (KeyFormatException e)
            {
                error = "the base proof's public key is not a P-256 public key: " + e.Message;
                return false;
            }
            value = new BaseProofValue(baseSignature, publicKey, hmacKey, signatures, pointers);
            error = null;
            return true;
        }
        catch (Exception e) when (IsCborError(e))
        {
            error = "the base proof value is not well-formed CBOR: " + e.Message;
            return false;
        }
    }

    private static bool TryReadPointers(
        CborReader reader,
        [NotNullWhen(true)] out List<string>? pointers,
        [NotNullWhen(false)] out string? error
    )
    {
        pointers = null;
        if (!TryStartArray(reader, out var count, out error))
        {
            error = "the mandatory pointers: " + error;
            return false;
        }
        var list = new List<string>();
        while (HasMore(reader, count, list.Count, CborReaderState.EndArray))
        {
            var state = reader.PeekState();
            if (
                state
                is not (
                    CborReaderState.TextString
                    or CborReaderState.StartIndefiniteLengthTextString
                )
            )
            {
                error = $"mandatory pointer {list.Count} is not a CBOR text string";
                return false;
            }
            list.Add(reader.ReadTextString());
        }
        reader.ReadEndArray();
        pointers = list;
        error = null;
        return true;
    }
}
