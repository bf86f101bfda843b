using System.Buffers.Binary;

namespace Credstack.Credentials.Keys.Ed25519;

/// <summary>
/// The process-wide, bounded set of public keys seen by <see cref="Ed25519VerificationKey"/>: a use
/// count per key and, once a key has been used <see cref="BuildThreshold"/> times, its
/// <see cref="Ed25519FastVerifier"/> (a table of 165,120 bytes).
/// Keyed by the 32 key bytes because verifiers re-create key objects (e.g. from <c>did:key</c> strings).
/// At most <see cref="Capacity"/> keys are held, so the tables held here stay below about 21 MB. When
/// full, the oldest key not used since the last sweep is dropped (CLOCK, "second chance": a key in
/// steady use keeps its table while one-off keys pass through).
/// </summary>
internal static class Ed25519VerifierCache
{
    /// <summary>Keys held at most.</summary>
    public const int Capacity = 128;

    /// <summary>
    /// Uses of a key (through any key object) before its table is built. Building costs about 0.65 ms
    /// of CPU and each later verification saves about 35 µs (libsodium about 50 µs, the table about
    /// 15 µs on the 2-vCPU machine of bench/RESULTS.md), so the build pays for itself after about 18
    /// uses. Waiting for 16 uses is the ski-rental rule: a key used only a few times (a one-off issuer) never pays for a table, and a
    /// key used often pays at most about twice what the best choice in hindsight would have cost.
    /// </summary>
    public const int BuildThreshold = 16;

    private static readonly Lock Gate = new();
    private static readonly Dictionary<KeyBytes, Entry> Entries = [];
    private static readonly Queue<KeyBytes> Order = new();

    /// <summary>The entry for a key (created, possibly evicting the oldest, when absent).</summary>
    public static Entry GetEntry(ReadOnlySpan<byte> publicKey)
    {
        var key = KeyBytes.From(publicKey);
        lock (Gate)
        {
            if (Entries.TryGetValue(key, out var entry))
            {
                entry.Referenced = true;
                return entry;
            }
            while (Entries.Count >= Capacity)
            {
                var oldest = Order.Dequeue();
                var candidate = Entries[oldest];
                if (candidate.Referenced)
                {
                    candidate.Referenced = false;
                    Order.Enqueue(oldest);
                }
                else
                {
                    Entries.Remove(oldest);
                }
            }
            entry = new Entry(publicKey.ToArray());
            Entries.Add(key, entry);
            Order.Enqueue(key);
            return entry;
        }
    }

    /// <summary>Number of keys held (tests).</summary>
    internal static int Count
    {
        get
        {
            lock (Gate)
            {
                return Entries.Count;
            }
        }
    }

    /// <summary>One key's use count and, once built, its verifier.</summary>
    internal sealed class Entry(byte[] publicKey)
    {
        private readonly byte[] _publicKey = publicKey;
        private int _uses;
        private int _state; // 0 none, 1 building, 2 done (verifier set or key unusable)
        private Ed25519FastVerifier? _verifier;
        private bool _referenced;

        /// <summary>Used since the last eviction sweep passed it (benign races: a hint).</summary>
        public bool Referenced
        {
            get => Volatile.Read(ref _referenced);
            set => Volatile.Write(ref _referenced, value);
        }

        /// <summary>The verifier when built, else null.</summary>
        public Ed25519FastVerifier? Verifier => Volatile.Read(ref _verifier);

        /// <summary>Whether the table exists or the key cannot have one.</summary>
        public bool Settled => Volatile.Read(ref _state) == 2;

        /// <summary>
        /// Counts a use and returns the verifier when it exists or this use reaches the threshold (this
        /// thread then builds it once; concurrent users meanwhile get null and verify through libsodium).
        /// </summary>
        public Ed25519FastVerifier? Use(bool force = false)
        {
            if (!_referenced)
            {
                Referenced = true;
            }
            var verifier = Verifier;
            if (verifier is not null || Settled)
            {
                return verifier;
            }
            if (
                (force || Interlocked.Increment(ref _uses) >= BuildThreshold)
                && Interlocked.CompareExchange(ref _state, 1, 0) == 0
            )
            {
                verifier = Ed25519FastVerifier.TryCreate(_publicKey);
                Volatile.Write(ref _verifier, verifier);
                Volatile.Write(ref _state, 2);
            }
            return verifier;
        }
    }

    private readonly record struct KeyBytes(ulong A, ulong B, ulong C, ulong D)
    {
        public static KeyBytes From(ReadOnlySpan<byte> s) =>
            new(
                BinaryPrimitives.ReadUInt64LittleEndian(s),
                BinaryPrimitives.ReadUInt64LittleEndian(s[8..]),
                BinaryPrimitives.ReadUInt64LittleEndian(s[16..]),
                BinaryPrimitives.ReadUInt64LittleEndian(s[24..])
            );
    }
}
