using System.Text;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;

namespace Credstack.Credentials.Baking;

/// <summary>
/// Bakes badges into SVG images and extracts them. OB 3.0 §"Baked Badge" SVG: an
/// <c>&lt;openbadges:credential&gt;</c> element (namespace <see cref="OpenBadges3Namespace"/>) directly inside the root,
/// carrying the credential JSON in CDATA, or a compact JWS in its <c>verify</c> attribute. Open Badges 2.0 Baking: an
/// <c>&lt;openbadges:assertion&gt;</c> element (namespace <see cref="OpenBadges2Namespace"/>) whose <c>verify</c>
/// attribute holds the hosted assertion URL or a JWS, with the assertion JSON in CDATA for hosted assertions.
/// XML is read with DTDs ignored and no resolver (no external entities, no entity expansion) and size limits.
/// </summary>
public static class SvgBadge
{
    /// <summary>The OB 3.0 baking namespace.</summary>
    public const string OpenBadges3Namespace = "https://purl.imsglobal.org/ob/v3p0";

    /// <summary>The OB 2.0 baking namespace.</summary>
    public const string OpenBadges2Namespace = "http://openbadges.org";

    /// <summary>The largest SVG read, in characters (32 Mi).</summary>
    public const int MaxSvgCharacters = 32 * 1024 * 1024;

    private const string SvgNamespace = "http://www.w3.org/2000/svg";
    private static readonly XNamespace Ob3 = OpenBadges3Namespace;
    private static readonly XNamespace Ob2 = OpenBadges2Namespace;

    /// <summary>Bakes an OB 3.0 credential: JSON goes in CDATA, anything else (a compact JWS) in <c>verify</c>.</summary>
    /// <param name="svg">The SVG document.</param>
    /// <param name="credential">The credential JSON or compact JWS.</param>
    /// <returns>The baked SVG, or an error.</returns>
    public static BakingResult<string> BakeCredential(string svg, string credential)
    {
        ArgumentNullException.ThrowIfNull(credential);
        return IsJsonText(credential)
            ? Bake(svg, Ob3 + "credential", verify: null, body: credential)
            : Bake(svg, Ob3 + "credential", verify: credential.Trim(), body: null);
    }

    /// <summary>Bakes an OB 2.0 assertion.</summary>
    /// <param name="svg">The SVG document.</param>
    /// <param name="verify">The hosted assertion URL or the JWS of a signed assertion.</param>
    /// <param name="assertionJson">For a hosted assertion, its JSON (put in CDATA); null for none.</param>
    /// <returns>The baked SVG, or an error.</returns>
    public static BakingResult<string> BakeAssertion(
        string svg,
        string verify,
        string? assertionJson = null
    )
    {
        ArgumentNullException.ThrowIfNull(verify);
        return Bake(svg, Ob2 + "assertion", verify.Trim(), assertionJson);
    }

    /// <summary>
    /// Bakes a payload of the given kind. For <see cref="BakedBadgeKind.OpenBadgesAssertion"/>, JSON text goes in
    /// CDATA with <c>verify</c> set to its <c>id</c> (the hosted URL) when it has one; a URL or JWS goes in <c>verify</c>.
    /// </summary>
    /// <param name="svg">The SVG document.</param>
    /// <param name="kind">The badge kind; <see cref="BakedBadgeKind.ClrCredential"/> has no SVG form.</param>
    /// <param name="text">The payload.</param>
    /// <returns>The baked SVG, or an error.</returns>
    public static BakingResult<string> Bake(string svg, BakedBadgeKind kind, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        switch (kind)
        {
            case BakedBadgeKind.OpenBadgeCredential:
                return BakeCredential(svg, text);
            case BakedBadgeKind.OpenBadgesAssertion:
                return IsJsonText(text)
                    ? Bake(svg, Ob2 + "assertion", HostedIdOf(text), text)
                    : BakeAssertion(svg, text);
            default:
                return Fail<string>(BakingErrors.BadPayload, $"{kind} has no SVG baking form");
        }
    }

