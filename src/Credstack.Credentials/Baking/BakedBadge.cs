namespace Credstack.Credentials.Baking;

/// <summary>A badge extracted from an image.</summary>
/// <param name="Kind">What the image carries.</param>
/// <param name="Text">
/// The payload: credential or assertion JSON, a compact JWS, or (OB 2.0) the hosted assertion URL. For an SVG it is
/// the <c>verify</c> attribute of an OB 3.0 element, else the element's text; for an OB 2.0 element, its JSON text
/// when present, else its <c>verify</c> attribute.
/// </param>
/// <param name="Verify">The SVG element's <c>verify</c> attribute, when present.</param>
public sealed record BakedBadge(BakedBadgeKind Kind, string Text, string? Verify = null)
{
    /// <summary>True when <see cref="Text"/> looks like JSON (starts with <c>{</c>).</summary>
    public bool IsJson => Text.AsSpan().TrimStart().StartsWith("{", StringComparison.Ordinal);
}
