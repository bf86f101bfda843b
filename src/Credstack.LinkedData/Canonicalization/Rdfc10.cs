using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Credstack.LinkedData.Rdf;

namespace Credstack.LinkedData.Canonicalization;

/// <summary>
/// One run of RDFC-1.0 (W3C Recommendation, §4.4 Canonicalization Algorithm) over a dataset.
/// </summary>
/// <remarks>
/// Performance design: every non-blank-node term is serialized once into a shared character buffer;
/// N-Quads lines (for Hash First Degree Quads and for the output) are composed from those slices and
/// sorted as spans, so quads without blank nodes cost one serialization and one sort slot. Blank nodes
/// are referred to by index; Hash N-Degree Quads (the expensive part) only runs for blank nodes whose
/// first-degree hashes collide, under a work budget that refuses poison graphs.
/// </remarks>
internal sealed class Rdfc10
{
    // Encodings of a component slot in _termStart: >= 0 is an offset into _terms, ~b is blank node b.
    private const int DefaultGraphSlot = int.MinValue;

    private static readonly UTF8Encoding Utf8 = new(false, false);

    // Buffers larger than this are not kept for the next run on the thread.
    private const int MaxCachedChars = 1 << 20;

    // One instance per thread is reused, so that a run allocates little more than its results.
    [ThreadStatic]
    private static Rdfc10? _threadCache;

    private RdfcHashAlgorithm _algorithm;
    private int _maxDeepIterationsPerBlankNode;
    private long _maxPermutations;
    private readonly CharBuffer _lines = new(4096);
    private LineRef[] _lineRefs = new LineRef[64];

    // The final sort compares quads slot by slot on these resolved slots (offset and length in _terms:
    // blank nodes point at their canonical label, the default graph at "."), see SortLines.
    private int[] _slotStart = new int[256];
    private int[] _slotLength = new int[256];
    private int[] _order = new int[64];
    private int[] _runFirst = new int[64];
    private int[] _runOrder = new int[64];

    // False when a language tag could break the equivalence of slot order and line order.
    private bool _slotOrderSafe;
    private int _blankNodeCount;
    private IncrementalHash? _sha256;
    private IncrementalHash? _sha384;

    // The loaded quads, by index: the caller's list or array itself (not copied: quads hold eight
    // references each, and copying them costs write barriers), or _quads holding a copy of other input.
    private readonly List<Quad> _quads = [];
    private List<Quad>? _inputList;
    private Quad[]? _inputArray;
    private int _quadCount;
    private string? _lastSubject;
    private RdfTermKind _lastSubjectKind;
    private readonly List<int> _termStart = [];
    private readonly List<int> _termLength = [];
    private readonly CharBuffer _terms = new(4096);
    private readonly CharBuffer _scratch = new(1024);
    private readonly List<string> _labels = [];
    private readonly Dictionary<string, (int Start, int Length)> _iriSlots = new(
        ReferenceEqualityComparer.Instance
    );
    private readonly Dictionary<string, int> _blankNodeIndex = new(StringComparer.Ordinal);
    private readonly List<List<int>> _quadsOf = [];
    private byte[] _bytes = new byte[1024];

    // The first-degree hashes as digests (blank node b's at b * DigestStride, _digestLength bytes):
    // their byte order is the order of their hex forms, which are only written when needed.
    private const int DigestStride = 48;
    private byte[] _firstDegreeDigests = [];
    private int _digestLength;
    private int[] _hashOrder = new int[16];
    private string?[] _canonical = [];
    private int _canonicalCounter;
    private readonly List<int> _canonicalOrder = [];
    private long _deepIterations;
    private long _maxDeepIterations;
    private long _permutations;

    public Rdfc10(RdfcOptions options) => Configure(options);

    /// <summary>Runs RDFC-1.0 with the thread's cached instance (or a new one).</summary>
    public static CanonicalizationResult Canonicalize(IEnumerable<Quad> input, RdfcOptions options)
    {
        var run = _threadCache ?? new Rdfc10(options);
        _threadCache = null;
        run.Configure(options);
        var result = run.Run(input);
        if (run._terms.Length <= MaxCachedChars && run._lines.Length <= MaxCachedChars)
        {
            run.Reset();
            _threadCache = run;
        }
        return result;
    }

    /// <summary>
    /// Runs RDFC-1.0 and returns only the canonical N-Quads (no relabelled quads, no issued map).
    /// </summary>
    public static string CanonicalizeToNQuads(IEnumerable<Quad> input, RdfcOptions options)
    {
        var run = _threadCache ?? new Rdfc10(options);
        _threadCache = null;
        run.Configure(options);
        run.Label(input);
        string result;
        if (run._slotOrderSafe)
        {
            // The text is written straight from the sorted slots, without composing lines.
            result = run.SlotsToString(run.SortSlots());
        }
        else
        {
            result = run.LinesToString(run.SortComposedLines());
        }
        run.ReturnToCache();
        return result;
    }

    /// <summary>
    /// Runs RDFC-1.0 and writes the SHA-256 of the canonical N-Quads' UTF-8 form to
    /// <paramref name="destination"/> (32 bytes), without building the N-Quads string.
    /// </summary>
    public static void CanonicalSha256(
        IEnumerable<Quad> input,
        RdfcOptions options,
        Span<byte> destination
    )
    {
        var run = _threadCache ?? new Rdfc10(options);
        _threadCache = null;
        run.Configure(options);
        run.Label(input);
        if (run._slotOrderSafe)
        {
            // The UTF-8 is written straight from the sorted slots, without composing lines.
            var unique = run.SortSlots();
            var length = run.SlotsToUtf8(unique);
            SHA256.HashData(run._bytes.AsSpan(0, length), destination);
        }
        else
        {
            var unique = run.SortComposedLines();
            var chars = run._lines.RawChars;
            var total = 0;
            for (var i = 0; i < unique; i++)
            {
                total += run._lineRefs[i].Length;
            }
            var bytes = run.RentBytes(Utf8.GetMaxByteCount(total));
            var length = 0;
            for (var i = 0; i < unique; i++)
            {
                var line = run._lineRefs[i];
                length += Utf8.GetBytes(
                    chars.AsSpan(line.Start, line.Length),
                    bytes.AsSpan(length)
                );
            }
            SHA256.HashData(bytes.AsSpan(0, length), destination);
        }
        run.ReturnToCache();
    }

