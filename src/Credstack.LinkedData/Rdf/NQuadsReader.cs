using System.Globalization;
using System.Text;

namespace Credstack.LinkedData.Rdf;

/// <summary>
/// A single-pass reader for the RDF 1.1 N-Quads grammar (§4 "N-Quads Grammar"). Every error is an
/// <see cref="NQuadsParseException"/> carrying the 1-based line and column (in UTF-16 code units) of the
/// offending character. The reader never backtracks more than one character, so it is linear in the input.
/// </summary>
internal sealed class NQuadsReader
{
    private readonly string _text;
    private readonly StringBuilder _buffer = new();

    // Repeated IRIs (predicates, datatypes, graph names) share one string instance.
    private readonly Dictionary<string, string> _iris = new(StringComparer.Ordinal);
    private int _pos;
    private int _line = 1;
    private int _lineStart;

    public NQuadsReader(string text) => _text = text;

    public List<Quad> ReadAll()
    {
        var quads = new List<Quad>();
        while (true)
        {
            SkipWhitespaceAndComments();
            if (_pos >= _text.Length)
            {
                return quads;
            }
            if (IsEol(_text[_pos]))
            {
                ReadEol();
                continue;
            }
            quads.Add(ReadStatement());
            // statement ::= subject predicate object graphLabel? '.'; then EOL or end of input.
            SkipWhitespaceAndComments();
            if (_pos < _text.Length)
            {
                if (!IsEol(_text[_pos]))
                {
                    throw Error("expected the end of the line after '.'");
                }
                ReadEol();
            }
        }
    }

    private Quad ReadStatement()
    {
        var subject = Peek() switch
        {
            '<' => ReadIri(),
            '_' => ReadBlankNode(),
            _ => throw Error("expected a subject (an IRI or a blank node)"),
        };
        SkipWhitespace();
        if (Peek() != '<')
        {
            throw Error("expected a predicate IRI");
        }
        var predicate = ReadIri();
        SkipWhitespace();
        var obj = Peek() switch
        {
            '<' => ReadIri(),
            '_' => ReadBlankNode(),
            '"' => ReadLiteral(),
            _ => throw Error("expected an object (an IRI, a blank node or a literal)"),
        };
        SkipWhitespace();
        var graph = Peek() switch
        {
            '<' => ReadIri(),
            '_' => ReadBlankNode(),
            _ => RdfTerm.DefaultGraph,
        };
        if (!graph.IsDefaultGraph)
        {
            SkipWhitespace();
        }
        if (Peek() != '.')
        {
            throw Error(
                graph.IsDefaultGraph
                    ? "expected a graph label or '.' to end the statement"
                    : "expected '.' to end the statement"
            );
        }
        _pos++;
        return new Quad(subject, predicate, obj, graph);
    }

    // IRIREF ::= '<' ([^#x00-#x20<>"{}|^`\] | UCHAR)* '>'
    private RdfTerm ReadIri()
    {
        var start = ++_pos;
        var escaped = false;
        var text = _text;
        while (true)
        {
            if (_pos >= text.Length)
            {
                throw Error("unterminated IRI (missing '>')");
            }
            var c = text[_pos];
            if (c == '>')
            {
                break;
            }
            if (c == '\\')
            {
                if (!escaped)
                {
                    _buffer.Clear().Append(text, start, _pos - start);
                    escaped = true;
                }
                var escapePos = _pos;
                _pos++;
                var kind = Peek();
                if (kind is not ('u' or 'U'))
                {
                    _pos = escapePos;
                    throw Error("invalid escape in IRI (only \\u and \\U are allowed)");
                }
                AppendUchar(escapePos);
                continue;
            }
            if (c <= 0x20 || c is '<' or '"' or '{' or '}' or '|' or '^' or '`')
            {
                throw Error(
                    IsEol(c)
                        ? "unterminated IRI (missing '>')"
                        : $"character U+{(int)c:X4} is not allowed in an IRI"
                );
            }
            if (escaped)
            {
                _buffer.Append(c);
            }
            _pos++;
        }
        var iri = escaped ? _buffer.ToString() : text.Substring(start, _pos - start);
        if (!HasScheme(iri))
        {
            _pos = start - 1;
            throw Error("relative IRI (N-Quads IRIs must be absolute)");
        }
        _pos++;
        if (_iris.TryGetValue(iri, out var cached))
        {
            iri = cached;
        }
        else
        {
            _iris.Add(iri, iri);
        }
        return RdfTerm.Iri(iri);
    }

