using System.Globalization;
using System.Text;

namespace Credstack.LinkedData.Rdf;

/// <summary>
/// N-Quads serialization (RDF 1.1 N-Quads) in the canonical form used by RDFC-1.0 (RDF 1.2 N-Triples §
/// "Canonical N-Triples"): one quad per line, a single space between terms, <c>\n</c> line ends, literal
/// escapes <c>\b \t \n \f \r \" \\</c> and <c>\u00XX</c> (upper-case hex) for the other control characters.
/// </summary>
public static partial class NQuads
{
    /// <summary>Formats one term as it appears in N-Quads.</summary>
    public static string FormatTerm(RdfTerm term)
    {
        var sb = new StringBuilder();
        AppendTerm(sb, term);
        return sb.ToString();
    }

    /// <summary>Formats one quad as an N-Quads line, with its terminating <c>\n</c>.</summary>
    public static string FormatQuad(Quad quad)
    {
        var sb = new StringBuilder(128);
        AppendQuad(sb, quad);
        return sb.ToString();
    }

    /// <summary>Serializes quads as N-Quads, in the order given.</summary>
    public static string Serialize(IEnumerable<Quad> quads)
    {
        var sb = new StringBuilder();
        foreach (var quad in quads)
        {
            AppendQuad(sb, quad);
        }
        return sb.ToString();
    }

    /// <summary>Appends one quad as an N-Quads line, with its terminating <c>\n</c>.</summary>
    public static void AppendQuad(StringBuilder sb, Quad quad)
    {
        AppendTerm(sb, quad.Subject);
        sb.Append(' ');
        AppendTerm(sb, quad.Predicate);
        sb.Append(' ');
        AppendTerm(sb, quad.Object);
        if (!quad.Graph.IsDefaultGraph)
        {
            sb.Append(' ');
            AppendTerm(sb, quad.Graph);
        }
        sb.Append(" .\n");
    }

    /// <summary>Appends one term in N-Quads syntax.</summary>
    public static void AppendTerm(StringBuilder sb, RdfTerm term)
    {
        switch (term.Kind)
        {
            case RdfTermKind.Iri:
                sb.Append('<');
                AppendIri(sb, term.Value);
                sb.Append('>');
                break;
            case RdfTermKind.BlankNode:
                sb.Append("_:").Append(term.Value);
                break;
            case RdfTermKind.Literal:
                sb.Append('"');
                AppendEscapedLiteral(sb, term.Value);
                sb.Append('"');
                if (term.Language is not null)
                {
                    sb.Append('@').Append(term.Language);
                }
                else if (term.Datatype is not null && term.Datatype != RdfTerm.XsdString)
                {
                    sb.Append("^^<");
                    AppendIri(sb, term.Datatype);
                    sb.Append('>');
                }
                break;
            case RdfTermKind.DefaultGraph:
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(term));
        }
    }

    private static void AppendIri(StringBuilder sb, string iri)
    {
        // IRIREF forbids control characters, space and <>"{}|^`\ ; escape them as UCHAR so the line stays parseable.
        foreach (var c in iri)
        {
            if (c <= 0x20 || c is '<' or '>' or '"' or '{' or '}' or '|' or '^' or '`' or '\\')
            {
                sb.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
            else
            {
                sb.Append(c);
            }
        }
    }

    private static void AppendEscapedLiteral(StringBuilder sb, string value)
    {
        foreach (var c in value)
        {
            switch (c)
            {
                case '\\':
                    sb.Append("\\\\");
                    break;
                case '"':
                    sb.Append("\\\"");
                    break;
                case '\n':
                    sb.Append("\\n");
                    break;
                case '\r':
                    sb.Append("\\r");
                    break;
                case '\t':
                    sb.Append("\\t");
                    break;
                case '\b':
                    sb.Append("\\b");
                    break;
                case '\f':
                    sb.Append("\\f");
                    break;
                default:
                    if (c < 0x20 || c == 0x7F)
                    {
                        sb.Append("\\u")
                            .Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }
                    break;
            }
        }
    }
}