    private void ReturnToCache()
    {
        if (_terms.Length <= MaxCachedChars && _lines.Length <= MaxCachedChars)
        {
            Reset();
            _threadCache = this;
        }
    }

    private void Configure(RdfcOptions options)
    {
        _algorithm = options.HashAlgorithm;
        _maxDeepIterationsPerBlankNode = options.MaxDeepIterationsPerBlankNode;
        _maxPermutations = options.MaxPermutations;
    }

    private void Reset()
    {
        _quads.Clear();
        _inputList = null;
        _inputArray = null;
        _quadCount = 0;
        _lastSubject = null;
        _termStart.Clear();
        _termLength.Clear();
        _terms.Clear();
        _scratch.Clear();
        _lines.Clear();
        _labels.Clear();
        _blankNodeIndex.Clear();
        _iriSlots.Clear();
        _blankNodeCount = 0;
        _slotOrderSafe = true;
        _canonicalOrder.Clear();
        _canonicalCounter = 0;
        _deepIterations = 0;
        _maxDeepIterations = 0;
        _permutations = 0;
    }

    /// <summary>Hash N-Degree Quads calls made (for tests of the work limit).</summary>
    public long DeepIterations => _deepIterations;

    /// <summary>Permutations examined by Hash N-Degree Quads (for tests of the work limit).</summary>
    public long Permutations => _permutations;

    /// <summary>The first-degree hash of the blank node labelled <paramref name="label"/> in the last run (for tests).</summary>
    public string FirstDegreeHashOf(string label) =>
        Convert.ToHexStringLower(FirstDegreeDigest(_blankNodeIndex[label]));

    private ReadOnlySpan<byte> FirstDegreeDigest(int b) =>
        _firstDegreeDigests.AsSpan(b * DigestStride, _digestLength);

    public CanonicalizationResult Run(IEnumerable<Quad> input)
    {
        Label(input);
        return Emit();
    }

    // §4.4.3 steps 1 to 5: issue a canonical identifier to every blank node.
    private void Label(IEnumerable<Quad> input)
    {
        Reset();
        Load(input);
        var blankNodeCount = _blankNodeCount;
        if (_canonical.Length < blankNodeCount)
        {
            _firstDegreeDigests = new byte[blankNodeCount * DigestStride];
            _canonical = new string?[blankNodeCount];
        }
        else
        {
            Array.Clear(_canonical, 0, blankNodeCount);
        }

        // §4.4.3 step 3: Hash First Degree Quads for every blank node. The hashes never change (the
        // "simple" loop of step 4 runs once), so sorting (hash, node) pairs groups the nodes by hash,
        // in hash order, with each group in node order.
        if (_hashOrder.Length < blankNodeCount)
        {
            _hashOrder = new int[Math.Max(blankNodeCount, _hashOrder.Length * 2)];
        }
        var order = _hashOrder.AsSpan(0, blankNodeCount);
        _digestLength = _algorithm == RdfcHashAlgorithm.Sha384 ? 48 : 32;
        for (var b = 0; b < blankNodeCount; b++)
        {
            HashFirstDegreeQuads(b);
            order[b] = b;
        }
        SmallSort<int, HashOrderComparer>(order, new HashOrderComparer(this));

        // Step 4: issue canonical identifiers to blank nodes with unique hashes, in hash order.
        List<List<int>>? shared = null;
        var sharedCount = 0;
        for (var i = 0; i < order.Length; )
        {
            var hash = FirstDegreeDigest(order[i]);
            var j = i + 1;
            while (j < order.Length && FirstDegreeDigest(order[j]).SequenceEqual(hash))
            {
                j++;
            }
            if (j - i == 1)
            {
                IssueCanonical(order[i]);
            }
            else
            {
                var list = new List<int>(j - i);
                for (var k = i; k < j; k++)
                {
                    list.Add(order[k]);
                }
                (shared ??= []).Add(list);
                sharedCount += list.Count;
            }
            i = j;
        }

        // Step 5: Hash N-Degree Quads for the shared hashes, in hash order.
        if (shared is not null)
        {
            _maxDeepIterations = (long)_maxDeepIterationsPerBlankNode * sharedCount;
            foreach (var list in shared)
            {
                CanonicalizeSharedHash(list);
            }
        }
    }

    // §4.4.3 step 2, plus the serialization of every term that is not a blank node.
    private void Load(IEnumerable<Quad> input)
    {
        // The common inputs are lists and arrays: walk them by reference instead of copying each
        // quad out of an interface enumerator.
        if (input is List<Quad> list)
        {
            _inputList = list;
            foreach (ref readonly var quad in CollectionsMarshal.AsSpan(list))
            {
                LoadQuad(in quad);
            }
            return;
        }
        if (input is Quad[] array)
        {
            _inputArray = array;
            foreach (ref readonly var quad in array.AsSpan())
            {
                LoadQuad(in quad);
            }
            return;
        }
        _inputList = _quads;
        foreach (var quad in input)
        {
            _quads.Add(quad);
            LoadQuad(in quad);
        }
    }

    // The loaded quads (see _inputList).
    private ReadOnlySpan<Quad> Quads =>
        _inputArray is { } array
            ? array.AsSpan(0, _quadCount)
            : CollectionsMarshal.AsSpan(_inputList)[.._quadCount];