    /// <summary>Extracts whichever badge the SVG carries (the first OB 3.0 or OB 2.0 element in document order).</summary>
    /// <param name="svg">The SVG document.</param>
    /// <returns>The badge, or an error.</returns>
    public static BakingResult<BakedBadge> Extract(string svg)
    {
        ArgumentNullException.ThrowIfNull(svg);
        if (svg.Length > MaxSvgCharacters)
        {
            return TooLarge<BakedBadge>();
        }
        using var reader = new StringReader(svg);
        return Extract(XmlReader.Create(reader, ReaderSettings()), null);
    }

    /// <summary>Extracts the badge of one kind.</summary>
    /// <param name="svg">The SVG document.</param>
    /// <param name="kind">The badge kind.</param>
    /// <returns>The badge, or an error.</returns>
    public static BakingResult<BakedBadge> Extract(string svg, BakedBadgeKind kind)
    {
        ArgumentNullException.ThrowIfNull(svg);
        if (svg.Length > MaxSvgCharacters)
        {
            return TooLarge<BakedBadge>();
        }
        using var reader = new StringReader(svg);
        return Extract(XmlReader.Create(reader, ReaderSettings()), kind);
    }

    /// <summary>Extracts whichever badge an SVG file carries, honouring its XML encoding declaration.</summary>
    /// <param name="svg">The SVG file bytes.</param>
    /// <returns>The badge, or an error.</returns>
    public static BakingResult<BakedBadge> Extract(byte[] svg)
    {
        ArgumentNullException.ThrowIfNull(svg);
        using var stream = new MemoryStream(svg, writable: false);
        return Extract(XmlReader.Create(stream, ReaderSettings()), null);
    }

    private static BakingResult<BakedBadge> Extract(XmlReader xml, BakedBadgeKind? wanted)
    {
        using (xml)
        {
            try
            {
                var sawRoot = false;
                while (xml.Read())
                {
                    if (xml.NodeType != XmlNodeType.Element)
                    {
                        continue;
                    }
                    if (!sawRoot)
                    {
                        sawRoot = true;
                        if (!IsSvgRoot(xml.LocalName, xml.NamespaceURI))
                        {
                            return Fail<BakedBadge>(
                                BakingErrors.SvgRoot,
                                $"the root element is <{xml.Name}>, not <svg>"
                            );
                        }
                        continue;
                    }
                    BakedBadgeKind kind;
                    if (xml.LocalName == "credential" && xml.NamespaceURI == OpenBadges3Namespace)
                    {
                        kind = BakedBadgeKind.OpenBadgeCredential;
                    }
                    else if (
                        xml.LocalName == "assertion"
                        && xml.NamespaceURI == OpenBadges2Namespace
                    )
                    {
                        kind = BakedBadgeKind.OpenBadgesAssertion;
                    }
                    else
                    {
                        continue;
                    }
                    if (wanted is { } w && w != kind)
                    {
                        continue;
                    }
                    // OB 3.0 "Extracting": the first element wins; the rest can be discarded.
                    var verify = xml.GetAttribute("verify")?.Trim();
                    var body = xml.IsEmptyElement ? "" : xml.ReadElementContentAsString().Trim();
                    if (string.IsNullOrEmpty(verify))
                    {
                        verify = null;
                    }
                    string? text =
                        kind == BakedBadgeKind.OpenBadgeCredential
                            ? verify ?? NullIfEmpty(body)
                            : NullIfEmpty(body) ?? verify;
                    return text is null
                        ? Fail<BakedBadge>(
                            BakingErrors.Empty,
                            $"the <{KindElementName(kind)}> element is empty"
                        )
                        : new(new BakedBadge(kind, text, verify));
                }
                return sawRoot
                    ? Fail<BakedBadge>(BakingErrors.NotFound, "the SVG carries no baked badge")
                    : Fail<BakedBadge>(
                        BakingErrors.SvgMalformed,
                        "the document has no root element"
                    );
            }
            catch (XmlException ex)
            {
                return Fail<BakedBadge>(
                    BakingErrors.SvgMalformed,
                    "the SVG is not well-formed XML: " + ex.Message
                );
            }
        }
    }

