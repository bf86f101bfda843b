using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Credstack.LinkedData.Json;

/// <summary>
/// JSON Canonicalization Scheme (RFC 8785). The canonical form is written as UTF-8 straight into a
/// reusable per-thread buffer: strings are transcoded once, object members are sorted in a pooled array,
/// and values of a lazily parsed document (backed by a <see cref="JsonElement"/>) are read from their raw
/// UTF-8 text when they contain no escape.
/// </summary>
public static class Jcs
{
    private const int MaxDepth = 256;

    // RFC 8785 §3.2.2.2: the characters a string must escape (the rest is written as UTF-8).
    private static readonly SearchValues<char> MustEscape = SearchValues.Create(
        "\"\\\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u0009\u000a\u000b\u000c\u000d\u000e\u000f"
            + "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f"
    );

    [ThreadStatic]
    private static Utf8Sink? t_sink;

    /// <summary>
    /// Serializes a JSON value in its RFC 8785 canonical form. Throws <see cref="ArgumentException"/> when
    /// the value holds a number that I-JSON cannot represent (NaN, an infinity, or out of the double range)
    /// or nests deeper than 256 levels.
    /// </summary>
    public static string Canonicalize(JsonNode? node)
    {
        var sink = RentSink();
        try
        {
            Write(sink, node, 0);
            return Encoding.UTF8.GetString(sink.Written);
        }
        finally
        {
            ReturnSink(sink);
        }
    }

    /// <summary>Serializes a JSON value in its RFC 8785 canonical form, as UTF-8 bytes.</summary>
    public static byte[] CanonicalizeToUtf8(JsonNode? node)
    {
        var sink = RentSink();
        try
        {
            Write(sink, node, 0);
            return sink.Written.ToArray();
        }
        finally
        {
            ReturnSink(sink);
        }
    }

    /// <summary>Serializes a JSON element in its RFC 8785 canonical form.</summary>
    public static string Canonicalize(JsonElement element)
    {
        var sink = RentSink();
        try
        {
            WriteElement(sink, element, 0);
            return Encoding.UTF8.GetString(sink.Written);
        }
        finally
        {
            ReturnSink(sink);
        }
    }