    private void LoadQuad(in Quad quad)
    {
        var q = _quadCount++;
        // Quads come in runs of one subject (as toRdf writes them): the same IRI or blank node label
        // instance as the last quad's subject has the same slot, without a table look-up.
        var subject = quad.Subject;
        var kind = subject.Kind;
        if (
            q > 0
            && ReferenceEquals(subject.Value, _lastSubject)
            && kind == _lastSubjectKind
            && kind is RdfTermKind.Iri or RdfTermKind.BlankNode
        )
        {
            _termStart.Add(_termStart[(q - 1) * 4]);
            _termLength.Add(_termLength[(q - 1) * 4]);
        }
        else
        {
            AddComponent(subject);
            _lastSubject = subject.Value;
            _lastSubjectKind = kind;
        }
        AddComponent(quad.Predicate);
        AddComponent(quad.Object);
        AddComponent(quad.Graph);
        // §4.4.3 step 2: a quad is listed once per blank node, even if the node occurs twice. A
        // dataset is a set, but duplicate quads are not removed here: every copy of a quad with a
        // blank node is in that node's list, where HashFirstDegreeQuads finds and drops the copies
        // (they would change the hashes); all duplicates fall out of the sorted output.
        AddToQuadsOf(q, _termStart[q * 4]);
        AddToQuadsOf(q, _termStart[(q * 4) + 2]);
        AddToQuadsOf(q, _termStart[(q * 4) + 3]);
    }

    private void AddToQuadsOf(int q, int slotStart)
    {
        if (slotStart >= 0 || slotStart == DefaultGraphSlot)
        {
            return;
        }
        var quads = _quadsOf[~slotStart];
        if (quads.Count == 0 || quads[^1] != q)
        {
            quads.Add(q);
        }
    }

    // Records one component slot: a blank node index (numbering nodes in order of appearance), the
    // default graph, or the term's N-Quads form appended to _terms.
    private void AddComponent(RdfTerm term)
    {
        switch (term.Kind)
        {
            case RdfTermKind.BlankNode:
                if (!_blankNodeIndex.TryGetValue(term.Value, out var b))
                {
                    b = _blankNodeCount++;
                    _blankNodeIndex.Add(term.Value, b);
                    _labels.Add(term.Value);
                    if (_quadsOf.Count < _blankNodeCount)
                    {
                        _quadsOf.Add([]);
                    }
                    else
                    {
                        _quadsOf[b].Clear();
                    }
                }
                _termStart.Add(~b);
                _termLength.Add(0);
                break;
            case RdfTermKind.DefaultGraph:
                _termStart.Add(DefaultGraphSlot);
                _termLength.Add(0);
                break;
            case RdfTermKind.Iri:
                // The same IRI string instance recurs (subjects, predicates, types): serialize it once.
                ref var known = ref CollectionsMarshal.GetValueRefOrAddDefault(
                    _iriSlots,
                    term.Value,
                    out var exists
                );
                if (!exists)
                {
                    var iriStart = _terms.Length;
                    NQuads.AppendTerm(_terms, term);
                    known.Start = iriStart;
                    known.Length = _terms.Length - iriStart;
                }
                _termStart.Add(known.Start);
                _termLength.Add(known.Length);
                break;
            default:
                if (
                    term.Language is { } language
                    && language.AsSpan().IndexOfAnyInRange('\0', ' ') >= 0
                )
                {
                    _slotOrderSafe = false;
                }
                var start = _terms.Length;
                NQuads.AppendTerm(_terms, term);
                _termStart.Add(start);
                _termLength.Add(_terms.Length - start);
                break;
        }
    }

    /// <summary>
    /// Appends quad <paramref name="q"/> as a canonical N-Quads line. Blank nodes are written as
    /// <c>_:a</c> / <c>_:z</c> relative to <paramref name="reference"/> (§4.6 step 3.1.1) when it is
    /// not negative, otherwise with their canonical identifiers (§4.4.3 step 6).
    /// </summary>
    private void AppendLine(CharBuffer buffer, int q, int reference)
    {
        var slot = q * 4;
        AppendComponent(buffer, slot, reference);
        buffer.Append(' ');
        AppendComponent(buffer, slot + 1, reference);
        buffer.Append(' ');
        AppendComponent(buffer, slot + 2, reference);
        if (_termStart[slot + 3] != DefaultGraphSlot)
        {
            buffer.Append(' ');
            AppendComponent(buffer, slot + 3, reference);
        }
        buffer.Append(" .\n");
    }

    private void AppendComponent(CharBuffer buffer, int slot, int reference)
    {
        var start = _termStart[slot];
        if (start >= 0)
        {
            buffer.Append(_terms.AsSpan(start, _termLength[slot]));
            return;
        }
        var b = ~start;
        buffer.Append("_:");
        if (reference >= 0)
        {
            buffer.Append(b == reference ? 'a' : 'z');
        }
        else
        {
            buffer.Append(_canonical[b]);
        }
    }

