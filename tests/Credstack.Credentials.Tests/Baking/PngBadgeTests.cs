using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Credstack.Credentials.Baking;
using Credstack.Tests.Shared;

namespace Credstack.Credentials.Tests.Baking;

public sealed class PngBadgeTests
{
    private const string CredentialJson = """
        {"@context":["https://www.w3.org/ns/credentials/v2"],"id":"urn:uuid:1","type":["VerifiableCredential","OpenBadgeCredential"],"name":"Téamwork ✓"}
        """;

    private const string Jwt = "eyJhbGciOiJFZERTQSJ9.eyJpc3MiOiJkaWQ6ZXhhbXBsZToxIn0.c2lnbmF0dXJl";

    // A valid 1x1 RGBA PNG: signature, IHDR, IDAT, IEND.
    private static readonly byte[] TinyPng = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
    );

    private static byte[] Sample(string name) =>
        File.ReadAllBytes(SharedData.PathOf("vectors", "1edtech-validator-samples", "ob30", name));

    private static List<string> ChunkTypes(byte[] png)
    {
        var types = new List<string>();
        var position = 8;
        while (position < png.Length)
        {
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(position));
            types.Add(Encoding.ASCII.GetString(png, position + 4, 4));
            position += length + 12;
        }
        return types;
    }

    private static byte[] AddChunk(byte[] png, string type, byte[] data)
    {
        // Insert before IEND (the last 12 bytes) with a correct CRC computed by zlib-compatible CRC-32.
        var chunk = new byte[data.Length + 12];
        BinaryPrimitives.WriteUInt32BigEndian(chunk, (uint)data.Length);
        Encoding.ASCII.GetBytes(type, chunk.AsSpan(4));
        data.CopyTo(chunk, 8);
        BinaryPrimitives.WriteUInt32BigEndian(
            chunk.AsSpan(8 + data.Length),
            Crc32.Compute(chunk.AsSpan(4, 4 + data.Length))
        );
        return [.. png.AsSpan(0, png.Length - 12), .. chunk, .. png.AsSpan(png.Length - 12)];
    }

    [Fact]
    public void TinyPng_IsValid()
    {
        Assert.True(PngBadge.ReadChunks(TinyPng).IsSuccess);
        Assert.Equal(["IHDR", "IDAT", "IEND"], ChunkTypes(TinyPng));
    }

    [Fact]
    public void Crc32_MatchesTheStandardCheckValue() =>
        Assert.Equal(0xCBF43926u, Crc32.Compute("123456789"u8));

    [Theory]
    [InlineData(BakedBadgeKind.OpenBadgeCredential, CredentialJson)]
    [InlineData(BakedBadgeKind.OpenBadgeCredential, Jwt)]
    [InlineData(BakedBadgeKind.OpenBadgesAssertion, "https://example.org/assertions/123")]
    [InlineData(BakedBadgeKind.OpenBadgesAssertion, CredentialJson)]
    [InlineData(BakedBadgeKind.ClrCredential, CredentialJson)]
    public void BakeThenExtract_RoundTrips(BakedBadgeKind kind, string text)
    {
        var baked = PngBadge.Bake(TinyPng, kind, text);
        Assert.True(baked.IsSuccess, baked.ToString());
        Assert.Equal(["IHDR", "IDAT", "iTXt", "IEND"], ChunkTypes(baked.Value));

        var extracted = PngBadge.Extract(baked.Value, kind);
        Assert.True(extracted.IsSuccess, extracted.ToString());
        Assert.Equal(text, extracted.Value.Text);
        Assert.Equal(kind, extracted.Value.Kind);
        Assert.Equal(text.StartsWith('{'), extracted.Value.IsJson);

        var any = PngBadge.Extract(baked.Value);
        Assert.Equal(kind, any.Value.Kind);
    }

    [Fact]
    public void Bake_Twice_ReplacesTheChunk()
    {
        var once = PngBadge.Bake(TinyPng, BakedBadgeKind.OpenBadgeCredential, Jwt).Value;
        var twice = PngBadge.Bake(once, BakedBadgeKind.OpenBadgeCredential, CredentialJson).Value;
        Assert.Equal(["IHDR", "IDAT", "iTXt", "IEND"], ChunkTypes(twice));
        Assert.Equal(CredentialJson, PngBadge.Extract(twice).Value.Text);
    }

    [Fact]
    public void Bake_WritesAnUncompressedITxtWithTheSpecLayout()
    {
        var baked = PngBadge.Bake(TinyPng, BakedBadgeKind.OpenBadgeCredential, Jwt).Value;
        var expected = Encoding.ASCII.GetBytes("openbadgecredential\0\0\0\0\0" + Jwt);
        var index = baked.AsSpan().IndexOf("iTXt"u8);
        Assert.True(baked.AsSpan(index + 4, expected.Length).SequenceEqual(expected));
    }

    [Fact]
    public void Bake_IntoOb2Badge_KeepsTheOb2Chunk()
    {
        var ob2 = PngBadge
            .Bake(TinyPng, BakedBadgeKind.OpenBadgesAssertion, "https://example.org/a/1")
            .Value;
        var both = PngBadge.Bake(ob2, BakedBadgeKind.OpenBadgeCredential, Jwt).Value;
        Assert.Equal(Jwt, PngBadge.Extract(both).Value.Text);
        Assert.Equal(
            "https://example.org/a/1",
            PngBadge.Extract(both, BakedBadgeKind.OpenBadgesAssertion).Value.Text
        );
    }

    [Fact]
    public void Extract_ValidatorSimpleJsonPng_GivesTheCredentialJson()
    {
        var extracted = PngBadge.Extract(Sample("simple-json.png"));
        Assert.True(extracted.IsSuccess, extracted.ToString());
        Assert.Equal(BakedBadgeKind.OpenBadgeCredential, extracted.Value.Kind);
        Assert.True(extracted.Value.IsJson);
        using var json = JsonDocument.Parse(extracted.Value.Text);
        Assert.Equal(
            "http://example.com/credentials/3527",
            json.RootElement.GetProperty("id").GetString()
        );
        using var expected = JsonDocument.Parse(
            File.ReadAllText(
                SharedData.PathOf("vectors", "1edtech-validator-samples", "ob30", "simple.json")
            )
        );
        Assert.Equal(
            expected.RootElement.GetProperty("id").GetString(),
            json.RootElement.GetProperty("id").GetString()
        );
    }

    [Theory]
    [InlineData("simple-jwt.png", "simple-jwt.svg")]
    [InlineData("simple-jwt_v1.png", "simple-jwt_v1.svg")]
    public void Extract_ValidatorJwtPng_GivesACompactJws(string png, string svg)
    {
        var extracted = PngBadge.Extract(Sample(png));
        Assert.True(extracted.IsSuccess, extracted.ToString());
        Assert.False(extracted.Value.IsJson);
        var parts = extracted.Value.Text.Split('.');
        Assert.Equal(3, parts.Length);
        var header = JsonDocument.Parse(System.Buffers.Text.Base64Url.DecodeFromChars(parts[0]));
        Assert.True(header.RootElement.TryGetProperty("alg", out _));
        JsonDocument.Parse(System.Buffers.Text.Base64Url.DecodeFromChars(parts[1])).Dispose();
        if (png == "simple-jwt_v1.png")
        {
            // The v1 sample's PNG and SVG carry the same token.
            Assert.Equal(SvgBadge.Extract(Sample(svg)).Value.Text, extracted.Value.Text);
        }
    }

    [Fact]
    public void Extract_CorruptedCrc_ReturnsCrcError()
    {
        var png = Sample("simple-json.png");
        var index = png.AsSpan().IndexOf("iTXt"u8);
        png[index + 30] ^= 0x01; // flip a bit of the credential text
        var extracted = PngBadge.Extract(png);
        Assert.Equal(BakingErrors.PngCrc, extracted.Error?.Code);
        Assert.Equal(
            BakingErrors.PngCrc,
            PngBadge.Bake(png, BakedBadgeKind.OpenBadgeCredential, Jwt).Error?.Code
        );
    }

    [Fact]
    public void Extract_TruncatedMidChunk_ReturnsChunkLengthError()
    {
        var png = Sample("simple-json.png");
        var extracted = PngBadge.Extract(png.AsSpan(0, png.Length / 2));
        Assert.Equal(BakingErrors.PngChunkLength, extracted.Error?.Code);
    }

    [Fact]
    public void Extract_TruncatedBeforeIend_ReturnsTruncatedError()
    {
        var png = Sample("simple-json.png");
        Assert.Equal(
            BakingErrors.PngTruncated,
            PngBadge.Extract(png.AsSpan(0, png.Length - 12)).Error?.Code
        );
        Assert.Equal(BakingErrors.PngTruncated, PngBadge.Extract(png.AsSpan(0, 10)).Error?.Code);
        Assert.Equal(BakingErrors.PngTruncated, PngBadge.Extract(TinyPng.AsSpan(0, 8)).Error?.Code);
    }

    [Fact]
    public void Extract_WrongSignature_ReturnsSignatureError()
    {
        var png = Sample("simple-json.png");
        png[1] = (byte)'J';
        Assert.Equal(BakingErrors.PngSignature, PngBadge.Extract(png).Error?.Code);
        Assert.Equal(BakingErrors.PngSignature, PngBadge.Extract([]).Error?.Code);
        Assert.Equal(
            BakingErrors.PngSignature,
            PngBadge.Bake("GIF89a"u8, BakedBadgeKind.OpenBadgeCredential, Jwt).Error?.Code
        );
    }

    [Fact]
    public void Extract_HugeDeclaredLength_ReturnsChunkLengthError()
    {
        var png = (byte[])TinyPng.Clone();
        BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(8), 0xFFFFFFF0u);
        Assert.Equal(BakingErrors.PngChunkLength, PngBadge.Extract(png).Error?.Code);
    }

    [Fact]
    public void Extract_BadChunkTypeOrMissingIhdr_ReturnsErrors()
    {
        var badType = (byte[])TinyPng.Clone();
        badType[12] = (byte)'1';
        Assert.Equal(BakingErrors.PngChunkType, PngBadge.Extract(badType).Error?.Code);

        // Drop IHDR: the signature followed directly by IDAT.
        var noIhdr = (byte[])[.. TinyPng.AsSpan(0, 8), .. TinyPng.AsSpan(8 + 25)];
        Assert.Equal(BakingErrors.PngIhdr, PngBadge.Extract(noIhdr).Error?.Code);
    }

    [Fact]
    public void Extract_UnbakedPng_ReturnsNotFound() =>
        Assert.Equal(BakingErrors.NotFound, PngBadge.Extract(TinyPng).Error?.Code);

    [Fact]
    public void Extract_CompressedITxt_IsInflated()
    {
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(Encoding.UTF8.GetBytes(CredentialJson));
        }
        byte[] data = [.. "openbadgecredential\0\u0001\0en\0\0"u8, .. compressed.ToArray()];
        var png = AddChunk(TinyPng, "iTXt", data);
        var extracted = PngBadge.Extract(png);
        Assert.True(extracted.IsSuccess, extracted.ToString());
        Assert.Equal(CredentialJson, extracted.Value.Text);
    }

    [Fact]
    public void Extract_CorruptedCompressedITxt_ReturnsTextChunkError()
    {
        byte[] data =
        [
            .. "openbadgecredential\0\u0001\0\0\0"u8,
            0x78,
            0x9c,
            0xFF,
            0xFF,
            0x00,
            0x01,
        ];
        var png = AddChunk(TinyPng, "iTXt", data);
        Assert.Equal(BakingErrors.PngTextChunk, PngBadge.Extract(png).Error?.Code);
    }

    [Fact]
    public void Extract_CompressedBomb_IsRefused()
    {
        using var compressed = new MemoryStream();
        using (
            var zlib = new ZLibStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true)
        )
        {
            zlib.Write(new byte[PngBadge.MaxTextBytes + 1024]);
        }
        byte[] data = [.. "openbadgecredential\0\u0001\0\0\0"u8, .. compressed.ToArray()];
        var png = AddChunk(TinyPng, "iTXt", data);
        Assert.Equal(BakingErrors.TooLarge, PngBadge.Extract(png).Error?.Code);
    }

    [Fact]
    public void Extract_LegacyTEXtAssertionUrl_IsRead()
    {
        var png = AddChunk(
            TinyPng,
            "tEXt",
            Encoding.Latin1.GetBytes("openbadges\0https://example.org/assertion.json")
        );
        var extracted = PngBadge.Extract(png);
        Assert.Equal(BakedBadgeKind.OpenBadgesAssertion, extracted.Value.Kind);
        Assert.Equal("https://example.org/assertion.json", extracted.Value.Text);
    }

    [Fact]
    public void Extract_ZTXt_IsInflated()
    {
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write("https://example.org/a.json"u8);
        }
        byte[] data = [.. "openbadges\0\0"u8, .. compressed.ToArray()];
        var png = AddChunk(TinyPng, "zTXt", data);
        Assert.Equal("https://example.org/a.json", PngBadge.Extract(png).Value.Text);
    }

    [Fact]
    public void Extract_MalformedITxtHeader_ReturnsTextChunkError()
    {
        var png = AddChunk(
            TinyPng,
            "iTXt",
            Encoding.ASCII.GetBytes("openbadgecredential\0\u0007\0\0\0x")
        );
        Assert.Equal(BakingErrors.PngTextChunk, PngBadge.Extract(png).Error?.Code);
        var unterminated = AddChunk(
            TinyPng,
            "iTXt",
            Encoding.ASCII.GetBytes("openbadgecredential\0\0\0en")
        );
        Assert.Equal(BakingErrors.PngTextChunk, PngBadge.Extract(unterminated).Error?.Code);
        var empty = AddChunk(
            TinyPng,
            "iTXt",
            Encoding.ASCII.GetBytes("openbadgecredential\0\0\0\0\0  ")
        );
        Assert.Equal(BakingErrors.Empty, PngBadge.Extract(empty).Error?.Code);
    }

    [Fact]
    public void Bake_EmptyText_ReturnsPayloadError() =>
        Assert.Equal(
            BakingErrors.BadPayload,
            PngBadge.Bake(TinyPng, BakedBadgeKind.OpenBadgeCredential, " ").Error?.Code
        );

    [Fact]
    public void Extract_RandomCorruption_NeverThrows()
    {
        var original = Sample("simple-jwt.png");
        var random = new Random(42);
        for (var i = 0; i < 300; i++)
        {
            var png = (byte[])original.Clone();
            var flips = random.Next(1, 4);
            for (var f = 0; f < flips; f++)
            {
                png[random.Next(png.Length)] = (byte)random.Next(256);
            }
            var length = random.Next(2) == 0 ? png.Length : random.Next(png.Length);
            var result = PngBadge.Extract(png.AsSpan(0, length));
            Assert.True(result.IsSuccess || result.Error is not null);
        }
    }
}
