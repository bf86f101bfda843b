using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Credstack.LinkedData.Json;

namespace Credstack.Benchmarks;

/// <summary>
/// A CPU-time harness for a shared, loaded machine: runs each operation for about a second of this
/// process's CPU time and reports CPU µs per operation (wall clock is meaningless when the cores are
/// oversubscribed). Single-threaded operations only; background GC and JIT threads are not counted.
/// </summary>
internal static partial class QuickHarness
{
    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec time);

    // CLOCK_THREAD_CPUTIME_ID: this thread's CPU time, excluding background JIT and GC threads.
    private static TimeSpan ThreadCpu()
    {
        _ = ClockGetTime(3, out var t);
        return TimeSpan.FromTicks((t.Seconds * TimeSpan.TicksPerSecond) + (t.Nanoseconds / 100));
    }

    // Reads every node of a tree as canonicalization does (members by index, array items, and with
    // gvm the JsonElement behind each value), without writing anything.
    private static int Walk(JsonNode? node, bool gvm)
    {
        switch (node)
        {
            case JsonObject obj:
                var n = 0;
                for (var i = 0; i < obj.Count; i++)
                {
                    n += Walk(obj.GetAt(i).Value, gvm);
                }
                return n;
            case JsonArray array:
                var m = 0;
                for (var i = 0; i < array.Count; i++)
                {
                    m += Walk(array[i], gvm);
                }
                return m;
            case JsonValue value:
                return gvm && value.TryGetValue(out JsonElement e) ? (int)e.ValueKind : 1;
            default:
                return 0;
        }
    }

    public static void Run(string filter)
    {
        var linked = new LinkedDataBenchmarks();
        linked.Setup();
        using var di = new DataIntegrityBenchmarks();
        di.Setup();
        var data = new byte[64];
        var signature = new byte[64];
        using var raw = NSec.Cryptography.Key.Create(NSec.Cryptography.SignatureAlgorithm.Ed25519);
        NSec.Cryptography.SignatureAlgorithm.Ed25519.Sign(raw, data, signature);
        var rawPublic = raw.PublicKey.Export(NSec.Cryptography.KeyBlobFormat.RawPublicKey);
        // The table path for a key seen before (its table built once, here).
        var tableVerifier = Credstack.Credentials.Keys.Ed25519.Ed25519FastVerifier.TryCreate(
            rawPublic
        )!;
        // The base point B (RFC 8032 §5.1), for the cost of the static table built once per process.
        _ = Credstack.Credentials.Keys.Ed25519.EdwardsPoint.TryDecode(
            Convert.FromHexString(
                "5866666666666666666666666666666666666666666666666666666666666666"
            ),
            out var basePoint
        );
        var credential = JsonNode.Parse(
            File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Data", "ob3-realistic.json"))
        )!;
        var config = JsonNode.Parse(
            """{"@context":["https://www.w3.org/ns/credentials/v2","https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],"type":"DataIntegrityProof","cryptosuite":"eddsa-rdfc-2022","created":"2024-01-01T00:00:00Z","verificationMethod":"did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK#z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK","proofPurpose":"assertionMethod"}"""
        );
        // A parsed credential whose nodes have all been read once (as a caller's object usually has).
        var materialized = JsonNode.Parse(credential.ToJsonString())!;
        _ = Jcs.Canonicalize(materialized);
        var configQuads = Credstack.LinkedData.JsonLd.JsonLdProcessor.ToRdf(config);
        // The stages inside toRdf, on the internal expanded form (no conversion to or from JsonNodes).
        var jsonLdOptions = new Credstack.LinkedData.JsonLd.JsonLdOptions();
        var eager = JsonText.Parse(credential.ToJsonString());
        var expandedInternal = Credstack.LinkedData.JsonLd.Expansion.Expander.ExpandInternal(
            eager,
            jsonLdOptions,
            null
        );
        var credentialText = credential.ToJsonString();
        var hash = new byte[32];
        var canonicalUtf8 = Jcs.CanonicalizeToUtf8(credential);
        using var incremental = System.Security.Cryptography.IncrementalHash.CreateHash(
            System.Security.Cryptography.HashAlgorithmName.SHA256
        );
        var cases = new (string Name, Action Op)[]
        {
            (
                "Raw.Ed25519Sign",
                () => NSec.Cryptography.SignatureAlgorithm.Ed25519.Sign(raw, data, signature)
            ),
            (
                "Raw.Ed25519Verify",
                () =>
                    NSec.Cryptography.SignatureAlgorithm.Ed25519.Verify(
                        raw.PublicKey,
                        data,
                        signature
                    )
            ),
            ("Raw.Ed25519VerifyTable", () => tableVerifier.Verify(data, signature)),
            (
                "Raw.Ed25519TableBuild",
                () => Credstack.Credentials.Keys.Ed25519.Ed25519FastVerifier.TryCreate(rawPublic)
            ),
            ("Parts.Ed25519FieldMul1000", () => FieldMul1000()),
            (
                "Parts.Ed25519InvertFermat",
                () => Credstack.Credentials.Keys.Ed25519.FieldElement51.Invert(basePoint.X)
            ),
            (
                "Parts.Ed25519InvertSafegcd",
                () => Credstack.Credentials.Keys.Ed25519.ModInverse25519.Invert(basePoint.X)
            ),
            (
                "Raw.Ed25519BaseTableBuild",
                () =>
                    Credstack.Credentials.Keys.Ed25519.Ed25519PointTable.Build(
                        basePoint,
                        Credstack.Credentials.Keys.Ed25519.Ed25519PointTable.BaseWindow
                    )
            ),
            ("Parts.DeepCloneLazy", () => credential.DeepClone()),
            ("Parts.DeepCloneMaterialized", () => materialized.DeepClone()),
            (
                "Parts.Base58Signature",
                () => Credstack.Credentials.Keys.Multibase.EncodeBase58Btc(signature)
            ),
            ("Parts.Jcs", () => Jcs.Canonicalize(credential)),
            (
                "Parts.JcsSha256",
                () => Jcs.HashObjectSha256((JsonObject)credential, null, null, null, null, hash)
            ),
            (
                "Parts.Sha256Of3KB",
                () => System.Security.Cryptography.SHA256.HashData(canonicalUtf8, hash)
            ),
            (
                "Parts.Sha256IncrementalOf3KB",
                () =>
                {
                    incremental.AppendData(canonicalUtf8);
                    incremental.GetHashAndReset(hash);
                }
            ),
            (
                "Parts.Sha256Of400B",
                () =>
                    System.Security.Cryptography.SHA256.HashData(canonicalUtf8.AsSpan(0, 400), hash)
            ),
            ("Parts.WalkTree", () => Walk(materialized, gvm: true)),
            ("Parts.WalkTreeNoValues", () => Walk(materialized, gvm: false)),
            (
                "Parts.ConfigCanon",
                () =>
                    Credstack
                        .LinkedData.Canonicalization.RdfCanonicalizer.Canonicalize(
                            Credstack.LinkedData.JsonLd.JsonLdProcessor.ToRdf(config)
                        )
                        .NQuads.Length.ToString(CultureInfo.InvariantCulture)
            ),
            ("Parts.ConfigToRdf", () => Credstack.LinkedData.JsonLd.JsonLdProcessor.ToRdf(config)),
            (
                "Parts.ConfigRdfc",
                () =>
                    Credstack.LinkedData.Canonicalization.RdfCanonicalizer.Canonicalize(configQuads)
            ),
            (
                "Parts.ConfigExpand",
                () => Credstack.LinkedData.JsonLd.JsonLdProcessor.Expand(config)
            ),
            ("Parts.JsonParse", () => JsonNode.Parse(credential.ToJsonString())),
            ("Parts.JsonTextParse", () => JsonText.Parse(credential.ToJsonString())),
            ("Parts.ToJsonString", () => credential.ToJsonString()),
            ("Parts.JsonTextParseText", () => JsonText.Parse(credentialText)),
            ("Parts.JsonDocumentParseText", () => JsonDocument.Parse(credentialText).Dispose()),
            (
                "Parts.ExpandInternal",
                () =>
                    Credstack.LinkedData.JsonLd.Expansion.Expander.ExpandInternal(
                        eager,
                        jsonLdOptions,
                        null
                    )
            ),
            (
                "Parts.ToRdfInternal",
                () =>
                    Credstack.LinkedData.JsonLd.JsonLdProcessor.ToRdfFromInternal(
                        expandedInternal,
                        jsonLdOptions
                    )
            ),
            (
                "Parts.NodeMapInternal",
                () =>
                {
                    var nodeMap = Credstack.LinkedData.JsonLd.ToRdf.NodeMapBuilder.Rent(258);
                    nodeMap.Add(expandedInternal);
                    nodeMap.Return();
                }
            ),
            ("LinkedData.Expand", () => linked.Expand()),
            ("LinkedData.ToRdf", () => linked.ToRdf()),
            ("LinkedData.Canonicalize", () => linked.Canonicalize()),
            ("Parts.RdfcToNQuads", () => linked.CanonicalNQuadsOnly()),
            ("LinkedData.JsonLdToCanonicalNQuads", () => linked.JsonLdToCanonicalNQuads()),
            (
                "LinkedData.ParsedJsonLdToCanonicalNQuads",
                () => linked.ParsedJsonLdToCanonicalNQuads()
            ),
            (
                "LinkedData.JsonLdToCanonicalNQuadsLazyParse",
                () => linked.JsonLdToCanonicalNQuadsLazyParse()
            ),
            ("DataIntegrity.SignEddsaRdfc2022", () => di.SignEddsaRdfc2022()),
            ("DataIntegrity.VerifyEddsaRdfc2022", () => di.VerifyEddsaRdfc2022()),
            ("DataIntegrity.SignEddsaJcs2022", () => di.SignEddsaJcs2022()),
            ("DataIntegrity.VerifyEddsaJcs2022", () => di.VerifyEddsaJcs2022()),
            ("DataIntegrity.CreateProofEddsaRdfc2022", () => di.CreateProofEddsaRdfc2022()),
            ("DataIntegrity.CreateProofEddsaJcs2022", () => di.CreateProofEddsaJcs2022()),
            (
                "DataIntegrity.SignEddsaJcs2022WithoutEd25519",
                () => di.SignEddsaJcs2022WithoutEd25519()
            ),
            (
                "DataIntegrity.CreateProofEddsaJcs2022WithoutEd25519",
                () => di.CreateProofEddsaJcs2022WithoutEd25519()
            ),
            ("DataIntegrity.CreateProofEcdsaRdfc2019", () => di.CreateProofEcdsaRdfc2019()),
            ("DataIntegrity.VerifyEcdsaRdfc2019", () => di.VerifyEcdsaRdfc2019()),
            ("DataIntegrity.CreateProofEcdsaJcs2019", () => di.CreateProofEcdsaJcs2019()),
            ("DataIntegrity.VerifyEcdsaJcs2019", () => di.VerifyEcdsaJcs2019()),
            ("DataIntegrity.PrepareEddsaJcs2022", () => di.PrepareEddsaJcs2022()),
        };
        foreach (var (name, op) in cases)
        {
            // A filter is a part of the case name; one ending in '$' must end the name.
            // Several filters separated by '|': a case runs when it matches any of them.
            if (
                filter.Length > 0
                && !filter
                    .Split('|')
                    .Any(f =>
                        f.EndsWith('$')
                            ? name.EndsWith(f[..^1], StringComparison.OrdinalIgnoreCase)
                            : name.Contains(f, StringComparison.OrdinalIgnoreCase)
                    )
            )
            {
                continue;
            }
            // CREDSTACK_BENCH_COUNT=N: a fixed 3,000 warm-up calls and then N calls, no timing, for
            // instruction counting under `valgrind --tool=callgrind` (run with N and with 0; the
            // difference / N), which a loaded machine does not disturb.
            if (
                int.TryParse(
                    Environment.GetEnvironmentVariable("CREDSTACK_BENCH_COUNT"),
                    CultureInfo.InvariantCulture,
                    out var fixedCount
                )
            )
            {
                // CREDSTACK_BENCH_WARMUP: the warm-up calls (3,000 unless set; with
                // DOTNET_TieredCompilation=0 a few suffice).
                var warmUp = int.TryParse(
                    Environment.GetEnvironmentVariable("CREDSTACK_BENCH_WARMUP"),
                    CultureInfo.InvariantCulture,
                    out var w
                )
                    ? w
                    : 3000;
                for (var i = 0; i < warmUp + fixedCount; i++)
                {
                    op();
                }
                continue;
            }
            // Warm up past tiered compilation (tier-1 with dynamic PGO comes after ~100 ms of calls).
            var warmStart = ThreadCpu();
            do
            {
                for (var i = 0; i < 50; i++)
                {
                    op();
                }
            } while ((ThreadCpu() - warmStart).TotalMilliseconds < 600);
            var best = double.MaxValue;
            for (var round = 0; round < 5; round++)
            {
                var start = ThreadCpu();
                var n = 0;
                TimeSpan elapsed;
                do
                {
                    for (var i = 0; i < 100; i++)
                    {
                        op();
                    }
                    n += 100;
                    elapsed = ThreadCpu() - start;
                } while (elapsed.TotalMilliseconds < 300);
                best = Math.Min(best, elapsed.TotalMicroseconds / n);
            }
            var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < 100; i++)
            {
                op();
            }
            var allocated =
                (GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / 100.0 / 1024;
            Console.WriteLine(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"{name, -40} {best, 9:F2} µs CPU/op  {1e6 / best, 10:F0} /s  {allocated, 8:F2} KB/op"
                )
            );
        }
    }

    private static Credstack.Credentials.Keys.Ed25519.FieldElement51 _fieldAcc = new(1, 2, 3, 4, 5);

    // 1,000 dependent field multiplications (radix 2^51), for the cost of one in the table verifier.
    private static void FieldMul1000()
    {
        var a = _fieldAcc;
        var b = new Credstack.Credentials.Keys.Ed25519.FieldElement51(7, 8, 9, 10, 11);
        for (int i = 0; i < 1000; i++)
        {
            a = Credstack.Credentials.Keys.Ed25519.FieldElement51.Mul(a, b);
        }
        _fieldAcc = a;
    }
}
