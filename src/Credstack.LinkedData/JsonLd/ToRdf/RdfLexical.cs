using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;

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
        // RFC 3987 scheme: ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":".
        var colon = iri.AsSpan(1).IndexOfAnyExcept(SchemeChars);
        if (colon < 0 || iri[colon + 1] != ':')
        {
            return false;
        }
        var rest = iri.AsSpan(colon + 2);
        if (rest.ContainsAny(InvalidIriChars))
        {
            return false;
        }
        var hash = rest.IndexOf('#');
        return hash < 0 || rest[(hash + 1)..].IndexOf('#') < 0;
    }

    /// <summary>
    /// <see cref="IsWellFormedIri"/> remembered by string identity, for the terms that are mostly the same
    /// string instances from one document to the next (predicates, types and datatypes come from the
    /// processed contexts, which are cached).
    /// </summary>
    public static bool IsWellFormedIriCached(string iri)
    {
        var slot = RuntimeHelpers.GetHashCode(iri) & (WellFormedIris.Length - 1);
        if (ReferenceEquals(Volatile.Read(ref WellFormedIris[slot]), iri))
        {
            return true;
        }
        if (!IsWellFormedIri(iri))
        {
            return false;
        }
        Volatile.Write(ref WellFormedIris[slot], iri);
        return true;
    }

    // Strings found well formed, one per slot by identity hash. Shared by all threads without a lock: a
    // slot holds a reference (written atomically) to an immutable string that passed the check, so a
    // race can only cost a miss.
    private static readonly string?[] WellFormedIris = new string?[256];

    private static readonly SearchValues<char> SchemeChars = SearchValues.Create(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+-."
    );

    // Vectorized: this check runs for every subject, predicate, object and datatype.
    private static readonly SearchValues<char> InvalidIriChars = SearchValues.Create(
        "\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u0009\u000A\u000B\u000C\u000D\u000E\u000F"
            + "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F"
            + " <>\"{}|^`\\"
    );

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