    private static BakingResult<string> Bake(
        string svg,
        XName elementName,
        string? verify,
        string? body
    )
    {
        ArgumentNullException.ThrowIfNull(svg);
        if (string.IsNullOrWhiteSpace(verify) && string.IsNullOrWhiteSpace(body))
        {
            return Fail<string>(BakingErrors.BadPayload, "the text to bake is empty");
        }
        if (svg.Length > MaxSvgCharacters)
        {
            return TooLarge<string>();
        }
        XDocument document;
        try
        {
            using var reader = new StringReader(svg);
            using var xml = XmlReader.Create(reader, ReaderSettings());
            document = XDocument.Load(xml, LoadOptions.PreserveWhitespace);
        }
        catch (XmlException ex)
        {
            return Fail<string>(
                BakingErrors.SvgMalformed,
                "the SVG is not well-formed XML: " + ex.Message
            );
        }
        var root = document.Root;
        if (root is null || !IsSvgRoot(root.Name.LocalName, root.Name.NamespaceName))
        {
            return Fail<string>(BakingErrors.SvgRoot, "the root element is not <svg>");
        }

        // OB 3.0: there MUST be only one element; replace any existing one.
        foreach (var existing in root.Descendants(elementName).ToList())
        {
            existing.Remove();
        }

        // Declare xmlns:openbadges on the root unless the prefix is already taken by another namespace, in which case
        // LINQ to XML declares the namespace where it is used.
        var declared = root.GetNamespaceOfPrefix("openbadges");
        if (declared is null)
        {
            root.SetAttributeValue(XNamespace.Xmlns + "openbadges", elementName.NamespaceName);
        }

        var element = new XElement(elementName);
        if (!string.IsNullOrEmpty(verify))
        {
            element.SetAttributeValue("verify", verify);
        }
        if (!string.IsNullOrWhiteSpace(body))
        {
            // CDATA cannot hold "]]>"; escaped text carries the same characters.
            element.Add(
                body.Contains("]]>", StringComparison.Ordinal) ? new XText(body) : new XCData(body)
            );
        }
        root.AddFirst(element);

        try
        {
            using var output = new MemoryStream();
            var settings = new XmlWriterSettings
            {
                Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
                OmitXmlDeclaration = false,
            };
            using (var writer = XmlWriter.Create(output, settings))
            {
                document.Save(writer);
            }
            return new(Encoding.UTF8.GetString(output.GetBuffer(), 0, (int)output.Length));
        }
        catch (ArgumentException ex)
        {
            // Characters XML 1.0 cannot represent (such as U+0000) in the payload.
            return Fail<string>(
                BakingErrors.BadPayload,
                "the text cannot be written into XML: " + ex.Message
            );
        }
    }

    private static XmlReaderSettings ReaderSettings() =>
        new()
        {
            // SVG files commonly carry an SVG 1.1 DOCTYPE; Ignore skips it without fetching or expanding anything
            // (Prohibit would refuse those files). With no resolver and no DTD, an entity reference is an error.
            DtdProcessing = DtdProcessing.Ignore,
            XmlResolver = null,
            MaxCharactersInDocument = MaxSvgCharacters,
            MaxCharactersFromEntities = 1024,
            IgnoreProcessingInstructions = true,
            CloseInput = true,
        };

    private static bool IsSvgRoot(string localName, string namespaceUri) =>
        localName == "svg" && (namespaceUri.Length == 0 || namespaceUri == SvgNamespace);

    private static bool IsJsonText(string text) =>
        text.AsSpan().TrimStart().StartsWith("{", StringComparison.Ordinal);

    private static string? HostedIdOf(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(
                json,
                new JsonDocumentOptions { MaxDepth = 64 }
            );
            return
                document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("id", out var id)
                && id.ValueKind == JsonValueKind.String
                && Uri.TryCreate(id.GetString(), UriKind.Absolute, out var url)
                && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp)
                ? id.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;

    private static string KindElementName(BakedBadgeKind kind) =>
        kind == BakedBadgeKind.OpenBadgeCredential
            ? "openbadges:credential"
            : "openbadges:assertion";

    private static BakingResult<T> TooLarge<T>() =>
        Fail<T>(BakingErrors.TooLarge, $"the SVG exceeds {MaxSvgCharacters} characters");

    private static BakingResult<T> Fail<T>(string code, string message) =>
        new(BakingErrors.Create(code, message));
}