    // §4.6 Hash First Degree Quads: the digest of blank node b, to _firstDegreeDigests.
    private void HashFirstDegreeQuads(int b)
    {
        var quads = _quadsOf[b];
        var buffer = _scratch;
        buffer.Clear();
        Span<LineRef> lines =
            quads.Count <= 32 ? stackalloc LineRef[quads.Count] : new LineRef[quads.Count];
        for (var i = 0; i < quads.Count; i++)
        {
            var start = buffer.Length;
            AppendLine(buffer, quads[i], b);
            lines[i] = new LineRef(start, buffer.Length - start, quads[i]);
        }
        // Step 4: sort in code point order; step 5: hash the concatenation. Copies of one quad (a
        // dataset is a set: they count once) have the same line and sort next to each other, since
        // lines of the same text are ordered by their quads' slots.
        var chars = buffer.RawChars;
        SmallSort<LineRef, FirstDegreeLineComparer>(
            lines,
            new FirstDegreeLineComparer(this, chars)
        );
        var bytes = RentBytes(Utf8.GetMaxByteCount(buffer.Length));
        var written = 0;
        List<int>? duplicates = null;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (i > 0 && SameQuad(lines[i - 1].Quad, line.Quad))
            {
                (duplicates ??= []).Add(line.Quad);
                continue;
            }
            written += Utf8.GetBytes(chars.AsSpan(line.Start, line.Length), bytes.AsSpan(written));
        }
        if (duplicates is not null)
        {
            // Hash N-Degree Quads walks this list too: keep one copy of each quad.
            quads.RemoveAll(duplicates.Contains);
        }
        var length = HashInto(
            bytes.AsSpan(0, written),
            _firstDegreeDigests.AsSpan(b * DigestStride, DigestStride)
        );
        Debug.Assert(length == _digestLength);
    }

    // Whether two loaded quads are the same quad (the same blank nodes, the same texts otherwise).
    private bool SameQuad(int x, int y)
    {
        if (x == y)
        {
            return true;
        }
        for (var k = 0; k < 4; k++)
        {
            int sx = _termStart[(x * 4) + k],
                sy = _termStart[(y * 4) + k];
            if (sx < 0 || sy < 0)
            {
                if (sx != sy)
                {
                    return false;
                }
                continue;
            }
            if (
                !_terms
                    .AsSpan(sx, _termLength[(x * 4) + k])
                    .SequenceEqual(_terms.AsSpan(sy, _termLength[(y * 4) + k]))
            )
            {
                return false;
            }
        }
        return true;
    }

    // A total order of loaded quads by their slots (blank nodes by index), for lines of the same
    // text: copies of one quad end up next to each other.
    private int CompareQuads(int x, int y)
    {
        for (var k = 0; k < 4; k++)
        {
            int sx = _termStart[(x * 4) + k],
                sy = _termStart[(y * 4) + k];
            if (sx < 0 || sy < 0)
            {
                if (sx != sy)
                {
                    return sx < sy ? -1 : 1;
                }
                continue;
            }
            var c = _terms
                .AsSpan(sx, _termLength[(x * 4) + k])
                .SequenceCompareTo(_terms.AsSpan(sy, _termLength[(y * 4) + k]));
            if (c != 0)
            {
                return c;
            }
        }
        return 0;
    }

    // §4.4.3 step 5 for one hash shared by several blank nodes.
    private void CanonicalizeSharedHash(List<int> identifiers)
    {
        // Step 5.2: Hash N-Degree Quads for each node without a canonical identifier yet.
        var results = new List<(string Hash, IdentifierIssuer Issuer)>(identifiers.Count);
        foreach (var n in identifiers)
        {
            if (_canonical[n] is not null)
            {
                continue;
            }
            var temporary = new IdentifierIssuer();
            temporary.Issue(n);
            results.Add(HashNDegreeQuads(n, temporary));
        }

        // Step 5.3: in hash order (stable, so equal hashes keep their order), issue canonical
        // identifiers in the order the temporary issuer issued them.
        var order = new int[results.Count];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }
        Array.Sort(
            order,
            (x, y) =>
            {
                var c = string.CompareOrdinal(results[x].Hash, results[y].Hash);
                return c != 0 ? c : x - y;
            }
        );
        foreach (var i in order)
        {
            foreach (var existing in results[i].Issuer.IssuedInOrder)
            {
                IssueCanonical(existing);
            }
        }
    }

    // §4.5 Issue Identifier with the canonical issuer (prefix c14n).
    private void IssueCanonical(int b)
    {
        if (_canonical[b] is not null)
        {
            return;
        }
        _canonical[b] =
            "c14n" + _canonicalCounter.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _canonicalCounter++;
        _canonicalOrder.Add(b);
    }

    // §4.7 Hash Related Blank Node.
    private string HashRelatedBlankNode(int related, int q, IdentifierIssuer issuer, char position)
    {
        var input = _scratch;
        input.Clear();
        // Steps 1–2: position, then <predicate> unless the position is g.
        input.Append(position);
        if (position != 'g')
        {
            input.Append('<');
            input.Append(Quads[q].Predicate.Value);
            input.Append('>');
        }
        // Step 3: the canonical identifier, else the temporary one, else the first-degree hash.
        if (_canonical[related] is { } canonical)
        {
            input.Append("_:");
            input.Append(canonical);
        }
        else if (issuer.TryGet(related, out var counter))
        {
            input.Append("_:b");
            input.Append(counter);
        }
        else
        {
            Span<char> hex = stackalloc char[2 * DigestStride];
            Convert.TryToHexStringLower(FirstDegreeDigest(related), hex, out var written);
            input.Append(hex[..written]);
        }
        return HashChars(input.AsSpan());
    }

    // §4.8 Hash N-Degree Quads.
    private (string Hash, IdentifierIssuer Issuer) HashNDegreeQuads(
        int identifier,
        IdentifierIssuer issuer
    )
    {
        // Recursion (step 5.4.5) can be as deep as a chain of look-alike blank nodes is long: refuse
        // rather than overflow the stack, which would end the process.
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw new RdfCanonicalizationException(
                "RDFC-1.0 work limit exceeded: Hash N-Degree Quads recursion is too deep for the stack "
                    + $"after {_deepIterations} calls (a poison graph)"
            );
        }
        if (++_deepIterations > _maxDeepIterations)
        {
            throw new RdfCanonicalizationException(
                $"RDFC-1.0 work limit exceeded: more than {_maxDeepIterations} Hash N-Degree Quads calls "
                    + "(a poison graph, or raise RdfcOptions.MaxDeepIterationsPerBlankNode)"
            );
        }

        // Steps 1–3: group the related blank nodes by their Hash Related Blank Node hash.
        var hashToRelated = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        foreach (var q in _quadsOf[identifier])
        {
            var slot = q * 4;
            AddRelated(hashToRelated, identifier, q, _termStart[slot], issuer, 's');
            AddRelated(hashToRelated, identifier, q, _termStart[slot + 2], issuer, 'o');
            AddRelated(hashToRelated, identifier, q, _termStart[slot + 3], issuer, 'g');
        }

        var relatedHashes = new string[hashToRelated.Count];
        hashToRelated.Keys.CopyTo(relatedHashes, 0);
        Array.Sort(relatedHashes, StringComparer.Ordinal);

        // Step 4: data to hash. Paths are ASCII (identifiers and hex hashes), so ordinal comparison
        // is code point order.
        var data = new CharBuffer(128);
        var path = new CharBuffer(64);
        var recursion = new List<int>();
        foreach (var relatedHash in relatedHashes)
        {
            // Step 5.1.
            data.Append(relatedHash);
            string? chosenPath = null;
            IdentifierIssuer? chosenIssuer = null;

            var blankNodes = hashToRelated[relatedHash];
            var permuter = CreatePermuter(blankNodes);
            var permutation = new int[blankNodes.Count];

            // Step 5.4: every permutation of the related blank nodes.
            while (permuter.TryNext(permutation))
            {
                if (++_permutations > _maxPermutations)
                {
                    throw PermutationLimitExceeded();
                }
                path.Clear();
                recursion.Clear();
                var skip = false;

                // Step 5.4.4. The issuer copy is only made for permutations that survive this loop:
                // the identifiers it would issue are the next counters, in recursion-list order.
                foreach (var related in permutation)
                {
                    if (_canonical[related] is { } canonical)
                    {
                        path.Append("_:");
                        path.Append(canonical);
                    }
                    else
                    {
                        if (!issuer.TryGet(related, out var counter))
                        {
                            var pending = recursion.IndexOf(related);
                            if (pending < 0)
                            {
                                pending = recursion.Count;
                                recursion.Add(related);
                            }
                            counter = issuer.Count + pending;
                        }
                        path.Append("_:b");
                        path.Append(counter);
                    }
                    // Step 5.4.4.3. Dropping the length test is equivalent: a path that is already
                    // greater than the chosen path stays greater however it is extended.
                    if (chosenPath is not null && path.AsSpan().SequenceCompareTo(chosenPath) > 0)
                    {
                        skip = true;
                        break;
                    }
                }
                if (skip)
                {
                    continue;
                }

                var issuerCopy = issuer.Clone();
                foreach (var related in recursion)
                {
                    issuerCopy.Issue(related);
                }

                // Step 5.4.5: recurse into the newly named related blank nodes.
                foreach (var related in recursion)
                {
                    var result = HashNDegreeQuads(related, issuerCopy);
                    path.Append("_:b");
                    path.Append(issuerCopy.Issue(related));
                    path.Append('<');
                    path.Append(result.Hash);
                    path.Append('>');
                    issuerCopy = result.Issuer;
                    if (chosenPath is not null && path.AsSpan().SequenceCompareTo(chosenPath) > 0)
                    {
                        skip = true;
                        break;
                    }
                }
                if (skip)
                {
                    continue;
                }

                // Step 5.4.6.
                if (chosenPath is null || path.AsSpan().SequenceCompareTo(chosenPath) < 0)
                {
                    chosenPath = path.AsSpan().ToString();
                    chosenIssuer = issuerCopy;
                }
            }

            // Steps 5.5–5.6.
            data.Append(chosenPath);
            issuer = chosenIssuer!;
        }

        // Step 6.
        return (HashChars(data.AsSpan()), issuer);
    }

    private RdfCanonicalizationException PermutationLimitExceeded() =>
        new(
            $"RDFC-1.0 work limit exceeded: more than {_maxPermutations} permutations "
                + "(a poison graph, or raise RdfcOptions.MaxPermutations)"
        );

    private void AddRelated(
        Dictionary<string, List<int>> hashToRelated,
        int identifier,
        int q,
        int slotStart,
        IdentifierIssuer issuer,
        char position
    )
    {
        // Step 3.1: only blank node components other than the identifier itself.
        if (slotStart >= 0 || slotStart == DefaultGraphSlot || ~slotStart == identifier)
        {
            return;
        }
        var related = ~slotStart;
        var hash = HashRelatedBlankNode(related, q, issuer, position);
        if (hashToRelated.TryGetValue(hash, out var list))
        {
            list.Add(related);
        }
        else
        {
            hashToRelated.Add(hash, [related]);
        }
    }

    // Sorts the related blank nodes by their input label (as the reference implementation does) and
    // ranks equal labels equally.
    private Permuter CreatePermuter(List<int> blankNodes)
    {
        var items = blankNodes.ToArray();
        var keys = new string[items.Length];
        for (var i = 0; i < items.Length; i++)
        {
            keys[i] = _labels[items[i]];
        }
        Array.Sort(keys, items, StringComparer.Ordinal);
        var ranks = new int[items.Length];
        for (var i = 1; i < items.Length; i++)
        {
            ranks[i] = items[i] == items[i - 1] ? ranks[i - 1] : ranks[i - 1] + 1;
        }
        // With distinct elements the permuter yields exactly n! permutations, all of which are counted
        // against the budget: refuse at once when they cannot fit, instead of after the budget's work.
        if (ranks.Length > 0 && ranks[^1] == ranks.Length - 1)
        {
            var remaining = _maxPermutations - _permutations;
            long count = 1;
            for (var n = 2; n <= ranks.Length && count <= remaining; n++)
            {
                count *= n;
            }
            if (count > remaining)
            {
                throw PermutationLimitExceeded();
            }
        }
        return new Permuter(items, ranks);
    }

    // §4.4.3 step 6: relabel, serialize, sort in code point order, drop duplicates.
    // §4.4.3 step 6: the relabelled quads' N-Quads lines, sorted and without duplicates, in
    // _lines / _lineRefs[..unique]. Returns unique.
    private int SortLines() => _slotOrderSafe ? SortBySlots() : SortComposedLines();

    /// <summary>
    /// <see cref="SortLines"/> without composing every line first: quads are sorted by their slots'
    /// texts (code point order, slot by slot), duplicates dropped, and only the unique lines composed.
    /// </summary>
    /// <remarks>
    /// The order is the same as the lines' order: a line is its terms joined by spaces and ended by
    /// " .\n", so two lines compare as their first differing slots do, unless one slot's text is a
    /// proper prefix of the other's and the longer continues with a character at or below the space.
    /// Term texts never allow that: an IRI ends at its only '>' (an inner one is escaped), a literal's
    /// closing quote is its last unescaped quote and what may follow it is "@" or "^^&lt;",
    /// canonical blank node labels continue with digits, and language tags with a space or a control
    /// character take <see cref="SortComposedLines"/> instead. The default graph's slot is ".", which
    /// is what follows the object's space when a line has no graph.
    /// </remarks>
    private int SortBySlots()
    {
        var unique = SortSlots();
        var buffer = _lines;
        buffer.Clear();
        if (_lineRefs.Length < unique)
        {
            _lineRefs = new LineRef[Math.Max(unique, _lineRefs.Length * 2)];
        }
        for (var i = 0; i < unique; i++)
        {
            var q = _order[i];
            var start = buffer.Length;
            AppendLine(buffer, q, -1);
            _lineRefs[i] = new LineRef(start, buffer.Length - start, q);
        }
        return unique;
    }

    // The unique quads in canonical order, in _order[..unique] (see SortBySlots). Returns unique.
    private int SortSlots()
    {
        var quadCount = _quadCount;
        var slotCount = quadCount * 4;
        if (_slotStart.Length < slotCount)
        {
            _slotStart = new int[Math.Max(slotCount, _slotStart.Length * 2)];
            _slotLength = new int[_slotStart.Length];
        }
        if (_order.Length < quadCount)
        {
            _order = new int[Math.Max(quadCount, _order.Length * 2)];
        }
        // The canonical labels ("_:c14n0" ...) and "." go to the end of _terms.
        var labelStart = _terms.Length;
        for (var b = 0; b < _blankNodeCount; b++)
        {
            _terms.Append("_:");
            _terms.Append(_canonical[b]);
        }
        var dotStart = _terms.Length;
        _terms.Append('.');
        Span<int> labelOffsets =
            _blankNodeCount <= 128
                ? stackalloc int[_blankNodeCount + 1]
                : new int[_blankNodeCount + 1];
        var offset = labelStart;
        for (var b = 0; b < _blankNodeCount; b++)
        {
            labelOffsets[b] = offset;
            offset += 2 + _canonical[b]!.Length;
        }
        labelOffsets[_blankNodeCount] = offset;
        var termStart = CollectionsMarshal.AsSpan(_termStart);
        var termLength = CollectionsMarshal.AsSpan(_termLength);
        for (var i = 0; i < slotCount; i++)
        {
            var start = termStart[i];
            if (start >= 0)
            {
                _slotStart[i] = start;
                _slotLength[i] = termLength[i];
            }
            else if (start == DefaultGraphSlot)
            {
                _slotStart[i] = dotStart;
                _slotLength[i] = 1;
            }
            else
            {
                var b = ~start;
                _slotStart[i] = labelOffsets[b];
                _slotLength[i] = labelOffsets[b + 1] - labelOffsets[b];
            }
        }
        var order = _order.AsSpan(0, quadCount);
        for (var q = 0; q < quadCount; q++)
        {
            order[q] = q;
        }
        var comparer = new SlotComparer(_terms.RawChars, _slotStart, _slotLength);
        if (!SortBySubjectRuns(order, comparer))
        {
            order.Sort(comparer);
        }
        var unique = 0;
        for (var i = 0; i < order.Length; i++)
        {
            if (unique > 0 && comparer.Same(order[unique - 1], order[i]))
            {
                continue;
            }
            order[unique++] = order[i];
        }
        return unique;
    }

    /// <summary>
    /// Sorts <paramref name="order"/> (the quads in input order) when the quads come in runs of one
    /// subject each, as toRdf writes them: the runs are sorted by subject and each run by the other
    /// slots, which takes fewer comparisons than sorting all quads. Returns false, leaving
    /// <paramref name="order"/> as it was, when two runs have the same subject text.
    /// </summary>
    private bool SortBySubjectRuns(Span<int> order, SlotComparer comparer)
    {
        var quadCount = order.Length;
        if (_runFirst.Length < quadCount + 1)
        {
            _runFirst = new int[Math.Max(quadCount + 1, _runFirst.Length * 2)];
            _runOrder = new int[_runFirst.Length];
        }
        var runs = 0;
        for (var q = 0; q < quadCount; q++)
        {
            if (
                q == 0
                || _slotStart[q * 4] != _slotStart[(q - 1) * 4]
                || _slotLength[q * 4] != _slotLength[(q - 1) * 4]
            )
            {
                _runFirst[runs++] = q;
            }
        }
        _runFirst[runs] = quadCount;
        if (runs == quadCount)
        {
            // No run longer than one quad: nothing to gain.
            return false;
        }
        var runOrder = _runOrder.AsSpan(0, runs);
        for (var r = 0; r < runs; r++)
        {
            runOrder[r] = r;
        }
        var subjects = new SubjectComparer(comparer, _runFirst);
        SmallSort<int, SubjectComparer>(runOrder, subjects);
        for (var r = 1; r < runs; r++)
        {
            if (comparer.SameSlot(_runFirst[runOrder[r - 1]] * 4, _runFirst[runOrder[r]] * 4))
            {
                return false;
            }
        }
        var at = 0;
        foreach (var r in runOrder)
        {
            var first = _runFirst[r];
            var length = _runFirst[r + 1] - first;
            var segment = order.Slice(at, length);
            for (var i = 0; i < length; i++)
            {
                segment[i] = first + i;
            }
            SmallSort<int, SlotComparer>(segment, comparer);
            at += length;
        }
        return true;
    }

    /// <summary>
    /// Sorts <paramref name="items"/>: by insertion when there are few (the usual run), without the
    /// delegate and boxed comparer that <see cref="MemoryExtensions.Sort{T, TComparer}(Span{T}, TComparer)"/>
    /// allocates on every call.
    /// </summary>
    private static void SmallSort<T, TComparer>(Span<T> items, TComparer comparer)
        where TComparer : struct, IComparer<T>
    {
        if (items.Length > 24)
        {
            items.Sort(comparer);
            return;
        }
        for (var i = 1; i < items.Length; i++)
        {
            var item = items[i];
            var j = i - 1;
            while (j >= 0 && comparer.Compare(items[j], item) > 0)
            {
                items[j + 1] = items[j];
                j--;
            }
            items[j + 1] = item;
        }
    }

    // Orders runs of quads by the subject of their first quad.
    private readonly struct SubjectComparer(SlotComparer slots, int[] runFirst) : IComparer<int>
    {
        public int Compare(int x, int y) => slots.CompareSlot(runFirst[x] * 4, runFirst[y] * 4);
    }

    // The canonical N-Quads of _order[..unique] (after SortSlots), written from the slots.
    private string SlotsToString(int unique)
    {
        var total = 0;
        for (var i = 0; i < unique; i++)
        {
            var slot = _order[i] * 4;
            // "S P O .\n" or "S P O G .\n".
            total += _slotLength[slot] + _slotLength[slot + 1] + _slotLength[slot + 2] + 5;
            if (_termStart[slot + 3] != DefaultGraphSlot)
            {
                total += _slotLength[slot + 3] + 1;
            }
        }
        return string.Create(
            total,
            (this, unique),
            static (span, state) =>
            {
                var (run, count) = state;
                var chars = run._terms.RawChars;
                var offset = 0;
                for (var i = 0; i < count; i++)
                {
                    var slot = run._order[i] * 4;
                    for (var k = 0; k < 4; k++)
                    {
                        if (k == 3)
                        {
                            if (run._termStart[slot + 3] == DefaultGraphSlot)
                            {
                                break;
                            }
                            span[offset++] = ' ';
                        }
                        else if (k > 0)
                        {
                            span[offset++] = ' ';
                        }
                        var length = run._slotLength[slot + k];
                        chars.AsSpan(run._slotStart[slot + k], length).CopyTo(span[offset..]);
                        offset += length;
                    }
                    span[offset++] = ' ';
                    span[offset++] = '.';
                    span[offset++] = '\n';
                }
            }
        );
    }

    // The UTF-8 form of the canonical N-Quads of _order[..unique] (after SortSlots), written from the
    // slots into _bytes. Returns its length.
    private int SlotsToUtf8(int unique)
    {
        var total = 0;
        for (var i = 0; i < unique; i++)
        {
            var slot = _order[i] * 4;
            total += _slotLength[slot] + _slotLength[slot + 1] + _slotLength[slot + 2] + 5;
            if (_termStart[slot + 3] != DefaultGraphSlot)
            {
                total += _slotLength[slot + 3] + 1;
            }
        }
        var bytes = RentBytes(Utf8.GetMaxByteCount(total));
        var chars = _terms.RawChars;
        var offset = 0;
        for (var i = 0; i < unique; i++)
        {
            var slot = _order[i] * 4;
            var last = _termStart[slot + 3] == DefaultGraphSlot ? 2 : 3;
            for (var k = 0; k <= last; k++)
            {
                if (k > 0)
                {
                    bytes[offset++] = (byte)' ';
                }
                offset += Utf8.GetBytes(
                    chars.AsSpan(_slotStart[slot + k], _slotLength[slot + k]),
                    bytes.AsSpan(offset)
                );
            }
            bytes[offset++] = (byte)' ';
            bytes[offset++] = (byte)'.';
            bytes[offset++] = (byte)'\n';
        }
        return offset;
    }

    // Code point order of two quads, slot by slot (see SortBySlots).
    private readonly struct SlotComparer(char[] chars, int[] slotStart, int[] slotLength)
        : IComparer<int>
    {
        public int Compare(int x, int y)
        {
            int a = x * 4,
                b = y * 4;
            for (var k = 0; k < 4; k++, a++, b++)
            {
                int sa = slotStart[a],
                    sb = slotStart[b],
                    la = slotLength[a],
                    lb = slotLength[b];
                if (sa == sb && la == lb)
                {
                    continue;
                }
                var c = CodePointOrder.Compare(chars.AsSpan(sa, la), chars.AsSpan(sb, lb));
                if (c != 0)
                {
                    return c;
                }
            }
            return 0;
        }

        // Whether two quads' slots have the same texts (Compare(x, y) == 0, without ordering work:
        // texts of different lengths differ).
        public bool Same(int x, int y)
        {
            int a = x * 4,
                b = y * 4;
            for (var k = 0; k < 4; k++, a++, b++)
            {
                int sa = slotStart[a],
                    sb = slotStart[b],
                    la = slotLength[a];
                if (la != slotLength[b])
                {
                    return false;
                }
                if (sa != sb && !chars.AsSpan(sa, la).SequenceEqual(chars.AsSpan(sb, la)))
                {
                    return false;
                }
            }
            return true;
        }

        // Whether two slots have the same text.
        public bool SameSlot(int a, int b)
        {
            int sa = slotStart[a],
                sb = slotStart[b],
                la = slotLength[a];
            return la == slotLength[b]
                && (sa == sb || chars.AsSpan(sa, la).SequenceEqual(chars.AsSpan(sb, la)));
        }

        // Code point order of two slots' texts.
        public int CompareSlot(int a, int b)
        {
            int sa = slotStart[a],
                sb = slotStart[b],
                la = slotLength[a],
                lb = slotLength[b];
            return sa == sb && la == lb
                ? 0
                : CodePointOrder.Compare(chars.AsSpan(sa, la), chars.AsSpan(sb, lb));
        }
    }

    // SortLines by composing every line and sorting the lines.
    private int SortComposedLines()
    {
        var quadCount = _quadCount;
        var buffer = _lines;
        buffer.Clear();
        if (_lineRefs.Length < quadCount)
        {
            _lineRefs = new LineRef[Math.Max(quadCount, _lineRefs.Length * 2)];
        }
        var lines = _lineRefs.AsSpan(0, quadCount);
        for (var q = 0; q < quadCount; q++)
        {
            var start = buffer.Length;
            AppendLine(buffer, q, -1);
            lines[q] = new LineRef(start, buffer.Length - start, q);
        }
        var chars = buffer.RawChars;
        lines.Sort(new EmitLineComparer(this, chars));

        var unique = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            if (
                unique > 0
                && chars
                    .AsSpan(lines[i].Start, lines[i].Length)
                    .SequenceEqual(chars.AsSpan(lines[unique - 1].Start, lines[unique - 1].Length))
            )
            {
                continue;
            }
            lines[unique++] = lines[i];
        }
        return unique;
    }

    private string LinesToString(int unique)
    {
        var totalLength = 0;
        for (var i = 0; i < unique; i++)
        {
            totalLength += _lineRefs[i].Length;
        }
        return string.Create(
            totalLength,
            (chars: _lines.RawChars, lines: _lineRefs, unique),
            static (span, state) =>
            {
                var offset = 0;
                for (var i = 0; i < state.unique; i++)
                {
                    var line = state.lines[i];
                    state.chars.AsSpan(line.Start, line.Length).CopyTo(span[offset..]);
                    offset += line.Length;
                }
            }
        );
    }

    private CanonicalizationResult Emit()
    {
        var canonicalTerms = new RdfTerm[_blankNodeCount];
        for (var b = 0; b < canonicalTerms.Length; b++)
        {
            canonicalTerms[b] = RdfTerm.BlankNode(_canonical[b]!);
        }
        var unique = SortLines();
        var output = LinesToString(unique);
        var lines = _lineRefs.AsSpan(0, unique);

        var quads = new Quad[unique];
        for (var i = 0; i < unique; i++)
        {
            var q = lines[i].Quad;
            var quad = Quads[q];
            quads[i] =
                quad.Subject.IsBlankNode || quad.Object.IsBlankNode || quad.Graph.IsBlankNode
                    ? new Quad(
                        Relabel(quad.Subject, (q * 4), canonicalTerms),
                        quad.Predicate,
                        Relabel(quad.Object, (q * 4) + 2, canonicalTerms),
                        Relabel(quad.Graph, (q * 4) + 3, canonicalTerms)
                    )
                    : quad;
        }

        var issued = new Dictionary<string, string>(_blankNodeCount, StringComparer.Ordinal);
        foreach (var b in _canonicalOrder)
        {
            issued.Add(_labels[b], _canonical[b]!);
        }
        return new CanonicalizationResult(output, quads, issued);
    }

    private RdfTerm Relabel(RdfTerm term, int slot, RdfTerm[] canonicalTerms) =>
        term.IsBlankNode ? canonicalTerms[~_termStart[slot]] : term;

    private string HashChars(ReadOnlySpan<char> text)
    {
        var bytes = RentBytes(Utf8.GetMaxByteCount(text.Length));
        var length = Utf8.GetBytes(text, bytes);
        return Hash(bytes.AsSpan(0, length));
    }

    private string Hash(ReadOnlySpan<byte> data)
    {
        Span<byte> digest = stackalloc byte[DigestStride];
        var length = HashInto(data, digest);
        return Convert.ToHexStringLower(digest[..length]);
    }

    // The digest of data, to destination (48 bytes of room). Returns its length.
    private int HashInto(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        // One IncrementalHash per instance (and so per thread): the one-shot APIs set up a new native
        // digest context on every call, a fixed cost that matters for the short inputs hashed here.
        var hasher =
            _algorithm == RdfcHashAlgorithm.Sha384
                ? _sha384 ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA384)
                : _sha256 ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hasher.AppendData(data);
        return hasher.GetHashAndReset(destination);
    }

    private byte[] RentBytes(int size)
    {
        if (_bytes.Length < size)
        {
            _bytes = new byte[Math.Max(size, _bytes.Length * 2)];
        }
        return _bytes;
    }

    // Orders blank nodes by first-degree hash, then by index. The digests' byte order is the code
    // point order of their lower-case hex forms ('0'-'9' sort before 'a'-'f').
    private readonly struct HashOrderComparer(Rdfc10 owner) : IComparer<int>
    {
        public int Compare(int x, int y)
        {
            var c = owner.FirstDegreeDigest(x).SequenceCompareTo(owner.FirstDegreeDigest(y));
            return c != 0 ? c : x - y;
        }
    }

    // Code point order of two output lines. Lines of quads with the same subject slot (and predicate
    // slot) start with the same text, so the comparison starts after that common prefix.
    private readonly struct EmitLineComparer(Rdfc10 owner, char[] chars) : IComparer<LineRef>
    {
        public int Compare(LineRef x, LineRef y)
        {
            var skip = 0;
            int sx = x.Quad * 4,
                sy = y.Quad * 4;
            var subject = owner._termStart[sx];
            if (subject == owner._termStart[sy])
            {
                skip =
                    (subject >= 0 ? owner._termLength[sx] : 2 + owner._canonical[~subject]!.Length)
                    + 1;
                // Predicates are IRIs (a generalized blank node predicate is not skipped).
                var predicate = owner._termStart[sx + 1];
                if (predicate >= 0 && predicate == owner._termStart[sy + 1])
                {
                    skip += owner._termLength[sx + 1] + 1;
                }
            }
            return CodePointOrder.Compare(
                chars.AsSpan(x.Start + skip, x.Length - skip),
                chars.AsSpan(y.Start + skip, y.Length - skip)
            );
        }
    }

    private readonly record struct LineRef(int Start, int Length, int Quad);

    // Code point order of Hash First Degree Quads lines; lines of the same text by their quads.
    private readonly struct FirstDegreeLineComparer(Rdfc10 owner, char[] chars) : IComparer<LineRef>
    {
        public int Compare(LineRef x, LineRef y)
        {
            var c = CodePointOrder.Compare(
                chars.AsSpan(x.Start, x.Length),
                chars.AsSpan(y.Start, y.Length)
            );
            return c != 0 ? c : owner.CompareQuads(x.Quad, y.Quad);
        }
    }
}
