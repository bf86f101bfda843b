namespace Credstack.Credentials.Keys;

/// <summary>
/// Multicodec key codes (multiformats table) and their unsigned-varint prefix (LEB128, as multiformats
/// unsigned-varint defines it).
/// </summary>
public static class Multicodec
{
    /// <summary>ed25519-pub: prefix bytes 0xed 0x01.</summary>
    public const ulong Ed25519Public = 0xed;

    /// <summary>ed25519-priv: prefix bytes 0x80 0x26.</summary>
    public const ulong Ed25519Secret = 0x1300;

    /// <summary>p256-pub (compressed SEC1 point): prefix bytes 0x80 0x24.</summary>
    public const ulong P256Public = 0x1200;

    /// <summary>p256-priv: prefix bytes 0x86 0x26.</summary>
    public const ulong P256Secret = 0x1306;

    /// <summary>p384-pub (compressed SEC1 point): prefix bytes 0x81 0x24.</summary>
    public const ulong P384Public = 0x1201;

    /// <summary>rsa-pub (DER RSAPublicKey, PKCS #1): prefix bytes 0x85 0x24.</summary>
    public const ulong RsaPublic = 0x1205;

    /// <summary>Writes <paramref name="code"/> as an unsigned varint followed by <paramref name="data"/>.</summary>
    public static byte[] Prefix(ulong code, ReadOnlySpan<byte> data)
    {
        Span<byte> varint = stackalloc byte[10];
        var n = 0;
        do
        {
            var b = (byte)(code & 0x7f);
            code >>= 7;
            varint[n++] = code != 0 ? (byte)(b | 0x80) : b;
        } while (code != 0);
        var result = new byte[n + data.Length];
        varint[..n].CopyTo(result);
        data.CopyTo(result.AsSpan(n));
        return result;
    }

    /// <summary>
    /// Reads the varint code at the start of <paramref name="data"/>; false when it is truncated, longer than
    /// 9 bytes or not minimally encoded (unsigned-varint rules).
    /// </summary>
    public static bool TryReadPrefix(ReadOnlySpan<byte> data, out ulong code, out int length)
    {
        code = 0;
        length = 0;
        for (var i = 0; i < data.Length && i < 9; i++)
        {
            var b = data[i];
            code |= (ulong)(b & 0x7f) << (7 * i);
            if ((b & 0x80) == 0)
            {
                if (b == 0 && i > 0)
                {
                    return false;
                }
                length = i + 1;
                return true;
            }
        }
        code = 0;
        return false;
    }
}
