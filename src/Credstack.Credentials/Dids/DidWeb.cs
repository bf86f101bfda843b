using System.Diagnostics.CodeAnalysis;

namespace Credstack.Credentials.Dids;

/// <summary>The did:web method's DID → URL mapping (did:web spec §3.2 Read, steps 1–6).</summary>
public static class DidWeb
{
    /// <summary>The method prefix.</summary>
    public const string Prefix = "did:web:";

    /// <summary>
    /// Maps a did:web to the https URL of its document: <c>did:web:example.com</c> →
    /// <c>https://example.com/.well-known/did.json</c>, <c>did:web:example.com:user:alice</c> →
    /// <c>https://example.com/user/alice/did.json</c>, <c>did:web:example.com%3A3000</c> → port 3000.
    /// A fragment is ignored. False with a message for anything else.
    /// </summary>
    public static bool TryGetUrl(
        string did,
        [NotNullWhen(true)] out Uri? url,
        [NotNullWhen(false)] out string? error
    )
    {
        url = null;
        if (!did.StartsWith(Prefix, StringComparison.Ordinal))
        {
            error = "not a did:web";
            return false;
        }
        var msid = did[Prefix.Length..];
        var hash = msid.IndexOf('#', StringComparison.Ordinal);
        if (hash >= 0)
        {
            msid = msid[..hash];
        }
        if (msid.Length == 0 || msid.Length > 2048 || msid.AsSpan().IndexOfAny('/', '?') >= 0)
        {
            error = $"'{did}' is not a valid did:web";
            return false;
        }
        // Step 1: ':' separates the domain from the path segments.
        var parts = msid.Split(':');
        // Step 2: a port is percent-encoded in the domain.
        var host = parts[0].Replace("%3A", ":", StringComparison.OrdinalIgnoreCase);
        if (!ValidHost(host))
        {
            error = $"'{did}' does not name a valid host";
            return false;
        }
        for (var i = 1; i < parts.Length; i++)
        {
            if (!ValidSegment(parts[i]))
            {
                error = $"'{did}' has an invalid path segment '{parts[i]}'";
                return false;
            }
        }
        // Steps 3–6: https, /.well-known when there is no path, then /did.json.
        var path =
            parts.Length == 1 ? "/.well-known" : "/" + string.Join('/', parts, 1, parts.Length - 1);
        if (!Uri.TryCreate("https://" + host + path + "/did.json", UriKind.Absolute, out url))
        {
            error = $"'{did}' does not map to a valid URL";
            return false;
        }
        error = null;
        return true;
    }

    private static bool ValidHost(string host)
    {
        var colon = host.IndexOf(':', StringComparison.Ordinal);
        var name = colon < 0 ? host : host[..colon];
        if (
            name.Length == 0
            || name.Length > 253
            || name.StartsWith('.')
            || name.EndsWith('.')
            || name.Contains("..", StringComparison.Ordinal)
        )
        {
            return false;
        }
        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '-' || c == '.'))
            {
                return false;
            }
        }
        if (colon >= 0)
        {
            var port = host[(colon + 1)..];
            return port.Length is > 0 and <= 5
                && port.All(char.IsAsciiDigit)
                && int.Parse(port, System.Globalization.CultureInfo.InvariantCulture)
                    is > 0
                        and <= 65535;
        }
        return true;
    }

    private static bool ValidSegment(string segment)
    {
        if (segment.Length == 0 || segment == "." || segment == "..")
        {
            return false;
        }
        // DID Core §3.1 idchar: ALPHA / DIGIT / "." / "-" / "_" / pct-encoded.
        for (var i = 0; i < segment.Length; i++)
        {
            var c = segment[i];
            if (c == '%')
            {
                if (
                    i + 2 >= segment.Length
                    || !char.IsAsciiHexDigit(segment[i + 1])
                    || !char.IsAsciiHexDigit(segment[i + 2])
                )
                {
                    return false;
                }
                // An encoded '/', '\' or '.' would let a segment escape its place in the path.
                var decoded = Convert.ToInt32(segment.Substring(i + 1, 2), 16);
                if (decoded is '/' or '\\' or '.' or '?' or '#')
                {
                    return false;
                }
                i += 2;
            }
            else if (!(char.IsAsciiLetterOrDigit(c) || c == '.' || c == '-' || c == '_'))
            {
                return false;
            }
        }
        return true;
    }
}
