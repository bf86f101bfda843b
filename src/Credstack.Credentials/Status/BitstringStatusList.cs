using System.Buffers.Text;
using System.IO.Compression;

namespace Credstack.Credentials.Status;

/// <summary>
/// A W3C Bitstring Status List v1.0 bitstring: <see cref="Length"/> entries of <see cref="StatusSize"/> bits each.
/// Entry 0 starts at the left-most (most significant) bit of the first byte (§2.2 <c>encodedList</c>, §7.1).
/// </summary>
public sealed class BitstringStatusList
{
    /// <summary>The minimum number of entries, 131,072 (16 KB at one bit per entry), for herd privacy (§3.2 step 2).</summary>
    public const int MinimumLength = 131_072;

    /// <summary>The largest supported <see cref="StatusSize"/>. An entry with more bits would need more than 65,536 status messages.</summary>
    public const int MaximumStatusSize = 16;

    /// <summary>The default limit on the uncompressed size of a decoded list: 16 MiB (134 million one-bit entries).</summary>
    public const int DefaultMaxUncompressedBytes = 16 * 1024 * 1024;

    private readonly byte[] _bytes;

    /// <summary>Creates a list with every entry set to 0.</summary>
    /// <param name="length">The number of entries; at least <see cref="MinimumLength"/>.</param>
    /// <param name="statusSize">The number of bits per entry, 1 to <see cref="MaximumStatusSize"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">The length or status size is out of range.</exception>
    public BitstringStatusList(int length = MinimumLength, int statusSize = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, MinimumLength);
        CheckStatusSize(statusSize);
        var bits = (long)length * statusSize;
        var bytes = (bits + 7) / 8;
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bytes, Array.MaxLength, nameof(length));
        _bytes = new byte[bytes];
        StatusSize = statusSize;
        Length = length;
    }

    private BitstringStatusList(byte[] bytes, int statusSize)
    {
        _bytes = bytes;
        StatusSize = statusSize;
        Length = (int)Math.Min(int.MaxValue, (long)bytes.Length * 8 / statusSize);
    }

    /// <summary>The number of entries.</summary>
    public int Length { get; }

    /// <summary>The number of bits per entry.</summary>
    public int StatusSize { get; }

    /// <summary>The length of the bitstring in bits (a multiple of 8).</summary>
    public long LengthInBits => (long)_bytes.Length * 8;

    /// <summary>True when the list holds fewer than <see cref="MinimumLength"/> entries (a decoded list from an issuer that ignored §2.2).</summary>
    public bool IsShorterThanMinimum => Length < MinimumLength;

    /// <summary>The raw bitstring bytes (a copy).</summary>
    /// <returns>The bytes, entry 0 in the most significant bits of byte 0.</returns>
    public byte[] ToArray() => (byte[])_bytes.Clone();

    /// <summary>Creates a list over a copy of raw, uncompressed bitstring bytes (any length above zero).</summary>
    /// <param name="bitstring">The uncompressed bitstring.</param>
    /// <param name="statusSize">The number of bits per entry.</param>
    /// <returns>The list.</returns>
    public static BitstringStatusList FromBytes(ReadOnlySpan<byte> bitstring, int statusSize = 1)
    {
        CheckStatusSize(statusSize);
        if (bitstring.IsEmpty)
        {
            throw new ArgumentException("the bitstring is empty", nameof(bitstring));
        }
        return new BitstringStatusList(bitstring.ToArray(), statusSize);
    }

    /// <summary>Reads the status value of an entry.</summary>
    /// <param name="index">The entry index, 0 to <see cref="Length"/> - 1.</param>
    /// <returns>The value, 0 to 2^<see cref="StatusSize"/> - 1.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The index is outside the list.</exception>
    public int GetStatus(long index)
    {
        CheckIndex(index);
        var position = index * StatusSize;
        var value = 0;
        for (var i = 0; i < StatusSize; i++)
        {
            var bit = position + i;
            // §2.2: index 0 is the left-most bit, so bit 0 of a byte is its most significant bit.
            value = (value << 1) | ((_bytes[bit >> 3] >> (7 - (int)(bit & 7))) & 1);
        }
        return value;
    }

    /// <summary>Writes the status value of an entry.</summary>
    /// <param name="index">The entry index, 0 to <see cref="Length"/> - 1.</param>
    /// <param name="value">The value, 0 to 2^<see cref="StatusSize"/> - 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">The index or value is out of range.</exception>
    public void SetStatus(long index, int value)
    {
        CheckIndex(index);
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(value, (1 << StatusSize) - 1);
        var position = index * StatusSize;
        for (var i = 0; i < StatusSize; i++)
        {
            var bit = position + i;
            var mask = (byte)(0x80 >> (int)(bit & 7));
            var set = ((value >> (StatusSize - 1 - i)) & 1) != 0;
            if (set)
            {
                _bytes[bit >> 3] |= mask;
            }
            else
            {
                _bytes[bit >> 3] &= (byte)~mask;
            }
        }
    }

    /// <summary>True when the entry's value is not 0 (revoked, suspended, ... depending on the purpose).</summary>
    /// <param name="index">The entry index.</param>
    /// <returns>Whether the entry is set.</returns>
    public bool IsSet(long index) => GetStatus(index) != 0;

    /// <summary>Sets a one-bit entry (or sets a multi-bit entry to 1 / 0).</summary>
    /// <param name="index">The entry index.</param>
    /// <param name="value">True for 1, false for 0.</param>
    public void Set(long index, bool value) => SetStatus(index, value ? 1 : 0);

    /// <summary>
    /// Encodes the list as an <c>encodedList</c> value: the multibase base64url-no-pad (<c>u</c> prefix) form of the
    /// GZIP-compressed bitstring (§3.3 step 3).
    /// </summary>
    /// <returns>The encoded list.</returns>
    public string Encode()
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(_bytes);
        }
        return "u" + Base64Url.EncodeToString(output.GetBuffer().AsSpan(0, (int)output.Length));
    }

    /// <summary>
    /// Decodes an <c>encodedList</c> (§3.4 Bitstring Expansion Algorithm). Tolerant of what real lists carry: the
    /// multibase <c>u</c> prefix may be missing (StatusList2021 lists have none), padding and the standard base64
    /// alphabet are accepted, and lists shorter than <see cref="MinimumLength"/> are read (see
    /// <see cref="IsShorterThanMinimum"/>). A payload that is not GZIP, is corrupted, or expands past
    /// <paramref name="maxUncompressedBytes"/> is refused with an error value.
    /// </summary>
    /// <param name="encodedList">The encoded list.</param>
    /// <param name="statusSize">The number of bits per entry.</param>
    /// <param name="maxUncompressedBytes">The decompression limit.</param>
    /// <returns>The list, or an error whose code is one of <see cref="StatusErrors"/>.</returns>
    public static StatusResult<BitstringStatusList> Decode(
        string encodedList,
        int statusSize = 1,
        int maxUncompressedBytes = DefaultMaxUncompressedBytes
    )
    {
        ArgumentNullException.ThrowIfNull(encodedList);
        CheckStatusSize(statusSize);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxUncompressedBytes, 1);

        var text = encodedList.AsSpan().Trim();
        // Multibase: 'u' is base64url without padding. A raw GZIP base64 string starts with "H4sI", never 'u'.
        if (!text.IsEmpty && text[0] == 'u')
        {
            text = text[1..];
        }
        if (text.IsEmpty)
        {
            return Fail(StatusErrors.Create(StatusErrors.BadMultibase, "the encodedList is empty"));
        }
        // Compressed data never needs to be much larger than the uncompressed limit; refuse absurd inputs early.
        if (text.Length / 4L * 3 > maxUncompressedBytes + 64L * 1024)
        {
            return Fail(
                StatusErrors.Format(
                    StatusErrors.TooLarge,
                    "the encodedList ({0} characters) exceeds the decompression limit of {1} bytes",
                    text.Length,
                    maxUncompressedBytes
                )
            );
        }
        var compressed = DecodeBase64(text);
        if (compressed is null)
        {
            return Fail(
                StatusErrors.Create(
                    StatusErrors.BadMultibase,
                    "the encodedList is not multibase base64url ('u' followed by base64url without padding)"
                )
            );
        }
        // RFC 1952 §2.3.1: ID1 = 0x1f, ID2 = 0x8b, CM = 8 (deflate).
        if (
            compressed.Length < 18
            || compressed[0] != 0x1f
            || compressed[1] != 0x8b
            || compressed[2] != 8
        )
        {
            return Fail(
                StatusErrors.Create(
                    StatusErrors.NotGzip,
                    "the encodedList does not decode to a GZIP stream"
                )
            );
        }
        var expanded = Gunzip(compressed, maxUncompressedBytes);
        if (!expanded.IsSuccess)
        {
            return Fail(expanded.Error);
        }
        if (expanded.Value.Length == 0)
        {
            return Fail(
                StatusErrors.Create(StatusErrors.EmptyList, "the uncompressed bitstring is empty")
            );
        }
        return new StatusResult<BitstringStatusList>(
            new BitstringStatusList(expanded.Value, statusSize)
        );
    }

    private static StatusResult<BitstringStatusList> Fail(StatusError error) => new(error);

    private static byte[]? DecodeBase64(ReadOnlySpan<char> text)
    {
        // Accept the standard alphabet and padding too: StatusList2021 lists in the wild use either.
        var chars = new char[text.Length];
        var count = 0;
        foreach (var c in text)
        {
            var mapped = c switch
            {
                '+' => '-',
                '/' => '_',
                _ => c,
            };
            if (mapped == '=')
            {
                continue;
            }
            if (!(char.IsAsciiLetterOrDigit(mapped) || mapped == '-' || mapped == '_'))
            {
                return null;
            }
            chars[count++] = mapped;
        }
        if (count % 4 == 1)
        {
            return null;
        }
        var span = chars.AsSpan(0, count);
        var output = new byte[Base64Url.GetMaxDecodedLength(count)];
        return Base64Url.TryDecodeFromChars(span, output, out var written)
            ? output[..written]
            : null;
    }

    private static StatusResult<byte[]> Gunzip(byte[] compressed, int maxUncompressedBytes)
    {
        // RFC 1952 §2.3.1: ISIZE, the last four bytes, is the uncompressed size modulo 2^32. Use it only as a
        // pre-allocation hint: an attacker controls it.
        var isize = BitConverter.ToUInt32(compressed, compressed.Length - 4);
        var initial = (int)Math.Min(Math.Min(isize, (uint)maxUncompressedBytes), 1024u * 1024u);
        using var output = new MemoryStream(Math.Max(initial, 256));
        var buffer = new byte[16 * 1024];
        try
        {
            using var gzip = new GZipStream(
                new MemoryStream(compressed, writable: false),
                CompressionMode.Decompress
            );
            int read;
            while ((read = gzip.Read(buffer, 0, buffer.Length)) > 0)
            {
                if (output.Length + read > maxUncompressedBytes)
                {
                    return new StatusResult<byte[]>(
                        StatusErrors.Format(
                            StatusErrors.TooLarge,
                            "the uncompressed bitstring exceeds the decompression limit of {0} bytes",
                            maxUncompressedBytes
                        )
                    );
                }
                output.Write(buffer, 0, read);
            }
        }
        catch (InvalidDataException ex)
        {
            return new StatusResult<byte[]>(
                StatusErrors.Create(
                    StatusErrors.NotGzip,
                    "the encodedList GZIP stream is corrupted: " + ex.Message
                )
            );
        }
        // A truncated stream can end without an exception; the trailer's size must then disagree.
        if ((uint)output.Length != isize)
        {
            return new StatusResult<byte[]>(
                StatusErrors.Create(
                    StatusErrors.NotGzip,
                    "the encodedList GZIP stream is truncated or corrupted"
                )
            );
        }
        return new StatusResult<byte[]>(output.ToArray());
    }

    private void CheckIndex(long index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Length);
    }

    private static void CheckStatusSize(int statusSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(statusSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(statusSize, MaximumStatusSize);
    }
}
