using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Credstack.Credentials.Baking;

/// <summary>
/// Bakes badges into PNG images and extracts them (OB 3.0 §"Baked Badge" PNG, Open Badges 2.0 Baking): an
/// uncompressed <c>iTXt</c> chunk with the kind's keyword, inserted before IEND and replacing any chunk with the same
/// keyword. Extraction walks every chunk, checking the signature, lengths and CRCs, and reads an <c>iTXt</c>
/// (compressed or not), <c>tEXt</c> or <c>zTXt</c> chunk with the keyword (legacy OB 1.x badges used <c>tEXt</c>).
/// </summary>
public static class PngBadge
{
    /// <summary>The OB 3.0 keyword.</summary>
    public const string OpenBadgeCredentialKeyword = "openbadgecredential";

    /// <summary>The OB 2.0 keyword.</summary>
    public const string OpenBadgesKeyword = "openbadges";

    /// <summary>The CLR 2.0 keyword.</summary>
    public const string ClrCredentialKeyword = "clrcredential";

    /// <summary>The largest badge text read or written, 16 MiB (also the limit on zlib-compressed text expansion).</summary>
    public const int MaxTextBytes = 16 * 1024 * 1024;

    // PNG §5.2: the eight-byte signature.
    private static ReadOnlySpan<byte> Signature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>The PNG keyword of a badge kind.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>The keyword.</returns>
    public static string KeywordOf(BakedBadgeKind kind) =>
        kind switch
        {
            BakedBadgeKind.OpenBadgeCredential => OpenBadgeCredentialKeyword,
            BakedBadgeKind.OpenBadgesAssertion => OpenBadgesKeyword,
            BakedBadgeKind.ClrCredential => ClrCredentialKeyword,
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };

    /// <summary>True when the data starts with the PNG signature.</summary>
    /// <param name="data">The file bytes.</param>
    /// <returns>Whether it looks like a PNG.</returns>
    public static bool IsPng(ReadOnlySpan<byte> data) => data.StartsWith(Signature);

    /// <summary>Bakes a badge: returns a copy of the PNG with one uncompressed <c>iTXt</c> chunk carrying the text.</summary>
    /// <param name="png">The PNG file.</param>
    /// <param name="kind">The badge kind (selects the keyword).</param>
    /// <param name="text">The credential JSON, compact JWS, or (OB 2.0) assertion URL, JSON or JWS.</param>
    /// <returns>The baked PNG, or an error for a broken PNG or unusable text.</returns>
    public static BakingResult<byte[]> Bake(
        ReadOnlySpan<byte> png,
        BakedBadgeKind kind,
        string text
    )
    {
        ArgumentNullException.ThrowIfNull(text);
        var keyword = KeywordOf(kind);
        if (string.IsNullOrWhiteSpace(text))
        {
            return Fail<byte[]>(BakingErrors.BadPayload, "the text to bake is empty");
        }
        var textBytes = Encoding.UTF8.GetByteCount(text);
        if (textBytes > MaxTextBytes)
        {
            return Fail<byte[]>(
                BakingErrors.TooLarge,
                $"the text to bake exceeds {MaxTextBytes} bytes"
            );
        }

        var chunks = ReadChunks(png);
        if (!chunks.IsSuccess)
        {
            return new(chunks.Error);
        }

        // iTXt layout (PNG §11.3.4.5): keyword, NUL, compression flag 0, method 0, empty language tag, NUL,
        // empty translated keyword, NUL, UTF-8 text. OB 3.0 and OB 2.0 both say compression MUST NOT be used.
        var data = new byte[keyword.Length + 5 + textBytes];
        Encoding.Latin1.GetBytes(keyword, data);
        Encoding.UTF8.GetBytes(text, data.AsSpan(keyword.Length + 5));

        using var output = new MemoryStream(png.Length + data.Length + 12);
        output.Write(Signature);
        foreach (var chunk in chunks.Value)
        {
            if (chunk.Type == "IEND")
            {
                WriteChunk(output, "iTXt"u8, data);
            }
            // OB 3.0: the chunk MUST NOT appear more than once, so drop any earlier one (of any text chunk type).
            else if (IsTextChunk(chunk.Type) && KeywordMatches(png, chunk, keyword))
            {
                continue;
            }
            output.Write(png.Slice(chunk.Start, chunk.TotalLength));
        }
        return new(output.ToArray());
    }

    /// <summary>Extracts the badge of one kind.</summary>
    /// <param name="png">The PNG file.</param>
    /// <param name="kind">The badge kind.</param>
    /// <returns>The badge, or an error (broken PNG, <see cref="BakingErrors.NotFound"/>, ...).</returns>
    public static BakingResult<BakedBadge> Extract(ReadOnlySpan<byte> png, BakedBadgeKind kind) =>
        Extract(png, [kind]);