    // RFC 3987: scheme ":" ..., with scheme ::= ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )
    private static bool HasScheme(string iri)
    {
        if (iri.Length == 0 || !char.IsAsciiLetter(iri[0]))
        {
            return false;
        }
        for (var i = 1; i < iri.Length; i++)
        {
            var c = iri[i];
            if (c == ':')
            {
                return true;
            }
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('+' or '-' or '.'))
            {
                return false;
            }
        }
        return false;
    }

    // BLANK_NODE_LABEL ::= '_:' (PN_CHARS_U | [0-9]) ((PN_CHARS | '.')* PN_CHARS)?
    private RdfTerm ReadBlankNode()
    {
        if (_pos + 1 >= _text.Length || _text[_pos + 1] != ':')
        {
            throw Error("expected '_:' to start a blank node label");
        }
        _pos += 2;
        var start = _pos;
        var first = ReadCodePoint(out var width);
        if (first < 0 || !(IsPnCharsU(first) || first is >= '0' and <= '9'))
        {
            throw Error("invalid first character of a blank node label");
        }
        _pos += width;
        var lastNonDot = _pos;
        while (_pos < _text.Length)
        {
            var cp = ReadCodePoint(out width);
            if (cp == '.')
            {
                _pos++;
                continue;
            }
            if (cp < 0 || !IsPnChars(cp))
            {
                break;
            }
            _pos += width;
            lastNonDot = _pos;
        }
        // A label cannot end in '.': trailing dots belong to the statement.
        _pos = lastNonDot;
        return RdfTerm.BlankNode(_text.Substring(start, _pos - start));
    }

    // STRING_LITERAL_QUOTE ::= '"' ([^#x22#x5C#xA#xD] | ECHAR | UCHAR)* '"'
    private RdfTerm ReadLiteral()
    {
        var start = ++_pos;
        var escaped = false;
        var text = _text;
        while (true)
        {
            if (_pos >= text.Length)
            {
                throw Error("unterminated string literal (missing '\"')");
            }
            var c = text[_pos];
            if (c == '"')
            {
                break;
            }
            if (c is '\n' or '\r')
            {
                throw Error("unterminated string literal (line break before the closing '\"')");
            }
            if (c == '\\')
            {
                if (!escaped)
                {
                    _buffer.Clear().Append(text, start, _pos - start);
                    escaped = true;
                }
                var escapePos = _pos;
                _pos++;
                switch (Peek())
                {
                    case 'u':
                    case 'U':
                        AppendUchar(escapePos);
                        continue;
                    case 't':
                        _buffer.Append('\t');
                        break;
                    case 'b':
                        _buffer.Append('\b');
                        break;
                    case 'n':
                        _buffer.Append('\n');
                        break;
                    case 'r':
                        _buffer.Append('\r');
                        break;
                    case 'f':
                        _buffer.Append('\f');
                        break;
                    case '"':
                        _buffer.Append('"');
                        break;
                    case '\'':
                        _buffer.Append('\'');
                        break;
                    case '\\':
                        _buffer.Append('\\');
                        break;
                    default:
                        _pos = escapePos;
                        throw Error("invalid escape sequence in string literal");
                }
                _pos++;
                continue;
            }
            if (escaped)
            {
                _buffer.Append(c);
            }
            _pos++;
        }
        var value = escaped ? _buffer.ToString() : text.Substring(start, _pos - start);
        _pos++;
        if (Peek() == '@')
        {
            return RdfTerm.Literal(value, language: ReadLanguageTag());
        }
        if (Peek() == '^')
        {
            if (_pos + 1 >= text.Length || text[_pos + 1] != '^')
            {
                throw Error("expected '^^' before a datatype IRI");
            }
            _pos += 2;
            if (Peek() != '<')
            {
                throw Error("expected a datatype IRI after '^^'");
            }
            return RdfTerm.Literal(value, datatype: ReadIri().Value);
        }
        return RdfTerm.Literal(value);
    }

    // LANGTAG ::= '@' [a-zA-Z]+ ('-' [a-zA-Z0-9]+)*
    private string ReadLanguageTag()
    {
        var start = ++_pos;
        var text = _text;
        while (_pos < text.Length && char.IsAsciiLetter(text[_pos]))
        {
            _pos++;
        }
        if (_pos == start)
        {
            throw Error("empty or invalid language tag");
        }
        while (_pos < text.Length && text[_pos] == '-')
        {
            _pos++;
            var subtag = _pos;
            while (_pos < text.Length && char.IsAsciiLetterOrDigit(text[_pos]))
            {
                _pos++;
            }
            if (_pos == subtag)
            {
                throw Error("empty language subtag");
            }
        }
        return text.Substring(start, _pos - start);
    }

    // UCHAR ::= '\u' HEX{4} | '\U' HEX{8}; _pos is at the 'u' or 'U'. Appends the code point to the buffer.
    private void AppendUchar(int escapePos)
    {
        var digits = _text[_pos] == 'u' ? 4 : 8;
        _pos++;
        if (_pos + digits > _text.Length)
        {
            _pos = escapePos;
            throw Error("truncated \\u or \\U escape");
        }
        var value = 0;
        for (var i = 0; i < digits; i++)
        {
            var h = HexValue(_text[_pos + i]);
            if (h < 0)
            {
                _pos = escapePos;
                throw Error("invalid hexadecimal digit in \\u or \\U escape");
            }
            value = (value << 4) | h;
        }
        // Eight hex digits can exceed int range; a negative value means > 0x7FFFFFFF.
        if (value is < 0 or > 0x10FFFF || value is >= 0xD800 and <= 0xDFFF)
        {
            _pos = escapePos;
            throw Error("escape does not denote a Unicode scalar value");
        }
        _pos += digits;
        if (value > 0xFFFF)
        {
            value -= 0x10000;
            _buffer.Append((char)(0xD800 + (value >> 10))).Append((char)(0xDC00 + (value & 0x3FF)));
        }
        else
        {
            _buffer.Append((char)value);
        }
    }

    private static int HexValue(char c) =>
        c switch
        {
            >= '0' and <= '9' => c - '0',
            >= 'a' and <= 'f' => c - 'a' + 10,
            >= 'A' and <= 'F' => c - 'A' + 10,
            _ => -1,
        };

    // Returns the code point at _pos (combining a surrogate pair), or -1 at the end or for a lone surrogate.
    private int ReadCodePoint(out int width)
    {
        width = 1;
        if (_pos >= _text.Length)
        {
            return -1;
        }
        var c = _text[_pos];
        if (!char.IsSurrogate(c))
        {
            return c;
        }
        if (
            char.IsHighSurrogate(c)
            && _pos + 1 < _text.Length
            && char.IsLowSurrogate(_text[_pos + 1])
        )
        {
            width = 2;
            return char.ConvertToUtf32(c, _text[_pos + 1]);
        }
        return -1;
    }

    // PN_CHARS_BASE | '_' | ':'
    private static bool IsPnCharsU(int c) =>
        c
            is (>= 'A' and <= 'Z')
                or (>= 'a' and <= 'z')
                or '_'
                or ':'
                or (>= 0x00C0 and <= 0x00D6)
                or (>= 0x00D8 and <= 0x00F6)
                or (>= 0x00F8 and <= 0x02FF)
                or (>= 0x0370 and <= 0x037D)
                or (>= 0x037F and <= 0x1FFF)
                or (>= 0x200C and <= 0x200D)
                or (>= 0x2070 and <= 0x218F)
                or (>= 0x2C00 and <= 0x2FEF)
                or (>= 0x3001 and <= 0xD7FF)
                or (>= 0xF900 and <= 0xFDCF)
                or (>= 0xFDF0 and <= 0xFFFD)
                or (>= 0x10000 and <= 0xEFFFF);

    // PN_CHARS ::= PN_CHARS_U | '-' | [0-9] | #x00B7 | [#x0300-#x036F] | [#x203F-#x2040]
    private static bool IsPnChars(int c) =>
        IsPnCharsU(c)
        || c
            is '-'
                or (>= '0' and <= '9')
                or 0x00B7
                or (>= 0x0300 and <= 0x036F)
                or (>= 0x203F and <= 0x2040);

    private char Peek() => _pos < _text.Length ? _text[_pos] : '\0';

    private static bool IsEol(char c) => c is '\n' or '\r';

    // EOL ::= [#xD#xA]+ ; counts CRLF as one line break.
    private void ReadEol()
    {
        var c = _text[_pos++];
        if (c == '\r' && _pos < _text.Length && _text[_pos] == '\n')
        {
            _pos++;
        }
        _line++;
        _lineStart = _pos;
    }

    private void SkipWhitespace()
    {
        while (_pos < _text.Length && _text[_pos] is ' ' or '\t')
        {
            _pos++;
        }
    }

    private void SkipWhitespaceAndComments()
    {
        SkipWhitespace();
        if (_pos < _text.Length && _text[_pos] == '#')
        {
            while (_pos < _text.Length && !IsEol(_text[_pos]))
            {
                _pos++;
            }
        }
    }

    private NQuadsParseException Error(string message)
    {
        var found =
            _pos >= _text.Length ? "end of input"
            : IsEol(_text[_pos]) ? "end of line"
            : _text[_pos] < 0x20 ? $"U+{(int)_text[_pos]:X4}"
            : "'" + _text[_pos].ToString(CultureInfo.InvariantCulture) + "'";
        return new NQuadsParseException($"{message} (found {found})", _line, _pos - _lineStart + 1);
    }
}
