using System.Numerics;

namespace Credstack.Credentials.DataIntegrity;

/// <summary>Temporary multibase base58btc codec for proof values (to be replaced by Keys.Multibase).</summary>
internal static class Multibase
{
    private const string Alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

    public static string EncodeBase58Btc(ReadOnlySpan<byte> data)
    {
        var zeros = 0;
        while (zeros < data.Length && data[zeros] == 0)
        {
            zeros++;
        }
        var value = new BigInteger(data, isUnsigned: true, isBigEndian: true);
        var chars = new List<char>();
        while (value > 0)
        {
            value = BigInteger.DivRem(value, 58, out var rem);
            chars.Add(Alphabet[(int)rem]);
        }
        chars.AddRange(Enumerable.Repeat('1', zeros));
        chars.Add('z');
        chars.Reverse();
        return new string([.. chars]);
    }

    public static bool TryDecodeBase58Btc(string text, out byte[] data)
    {
        data = [];
        if (text.Length < 2 || text[0] != 'z')
        {
            return false;
        }
        BigInteger value = 0;
        var zeros = 0;
        var leading = true;
        for (var i = 1; i < text.Length; i++)
        {
            var digit = Alphabet.IndexOf(text[i], StringComparison.Ordinal);
            if (digit < 0)
            {
                return false;
            }
            if (leading && digit == 0)
            {
                zeros++;
                continue;
            }
            leading = false;
            value = (value * 58) + digit;
        }
        var bytes = value.IsZero ? [] : value.ToByteArray(isUnsigned: true, isBigEndian: true);
        data = new byte[zeros + bytes.Length];
        bytes.CopyTo(data, zeros);
        return true;
    }
}
