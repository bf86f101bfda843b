using System.Buffers;
using System.Text;

namespace Credstack.LinkedData.Rdf;

/// <summary>
/// N-Quads serialization (RDF 1.1 N-Quads) in the canonical form used by RDFC-1.0 (RDF 1.2 N-Triples §
/// "Canonical N-Triples"): one quad per line, a single space between terms, <c>\n</c> line ends, literal
/// escapes <c>\b \t \n \f \r \" \\</c> and <c>\u00XX</c> (upper-case hex) for the other control characters
/// and U+007F; every other character, including non-ASCII, is written as itself.
/// </summary>
public static partial class NQuads
{
    // IRIREF forbids control characters, space and <>"{}|^`\ ; they can only come from a decoded UCHAR
    // and are written back as UCHAR so the line stays parseable.
    private static readonly SearchValues<char> IriEscapes = SearchValues.Create(
        "\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u0009\u000A\u000B\u000C\u000D\u000E\u000F"
            + "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F"
            + " <>\"{}|^`\\"
    );

    // Canonical N-Triples: ECHAR for \b \t \n \f \r \" \\, UCHAR for the other controls and U+007F.
    private static readonly SearchValues<char> LiteralEscapes = SearchValues.Create(
        "\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u0009\u000A\u000B\u000C\u000D\u000E\u000F"
            + "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F"
            + "\"\\\u007F"
    );

    [ThreadStatic]
    private static CharBuffer? _scratch;

    /// <summary>Formats one term as it appears in N-Quads.</summary>
    public static string FormatTerm(RdfTerm term)
    {
        var buffer = RentScratch();
        AppendTerm(buffer, term);
        return buffer.AsSpan().ToString();
    }

    /// <summary>Formats one quad as an N-Quads line, with its terminating <c>\n</c>.</summary>
    public static string FormatQuad(Quad quad)
    {
        var buffer = RentScratch();
        AppendQuad(buffer, quad);
        return buffer.AsSpan().ToString();
    }

    /// <summary>Serializes quads as N-Quads, in the order given.</summary>
    public static string Serialize(IEnumerable<Quad> quads)
    {
        ArgumentNullException.ThrowIfNull(quads);
        var buffer = new CharBuffer(4096);
        foreach (var quad in quads)
        {
            AppendQuad(buffer, quad);
        }
        return buffer.AsSpan().ToString();
    }

    /// <summary>Appends one quad as an N-Quads line, with its terminating <c>\n</c>.</summary>
    public static void AppendQuad(StringBuilder sb, Quad quad)
    {
        ArgumentNullException.ThrowIfNull(sb);
        var buffer = RentScratch();
        AppendQuad(buffer, quad);
        sb.Append(buffer.AsSpan());
    }

    /// <summary>Appends one term in N-Quads syntax.</summary>
    public static void AppendTerm(StringBuilder sb, RdfTerm term)
    {
        ArgumentNullException.ThrowIfNull(sb);
        var buffer = RentScratch();
        AppendTerm(buffer, term);
        sb.Append(buffer.AsSpan());
    }

    internal static void AppendQuad(CharBuffer buffer, Quad quad)
    {
        AppendTerm(buffer, quad.Subject);
        buffer.Append(' ');
        AppendTerm(buffer, quad.Predicate);
        buffer.Append(' ');
        AppendTerm(buffer, quad.Object);
        if (!quad.Graph.IsDefaultGraph)
        {
            buffer.Append(' ');
            AppendTerm(buffer, quad.Graph);
        }
        buffer.Append(" .\n");
    }

    internal static void AppendTerm(CharBuffer buffer, RdfTerm term)
    {
        switch (term.Kind)
        {
            case RdfTermKind.Iri:
                buffer.Append('<');
                AppendIri(buffer, term.Value);
                buffer.Append('>');
                break;
            case RdfTermKind.BlankNode:
                buffer.Append("_:");
                buffer.Append(term.Value);
                break;
            case RdfTermKind.Literal:
                buffer.Append('"');
                AppendEscapedLiteral(buffer, term.Value);
                buffer.Append('"');
                if (term.Language is not null)
                {
                    buffer.Append('@');
                    buffer.Append(term.Language);
                }
                else if (term.Datatype is not null && term.Datatype != RdfTerm.XsdString)
                {
                    // Canonical N-Triples omits ^^xsd:string.
                    buffer.Append("^^<");
                    AppendIri(buffer, term.Datatype);
                    buffer.Append('>');
                }
                break;
            case RdfTermKind.DefaultGraph:
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(term));
        }
    }

    private static CharBuffer RentScratch()
    {
        var buffer = _scratch;
        // Keep the per-thread buffer small: one huge literal must not pin megabytes per thread.
        if (buffer is null || buffer.RawChars.Length > 1 << 16)
        {
            _scratch = buffer = new CharBuffer(256);
        }
        buffer.Clear();
        return buffer;
    }

    private static void AppendIri(CharBuffer buffer, string iri)
    {
        var rest = iri.AsSpan();
        int i;
        while ((i = rest.IndexOfAny(IriEscapes)) >= 0)
        {
            buffer.Append(rest[..i]);
            AppendUchar(buffer, rest[i]);
            rest = rest[(i + 1)..];
        }
        buffer.Append(rest);
    }

    private static void AppendEscapedLiteral(CharBuffer buffer, string value)
    {
        var rest = value.AsSpan();
        int i;
        while ((i = rest.IndexOfAny(LiteralEscapes)) >= 0)
        {
            buffer.Append(rest[..i]);
            switch (rest[i])
            {
                case '\\':
                    buffer.Append("\\\\");
                    break;
                case '"':
                    buffer.Append("\\\"");
                    break;
                case '\n':
                    buffer.Append("\\n");
                    break;
                case '\r':
                    buffer.Append("\\r");
                    break;
                case '\t':
                    buffer.Append("\\t");
                    break;
                case '\b':
                    buffer.Append("\\b");
                    break;
                case '\f':
                    buffer.Append("\\f");
                    break;
                default:
                    AppendUchar(buffer, rest[i]);
                    break;
            }
            rest = rest[(i + 1)..];
        }
        buffer.Append(rest);
    }

    private static void AppendUchar(CharBuffer buffer, char c)
    {
        const string Hex = "0123456789ABCDEF";
        buffer.Append("\\u");
        buffer.Append(Hex[c >> 12]);
        buffer.Append(Hex[(c >> 8) & 0xF]);
        buffer.Append(Hex[(c >> 4) & 0xF]);
        buffer.Append(Hex[c & 0xF]);
    }
}
