using System.Text;

namespace Credstack.LinkedData.JsonLd.Context;

/// <summary>
/// IRI helpers: the absolute-IRI test by scanning for a scheme, and RFC 3986 §5.2 relative reference
/// resolution. System.Uri is not used: it normalises (case, percent-encoding, ports) and rejects IRIs
/// that JSON-LD must pass through unchanged.
/// </summary>
internal static class Iri
{
    /// <summary>Whether <paramref name="value"/> starts with a scheme (RFC 3986 §3.1) followed by ':'.</summary>
    public static bool IsAbsolute(string value)
    {
        if (value.Length < 2 || !IsAlpha(value[0]))
        {
            return false;
        }
        for (var i = 1; i < value.Length; i++)
        {
            var c = value[i];
            if (c == ':')
            {
                return true;
            }
            if (!(IsAlpha(c) || (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.'))
            {
                return false;
            }
        }
        return false;
    }

    /// <summary>
    /// Whether <paramref name="value"/> is an absolute IRI without characters an IRI cannot contain
    /// (RFC 3987: spaces, controls, <c>&lt;&gt;"{}|\^`</c>).
    /// </summary>
    public static bool IsWellFormedAbsolute(string value)
    {
        if (!IsAbsolute(value))
        {
            return false;
        }
        foreach (var c in value)
        {
            if (c <= ' ' || c is '<' or '>' or '"' or '{' or '}' or '|' or '\\' or '^' or '`')
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Whether <paramref name="value"/> is a blank node identifier (<c>_:</c> prefix).</summary>
    public static bool IsBlankNode(string value) =>
        value.Length >= 2 && value[0] == '_' && value[1] == ':';

    /// <summary>Whether <paramref name="value"/> is an absolute IRI or a blank node identifier.</summary>
    public static bool IsAbsoluteOrBlank(string value) => IsBlankNode(value) || IsAbsolute(value);

    private static bool IsAlpha(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');

    /// <summary>
    /// Resolves <paramref name="reference"/> against <paramref name="baseIri"/> (RFC 3986 §5.2.2,
    /// "strict" parser). A null base leaves the reference unchanged.
    /// </summary>
    public static string Resolve(string? baseIri, string reference)
    {
        if (baseIri is null)
        {
            return reference;
        }
        var r = Parts.Parse(reference);
        if (r.Scheme is not null)
        {
            // RFC 3986 §5.2.2: a reference with a scheme keeps everything but its dot segments.
            return r.Path.Contains('.', StringComparison.Ordinal)
                ? Compose(r.Scheme, r.Authority, RemoveDotSegments(r.Path), r.Query, r.Fragment)
                : reference;
        }
        var b = Parts.Parse(baseIri);
        string? authority;
        string path;
        string? query;
        if (r.Authority is not null)
        {
            authority = r.Authority;
            path = RemoveDotSegments(r.Path);
            query = r.Query;
        }
        else
        {
            authority = b.Authority;
            if (r.Path.Length == 0)
            {
                path = b.Path;
                query = r.Query ?? b.Query;
            }
            else
            {
                path =
                    r.Path[0] == '/'
                        ? RemoveDotSegments(r.Path)
                        : RemoveDotSegments(Merge(b, r.Path));
                query = r.Query;
            }
        }
        return Compose(b.Scheme, authority, path, query, r.Fragment);
    }

    // RFC 3986 §5.2.3 Merge Paths.
    private static string Merge(Parts b, string relativePath)
    {
        if (b.Authority is not null && b.Path.Length == 0)
        {
            return "/" + relativePath;
        }
        var slash = b.Path.LastIndexOf('/');
        return slash < 0 ? relativePath : string.Concat(b.Path.AsSpan(0, slash + 1), relativePath);
    }

    // RFC 3986 §5.3 Component Recomposition.
    private static string Compose(
        string? scheme,
        string? authority,
        string path,
        string? query,
        string? fragment
    )
    {
        var sb = new StringBuilder(
            (scheme?.Length ?? 0)
                + (authority?.Length ?? 0)
                + path.Length
                + (query?.Length ?? 0)
                + (fragment?.Length ?? 0)
                + 6
        );
        if (scheme is not null)
        {
            sb.Append(scheme).Append(':');
        }
        if (authority is not null)
        {
            sb.Append("//").Append(authority);
        }
        sb.Append(path);
        if (query is not null)
        {
            sb.Append('?').Append(query);
        }
        if (fragment is not null)
        {
            sb.Append('#').Append(fragment);
        }
        return sb.ToString();
    }

    /// <summary>RFC 3986 §5.2.4 Remove Dot Segments.</summary>
    public static string RemoveDotSegments(string path)
    {
        if (path.Length == 0 || (!path.Contains("/.", StringComparison.Ordinal) && path[0] != '.'))
        {
            return path;
        }
        var input = path;
        var output = new List<string>();
        var i = 0;
        var sb = new StringBuilder(path.Length);
        while (i < input.Length)
        {
            var rest = input.AsSpan(i);
            // A: remove a "../" or "./" prefix.
            if (rest.StartsWith("../", StringComparison.Ordinal))
            {
                i += 3;
            }
            else if (rest.StartsWith("./", StringComparison.Ordinal))
            {
                i += 2;
            }
            // B: replace "/./" or a final "/." with "/".
            else if (rest.StartsWith("/./", StringComparison.Ordinal))
            {
                i += 2;
            }
            else if (rest.SequenceEqual("/."))
            {
                input = "/";
                i = 0;
            }
            // C: replace "/../" or a final "/.." with "/" and drop the last output segment.
            else if (rest.StartsWith("/../", StringComparison.Ordinal))
            {
                i += 3;
                if (output.Count > 0)
                {
                    output.RemoveAt(output.Count - 1);
                }
            }
            else if (rest.SequenceEqual("/.."))
            {
                input = "/";
                i = 0;
                if (output.Count > 0)
                {
                    output.RemoveAt(output.Count - 1);
                }
            }
            // D: a lone "." or "..".
            else if (rest.SequenceEqual(".") || rest.SequenceEqual(".."))
            {
                i = input.Length;
            }
            // E: move the first segment (with its leading "/") to the output.
            else
            {
                var start = i;
                var j = rest[0] == '/' ? 1 : 0;
                var next = rest[j..].IndexOf('/');
                var end = next < 0 ? input.Length : i + j + next;
                output.Add(input[start..end]);
                i = end;
            }
        }
        foreach (var segment in output)
        {
            sb.Append(segment);
        }
        return sb.ToString();
    }

    /// <summary>The five components of an IRI reference (RFC 3986 §5.2.1 / Appendix B).</summary>
    private readonly record struct Parts(
        string? Scheme,
        string? Authority,
        string Path,
        string? Query,
        string? Fragment
    )
    {
        public static Parts Parse(string value)
        {
            string? scheme = null;
            var i = 0;
            if (IsAbsolute(value))
            {
                var colon = value.IndexOf(':', StringComparison.Ordinal);
                scheme = value[..colon];
                i = colon + 1;
            }
            string? fragment = null;
            var hash = value.IndexOf('#', i);
            var end = value.Length;
            if (hash >= 0)
            {
                fragment = value[(hash + 1)..];
                end = hash;
            }
            string? query = null;
            var question = value.IndexOf('?', i, end - i);
            if (question >= 0)
            {
                query = value[(question + 1)..end];
                end = question;
            }
            string? authority = null;
            if (end - i >= 2 && value[i] == '/' && value[i + 1] == '/')
            {
                var slash = value.IndexOf('/', i + 2, end - i - 2);
                var authorityEnd = slash < 0 ? end : slash;
                authority = value[(i + 2)..authorityEnd];
                i = authorityEnd;
            }
            return new Parts(scheme, authority, value[i..end], query, fragment);
        }
    }
}
