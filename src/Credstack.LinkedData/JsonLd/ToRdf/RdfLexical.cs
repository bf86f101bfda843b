using System.Globalization;

namespace Credstack.LinkedData.JsonLd.ToRdf;

/// <summary>Lexical forms and well-formedness checks used by toRdf (JSON-LD 1.1 API §8.2).</summary>
internal static class RdfLexical
{
    public const string Rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    public const string RdfType = Rdf + "type";
    public const string RdfFirst = Rdf + "first";
    public const string RdfRest = Rdf + "rest";
    public const string RdfNil = Rdf + "nil";
    public const string RdfValue = Rdf + "value";
    public const string RdfLanguage = Rdf + "language";
    public const string RdfDirection = Rdf + "direction";
    public const string RdfJson = Rdf + "JSON";
    public const string XsdBoolean = "http://www.w3.org/2001/XMLSchema#boolean";
    public const string XsdInteger = "http://www.w3.org/2001/XMLSchema#integer";
    public const string XsdDouble = "http://www.w3.org/2001/XMLSchema#double";
    public const string I18n = "https://www.w3.org/ns/i18n#";

    /// <summary>
    /// The canonical xsd:double form JSON-LD uses (JSON-LD 1.1 API §8.2 step 10 and its note): a mantissa
    /// with one non-zero digit before the point and at least one after (up to 15, trailing zeros removed),
    /// <c>E</c>, and the exponent without <c>+</c> or leading zeros — as ECMAScript's
    /// <c>toExponential(15)</c> with the zeros and <c>+</c> stripped.
    /// </summary>
    public static string FormatDouble(double value)
    {
        if (value == 0)
        {
            return "0.0E0";
        }
        Span<char> buffer = stackalloc char[40];
        // "E15" rounds to 16 significant digits, as toExponential(15) does: d.dddddddddddddddE+ddd.
        value.TryFormat(buffer, out var written, "E15", CultureInfo.InvariantCulture);
        ReadOnlySpan<char> text = buffer[..written];
        var e = text.IndexOf('E');
        var mantissa = text[..e];
        var end = mantissa.Length;
        var point = mantissa.IndexOf('.');
        while (end > point + 2 && mantissa[end - 1] == '0')
        {
            end--;
        }
        var exponent = int.Parse(
            text[(e + 1)..],
            NumberStyles.AllowLeadingSign,
            CultureInfo.InvariantCulture
        );
        Span<char> result = stackalloc char[48];
        mantissa[..end].CopyTo(result);
        var length = end;
        result[length++] = 'E';
        exponent.TryFormat(
            result[length..],
            out var expLength,
            default,
            CultureInfo.InvariantCulture
        );
        length += expLength;
        return new string(result[..length]);
    }

    /// <summary>The xsd:integer form of an integral double (ECMAScript <c>toFixed(0)</c>; -0 is 0).</summary>
    public static string FormatInteger(double value)
    {
        if (value == 0)
        {
            return "0";
        }
        if (Math.Abs(value) < 9007199254740992d)
        {
            return ((long)value).ToString(CultureInfo.InvariantCulture);
        }
        return value.ToString("F0", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Whether <paramref name="iri"/> is a well-formed absolute IRI for RDF (RDF 1.1 Concepts §3.2): a
    /// scheme, none of the characters IRIREF excludes (spaces, controls, <c>&lt;&gt;"{}|^`\</c>), and at
    /// most one <c>#</c> (RFC 3987: a fragment holds no <c>#</c>).
    /// </summary>
    public static bool IsWellFormedIri(string iri)
    {
        if (iri.Length == 0 || !char.IsAsciiLetter(iri[0]))
        {
            return false;
        }
        var i = 1;
        while (i < iri.Length)
        {
            var c = iri[i];
            if (c == ':')
            {
                break;
            }
            if (!char.IsAsciiLetterOrDigit(c) && c != '+' && c != '-' && c != '.')
            {
                return false;
            }
            i++;
        }
        if (i == iri.Length)
        {
            return false;
        }
        var fragment = false;
        for (i++; i < iri.Length; i++)
        {
            var c = iri[i];
            if (c <= ' ')
            {
                return false;
            }
            switch (c)
            {
                case '#':
                    // RFC 3987: the fragment starts at the first '#' and may not contain another.
                    if (fragment)
                    {
                        return false;
                    }
                    fragment = true;
                    break;
                case '<':
                case '>':
                case '"':
                case '{':
                case '}':
                case '|':
                case '^':
                case '`':
                case '\\':
                    return false;
            }
        }
        return true;
    }

    /// <summary>Whether a blank node identifier is well formed (<c>_:</c> and a non-empty label).</summary>
    public static bool IsWellFormedBlankNode(string id) =>
        id.Length > 2 && id[0] == '_' && id[1] == ':';

    /// <summary>A well-formed IRI or blank node identifier.</summary>
    public static bool IsWellFormedNodeId(string id) =>
        NodeMapBuilder.IsBlank(id) ? IsWellFormedBlankNode(id) : IsWellFormedIri(id);

    /// <summary>Whether a language tag is well formed (BCP 47 shape: <c>[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*</c>).</summary>
    public static bool IsWellFormedLanguage(string tag)
    {
        var segment = 0;
        var first = true;
        foreach (var c in tag)
        {
            if (c == '-')
            {
                if (segment == 0)
                {
                    return false;
                }
                segment = 0;
                first = false;
                continue;
            }
            if (!(first ? char.IsAsciiLetter(c) : char.IsAsciiLetterOrDigit(c)))
            {
                return false;
            }
            if (++segment > 8)
            {
                return false;
            }
        }
        return segment > 0;
    }
}
