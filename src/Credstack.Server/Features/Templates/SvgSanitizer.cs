using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Credstack.Server.Features.Templates;

/// <summary>
/// Checks an uploaded SVG and re-serialises it without comments and processing instructions. An SVG
/// that could run script or load anything is refused (not silently altered), with the reason:
/// <c>script</c> and <c>foreignObject</c> elements, <c>on*</c> event handler attributes, references
/// (<c>href</c>, <c>xlink:href</c>, CSS <c>url()</c> and <c>@import</c>) to anything but a fragment of the
/// same document or an embedded raster <c>data:</c> image, and animations that rewrite a reference.
/// The XML is read with DTDs prohibited (no entity expansion, no external entities) and within size limits.
/// </summary>
internal static class SvgSanitizer
{
    private const string SvgNamespace = "http://www.w3.org/2000/svg";
    private const string XlinkNamespace = "http://www.w3.org/1999/xlink";

    private static readonly string[] SafeDataPrefixes =
    [
        "data:image/png;",
        "data:image/jpeg;",
        "data:image/gif;",
        "data:image/webp;",
    ];

    /// <summary>Returns the sanitised SVG bytes, or the reason the image is refused.</summary>
    public static (byte[]? Svg, string? Error) Sanitize(ReadOnlySpan<byte> content)
    {
        XDocument document;
        try
        {
            var settings = new XmlReaderSettings
            {
                DtdProcessing = DtdProcessing.Prohibit,
                XmlResolver = null,
                MaxCharactersInDocument = TemplateLimits.ImageBytes * 2L,
                MaxCharactersFromEntities = 0,
                IgnoreComments = true,
                IgnoreProcessingInstructions = true,
            };
            using var stream = new MemoryStream(content.ToArray(), writable: false);
            using var reader = XmlReader.Create(stream, settings);
            document = XDocument.Load(reader, LoadOptions.None);
        }
        catch (XmlException e)
        {
            return (null, $"is not well-formed XML: {e.Message}");
        }

        var root = document.Root;
        if (root is null || root.Name != XName.Get("svg", SvgNamespace))
        {
            return (null, "is not an SVG document (the root must be <svg> in the SVG namespace).");
        }
        foreach (var element in root.DescendantsAndSelf())
        {
            var error = Check(element);
            if (error is not null)
            {
                return (null, error);
            }
        }

        var output = new StringBuilder();
        using (
            var writer = XmlWriter.Create(
                output,
                new XmlWriterSettings { OmitXmlDeclaration = true, Encoding = Encoding.UTF8 }
            )
        )
        {
            root.WriteTo(writer);
        }
        return (Encoding.UTF8.GetBytes(output.ToString()), null);
    }

    private static string? Check(XElement element)
    {
        var local = element.Name.LocalName;
        if (local.Equals("script", StringComparison.OrdinalIgnoreCase))
        {
            return "contains a <script> element; scripts are not allowed in images.";
        }
        if (local.Equals("foreignObject", StringComparison.OrdinalIgnoreCase))
        {
            return "contains a <foreignObject> element, which can embed HTML; it is not allowed.";
        }
        if (
            (local is "set" or "animate")
            && element.Attribute("attributeName")?.Value is { } target
            && target.Contains("href", StringComparison.OrdinalIgnoreCase)
        )
        {
            return "animates a link (<set>/<animate> of href), which is not allowed.";
        }
        if (local == "style" && IsExternalCss(element.Value))
        {
            return "has a <style> that imports or references an external resource.";
        }
        foreach (var attribute in element.Attributes())
        {
            var name = attribute.Name.LocalName;
            if (attribute.IsNamespaceDeclaration)
            {
                continue;
            }
            if (name.StartsWith("on", StringComparison.OrdinalIgnoreCase))
            {
                return $"has an event handler attribute '{name}' on <{local}>; scripts are not allowed.";
            }
            var isHref =
                name == "href"
                && (
                    attribute.Name.Namespace == XNamespace.None
                    || attribute.Name.NamespaceName == XlinkNamespace
                );
            if (isHref && !IsLocalReference(attribute.Value))
            {
                return $"references an external resource in <{local} href>; only '#fragment' and embedded raster images are allowed.";
            }
            if (!isHref && IsExternalCss(attribute.Value))
            {
                return $"references an external resource in the '{name}' attribute of <{local}>.";
            }
        }
        return null;
    }

    private static bool IsLocalReference(string value)
    {
        var v = value.Trim();
        if (v.StartsWith('#'))
        {
            return true;
        }
        foreach (var prefix in SafeDataPrefixes)
        {
            if (v.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>CSS that could load something: <c>@import</c>, or <c>url(...)</c> not pointing at a fragment or safe data image.</summary>
    private static bool IsExternalCss(string css)
    {
        // A backslash can spell url( or @import with CSS escapes; plain badge styles never need one.
        if (
            css.Contains("@import", StringComparison.OrdinalIgnoreCase)
            || css.Contains('\\', StringComparison.Ordinal)
        )
        {
            return true;
        }
        var index = 0;
        while ((index = css.IndexOf("url(", index, StringComparison.OrdinalIgnoreCase)) >= 0)
        {
            index += 4;
            var end = css.IndexOf(')', index);
            var target = (end < 0 ? css[index..] : css[index..end]).Trim().Trim('"', '\'').Trim();
            if (!IsLocalReference(target))
            {
                return true;
            }
        }
        return false;
    }
}
