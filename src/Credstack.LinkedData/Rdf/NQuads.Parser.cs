namespace Credstack.LinkedData.Rdf;

public static partial class NQuads
{
    /// <summary>
    /// Parses an N-Quads document (RDF 1.1 N-Quads). Throws <see cref="NQuadsParseException"/> with the
    /// line and column of the first error.
    /// </summary>
    public static IReadOnlyList<Quad> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new NQuadsReader(text).ReadAll();
    }
}
