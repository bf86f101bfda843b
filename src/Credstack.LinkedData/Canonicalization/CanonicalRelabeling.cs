using System.Diagnostics.CodeAnalysis;
using Credstack.LinkedData.Rdf;

namespace Credstack.LinkedData.Canonicalization;

/// <summary>
/// Canonical N-Quads whose canonical blank node labels are replaced through a label map, as the selective
/// disclosure cryptosuites use them (VC DI ECDSA 1.0 §3.4.1 labelReplacementCanonicalizeNQuads, steps 2–3:
/// the canonical identifier map passed through a label map, then the canonical N-Quads with the new labels).
/// </summary>
public static class CanonicalRelabeling
{
    /// <summary>
    /// The quads of <paramref name="canonical"/> (labelled <c>c14nN</c>) with every blank node label replaced
    /// by its value in <paramref name="newLabels"/> (keyed by the canonical label, without <c>_:</c>), each
    /// written as a canonical N-Quads line ending in <c>\n</c>, the lines sorted in code point order (the
    /// order of canonical N-Quads, RDFC-1.0 §4.4). Returns false, with the canonical label, when a blank node
    /// of the dataset has no entry in <paramref name="newLabels"/>. Entries for other labels are ignored.
    /// </summary>
    /// <exception cref="ArgumentException">A new label that is used is empty, starts with <c>-</c> or holds a
    /// character other than an ASCII letter, digit, <c>-</c> or <c>_</c> (so that every line stays a valid
    /// N-Quad).</exception>
    public static bool TryReplaceLabels(
        CanonicalizationResult canonical,
        IReadOnlyDictionary<string, string> newLabels,
        [NotNullWhen(true)] out string[]? lines,
        [NotNullWhen(false)] out string? missingLabel
    )
    {
        ArgumentNullException.ThrowIfNull(canonical);
        ArgumentNullException.ThrowIfNull(newLabels);
        lines = null;
        missingLabel = null;
        var quads = canonical.Quads;
        var result = new string[quads.Count];
        for (var i = 0; i < quads.Count; i++)
        {
            var q = quads[i];
            if (
                !TryReplace(q.Subject, newLabels, out var subject, ref missingLabel)
                || !TryReplace(q.Predicate, newLabels, out var predicate, ref missingLabel)
                || !TryReplace(q.Object, newLabels, out var obj, ref missingLabel)
                || !TryReplace(q.Graph, newLabels, out var graph, ref missingLabel)
            )
            {
                missingLabel ??= string.Empty;
                return false;
            }
            result[i] = NQuads.FormatQuad(new Quad(subject, predicate, obj, graph));
        }
        Array.Sort(result, static (a, b) => CodePointOrder.Compare(a, b));
        lines = result;
        return true;
    }

    private static bool TryReplace(
        RdfTerm term,
        IReadOnlyDictionary<string, string> newLabels,
        out RdfTerm replaced,
        ref string? missingLabel
    )
    {
        replaced = term;
        if (!term.IsBlankNode)
        {
            return true;
        }
        if (!newLabels.TryGetValue(term.Value, out var label))
        {
            missingLabel = term.Value;
            return false;
        }
        if (!IsSafeLabel(label))
        {
            throw new ArgumentException(
                $"the new label for '{term.Value}' is not a blank node label of ASCII letters, digits, '-' (not first) and '_'",
                nameof(newLabels)
            );
        }
        replaced = RdfTerm.BlankNode(label);
        return true;
    }

    private static bool IsSafeLabel(string label)
    {
        // N-Quads BLANK_NODE_LABEL: '-' may not come first.
        if (label.Length == 0 || label[0] == '-')
        {
            return false;
        }
        foreach (var c in label)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                return false;
            }
        }
        return true;
    }
}
