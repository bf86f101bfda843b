using System.Security.Cryptography;

namespace Credstack.Credentials.Keys.Ed25519;

/// <summary>
/// A verify-only Ed25519 (RFC 8032 §5.1.7) with a precomputed table of multiples of −A for one public
/// key A and a static one for the base point B, so that [S]B − [h]A costs one mixed addition per
/// signed radix-2^8 digit of S and radix-2^6 digit of h (at most 32 + 43) and no doubling.
/// </summary>
/// <remarks>
/// Variable-time: it handles only public data (signature, message, public key) and must never sign.
/// It follows libsodium's acceptance rules (<c>crypto_sign/ed25519/ref10/open.c</c>,
/// <c>_crypto_sign_ed25519_verify_detached</c>): S canonical (<c>sc25519_is_canonical</c>), R not of small
/// order (<c>ge25519_has_small_order</c>'s block list), A canonical (<c>ge25519_is_canonical</c>) and not of
/// small order, and the cofactorless equation encode([S]B − [h]A) = R as bytes. It only ever answers
/// "valid" when all of these hold; the caller (<see cref="Ed25519VerificationKey"/>) asks libsodium
/// whenever it answers "not shown valid", so a signature libsodium accepts is never rejected.
/// </remarks>
internal sealed class Ed25519FastVerifier
{
    private static readonly Lazy<Ed25519PointTable> BaseTable = new(BuildBaseTable);

    // ge25519_has_small_order's block list (libsodium ed25519_ref10.c): encodings of the points of order
    // 1, 2, 4 and 8, canonical and the non-canonical p and p + 1; the sign bit is ignored.
    private static readonly byte[][] SmallOrderBlocklist =
    [
        Convert.FromHexString("0000000000000000000000000000000000000000000000000000000000000000"),
        Convert.FromHexString("0100000000000000000000000000000000000000000000000000000000000000"),
        Convert.FromHexString("26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05"),
        Convert.FromHexString("c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a"),
        Convert.FromHexString("ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"),
        Convert.FromHexString("edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"),
        Convert.FromHexString("eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"),
    ];

    private readonly byte[] _publicKey;
    private readonly Ed25519PointTable _negATable;

    private Ed25519FastVerifier(byte[] publicKey, Ed25519PointTable negATable)
    {
        _publicKey = publicKey;
        _negATable = negATable;
    }

    internal static Ed25519PointTable Base => BaseTable.Value;

    /// <summary>
    /// The verifier for a public key, with its table built; null when the key is not canonical, is of
    /// small order or is not on the curve (libsodium rejects every signature under such a key).
    /// </summary>
    public static Ed25519FastVerifier? TryCreate(ReadOnlySpan<byte> publicKey)
    {
        if (
            publicKey.Length != 32
            || !FieldElement51.IsCanonicalEncoding(publicKey)
            || HasSmallOrderEncoding(publicKey)
            || !EdwardsPoint.TryDecode(publicKey, out var a)
        )
        {
            return null;
        }
        return new Ed25519FastVerifier(
            publicKey.ToArray(),
            Ed25519PointTable.Build(EdwardsPoint.Negate(a), Ed25519PointTable.KeyWindow)
        );
    }

    /// <summary>libsodium <c>ge25519_has_small_order</c>: the encoding (sign bit ignored) is listed.</summary>
    public static bool HasSmallOrderEncoding(ReadOnlySpan<byte> s)
    {
        foreach (var listed in SmallOrderBlocklist)
        {
            if (s[..31].SequenceEqual(listed.AsSpan(0, 31)) && (s[31] & 0x7f) == listed[31])
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// True only when the signature is valid under libsodium's rules; false means "not shown valid"
    /// (the caller then asks libsodium).
    /// </summary>
    public bool Verify(ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        if (signature.Length != 64)
        {
            return false;
        }
        var r = signature[..32];
        var s = signature[32..];
        // RFC 8032 §5.1.7 step 1: S must be below L; libsodium also refuses small-order R.
        if (!Scalar25519.IsCanonical(s) || HasSmallOrderEncoding(r))
        {
            return false;
        }
        // Step 2: k = SHA-512(dom2(F, C) || R || A || PH(M)) mod L (dom2 empty for Ed25519).
        Span<byte> hash = stackalloc byte[64];
        int length = 64 + message.Length;
        if (length <= 1024)
        {
            Span<byte> buffer = stackalloc byte[length];
            r.CopyTo(buffer);
            _publicKey.CopyTo(buffer[32..]);
            message.CopyTo(buffer[64..]);
            SHA512.HashData(buffer, hash);
        }
        else
        {
            using var incremental = IncrementalHash.CreateHash(HashAlgorithmName.SHA512);
            incremental.AppendData(r);
            incremental.AppendData(_publicKey);
            incremental.AppendData(message);
            incremental.GetHashAndReset(hash);
        }
        Span<byte> k = stackalloc byte[32];
        Scalar25519.Reduce512(hash, k);
        // Step 3 (cofactorless, as libsodium): encode([S]B + [k](−A)) must equal R byte for byte.
        var baseTable = BaseTable.Value;
        Span<sbyte> sDigits = stackalloc sbyte[baseTable.Positions];
        Span<sbyte> kDigits = stackalloc sbyte[_negATable.Positions];
        Scalar25519.Recode(s, baseTable.W, sDigits);
        Scalar25519.Recode(k, _negATable.W, kDigits);
        var check = EdwardsPoint.Identity;
        AddMultiples(ref check, baseTable, sDigits);
        AddMultiples(ref check, _negATable, kDigits);
        Span<byte> encoded = stackalloc byte[32];
        EdwardsPoint.Encode(check, encoded);
        return encoded.SequenceEqual(r);
    }

    /// <summary>acc + Σ d[i]·2^(W·i)·P from P's table: one mixed addition per non-zero digit.</summary>
    internal static void AddMultiples(
        ref EdwardsPoint acc,
        Ed25519PointTable table,
        ReadOnlySpan<sbyte> digits
    )
    {
        var points = table.Points;
        int half = table.Half;
        for (int i = 0; i < digits.Length; i++)
        {
            int d = digits[i];
            if (d != 0)
            {
                EdwardsPoint.AddNiels(ref acc, points[(i * half) + Math.Abs(d) - 1], d < 0);
            }
        }
    }

    private static Ed25519PointTable BuildBaseTable()
    {
        // B: y = 4/5, x positive (RFC 8032 §5.1).
        var encoded = Convert.FromHexString(
            "5866666666666666666666666666666666666666666666666666666666666666"
        );
        if (!EdwardsPoint.TryDecode(encoded, out var b))
        {
            throw new CryptographicException("the Ed25519 base point did not decode");
        }
        return Ed25519PointTable.Build(b, Ed25519PointTable.BaseWindow);
    }
}