    /// <summary>Writes the RFC 8785 canonical form of a JSON value, as UTF-8, to <paramref name="destination"/>.</summary>
    public static void WriteTo(IBufferWriter<byte> destination, JsonNode? node)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var sink = RentSink();
        try
        {
            Write(sink, node, 0);
            destination.Write(sink.Written);
        }
        finally
        {
            ReturnSink(sink);
        }
    }

    /// <summary>
    /// Writes the RFC 8785 canonical form of the JSON object made of <paramref name="members"/> (in any
    /// order), as UTF-8, to <paramref name="destination"/>: the object need not exist, so a caller can
    /// canonicalize a document with a member left out or replaced without copying it. The member values
    /// are only read. Throws <see cref="ArgumentException"/> for a duplicate member name.
    /// </summary>
    public static void WriteObjectTo(
        IBufferWriter<byte> destination,
        IReadOnlyList<KeyValuePair<string, JsonNode?>> members
    )
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(members);
        var sink = RentSink();
        try
        {
            var start = sink.PushMembers(members.Count);
            for (var i = 0; i < members.Count; i++)
            {
                sink.Members[start + i] = members[i];
            }
            WriteSortedMembers(sink, start, members.Count, 0, checkDuplicates: true);
            destination.Write(sink.Written);
        }
        finally
        {
            ReturnSink(sink);
        }
    }

    /// <summary>
    /// SHA-256 of the canonical form of <paramref name="obj"/> as if its members named
    /// <paramref name="omit"/> and <paramref name="omitToo"/> were absent and, when
    /// <paramref name="setName"/> is given, its member <paramref name="setName"/> were
    /// <paramref name="setValue"/> (added when absent). Nothing is copied or modified; the members are
    /// sorted on the thread's scratch stack.
    /// </summary>
    internal static void HashObjectSha256(
        JsonObject obj,
        string? omit,
        string? omitToo,
        string? setName,
        JsonNode? setValue,
        Span<byte> destination,
        Sha256Memo? memo = null
    )
    {
        var sink = RentSink();
        try
        {
            if (memo is null)
            {
                WriteObjectWith(sink, obj, omit, omitToo, setName, setValue);
                Sha256(sink.Written, destination);
                return;
            }
            // The memo's member key first (strings compared, no canonical form written); the set value,
            // when there is one, is compared by its canonical form.
            var members = memo.MatchMembers(obj, omit, omitToo, setName);
            if (members != Sha256Memo.Members.NotStrings)
            {
                if (setName is not null)
                {
                    Write(sink, setValue, 0);
                }
                if (
                    members == Sha256Memo.Members.Same
                    && memo.TryGetBySetValue(sink.Written, destination)
                )
                {
                    return;
                }
                memo.StageSetValue(sink.Written);
                sink.Reset();
            }
            WriteObjectWith(sink, obj, omit, omitToo, setName, setValue);
            var written = sink.Written;
            if (!memo.TryGet(written, destination))
            {
                Sha256(written, destination);
                memo.Set(written, destination);
            }
            if (members == Sha256Memo.Members.NotStrings)
            {
                memo.ForgetMembers();
            }
            else
            {
                memo.SetMembers(obj, omit, omitToo, setName);
            }
        }
        finally
        {
            ReturnSink(sink);
        }
    }

    // SHA-256 through the thread's reusable hash object: a one-shot SHA256.HashData creates and frees
    // an OpenSSL context per call, which costs about as much as hashing a few hundred bytes.
    private static void Sha256(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        var sha = t_sha256 ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        // Taken while in use: a failure part-way leaves no half-fed hash for the thread's next call.
        t_sha256 = null;
        sha.AppendData(data);
        sha.GetHashAndReset(destination);
        t_sha256 = sha;
    }

    [ThreadStatic]
    private static IncrementalHash? t_sha256;

    /// <summary>
    /// The last object hashed and its SHA-256 (one per thread, kept by the caller), so that the same object
    /// again (a batch's proof configuration) is compared instead of hashed. Two keys name that one hash:
    /// <list type="bullet">
    /// <item>the canonical bytes (any object);</item>
    /// <item>when every member taken is a string: the member names and values in their order (the
    /// omitted and set names too) and the canonical bytes of the set value. Equal strings and an equal set
    /// value give equal canonical bytes, so this key is checked without writing the object.</item>
    /// </list>
    /// </summary>
    internal sealed class Sha256Memo
    {
        private const int MaxCanonicalLength = 4096;
        private const int MaxMembers = 32;

        private readonly byte[] _hash = new byte[32];
        private byte[]? _canonical;

        // The member key: names and values interleaved; -1 when there is none.
        private readonly string[] _members = new string[2 * MaxMembers];
        private int _memberCount = -1;
        private string? _omit;
        private string? _omitToo;
        private string? _setName;
        private byte[] _setValue = new byte[256];
        private int _setValueLength;
        private byte[] _staged = new byte[256];
        private int _stagedLength = -1;

        internal enum Members
        {
            /// <summary>The members are strings, the same as the member key's.</summary>
            Same,

            /// <summary>The members are strings, not the member key's (or there is no member key).</summary>
            Different,

            /// <summary>A member taken is not a string (or there are too many): only the canonical bytes key.</summary>
            NotStrings,
        }

        public bool TryGet(ReadOnlySpan<byte> canonical, Span<byte> hash)
        {
            if (_canonical is null || !canonical.SequenceEqual(_canonical))
            {
                return false;
            }
            _hash.CopyTo(hash);
            return true;
        }

        /// <summary>Keeps <paramref name="hash"/> as the hash of <paramref name="canonical"/> (and forgets the member key).</summary>
        public void Set(ReadOnlySpan<byte> canonical, ReadOnlySpan<byte> hash)
        {
            _memberCount = -1;
            if (canonical.Length <= MaxCanonicalLength)
            {
                _canonical = canonical.ToArray();
                hash.CopyTo(_hash);
            }
            else
            {
                _canonical = null;
            }
        }

        /// <summary>Compares the members <see cref="HashObjectSha256"/> would take of <paramref name="obj"/> with the member key.</summary>
        public Members MatchMembers(JsonObject obj, string? omit, string? omitToo, string? setName)
        {
            var same =
                _memberCount >= 0
                && string.Equals(omit, _omit, StringComparison.Ordinal)
                && string.Equals(omitToo, _omitToo, StringComparison.Ordinal)
                && string.Equals(setName, _setName, StringComparison.Ordinal);
            var n = 0;
            for (var i = 0; i < obj.Count; i++)
            {
                var (name, value) = obj.GetAt(i);
                if (name == omit || name == omitToo || name == setName)
                {
                    continue;
                }
                if (n == MaxMembers || value is null || value.GetType() != StringValueType)
                {
                    return Members.NotStrings;
                }
                if (same)
                {
                    same =
                        string.Equals(name, _members[2 * n], StringComparison.Ordinal)
                        && string.Equals(
                            ValueField<string>.Value(value),
                            _members[(2 * n) + 1],
                            StringComparison.Ordinal
                        );
                }
                n++;
            }
            return same && n == _memberCount ? Members.Same : Members.Different;
        }

        /// <summary>How many hashes the member key gave (for tests).</summary>
        internal int MemberKeyHits { get; private set; }

        /// <summary>The hash, when the member key matched and <paramref name="setValue"/> (canonical) is the key's too.</summary>
        public bool TryGetBySetValue(ReadOnlySpan<byte> setValue, Span<byte> hash)
        {
            if (_memberCount < 0 || !setValue.SequenceEqual(_setValue.AsSpan(0, _setValueLength)))
            {
                return false;
            }
            _hash.CopyTo(hash);
            MemberKeyHits++;
            return true;
        }

        /// <summary>Holds the set value's canonical bytes until <see cref="SetMembers"/> (the sink is reused in between).</summary>
        public void StageSetValue(ReadOnlySpan<byte> setValue)
        {
            if (_staged.Length < setValue.Length)
            {
                _staged = new byte[Math.Max(setValue.Length, 2 * _staged.Length)];
            }
            setValue.CopyTo(_staged);
            _stagedLength = setValue.Length;
        }

        /// <summary>
        /// Makes the members of <paramref name="obj"/> (all strings, as <see cref="MatchMembers"/> found) and
        /// the staged set value the member key of the hash just kept by <see cref="Set"/> or found by
        /// <see cref="TryGet"/>.
        /// </summary>
        public void SetMembers(JsonObject obj, string? omit, string? omitToo, string? setName)
        {
            // The hash of these canonical bytes was not kept (too long): no key may name it.
            if (_canonical is null || _stagedLength < 0)
            {
                ForgetMembers();
                return;
            }
            var n = 0;
            for (var i = 0; i < obj.Count; i++)
            {
                var (name, value) = obj.GetAt(i);
                if (name == omit || name == omitToo || name == setName)
                {
                    continue;
                }
                _members[2 * n] = name;
                _members[(2 * n) + 1] = ValueField<string>.Value(value!);
                n++;
            }
            _memberCount = n;
            _omit = omit;
            _omitToo = omitToo;
            _setName = setName;
            (_setValue, _staged) = (_staged, _setValue);
            _setValueLength = _stagedLength;
            _stagedLength = -1;
        }

        public void ForgetMembers()
        {
            _memberCount = -1;
            _stagedLength = -1;
        }
    }

    /// <summary>As <see cref="HashObjectSha256"/>, the canonical text itself.</summary>
    internal static string CanonicalizeObject(
        JsonObject obj,
        string? omit,
        string? omitToo,
        string? setName,
        JsonNode? setValue
    )
    {
        var sink = RentSink();
        try
        {
            WriteObjectWith(sink, obj, omit, omitToo, setName, setValue);
            return Encoding.UTF8.GetString(sink.Written);
        }
        finally
        {
            ReturnSink(sink);
        }
    }

    private static void WriteObjectWith(
        Utf8Sink sink,
        JsonObject obj,
        string? omit,
        string? omitToo,
        string? setName,
        JsonNode? setValue
    )
    {
        var count = obj.Count;
        var start = sink.PushMembers(count + 1);
        var n = 0;
        var set = setName is null;
        var members = sink.Members;
        for (var i = 0; i < count; i++)
        {
            var member = obj.GetAt(i);
            var key = member.Key;
            if (key == omit || key == omitToo)
            {
                continue;
            }
            if (!set && key == setName)
            {
                member = new(key, setValue);
                set = true;
            }
            members[start + n++] = member;
        }
        if (!set)
        {
            members[start + n++] = new(setName!, setValue);
        }
        if (n == 0)
        {
            sink.Append("{}"u8);
            return;
        }
        WriteSortedMembers(sink, start, n, 0, checkDuplicates: false);
    }

    private static void Write(Utf8Sink sink, JsonNode? node, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new ArgumentException(
                "the JSON value nests too deeply to canonicalize",
                nameof(node)
            );
        }
        // The most common node of a parsed document first: a value that wraps a JsonElement (an exact
        // type test, then its field; see TryGetElement).
        if (node is not null && node.GetType() == ElementValueType)
        {
            WriteElement(sink, ValueField<JsonElement>.Value(node), depth);
            return;
        }
        // JsonObject and JsonArray are sealed (an exact type test); every other node is a JsonValue.
        if (node is JsonObject obj)
        {
            WriteObject(sink, obj, depth);
        }
        else if (node is JsonArray array)
        {
            var count = array.Count;
            if (count == 0)
            {
                sink.Append("[]"u8);
                return;
            }
            sink.Append((byte)'[');
            Write(sink, array[0], depth + 1);
            for (var i = 1; i < count; i++)
            {
                sink.Append((byte)',');
                Write(sink, array[i], depth + 1);
            }
            sink.Append((byte)']');
        }
        else if (node is null)
        {
            sink.Append("null"u8);
        }
        else
        {
            WriteValue(sink, (JsonValue)node, depth);
        }
    }

    private static void WriteObject(Utf8Sink sink, JsonObject obj, int depth)
    {
        var count = obj.Count;
        if (count == 0)
        {
            sink.Append("{}"u8);
            return;
        }
        // The members are sorted as indexes on the thread's index stack: no pooled array per object
        // and no copies of the members (storing references into an array costs a GC write barrier each).
        var start = sink.PushOrder(count);
        SortIndexes(sink.Order.AsSpan(start, count), sink.Prefixes.AsSpan(start, count), obj);
        sink.Append((byte)'{');
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
            {
                sink.Append((byte)',');
            }
            // The stack may grow (and move) while the values are written: read it afresh.
            var member = obj.GetAt(sink.Order[start + i]);
            WriteString(sink, member.Key);
            sink.Append((byte)':');
            Write(sink, member.Value, depth + 1);
        }
        sink.Append((byte)'}');
        sink.PopOrder(start);
    }

    // RFC 8785 §3.2.3: the indexes of obj's members in the ordinal order of their names (UTF-16 code
    // units). Each name's first four code units, packed into an integer, decide most comparisons; equal
    // prefixes fall back to the full ordinal comparison. A JsonObject cannot hold one name twice.
    private static void SortIndexes(Span<int> order, Span<ulong> prefixes, JsonObject obj)
    {
        var sorted = true;
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
            prefixes[i] = Prefix(obj.GetAt(i).Key);
            if (sorted && i > 0 && Compare(obj, prefixes[i - 1], i - 1, prefixes[i], i) > 0)
            {
                sorted = false;
            }
        }
        // Often already in order (documents written by canonical or sorted serializers).
        if (sorted)
        {
            return;
        }
        // Insertion sort (objects are small).
        for (var i = 1; i < order.Length; i++)
        {
            var index = order[i];
            var prefix = prefixes[i];
            var j = i - 1;
            while (j >= 0 && Compare(obj, prefixes[j], order[j], prefix, index) > 0)
            {
                order[j + 1] = order[j];
                prefixes[j + 1] = prefixes[j];
                j--;
            }
            order[j + 1] = index;
            prefixes[j + 1] = prefix;
        }

        static int Compare(JsonObject obj, ulong prefixA, int a, ulong prefixB, int b) =>
            prefixA != prefixB
                ? (prefixA < prefixB ? -1 : 1)
                : string.CompareOrdinal(obj.GetAt(a).Key, obj.GetAt(b).Key);

        // The first four UTF-16 code units, big-endian, zero-padded: ordered as the names are, unless equal.
        static ulong Prefix(string key)
        {
            ulong prefix = 0;
            for (var k = 0; k < 4; k++)
            {
                prefix = (prefix << 16) | (k < key.Length ? key[k] : 0u);
            }
            return prefix;
        }
    }

    /// <summary>
    /// Writes the object made of the members <paramref name="start"/>..+<paramref name="count"/> of the
    /// sink's member stack (in any order; sorted in place). The member stack may grow (and move) while
    /// the values are written, so it is indexed afresh for each member.
    /// </summary>
    private static void WriteSortedMembers(
        Utf8Sink sink,
        int start,
        int count,
        int depth,
        bool checkDuplicates
    )
    {
        SortMembers(sink.Members.AsSpan(start, count), checkDuplicates);
        sink.Append((byte)'{');
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
            {
                sink.Append((byte)',');
            }
            var entry = sink.Members[start + i];
            WriteString(sink, entry.Key);
            sink.Append((byte)':');
            Write(sink, entry.Value, depth + 1);
        }
        sink.Append((byte)'}');
    }

    // RFC 8785 §3.2.3: members sorted by the UTF-16 code units of their names (ordinal order).
    private static void SortMembers(
        Span<KeyValuePair<string, JsonNode?>> entries,
        bool checkDuplicates
    )
    {
        // Often already in order (documents written by canonical or sorted serializers): one pass to see.
        var i = 1;
        while (i < entries.Length && string.CompareOrdinal(entries[i - 1].Key, entries[i].Key) < 0)
        {
            i++;
        }
        if (i == entries.Length)
        {
            return;
        }
        if (entries.Length > 32)
        {
            entries.Sort(default(MemberOrder));
        }
        else
        {
            // Insertion sort from the first member out of order: objects are small, and Span.Sort
            // allocates a boxed comparer and a delegate on every call.
            for (; i < entries.Length; i++)
            {
                var entry = entries[i];
                var j = i - 1;
                while (j >= 0 && string.CompareOrdinal(entries[j].Key, entry.Key) > 0)
                {
                    entries[j + 1] = entries[j];
                    j--;
                }
                entries[j + 1] = entry;
            }
        }
        if (checkDuplicates)
        {
            for (i = 1; i < entries.Length; i++)
            {
                if (string.Equals(entries[i].Key, entries[i - 1].Key, StringComparison.Ordinal))
                {
                    throw new ArgumentException(
                        $"the member '{entries[i].Key}' occurs twice",
                        nameof(entries)
                    );
                }
            }
        }
    }

    private readonly struct MemberOrder : IComparer<KeyValuePair<string, JsonNode?>>
    {
        public int Compare(KeyValuePair<string, JsonNode?> x, KeyValuePair<string, JsonNode?> y) =>
            string.CompareOrdinal(x.Key, y.Key);
    }

    private static void WriteValue(Utf8Sink sink, JsonValue value, int depth)
    {
        // A value of a lazily parsed document: read it from its JsonElement (raw UTF-8, no string).
        if (TryGetElement(value, out var element))
        {
            WriteElement(sink, element, depth);
            return;
        }
        // A CLR string (JsonValue.Create(string), JsonText.Parse): read from the node's field when the
        // probe found it, else one generic call; no kind switch.
        if (value.GetType() == StringValueType)
        {
            WriteString(sink, ValueField<string>.Value(value));
            return;
        }
        if (value.TryGetValue(out string? text))
        {
            WriteString(sink, text);
            return;
        }
        switch (value.GetValueKind())
        {
            case JsonValueKind.String:
                WriteString(sink, value.GetValue<string>());
                break;
            case JsonValueKind.True:
                sink.Append("true"u8);
                break;
            case JsonValueKind.False:
                sink.Append("false"u8);
                break;
            case JsonValueKind.Null:
                sink.Append("null"u8);
                break;
            case JsonValueKind.Number:
                if (!TryGetDouble(value, out var d))
                {
                    throw new ArgumentException(
                        $"the number {value.ToJsonString()} cannot be represented as an IEEE 754 double (RFC 8785 §3.2.2.3)",
                        nameof(value)
                    );
                }
                WriteNumber(sink, d);
                break;
            default:
                throw new ArgumentException("unsupported JSON value", nameof(value));
        }
    }

    private static void WriteElement(Utf8Sink sink, JsonElement element, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new ArgumentException(
                "the JSON value nests too deeply to canonicalize",
                nameof(element)
            );
        }
        // Dispatched on the first byte of the value's raw JSON text (a string's includes its quotes):
        // one read of the document's metadata instead of two (the kind, then the text).
        var raw = JsonMarshal.GetRawUtf8Value(element);
        switch (raw.IsEmpty ? (byte)0 : raw[0])
        {
            case (byte)'"':
                // The raw text of a string without escapes is its exact UTF-8 content (the parser has
                // checked it; it cannot hold a quote or a control character unescaped): written as it
                // stands, quotes included.
                if (raw.IndexOf((byte)'\\') < 0)
                {
                    sink.Append(raw);
                }
                else
                {
                    WriteString(sink, element.GetString()!);
                }
                break;
            case (byte)'t':
                sink.Append("true"u8);
                break;
            case (byte)'f':
                sink.Append("false"u8);
                break;
            case (byte)'n':
                sink.Append("null"u8);
                break;
            case (byte)'[':
            case (byte)'{':
                WriteElementContainer(sink, element, depth);
                break;
            default:
                if (element.ValueKind != JsonValueKind.Number)
                {
                    throw new ArgumentException("unsupported JSON value", nameof(element));
                }
                // A plain decimal of up to 15 digits is its own canonical form (see IsCanonicalDecimal).
                if (IsCanonicalDecimal(raw))
                {
                    sink.Append(raw);
                    break;
                }
                if (!element.TryGetDouble(out var d) || !double.IsFinite(d))
                {
                    throw new ArgumentException(
                        $"the number {element.GetRawText()} cannot be represented as an IEEE 754 double (RFC 8785 §3.2.2.3)",
                        nameof(element)
                    );
                }
                WriteNumber(sink, d);
                break;
        }
    }

    // Arrays and objects held as a JsonElement (rare: a JsonValue made from one, or the JsonElement
    // overload): apart, so that the scalar path above keeps a small frame.
    private static void WriteElementContainer(Utf8Sink sink, JsonElement element, int depth)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Array:
                sink.Append((byte)'[');
                var first = true;
                foreach (var item in element.EnumerateArray())
                {
                    if (!first)
                    {
                        sink.Append((byte)',');
                    }
                    first = false;
                    WriteElement(sink, item, depth + 1);
                }
                sink.Append((byte)']');
                break;
            case JsonValueKind.Object:
                var properties = new List<KeyValuePair<string, JsonElement>>();
                foreach (var property in element.EnumerateObject())
                {
                    properties.Add(new(property.Name, property.Value));
                }
                properties.Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key));
                sink.Append((byte)'{');
                for (var i = 0; i < properties.Count; i++)
                {
                    if (i > 0)
                    {
                        if (
                            string.Equals(
                                properties[i].Key,
                                properties[i - 1].Key,
                                StringComparison.Ordinal
                            )
                        )
                        {
                            throw new ArgumentException(
                                $"the member '{properties[i].Key}' occurs twice",
                                nameof(element)
                            );
                        }
                        sink.Append((byte)',');
                    }
                    WriteString(sink, properties[i].Key);
                    sink.Append((byte)':');
                    WriteElement(sink, properties[i].Value, depth + 1);
                }
                sink.Append((byte)'}');
                break;
            default:
                throw new ArgumentException("unsupported JSON value", nameof(element));
        }
    }

    /// <summary>
    /// The <see cref="JsonElement"/> a value of a parsed document wraps. <see cref="JsonValue.TryGetValue{T}"/>
    /// is a generic virtual call (a runtime lookup, about as costly as writing the value); for the exact
    /// node type that <see cref="JsonNode.Parse(string, JsonNodeOptions?, JsonDocumentOptions)"/> creates,
    /// the element is read from the node's field instead, when a check at start-up found that field.
    /// </summary>
    internal static bool TryGetElement(JsonValue value, out JsonElement element)
    {
        if (value.GetType() == ElementValueType)
        {
            element = ValueField<JsonElement>.Value(value);
            return true;
        }
        return value.TryGetValue(out element);
    }

    // The node types of a value that wraps a JsonElement and of one that holds a string, when their
    // content can be read directly (checked once on probe values; null otherwise, and TryGetValue is used).
    private static readonly Type? ElementValueType = ProbeValueFields();
    private static readonly Type? StringValueType = ProbeStringField();

    /// <summary>Whether values that wrap a JsonElement and values that hold a string are read from their field.</summary>
    internal static bool ReadsValueFieldsDirectly =>
        ElementValueType is not null && StringValueType is not null;

    // Whether type derives from System.Text.Json's JsonValue<content> (whose field ValueField reads):
    // checked before the field is ever read, since a field accessor does not check its argument's type.
    private static bool HoldsValueField(Type type, Type content)
    {
        for (var t = type.BaseType; t is not null; t = t.BaseType)
        {
            if (
                t.IsGenericType
                && t.Assembly == typeof(JsonValue).Assembly
                && t.GetGenericTypeDefinition().FullName == "System.Text.Json.Nodes.JsonValue`1"
                && t.GetGenericArguments()[0] == content
            )
            {
                return true;
            }
        }
        return false;
    }

    private static Type? ProbeStringField()
    {
        try
        {
            var value = JsonValue.Create("probe");
            return
                HoldsValueField(value.GetType(), typeof(string))
                && ValueField<string>.Value(value) == "probe"
                ? value.GetType()
                : null;
        }
        catch (Exception e) when (e is MemberAccessException or TypeLoadException)
        {
            return null;
        }
    }

    private static Type? ProbeValueFields()
    {
        try
        {
            using var document = JsonDocument.Parse("[\"probe\",12]");
            var value = JsonValue.Create(document.RootElement[0]);
            var other = JsonValue.Create(document.RootElement[1]);
            if (
                value is null
                || other is null
                || value.GetType() != other.GetType()
                || !HoldsValueField(value.GetType(), typeof(JsonElement))
            )
            {
                return null;
            }
            var read = ValueField<JsonElement>.Value(value);
            var readOther = ValueField<JsonElement>.Value(other);
            return
                read.ValueKind == JsonValueKind.String
                && read.ValueEquals("probe")
                && readOther.ValueKind == JsonValueKind.Number
                && readOther.GetInt32() == 12
                ? value.GetType()
                : null;
        }
        catch (Exception e) when (e is MemberAccessException or TypeLoadException)
        {
            return null;
        }
    }

    // System.Text.Json keeps a value node's content in the field Value of its internal base class
    // JsonValue<TValue> (.NET 8 to 10); ProbeValueFields checks that it is there before any use.
    private static class ValueField<T>
    {
        [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "Value")]
        public static extern ref readonly T Value(
            [UnsafeAccessorType("System.Text.Json.Nodes.JsonValue`1[[!0]], System.Text.Json")]
                object node
        );
    }

    // Whether a JSON number's text is already what ECMAScript's Number::toString writes for it (RFC 8785
    // §3.2.2.3): no exponent, at most 15 digits in all (a double tells every such decimal apart, so its
    // shortest round-trip digits are these), no trailing zero after a point, not -0, and not below 1e-6
    // (0.000000d is written 1e-7 and so on). JSON text has no leading zeros ("0" and "0.x" aside).
    internal static bool IsCanonicalDecimal(ReadOnlySpan<byte> text)
    {
        var i = text.Length > 0 && text[0] == (byte)'-' ? 1 : 0;
        var digits = 0;
        var point = -1;
        for (var k = i; k < text.Length; k++)
        {
            var c = text[k];
            if ((uint)(c - '0') <= 9)
            {
                digits++;
            }
            else if (c == (byte)'.' && point < 0 && k > i)
            {
                point = k;
            }
            else
            {
                // An exponent or anything else: the general path.
                return false;
            }
        }
        if (digits is < 1 or > 15 || text[i] == (byte)'.')
        {
            return false;
        }
        if (point < 0)
        {
            // An integer: "0", or no leading zero; "-0" prints as "0".
            return text[i] != (byte)'0' || (digits == 1 && i == 0);
        }
        if (point == text.Length - 1 || text[^1] == (byte)'0')
        {
            return false;
        }
        if (text[i] == (byte)'0')
        {
            // "0.x": at most five zeros after the point before the first other digit, and one "0" before it.
            if (point != i + 1)
            {
                return false;
            }
            var zeros = 0;
            while (text[point + 1 + zeros] == (byte)'0')
            {
                zeros++;
            }
            return zeros <= 5;
        }
        return true;
    }

    // RFC 8785 §3.2.2.2: a JSON string literal, escaping only '"', '\\' and control characters.
    private static void WriteString(Utf8Sink sink, string value)
    {
        // Fast path: printable ASCII without '"' or '\\' (most names and values) is copied narrowed.
        var span = sink.GetSpan(value.Length + 2);
        span[0] = (byte)'"';
        var i = 0;
        for (; i < value.Length; i++)
        {
            var c = value[i];
            if (c is < (char)0x20 or >= (char)0x7F or '"' or '\\')
            {
                break;
            }
            span[i + 1] = (byte)c;
        }
        if (i == value.Length)
        {
            span[i + 1] = (byte)'"';
            sink.Advance(i + 2);
            return;
        }
        sink.Advance(i + 1);
        WriteStringTail(sink, value.AsSpan(i));
    }

    private static void WriteStringTail(Utf8Sink sink, ReadOnlySpan<char> value)
    {
        while (true)
        {
            var i = value.IndexOfAny(MustEscape);
            var run = i < 0 ? value : value[..i];
            if (!run.IsEmpty)
            {
                // Lone surrogates become U+FFFD, as the UTF-8 encoder writes them.
                var span = sink.GetSpan(Encoding.UTF8.GetMaxByteCount(run.Length));
                sink.Advance(Encoding.UTF8.GetBytes(run, span));
            }
            if (i < 0)
            {
                break;
            }
            var c = value[i];
            switch (c)
            {
                case '"':
                    sink.Append("\\\""u8);
                    break;
                case '\\':
                    sink.Append("\\\\"u8);
                    break;
                case '\b':
                    sink.Append("\\b"u8);
                    break;
                case '\t':
                    sink.Append("\\t"u8);
                    break;
                case '\n':
                    sink.Append("\\n"u8);
                    break;
                case '\f':
                    sink.Append("\\f"u8);
                    break;
                case '\r':
                    sink.Append("\\r"u8);
                    break;
                default:
                    sink.Append("\\u00"u8);
                    sink.Append((byte)HexLower[c >> 4]);
                    sink.Append((byte)HexLower[c & 0xF]);
                    break;
            }
            value = value[(i + 1)..];
        }
        sink.Append((byte)'"');
    }

    private static void WriteNumber(Utf8Sink sink, double value)
    {
        Span<char> chars = stackalloc char[40];
        var length = FormatNumber(value, chars);
        var span = sink.GetSpan(length);
        for (var i = 0; i < length; i++)
        {
            span[i] = (byte)chars[i];
        }
        sink.Advance(length);
    }

    /// <summary>
    /// Reads a JSON number as a finite double, whatever the node's backing type; false for a non-number,
    /// NaN, an infinity or a literal outside the double range.
    /// </summary>
    internal static bool TryGetDouble(JsonValue value, out double result)
    {
        if (value.TryGetValue(out JsonElement element))
        {
            if (element.ValueKind == JsonValueKind.Number && element.TryGetDouble(out result))
            {
                return double.IsFinite(result);
            }
            result = 0;
            return false;
        }
        if (value.TryGetValue(out result))
        {
            return double.IsFinite(result);
        }
        if (value.TryGetValue(out long l))
        {
            result = l;
            return true;
        }
        if (value.TryGetValue(out int i))
        {
            result = i;
            return true;
        }
        if (value.TryGetValue(out decimal m))
        {
            result = (double)m;
            return true;
        }
        if (value.TryGetValue(out float f))
        {
            result = f;
            return float.IsFinite(f);
        }
        if (value.GetValueKind() == JsonValueKind.Number)
        {
            // Other CLR numeric types (short, ulong, ...): go through their JSON text.
            return double.TryParse(
                    value.ToJsonString(),
                    NumberStyles.Float,
                    CultureInfo.InvariantCulture,
                    out result
                ) && double.IsFinite(result);
        }
        result = 0;
        return false;
    }

    /// <summary>
    /// Formats a double as ECMAScript's Number.prototype.toString does (ECMA-262 §6.1.6.1.20
    /// Number::toString, required by RFC 8785 §3.2.2.3): the shortest round-trip digits, plain
    /// notation for exponents in (-7, 21), otherwise <c>d.ddde±n</c>.
    /// </summary>
    internal static int FormatNumber(double value, Span<char> destination)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentException("NaN and infinities have no JSON form", nameof(value));
        }
        var w = 0;
        if (value == 0)
        {
            // -0 serializes as 0.
            destination[0] = '0';
            return 1;
        }
        if (value < 0)
        {
            destination[w++] = '-';
            value = -value;
        }
        // .NET's "R" gives the shortest digits that round-trip (as ES requires); re-lay them out.
        Span<char> buffer = stackalloc char[32];
        value.TryFormat(buffer, out var written, "R", CultureInfo.InvariantCulture);
        ReadOnlySpan<char> text = buffer[..written];
        var exponent = 0;
        var ePos = text.IndexOfAny('E', 'e');
        if (ePos >= 0)
        {
            exponent = int.Parse(
                text[(ePos + 1)..],
                NumberStyles.AllowLeadingSign,
                CultureInfo.InvariantCulture
            );
            text = text[..ePos];
        }
        Span<char> digits = stackalloc char[32];
        var k = 0;
        var pointIndex = -1;
        foreach (var c in text)
        {
            if (c == '.')
            {
                pointIndex = k;
            }
            else
            {
                digits[k++] = c;
            }
        }
        if (pointIndex < 0)
        {
            pointIndex = k;
        }
        // value = 0.d1d2...dk × 10^n, with d1 ≠ 0.
        var n = pointIndex + exponent;
        var start = 0;
        while (start < k && digits[start] == '0')
        {
            start++;
            n--;
        }
        var end = k;
        while (end > start && digits[end - 1] == '0')
        {
            end--;
        }
        ReadOnlySpan<char> d = digits[start..end];
        k = d.Length;
        if (k <= n && n <= 21)
        {
            d.CopyTo(destination[w..]);
            w += k;
            destination.Slice(w, n - k).Fill('0');
            w += n - k;
        }
        else if (0 < n && n <= 21)
        {
            d[..n].CopyTo(destination[w..]);
            w += n;
            destination[w++] = '.';
            d[n..].CopyTo(destination[w..]);
            w += k - n;
        }
        else if (-6 < n && n <= 0)
        {
            destination[w++] = '0';
            destination[w++] = '.';
            destination.Slice(w, -n).Fill('0');
            w += -n;
            d.CopyTo(destination[w..]);
            w += k;
        }
        else
        {
            var e = n - 1;
            destination[w++] = d[0];
            if (k > 1)
            {
                destination[w++] = '.';
                d[1..].CopyTo(destination[w..]);
                w += k - 1;
            }
            destination[w++] = 'e';
            destination[w++] = e < 0 ? '-' : '+';
            Math.Abs(e)
                .TryFormat(destination[w..], out var ew, default, CultureInfo.InvariantCulture);
            w += ew;
        }
        return w;
    }

    private const string HexLower = "0123456789abcdef";

    private static Utf8Sink RentSink()
    {
        var sink = t_sink ?? new Utf8Sink();
        t_sink = null;
        return sink;
    }

    private static void ReturnSink(Utf8Sink sink)
    {
        if (sink.Capacity <= 64 * 1024 && sink.Members.Length <= 4096 && sink.Order.Length <= 65536)
        {
            sink.Reset();
            t_sink = sink;
        }
    }

    // A growable UTF-8 buffer and a stack of object members being sorted, reused per thread (a
    // canonicalization runs on one thread).
    private sealed class Utf8Sink
    {
        private byte[] _buffer = new byte[8192];
        private int _length;
        private int _membersTop;

        public KeyValuePair<string, JsonNode?>[] Members { get; private set; } =
            new KeyValuePair<string, JsonNode?>[64];

        public int Capacity => _buffer.Length;

        public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _length);

        public void Reset()
        {
            _length = 0;
            _orderTop = 0;
            Members.AsSpan(0, _membersTop).Clear();
            _membersTop = 0;
        }

        public int[] Order { get; private set; } = new int[256];

        public ulong[] Prefixes { get; private set; } = new ulong[256];

        private int _orderTop;

        /// <summary>Reserves <paramref name="count"/> entries on the index stack; returns the first.</summary>
        public int PushOrder(int count)
        {
            var start = _orderTop;
            if (start + count > Order.Length)
            {
                var order = Order;
                var prefixes = Prefixes;
                var size = Math.Max(order.Length * 2, start + count);
                Array.Resize(ref order, size);
                Array.Resize(ref prefixes, size);
                Order = order;
                Prefixes = prefixes;
            }
            _orderTop = start + count;
            return start;
        }

        public void PopOrder(int start) => _orderTop = start;

        /// <summary>Reserves <paramref name="count"/> entries on the member stack; returns the first.</summary>
        public int PushMembers(int count)
        {
            var start = _membersTop;
            if (start + count > Members.Length)
            {
                var members = Members;
                Array.Resize(ref members, Math.Max(members.Length * 2, start + count));
                Members = members;
            }
            _membersTop = start + count;
            return start;
        }

        /// <summary>Releases the entries from <paramref name="start"/> (the values are not kept alive).</summary>
        public void PopMembers(int start, int count)
        {
            Members.AsSpan(start, count).Clear();
            _membersTop = start;
        }

        public Span<byte> GetSpan(int size)
        {
            if (_length + size > _buffer.Length)
            {
                Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + size));
            }
            return _buffer.AsSpan(_length);
        }

        public void Advance(int count) => _length += count;

        public void Append(byte b)
        {
            if (_length == _buffer.Length)
            {
                Array.Resize(ref _buffer, _buffer.Length * 2);
            }
            _buffer[_length++] = b;
        }

        public void Append(ReadOnlySpan<byte> bytes)
        {
            bytes.CopyTo(GetSpan(bytes.Length));
            _length += bytes.Length;
        }
    }
}
