using System.IO.Compression;
using System.Text.Json.Nodes;
using Credstack.Credentials.Status;
using Credstack.Tests.Shared;

namespace Credstack.Credentials.Tests.Status;

public sealed class BitstringStatusListTests
{
    private static JsonObject LoadJson(params string[] parts) =>
        JsonNode.Parse(File.ReadAllText(SharedData.PathOf(parts)))!.AsObject();

    private static string GzipBase64Url(byte[] bytes, bool prefix = true)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(bytes);
        }
        return (prefix ? "u" : "") + System.Buffers.Text.Base64Url.EncodeToString(output.ToArray());
    }

    [Fact]
    public void New_DefaultsToMinimumLengthOneBitAllZero()
    {
        var list = new BitstringStatusList();
        Assert.Equal(131_072, list.Length);
        Assert.Equal(1, list.StatusSize);
        Assert.Equal(16 * 1024, list.ToArray().Length);
        Assert.False(list.IsShorterThanMinimum);
        Assert.All(list.ToArray(), b => Assert.Equal(0, b));
    }

    [Fact]
    public void New_BelowMinimumLength_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new BitstringStatusList(1000));

    [Theory]
    [InlineData(0L)]
    [InlineData(1L)]
    [InlineData(7L)]
    [InlineData(8L)]
    [InlineData(94_567L)]
    [InlineData(131_071L)]
    public void SetThenGet_RoundTrips(long index)
    {
        var list = new BitstringStatusList();
        list.Set(index, true);
        Assert.True(list.IsSet(index));
        if (index > 0)
        {
            Assert.False(list.IsSet(index - 1));
        }
        if (index < list.Length - 1)
        {
            Assert.False(list.IsSet(index + 1));
        }
        list.Set(index, false);
        Assert.False(list.IsSet(index));
    }

    [Fact]
    public void Set_IndexZero_IsMostSignificantBitOfFirstByte()
    {
        var list = new BitstringStatusList();
        list.Set(0, true);
        list.Set(15, true);
        var bytes = list.ToArray();
        Assert.Equal(0x80, bytes[0]);
        Assert.Equal(0x01, bytes[1]);
    }

    [Fact]
    public void Get_OutOfRange_Throws()
    {
        var list = new BitstringStatusList();
        Assert.Throws<ArgumentOutOfRangeException>(() => list.IsSet(131_072));
        Assert.Throws<ArgumentOutOfRangeException>(() => list.IsSet(-1));
    }

    [Fact]
    public void EncodeThenDecode_RandomIndexes_RoundTrip()
    {
        var random = new Random(1234);
        var list = new BitstringStatusList(200_000);
        var set = new HashSet<int>();
        for (var i = 0; i < 500; i++)
        {
            var index = random.Next(list.Length);
            set.Add(index);
            list.Set(index, true);
        }
        var encoded = list.Encode();
        Assert.StartsWith("uH4sI", encoded, StringComparison.Ordinal);
        Assert.DoesNotContain('=', encoded);

        var decoded = BitstringStatusList.Decode(encoded);
        Assert.True(decoded.IsSuccess, decoded.ToString());
        Assert.Equal(list.ToArray(), decoded.Value.ToArray());
        for (var i = 0; i < list.Length; i++)
        {
            Assert.Equal(set.Contains(i), decoded.Value.IsSet(i));
        }
    }

    [Theory]
    [InlineData("example-03.json")]
    [InlineData("example-05.json")]
    public void SpecExampleListCredential_DecodesToEmptyMinimumList(string file)
    {
        var credential = LoadJson("vectors", "vc-bitstring-status-list", "spec-examples", file);
        var parsed = StatusListCredential.Parse(credential);
        Assert.True(parsed.IsSuccess, parsed.ToString());
        Assert.Equal(StatusEntryKind.BitstringStatusList, parsed.Value.Kind);
        Assert.Equal("revocation", Assert.Single(parsed.Value.StatusPurposes));
        var list = parsed.Value.DecodeList();
        Assert.True(list.IsSuccess, list.ToString());
        Assert.Equal(131_072, list.Value.Length);
        Assert.All(list.Value.ToArray(), b => Assert.Equal(0, b));
    }

    [Fact]
    public void ValidatorTestList_HasBit23SetAndNeighboursUnset()
    {
        var credential = LoadJson(
            "vectors",
            "1edtech-validator-samples",
            "ob30",
            "bit-string-list",
            "testlist.json"
        );
        var list = StatusListCredential.Parse(credential).Value.DecodeList().Value;
        Assert.True(list.IsSet(23));
        Assert.False(list.IsSet(22));
        Assert.False(list.IsSet(24));
        Assert.False(list.IsSet(0));
        var setCount = 0;
        for (var i = 0; i < list.Length; i++)
        {
            setCount += list.IsSet(i) ? 1 : 0;
        }
        Assert.Equal(1, setCount);
    }

    [Fact]
    public void Decode_ShortListWithoutPrefix_IsReadAndFlagged()
    {
        var bytes = new byte[16];
        bytes[2] = 0b0010_0000; // index 18
        var decoded = BitstringStatusList.Decode(GzipBase64Url(bytes, prefix: false));
        Assert.True(decoded.IsSuccess, decoded.ToString());
        Assert.Equal(128, decoded.Value.Length);
        Assert.True(decoded.Value.IsShorterThanMinimum);
        Assert.True(decoded.Value.IsSet(18));
        Assert.False(decoded.Value.IsSet(17));
    }

    [Fact]
    public void Decode_StandardBase64WithPadding_IsAccepted()
    {
        var bytes = new byte[100];
        bytes[99] = 1;
        var url = GzipBase64Url(bytes, prefix: false);
        var standard = url.Replace('-', '+').Replace('_', '/');
        standard += new string('=', (4 - standard.Length % 4) % 4);
        var decoded = BitstringStatusList.Decode(standard);
        Assert.True(decoded.IsSuccess, decoded.ToString());
        Assert.True(decoded.Value.IsSet(799));
    }

    [Theory]
    [InlineData("")]
    [InlineData("u")]
    [InlineData("u!!!notbase64")]
    [InlineData("uA")]
    public void Decode_BadMultibase_ReturnsError(string encoded)
    {
        var decoded = BitstringStatusList.Decode(encoded);
        Assert.False(decoded.IsSuccess);
        Assert.Equal(StatusErrors.BadMultibase, decoded.Error!.Code);
    }

    [Fact]
    public void Decode_NotGzip_ReturnsError()
    {
        var notGzip = "u" + System.Buffers.Text.Base64Url.EncodeToString(new byte[64]);
        var decoded = BitstringStatusList.Decode(notGzip);
        Assert.Equal(StatusErrors.NotGzip, decoded.Error?.Code);
    }

    [Fact]
    public void Decode_CorruptedGzipBody_ReturnsError()
    {
        var list = new BitstringStatusList();
        list.Set(5, true);
        var raw = System.Buffers.Text.Base64Url.DecodeFromChars(list.Encode().AsSpan(1));
        raw[12] ^= 0xFF;
        raw[13] ^= 0x55;
        var decoded = BitstringStatusList.Decode(
            "u" + System.Buffers.Text.Base64Url.EncodeToString(raw)
        );
        Assert.Equal(StatusErrors.NotGzip, decoded.Error?.Code);
    }

    [Fact]
    public void Decode_TruncatedGzip_ReturnsError()
    {
        var list = new BitstringStatusList();
        list.Set(5, true);
        var raw = System.Buffers.Text.Base64Url.DecodeFromChars(list.Encode().AsSpan(1));
        var truncated = raw.AsSpan(0, raw.Length - 6).ToArray();
        var decoded = BitstringStatusList.Decode(
            "u" + System.Buffers.Text.Base64Url.EncodeToString(truncated)
        );
        Assert.Equal(StatusErrors.NotGzip, decoded.Error?.Code);
    }

    [Fact]
    public void Decode_GzipBomb_IsRefusedByTheLimit()
    {
        // 64 MiB of zeros compresses to about 64 KB; the default limit is 16 MiB.
        var bomb = GzipBase64Url(new byte[64 * 1024 * 1024]);
        var decoded = BitstringStatusList.Decode(bomb);
        Assert.Equal(StatusErrors.TooLarge, decoded.Error?.Code);

        var small = BitstringStatusList.Decode(
            new BitstringStatusList().Encode(),
            maxUncompressedBytes: 1024
        );
        Assert.Equal(StatusErrors.TooLarge, small.Error?.Code);
    }

    [Fact]
    public void TwoBitList_SetGetEncodeDecode_RoundTrips()
    {
        var list = new BitstringStatusList(statusSize: 2);
        Assert.Equal(32 * 1024, list.ToArray().Length);
        list.SetStatus(0, 3);
        list.SetStatus(1, 1);
        list.SetStatus(2, 2);
        list.SetStatus(131_071, 2);
        Assert.Equal(0b1101_1000, list.ToArray()[0]);
        Assert.Throws<ArgumentOutOfRangeException>(() => list.SetStatus(3, 4));

        var decoded = BitstringStatusList.Decode(list.Encode(), statusSize: 2).Value;
        Assert.Equal(3, decoded.GetStatus(0));
        Assert.Equal(1, decoded.GetStatus(1));
        Assert.Equal(2, decoded.GetStatus(2));
        Assert.Equal(0, decoded.GetStatus(3));
        Assert.Equal(2, decoded.GetStatus(131_071));
    }
}
