using System.Text;
using Credstack.Credentials.Keys;

namespace Credstack.Credentials.Tests.Keys;

public sealed class MultibaseTests
{
    public static TheoryData<string, string> Base58Cases =>
        new()
        {
            // draft-msporny-base58 §5 examples.
            { "48656c6c6f20576f726c6421", "2NEpo7TZRRrLZSi2U" },
            {
                "54686520717569636b2062726f776e20666f78206a756d7073206f76657220746865206c617a7920646f672e",
                "USm3fpXnKG5EUBx2ndxBDMPVciP5hGey2Jh4NDv6gmeo1LkMeiKrLJUUBk6Z"
            },
            { "0000287fb4cd", "11233QC4" },
            { "", "" },
            { "00", "1" },
        };

    [Theory]
    [MemberData(nameof(Base58Cases))]
    public void Base58Btc_Encode_MatchesTheSpecExamples(string hex, string text)
    {
        Assert.Equal(text, Base58Btc.Encode(Convert.FromHexString(hex)));
        Assert.True(Base58Btc.TryDecode(text, out var bytes));
        Assert.Equal(hex, Convert.ToHexStringLower(bytes));
    }

    [Theory]
    [MemberData(nameof(Base58Cases))]
    public void EncodeBase58Btc_IsThePrefixFollowedByTheBase58Text(string hex, string text)
    {
        Assert.Equal("z" + text, Multibase.EncodeBase58Btc(Convert.FromHexString(hex)));
    }

    [Fact]
    public void Base58Btc_MatchesABigIntegerReference_ForEveryLengthUpTo100Bytes()
    {
        var random = new Random(58);
        for (var length = 0; length <= 100; length++)
        {
            for (var round = 0; round < 20; round++)
            {
                var data = new byte[length];
                random.NextBytes(data);
                // Leading zero bytes (and all-zero or all-0xff inputs) are the edge cases.
                var leading = round % 4 == 0 ? Math.Min(length, round / 4) : 0;
                data.AsSpan(0, leading).Clear();
                if (round == 19)
                {
                    data.AsSpan().Fill(0xff);
                }
                var expected = ReferenceBase58(data);
                Assert.Equal(expected, Base58Btc.Encode(data));
                Assert.True(Base58Btc.TryDecode(expected, out var decoded));
                Assert.Equal(data, decoded);
            }
        }
    }

    [Theory]
    [InlineData(0, 64)]
    [InlineData(300, 1)]
    [InlineData(300, 64)]
    [InlineData(300, 65)]
    public void Base58Btc_ManyLeadingZeroBytes_AreOnesBeforeTheNumber(int zeros, int length)
    {
        var data = new byte[zeros + length];
        new Random(zeros + length).NextBytes(data.AsSpan(zeros));
        data[zeros] |= 1;
        var text = Base58Btc.Encode(data);
        Assert.Equal(ReferenceBase58(data), text);
        Assert.True(Base58Btc.TryDecode(text, out var decoded));
        Assert.Equal(data, decoded);
    }

    private static string ReferenceBase58(byte[] data)
    {
        const string alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
        var value = new System.Numerics.BigInteger(data, isUnsigned: true, isBigEndian: true);
        var digits = new StringBuilder();
        while (value > 0)
        {
            digits.Insert(0, alphabet[(int)(value % 58)]);
            value /= 58;
        }
        var zeros = data.TakeWhile(b => b == 0).Count();
        return new string('1', zeros) + digits;
    }

    [Theory]
    [InlineData("0OIl")]
    [InlineData("abc+")]
    [InlineData("zé")]
    public void Base58Btc_TryDecode_RefusesCharactersOutsideTheAlphabet(string text) =>
        Assert.False(Base58Btc.TryDecode(text, out _));

    [Fact]
    public void Base58Btc_TryDecode_RefusesOverlongText() =>
        Assert.False(Base58Btc.TryDecode(new string('2', Base58Btc.MaxEncodedLength + 1), out _));

    [Fact]
    public void Multibase_RoundTripsBothBases()
    {
        var data = Encoding.UTF8.GetBytes("Multibase is awesome! \\o/");
        var z = Multibase.EncodeBase58Btc(data);
        var u = Multibase.EncodeBase64Url(data);
        Assert.Equal("zYAjKoNbau5KiqmHPmSxYCvn66dA1vLmwbt", z);
        Assert.Equal("uTXVsdGliYXNlIGlzIGF3ZXNvbWUhIFxvLw", u);
        Assert.True(Multibase.TryDecode(z, out var fromZ));
        Assert.True(Multibase.TryDecode(u, out var fromU));
        Assert.Equal(data, fromZ);
        Assert.Equal(data, fromU);
    }

    [Theory]
    [InlineData("")]
    [InlineData("fdeadbeef")]
    [InlineData("uAA==")]
    [InlineData("uAA A")]
    [InlineData("uA")]
    [InlineData("z0")]
    public void Multibase_TryDecode_RefusesMalformedText(string text) =>
        Assert.False(Multibase.TryDecode(text, out _));

    [Theory]
    [InlineData(Multicodec.Ed25519Public, "ed01")]
    [InlineData(Multicodec.Ed25519Secret, "8026")]
    [InlineData(Multicodec.P256Public, "8024")]
    [InlineData(Multicodec.P256Secret, "8626")]
    [InlineData(Multicodec.RsaPublic, "8524")]
    public void Multicodec_Prefix_WritesTheVarint(ulong code, string hex)
    {
        var bytes = Multicodec.Prefix(code, []);
        Assert.Equal(hex, Convert.ToHexStringLower(bytes));
        Assert.True(Multicodec.TryReadPrefix(bytes, out var read, out var n));
        Assert.Equal(code, read);
        Assert.Equal(bytes.Length, n);
    }

    [Theory]
    [InlineData("80")]
    [InlineData("ed80")]
    [InlineData("8000")]
    [InlineData("")]
    public void Multicodec_TryReadPrefix_RefusesTruncatedOrNonMinimalVarints(string hex) =>
        Assert.False(Multicodec.TryReadPrefix(Convert.FromHexString(hex), out _, out _));
}
