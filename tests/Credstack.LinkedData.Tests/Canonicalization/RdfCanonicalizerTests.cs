using System.Text;
using Credstack.LinkedData.Canonicalization;
using Credstack.LinkedData.Rdf;

namespace Credstack.LinkedData.Tests.Canonicalization;

public sealed class RdfCanonicalizerTests
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);

    [Fact]
    public void Canonicalize_AstralAndHighBmpCharacters_SortsInCodePointOrder()
    {
        // UTF-16 ordinal order puts U+1F303 (surrogates D83C DF03) before U+FFFD; code point order after.
        var s = RdfTerm.Iri("urn:ex:s");
        var p = RdfTerm.Iri("urn:ex:p");
        var quads = new[]
        {
            new Quad(s, p, RdfTerm.Literal("\U0001F303")),
            new Quad(s, p, RdfTerm.Literal("\uFFFD")),
            new Quad(s, p, RdfTerm.Literal("\uE000")),
        };

        var result = RdfCanonicalizer.Canonicalize(quads);

        Assert.Equal(
            "<urn:ex:s> <urn:ex:p> \"\uE000\" .\n"
                + "<urn:ex:s> <urn:ex:p> \"\uFFFD\" .\n"
                + "<urn:ex:s> <urn:ex:p> \"\U0001F303\" .\n",
            result.NQuads
        );
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Canonicalize_TermsThatArePrefixesOfOthers_GivesLinesInCodePointOrder(
        bool subjectsInOneRunEach
    )
    {
        // The final sort compares quads slot by slot (by runs of one subject when the input has
        // them); the lines must still come out in line order.
        var text = new StringBuilder();
        if (subjectsInOneRunEach)
        {
            text.Append("<urn:a/b> <urn:ex:p> <urn:a> .\n");
        }
        for (var i = 0; i < 12; i++)
        {
            // Twelve blank nodes, so that _:c14n1 is a prefix of _:c14n10 and _:c14n11.
            text.Append($"_:n{i} <urn:ex:p> \"{i}\" .\n");
            text.Append($"_:n{i} <urn:ex:next> _:n{(i + 1) % 12} <urn:ex:g> .\n");
        }
        text.Append("<urn:a> <urn:ex:p> \"a\" .\n");
        text.Append("<urn:a> <urn:ex:p> \"a\"@en .\n");
        text.Append("<urn:a> <urn:ex:p> \"a\"@en-gb <urn:ex:g> .\n");
        text.Append("<urn:a> <urn:ex:p> \"a\"^^<urn:ex:t> .\n");
        text.Append("<urn:a> <urn:ex:p> \"a b\" .\n");
        text.Append("<urn:a> <urn:ex:p> <urn:a> <urn:ex:g> .\n");
        if (!subjectsInOneRunEach)
        {
            text.Append("<urn:a/b> <urn:ex:p> <urn:a> .\n");
        }
        text.Append("<urn:a> <urn:ex:p2> <urn:a> .\n");
        text.Append("<urn:a> <urn:ex:p> <urn:a> .\n");

        var nquads = RdfCanonicalizer.Canonicalize(NQuads.Parse(text.ToString())).NQuads;

        Assert.Equal(nquads, RdfCanonicalizer.ToCanonicalNQuads(NQuads.Parse(text.ToString())));
        var lines = nquads.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(33, lines.Length);
        for (var i = 1; i < lines.Length; i++)
        {
            Assert.True(
                CodePointOrder.Compare(lines[i - 1] + "\n", lines[i] + "\n") < 0,
                $"line {i - 1} sorts after line {i}:\n{lines[i - 1]}\n{lines[i]}"
            );
        }
    }

    [Fact]
    public void Canonicalize_LanguageTagWithControlCharacter_StillSortsWholeLines()
    {
        // A tag that continues with a character below the space: slot order and line order differ,
        // so the canonicalizer must fall back to sorting the composed lines.
        var s = RdfTerm.Iri("urn:ex:s");
        var p = RdfTerm.Iri("urn:ex:p");
        var quads = new[]
        {
            new Quad(s, p, RdfTerm.Literal("a", null, "en"), RdfTerm.Iri("urn:ex:g")),
            new Quad(s, p, RdfTerm.Literal("a", null, "en\u0001")),
        };

        var nquads = RdfCanonicalizer.ToCanonicalNQuads(quads);

        Assert.Equal(
            "<urn:ex:s> <urn:ex:p> \"a\"@en\u0001 .\n"
                + "<urn:ex:s> <urn:ex:p> \"a\"@en <urn:ex:g> .\n",
            nquads
        );
    }

    [Theory]
    [InlineData("a", "b", -1)]
    [InlineData("ab", "a", 1)]
    [InlineData("", "", 0)]
    [InlineData("\uFFFF", "\U00010000", -1)]
    [InlineData("\uE000", "\uD7FF", 1)]
    [InlineData("\U00010000", "\U0010FFFF", -1)]
    public void CodePointOrder_Compare_OrdersByCodePoint(string a, string b, int sign) =>
        Assert.Equal(sign, Math.Sign(CodePointOrder.Compare(a, b)));

    [Fact]
    public void Canonicalize_DuplicateQuads_AreRemoved()
    {
        const string Text =
            "_:x <urn:ex:p> _:y .\n_:y <urn:ex:q> \"v\" .\n<urn:ex:s> <urn:ex:p> \"g\" .\n";
        var once = NQuads.Parse(Text);
        var twice = NQuads.Parse(Text + Text);

        var expected = RdfCanonicalizer.Canonicalize(once);
        var actual = RdfCanonicalizer.Canonicalize(twice);

        Assert.Equal(expected.NQuads, actual.NQuads);
        Assert.Equal(3, actual.Quads.Count);
        Assert.Equal(expected.IssuedIdentifiers, actual.IssuedIdentifiers);
    }

    [Theory]
    [InlineData("_:a <urn:ex:p> _:b .\n_:b <urn:ex:p> _:a .\n", "_:a <urn:ex:p> _:b .\n")]
    [InlineData(
        "_:a <urn:ex:p> _:b .\n_:b <urn:ex:p> _:c .\n_:c <urn:ex:p> _:a .\n",
        "_:b <urn:ex:p> _:c .\n_:a <urn:ex:p> _:b .\n"
    )]
    [InlineData(
        "_:a <urn:ex:p> _:b _:g .\n_:b <urn:ex:p> _:a _:g .\n_:a <urn:ex:q> \"v\" .\n",
        "_:b <urn:ex:p> _:a _:g .\n_:a <urn:ex:q> \"v\" .\n"
    )]
    public void Canonicalize_DuplicatesOfQuadsWithBlankNodes_CountOnce(
        string text,
        string duplicated
    )
    {
        // Duplicates are dropped while the first-degree hashes are taken; Hash N-Degree Quads (these
        // graphs have shared first-degree hashes) must not see them either.
        var withCopies = NQuads.Parse(duplicated + text + duplicated);
        // The same quads in the same order of first appearance (which symmetric graphs' labels
        // depend on), each once.
        var once = withCopies.Distinct().ToList();

        var expected = RdfCanonicalizer.Canonicalize(once);
        var actual = RdfCanonicalizer.Canonicalize(withCopies);

        Assert.Equal(expected.NQuads, actual.NQuads);
        Assert.Equal(expected.IssuedIdentifiers, actual.IssuedIdentifiers);
        Assert.Equal(once.Count, actual.Quads.Count);
        Assert.Equal(expected.NQuads, RdfCanonicalizer.ToCanonicalNQuads(withCopies));
    }

    [Fact]
    public void Canonicalize_ListArrayAndOtherEnumerable_GiveTheSameResult()
    {
        // Lists and arrays are read in place, other input is copied; Hash Related Blank Node (these
        // blank nodes share first-degree hashes) reads the quads' predicates by index.
        var quads = NQuads.Parse(
            "_:a <urn:ex:p> _:b .\n_:b <urn:ex:q> _:c .\n_:c <urn:ex:p> _:a .\n"
                + "_:d <urn:ex:q> _:e .\n_:e <urn:ex:p> _:f .\n_:f <urn:ex:q> _:d .\n"
                + "<urn:ex:s> <urn:ex:p> \"v\" .\n_:a <urn:ex:p> _:b .\n"
        );
        var list = quads.ToList();
        var expected = RdfCanonicalizer.Canonicalize(list);

        foreach (var input in new IEnumerable<Quad>[] { list.ToArray(), list.Select(quad => quad) })
        {
            var result = RdfCanonicalizer.Canonicalize(input);
            Assert.Equal(expected.NQuads, result.NQuads);
            Assert.Equal(expected.Quads, result.Quads);
            Assert.Equal(expected.IssuedIdentifiers, result.IssuedIdentifiers);
            Assert.Equal(expected.NQuads, RdfCanonicalizer.ToCanonicalNQuads(input));
        }
        Assert.Equal(7, expected.Quads.Count);
        Assert.Contains("_:c14n5", expected.NQuads, StringComparison.Ordinal);
    }

    [Fact]
    public void Canonicalize_ConsecutiveSubjectsWithOneValueInstance_KeepTheirOwnTerms()
    {
        // The loader reuses the last quad's subject slot for the same subject: the same string
        // instance as an IRI, a blank node label or literals of different datatypes (generalized
        // RDF) is not the same subject.
        var value = "urn:ex:" + "x";
        var p = RdfTerm.Iri("urn:ex:p");
        Quad[] quads =
        [
            new(RdfTerm.Iri(value), p, RdfTerm.Literal("1")),
            new(RdfTerm.BlankNode(value), p, RdfTerm.Literal("2")),
            new(RdfTerm.Literal(value, "urn:ex:t1"), p, RdfTerm.Literal("3")),
            new(RdfTerm.Literal(value, "urn:ex:t2"), p, RdfTerm.Literal("4")),
            new(RdfTerm.Literal(value, "urn:ex:t2"), p, RdfTerm.Literal("5")),
        ];

        var nquads = RdfCanonicalizer.ToCanonicalNQuads(quads);

        Assert.Equal(
            "\"urn:ex:x\"^^<urn:ex:t1> <urn:ex:p> \"3\" .\n"
                + "\"urn:ex:x\"^^<urn:ex:t2> <urn:ex:p> \"4\" .\n"
                + "\"urn:ex:x\"^^<urn:ex:t2> <urn:ex:p> \"5\" .\n"
                + "<urn:ex:x> <urn:ex:p> \"1\" .\n"
                + "_:c14n0 <urn:ex:p> \"2\" .\n",
            nquads
        );
        Assert.Equal(nquads, RdfCanonicalizer.Canonicalize(quads).NQuads);
    }

    [Fact]
    public void CanonicalSha256_NonAsciiAndLoneSurrogates_HashesTheUtf8OfTheNQuads()
    {
        // The UTF-8 is written term by term from the sorted slots: it must be the text's UTF-8,
        // lone surrogates (U+FFFD) included.
        var p = RdfTerm.Iri("urn:ex:p");
        Quad[] quads =
        [
            new(RdfTerm.Iri("urn:ex:é"), p, RdfTerm.Literal("\U0001F303 \uD800")),
            new(RdfTerm.BlankNode("x"), p, RdfTerm.Literal("\uDC00", null, "en")),
            new(
                RdfTerm.BlankNode("x"),
                p,
                RdfTerm.Literal("a\uD83C"),
                RdfTerm.Iri("urn:ex:g\u00FF")
            ),
        ];
        var hash = new byte[32];

        RdfCanonicalizer.CanonicalSha256(quads, hash);

        Assert.Equal(
            System.Security.Cryptography.SHA256.HashData(
                Encoding.UTF8.GetBytes(RdfCanonicalizer.ToCanonicalNQuads(quads))
            ),
            hash
        );
    }

    [Fact]
    public void HashFirstDegreeQuads_CopiesOfAQuad_AreHashedOnce()
    {
        var run = new Rdfc10(RdfcOptions.Default);

        run.Run(NQuads.Parse("_:a <urn:ex:p> _:b .\n_:a <urn:ex:p> _:b .\n"));

        // §4.6: the one quad of _:a, with _:a as _:a and _:b as _:z.
        Assert.Equal(Sha256Hex("_:a <urn:ex:p> _:z .\n"), run.FirstDegreeHashOf("a"));
    }

    [Fact]
    public void HashFirstDegreeQuads_DifferentQuadsWithTheSameLine_AreBothHashed()
    {
        var run = new Rdfc10(RdfcOptions.Default);

        run.Run(NQuads.Parse("_:a <urn:ex:p> _:b .\n_:a <urn:ex:p> _:c .\n_:a <urn:ex:p> _:b .\n"));

        // Both quads give the line "_:a <urn:ex:p> _:z ." (the copy of the first counts once).
        Assert.Equal(
            Sha256Hex("_:a <urn:ex:p> _:z .\n_:a <urn:ex:p> _:z .\n"),
            run.FirstDegreeHashOf("a")
        );
        Assert.Equal(Sha256Hex("_:z <urn:ex:p> _:a .\n"), run.FirstDegreeHashOf("b"));
    }

    private static string Sha256Hex(string text) =>
        Convert.ToHexStringLower(
            System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(text))
        );

    [Fact]
    public void Canonicalize_IriFirstSeenInADuplicateQuad_IsStillWrittenCorrectlyLater()
    {
        // The loader serializes an IRI once per string instance: an instance first met in a
        // duplicate quad (dropped) must still have its own text when a later quad uses it.
        var p = "urn:ex:" + "p";
        var pAgain = new string(p.AsSpan());
        Quad[] quads =
        [
            new(RdfTerm.BlankNode("x"), RdfTerm.Iri(p), RdfTerm.Literal("v")),
            new(RdfTerm.BlankNode("x"), RdfTerm.Iri(pAgain), RdfTerm.Literal("v")),
            new(RdfTerm.BlankNode("y"), RdfTerm.Iri(pAgain), RdfTerm.Literal("a longer literal")),
        ];

        Quad[] oneInstance =
        [
            new(RdfTerm.BlankNode("x"), RdfTerm.Iri(p), RdfTerm.Literal("v")),
            new(RdfTerm.BlankNode("y"), RdfTerm.Iri(p), RdfTerm.Literal("a longer literal")),
        ];

        var result = RdfCanonicalizer.Canonicalize(quads);

        Assert.Equal(RdfCanonicalizer.Canonicalize(oneInstance).NQuads, result.NQuads);
        Assert.Contains("_:c14n0 <urn:ex:p> ", result.NQuads, StringComparison.Ordinal);
        Assert.Contains("_:c14n1 <urn:ex:p> ", result.NQuads, StringComparison.Ordinal);
        Assert.Equal(result.NQuads, RdfCanonicalizer.ToCanonicalNQuads(quads));
    }

    [Fact]
    public void Canonicalize_RelabelledAndReorderedInput_GivesTheSameResult()
    {
        var a = NQuads.Parse(
            "_:a <urn:ex:p> _:b .\n_:b <urn:ex:p> _:c .\n_:c <urn:ex:p> _:a .\n"
                + "_:a <urn:ex:name> \"x\" .\n_:c <urn:ex:q> _:d _:g .\n<urn:ex:s> <urn:ex:r> _:d .\n"
        );
        var b = NQuads.Parse(
            "<urn:ex:s> <urn:ex:r> _:n4 .\n_:n3 <urn:ex:q> _:n4 _:n9 .\n_:n1 <urn:ex:name> \"x\" .\n"
                + "_:n3 <urn:ex:p> _:n1 .\n_:n2 <urn:ex:p> _:n3 .\n_:n1 <urn:ex:p> _:n2 .\n"
        );

        var ra = RdfCanonicalizer.Canonicalize(a);
        var rb = RdfCanonicalizer.Canonicalize(b);

        Assert.Equal(ra.NQuads, rb.NQuads);
        Assert.Equal(5, ra.IssuedIdentifiers.Count);
        Assert.Equal(ra.IssuedIdentifiers["a"], rb.IssuedIdentifiers["n1"]);
        Assert.Equal(ra.IssuedIdentifiers["g"], rb.IssuedIdentifiers["n9"]);
    }

    [Fact]
    public void Canonicalize_Sha384_DiffersFromSha256OnlyInLabelsWhenHashesDecide()
    {
        var quads = NQuads.Parse(
            "_:a <urn:ex:p> \"1\" .\n_:b <urn:ex:p> \"2\" .\n_:c <urn:ex:p> \"3\" .\n"
        );

        var sha256 = RdfCanonicalizer.Canonicalize(quads);
        var sha384 = RdfCanonicalizer.Canonicalize(
            quads,
            new RdfcOptions { HashAlgorithm = RdfcHashAlgorithm.Sha384 }
        );

        Assert.Equal(3, sha256.IssuedIdentifiers.Count);
        Assert.Equal(3, sha384.IssuedIdentifiers.Count);
        Assert.NotEqual(
            string.Join(
                ",",
                sha256.IssuedIdentifiers.OrderBy(kv => kv.Key, StringComparer.Ordinal)
            ),
            string.Join(",", sha384.IssuedIdentifiers.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        );
    }

    [Fact]
    public void Canonicalize_GroundDataset_SortsAndKeepsQuadsUnchanged()
    {
        var quads = NQuads.Parse(
            "<urn:ex:b> <urn:ex:p> \"2\" <urn:ex:g> .\n<urn:ex:a> <urn:ex:p> \"1\"@en .\n"
        );

        var result = RdfCanonicalizer.Canonicalize(quads);

        Assert.Equal(
            "<urn:ex:a> <urn:ex:p> \"1\"@en .\n<urn:ex:b> <urn:ex:p> \"2\" <urn:ex:g> .\n",
            result.NQuads
        );
        Assert.Equal([quads[1], quads[0]], result.Quads);
        Assert.Empty(result.IssuedIdentifiers);
    }

    [Fact]
    public void Canonicalize_EmptyDataset_ReturnsEmptyDocument()
    {
        var result = RdfCanonicalizer.Canonicalize([]);

        Assert.Equal("", result.NQuads);
        Assert.Empty(result.Quads);
    }

    [Theory]
    [InlineData(10, 1)]
    [InlineData(6, 8)]
    [InlineData(12, 2)]
    public async Task Canonicalize_IsomorphicBlankNodeCliques_IsRefusedWithinTheWorkBudget(
        int cliqueSize,
        int cliques
    )
    {
        var quads = NQuads.Parse(Cliques(cliqueSize, cliques));
        var run = new Rdfc10(RdfcOptions.Default);

        var task = Task.Run(() =>
            Assert.Throws<RdfCanonicalizationException>(() => run.Run(quads))
        );

        // A guard against hanging, not a speed assertion: the work budget is what is checked below.
        Assert.Same(task, await Task.WhenAny(task, Task.Delay(HangGuard)));
        var error = await task;
        Assert.Contains("work limit", error.Message, StringComparison.Ordinal);
        var blankNodes = cliqueSize * cliques;
        Assert.True(
            run.DeepIterations
                <= (long)RdfcOptions.Default.MaxDeepIterationsPerBlankNode * blankNodes + 1
        );
        Assert.True(run.Permutations <= RdfcOptions.Default.MaxPermutations + 1);
    }

    [Fact]
    public void Canonicalize_PermutationLimit_RefusesWideSymmetricGraphs()
    {
        // A blank node hub linked to 9 leaves that share one hash: 9! orderings of the leaves.
        var sb = new StringBuilder();
        for (var hub = 0; hub < 2; hub++)
        {
            for (var leaf = 0; leaf < 9; leaf++)
            {
                sb.Append($"_:h{hub} <urn:ex:p> _:l{hub}x{leaf} .\n");
            }
        }
        var quads = NQuads.Parse(sb.ToString());

        var error = Assert.Throws<RdfCanonicalizationException>(() =>
            RdfCanonicalizer.Canonicalize(quads, new RdfcOptions { MaxPermutations = 1_000 })
        );

        Assert.Contains("permutations", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Canonicalize_LongChainOfLookAlikeBlankNodes_IsRefusedWithoutOverflowingTheStack()
    {
        // A ring: every node has the same first-degree hash, and Hash N-Degree Quads recurses along it.
        // On a thread with a small stack the recursion runs out of stack long before the call limit.
        var sb = new StringBuilder();
        const int Length = 20_000;
        for (var i = 0; i < Length; i++)
        {
            sb.Append($"_:n{i} <urn:ex:next> _:n{(i + 1) % Length} .\n");
        }
        var quads = NQuads.Parse(sb.ToString());
        Exception? caught = null;

        var thread = new Thread(
            () =>
            {
                try
                {
                    RdfCanonicalizer.Canonicalize(quads);
                }
                catch (Exception ex)
                {
                    caught = ex;
                }
            },
            256 * 1024
        );
        thread.Start();

        Assert.True(thread.Join(HangGuard), "canonicalization of a long chain did not stop");
        var error = Assert.IsType<RdfCanonicalizationException>(caught);
        Assert.Contains("too deep", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Canonicalize_ShortChainOfLookAlikeBlankNodes_IsCanonicalized()
    {
        var result = RdfCanonicalizer.Canonicalize(
            NQuads.Parse(
                "_:a <urn:ex:next> _:b .\n_:b <urn:ex:next> _:c .\n_:c <urn:ex:next> _:a .\n"
            )
        );

        Assert.Equal(
            "_:c14n0 <urn:ex:next> _:c14n2 .\n_:c14n1 <urn:ex:next> _:c14n0 .\n_:c14n2 <urn:ex:next> _:c14n1 .\n",
            result.NQuads
        );
    }

    [Fact]
    public void Canonicalize_HubsWithThousandsOfLookAlikeLeaves_IsRefusedBeforePermuting()
    {
        // 5000! orderings of a hub's leaves can never fit the permutation budget.
        var sb = new StringBuilder();
        for (var hub = 0; hub < 2; hub++)
        {
            for (var leaf = 0; leaf < 5_000; leaf++)
            {
                sb.Append($"_:h{hub} <urn:ex:p> _:l{hub}x{leaf} .\n");
            }
        }
        var run = new Rdfc10(RdfcOptions.Default);

        var error = Assert.Throws<RdfCanonicalizationException>(() =>
            run.Run(NQuads.Parse(sb.ToString()))
        );

        Assert.Contains("permutations", error.Message, StringComparison.Ordinal);
        // At most the one permutation of a leaf's single related node (the hub) before the refusal.
        Assert.InRange(run.Permutations, 0, 1);
    }

    [Fact]
    public void Canonicalize_SmallClique_IsAllowedByTheDefaultLimits()
    {
        var result = RdfCanonicalizer.Canonicalize(NQuads.Parse(Cliques(4, 2)));

        Assert.Equal(8, result.IssuedIdentifiers.Count);
    }

    private static string Cliques(int size, int count)
    {
        var sb = new StringBuilder();
        for (var c = 0; c < count; c++)
        {
            for (var i = 0; i < size; i++)
            {
                for (var j = 0; j < size; j++)
                {
                    sb.Append($"_:c{c}n{i} <urn:ex:p> _:c{c}n{j} .\n");
                }
            }
        }
        return sb.ToString();
    }
}