    /// <summary>
    /// Extracts whichever badge the PNG carries, preferring OB 3.0, then CLR 2.0, then OB 2.0 when several are present.
    /// </summary>
    /// <param name="png">The PNG file.</param>
    /// <returns>The badge, or an error.</returns>
    public static BakingResult<BakedBadge> Extract(ReadOnlySpan<byte> png) =>
        Extract(
            png,
            [
                BakedBadgeKind.OpenBadgeCredential,
                BakedBadgeKind.ClrCredential,
                BakedBadgeKind.OpenBadgesAssertion,
            ]
        );

    private static BakingResult<BakedBadge> Extract(
        ReadOnlySpan<byte> png,
        ReadOnlySpan<BakedBadgeKind> kinds
    )
    {
        var chunks = ReadChunks(png);
        if (!chunks.IsSuccess)
        {
            return new(chunks.Error);
        }
        foreach (var kind in kinds)
        {
            var keyword = KeywordOf(kind);
            // OB 3.0 "Extracting": the first iTXt chunk with the keyword wins; tEXt/zTXt are the legacy fallback.
            PngChunk? legacy = null;
            foreach (var chunk in chunks.Value)
            {
                if (!IsTextChunk(chunk.Type) || !KeywordMatches(png, chunk, keyword))
                {
                    continue;
                }
                if (chunk.Type == "iTXt")
                {
                    return ReadText(png, chunk, keyword, kind);
                }
                legacy ??= chunk;
            }
            if (legacy is { } found)
            {
                return ReadText(png, found, keyword, kind);
            }
        }
        return Fail<BakedBadge>(BakingErrors.NotFound, "the PNG carries no baked badge");
    }

    /// <summary>Walks and validates every chunk up to IEND (PNG §5.2–5.6).</summary>
    internal static BakingResult<List<PngChunk>> ReadChunks(ReadOnlySpan<byte> png)
    {
        if (!png.StartsWith(Signature))
        {
            return Fail<List<PngChunk>>(
                BakingErrors.PngSignature,
                "the data does not start with the PNG signature"
            );
        }
        var chunks = new List<PngChunk>();
        var position = Signature.Length;
        while (true)
        {
            if (png.Length - position < 12)
            {
                return Fail<List<PngChunk>>(
                    BakingErrors.PngTruncated,
                    $"the PNG ends at byte {png.Length} before its IEND chunk"
                );
            }
            var length = BinaryPrimitives.ReadUInt32BigEndian(png[position..]);
            // PNG §5.3: the length is at most 2^31 - 1 and covers the data only.
            if (length > int.MaxValue || length > png.Length - position - 12)
            {
                return Fail<List<PngChunk>>(
                    BakingErrors.PngChunkLength,
                    $"the chunk at byte {position} declares {length} data bytes, past the end of the PNG"
                );
            }
            var typeBytes = png.Slice(position + 4, 4);
            foreach (var b in typeBytes)
            {
                if (!char.IsAsciiLetter((char)b))
                {
                    return Fail<List<PngChunk>>(
                        BakingErrors.PngChunkType,
                        $"the chunk at byte {position} has a type that is not four ASCII letters"
                    );
                }
            }
            var dataLength = (int)length;
            var expected = BinaryPrimitives.ReadUInt32BigEndian(png[(position + 8 + dataLength)..]);
            var actual = Crc32.Compute(png.Slice(position + 4, 4 + dataLength));
            var type = Encoding.ASCII.GetString(typeBytes);
            if (expected != actual)
            {
                return Fail<List<PngChunk>>(
                    BakingErrors.PngCrc,
                    $"the {type} chunk at byte {position} has CRC {expected:x8}; its content gives {actual:x8}"
                );
            }
            if (chunks.Count == 0 && type != "IHDR")
            {
                return Fail<List<PngChunk>>(
                    BakingErrors.PngIhdr,
                    "the first PNG chunk is not IHDR"
                );
            }
            var chunk = new PngChunk(position, dataLength, type);
            chunks.Add(chunk);
            if (type == "IEND")
            {
                // Bytes after IEND are ignored, as decoders do.
                return new(chunks);
            }
            position += chunk.TotalLength;
        }
    }

    private static bool IsTextChunk(string type) => type is "iTXt" or "tEXt" or "zTXt";

    private static bool KeywordMatches(ReadOnlySpan<byte> png, PngChunk chunk, string keyword)
    {
        var data = png.Slice(chunk.DataStart, chunk.DataLength);
        var end = data.IndexOf((byte)0);
        if (end != keyword.Length)
        {
            return false;
        }
        for (var i = 0; i < end; i++)
        {
            if (data[i] != keyword[i])
            {
                return false;
            }
        }
        return true;
    }

