using System.Numerics;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Credstack.Server.Features.Issuing;

/// <summary>
/// Uniformly distributed random integers below a bound, from cryptographically secure bytes drawn 256 at
/// a time: the same mask-and-reject method as <see cref="RandomNumberGenerator.GetInt32(int)"/>, without
/// its call into the provider (OpenSSL, which takes locks) per draw. A status index probe draws 4–64
/// candidates per issued credential; one call each was about 6 % of the issue path's CPU. Not thread-safe:
/// one instance per allocator (a request scope).
/// </summary>
internal sealed class RandomIndexes
{
    private readonly uint[] _buffer = new uint[64];
    private int _next = 64;

    /// <summary>A random integer in [0, <paramref name="maxExclusive"/>).</summary>
    public int Next(int maxExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxExclusive);
        if (maxExclusive == 1)
        {
            return 0;
        }
        // The smallest all-ones mask covering maxExclusive - 1; a masked value outside the range is
        // drawn again (at most half of the masked values are, so fewer than two draws on average).
        var mask = uint.MaxValue >> BitOperations.LeadingZeroCount((uint)(maxExclusive - 1));
        while (true)
        {
            if (_next == _buffer.Length)
            {
                RandomNumberGenerator.Fill(MemoryMarshal.AsBytes(_buffer.AsSpan()));
                _next = 0;
            }
            var value = _buffer[_next++] & mask;
            if (value < (uint)maxExclusive)
            {
                return (int)value;
            }
        }
    }
}
