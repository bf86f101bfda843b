namespace Credstack.Credentials.Baking;

/// <summary>Every baking error code in one place; tests assert against these constants.</summary>
public static class BakingErrors
{
    /// <summary>The data does not start with the 8-byte PNG signature (PNG §5.2).</summary>
    public const string PngSignature = "png.signature";

    /// <summary>The data ends before the IEND chunk (or inside a chunk header).</summary>
    public const string PngTruncated = "png.truncated";

    /// <summary>A chunk's declared length runs past the end of the data, or exceeds 2^31 - 1 (PNG §5.3).</summary>
    public const string PngChunkLength = "png.chunkLength";

    /// <summary>A chunk's CRC does not match its type and data (PNG §5.3).</summary>
    public const string PngCrc = "png.crc";

    /// <summary>A chunk type is not four ASCII letters (PNG §5.3).</summary>
    public const string PngChunkType = "png.chunkType";

    /// <summary>The first chunk is not IHDR (PNG §5.6).</summary>
    public const string PngIhdr = "png.ihdr";

    /// <summary>The badge text chunk is malformed (bad separators, unknown compression, corrupted zlib data).</summary>
    public const string PngTextChunk = "png.textChunk";

    /// <summary>The SVG is not well-formed XML, or uses entities or constructs refused for safety.</summary>
    public const string SvgMalformed = "svg.malformed";

    /// <summary>The XML document's root element is not <c>svg</c>.</summary>
    public const string SvgRoot = "svg.root";

    /// <summary>The image holds no badge of the requested kind.</summary>
    public const string NotFound = "baking.notFound";

    /// <summary>The badge element or chunk is present but empty.</summary>
    public const string Empty = "baking.empty";

    /// <summary>The input, or the extracted or decompressed text, exceeds the size limit.</summary>
    public const string TooLarge = "baking.tooLarge";

    /// <summary>The text to bake is empty or cannot be represented.</summary>
    public const string BadPayload = "baking.payload";

    internal static BakingError Create(string code, string message) => new(code, message);
}