    private static BakingResult<BakedBadge> ReadText(
        ReadOnlySpan<byte> png,
        PngChunk chunk,
        string keyword,
        BakedBadgeKind kind
    )
    {
        var data = png.Slice(chunk.DataStart, chunk.DataLength)[(keyword.Length + 1)..];
        string text;
        switch (chunk.Type)
        {
            case "tEXt":
                // PNG §11.3.4.3: Latin-1 text, uncompressed.
                text = Encoding.Latin1.GetString(data);
                break;
            case "zTXt":
            {
                // PNG §11.3.4.4: compression method byte (0 = zlib), then compressed Latin-1 text.
                if (data.IsEmpty || data[0] != 0)
                {
                    return Fail<BakedBadge>(
                        BakingErrors.PngTextChunk,
                        "the zTXt chunk uses an unknown compression method"
                    );
                }
                var inflated = Inflate(data[1..]);
                if (!inflated.IsSuccess)
                {
                    return new(inflated.Error);
                }
                text = Encoding.Latin1.GetString(inflated.Value);
                break;
            }
            default:
            {
                // PNG §11.3.4.5: flag, method, language tag NUL, translated keyword NUL, text.
                if (data.Length < 2 || data[0] > 1 || data[1] != 0)
                {
                    return Fail<BakedBadge>(
                        BakingErrors.PngTextChunk,
                        "the iTXt chunk has an invalid compression flag or method"
                    );
                }
                var compressed = data[0] == 1;
                var rest = data[2..];
                var languageEnd = rest.IndexOf((byte)0);
                if (languageEnd < 0)
                {
                    return Fail<BakedBadge>(
                        BakingErrors.PngTextChunk,
                        "the iTXt chunk's language tag is not terminated"
                    );
                }
                rest = rest[(languageEnd + 1)..];
                var translatedEnd = rest.IndexOf((byte)0);
                if (translatedEnd < 0)
                {
                    return Fail<BakedBadge>(
                        BakingErrors.PngTextChunk,
                        "the iTXt chunk's translated keyword is not terminated"
                    );
                }
                rest = rest[(translatedEnd + 1)..];
                if (compressed)
                {
                    var inflated = Inflate(rest);
                    if (!inflated.IsSuccess)
                    {
                        return new(inflated.Error);
                    }
                    text = DecodeUtf8(inflated.Value);
                }
                else
                {
                    text = DecodeUtf8(rest);
                }
                break;
            }
        }
        text = text.Trim();
        return text.Length == 0
            ? Fail<BakedBadge>(BakingErrors.Empty, $"the '{keyword}' {chunk.Type} chunk is empty")
            : new(new BakedBadge(kind, text));
    }

    // Invalid UTF-8 becomes U+FFFD rather than an exception; the JSON or JWS parser then reports it.
    private static string DecodeUtf8(ReadOnlySpan<byte> bytes) => Encoding.UTF8.GetString(bytes);

    private static BakingResult<byte[]> Inflate(ReadOnlySpan<byte> compressed)
    {
        using var output = new MemoryStream();
        var buffer = new byte[16 * 1024];
        try
        {
            using var zlib = new ZLibStream(
                new MemoryStream(compressed.ToArray(), writable: false),
                CompressionMode.Decompress
            );
            int read;
            while ((read = zlib.Read(buffer, 0, buffer.Length)) > 0)
            {
                if (output.Length + read > MaxTextBytes)
                {
                    return Fail<byte[]>(
                        BakingErrors.TooLarge,
                        $"the compressed badge text expands past {MaxTextBytes} bytes"
                    );
                }
                output.Write(buffer, 0, read);
            }
        }
        catch (InvalidDataException ex)
        {
            return Fail<byte[]>(
                BakingErrors.PngTextChunk,
                "the compressed badge text is corrupted: " + ex.Message
            );
        }
        return new(output.ToArray());
    }

    private static void WriteChunk(
        MemoryStream output,
        ReadOnlySpan<byte> type,
        ReadOnlySpan<byte> data
    )
    {
        Span<byte> header = stackalloc byte[8];
        BinaryPrimitives.WriteUInt32BigEndian(header, (uint)data.Length);
        type.CopyTo(header[4..]);
        output.Write(header);
        output.Write(data);
        Span<byte> crc = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32.Compute(type, data));
        output.Write(crc);
    }

    private static BakingResult<T> Fail<T>(string code, string message) =>
        new(BakingErrors.Create(code, message));
}
