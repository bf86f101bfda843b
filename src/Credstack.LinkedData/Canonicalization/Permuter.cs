namespace Credstack.LinkedData.Canonicalization;

/// <summary>
/// Enumerates the permutations of a list (RDFC-1.0 §4.8.3 step 5.4) with the Steinhaus–Johnson–Trotter
/// algorithm, starting from the list sorted by rank. The order matters only when two permutations give
/// the same path; it follows the reference implementation so that issued-identifier maps agree.
/// </summary>
internal sealed class Permuter
{
    private readonly int[] _items;
    private readonly int[] _ranks;
    private readonly bool[] _leftByRank;
    private bool _done;

    /// <param name="items">The elements (blank node indices).</param>
    /// <param name="ranks">Rank of each element (equal elements have equal ranks); sorted ascending with items.</param>
    public Permuter(int[] items, int[] ranks)
    {
        _items = items;
        _ranks = ranks;
        _leftByRank = new bool[ranks.Length == 0 ? 0 : ranks[^1] + 1];
        Array.Fill(_leftByRank, true);
    }

    /// <summary>Copies the current permutation into <paramref name="destination"/> and advances; false when done.</summary>
    public bool TryNext(Span<int> destination)
    {
        if (_done)
        {
            return false;
        }
        _items.CopyTo(destination);
        var length = _ranks.Length;
        var k = -1;
        var pos = 0;
        for (var i = 0; i < length; i++)
        {
            var r = _ranks[i];
            var left = _leftByRank[r];
            if (
                (k < 0 || r > k)
                && (
                    (left && i > 0 && r > _ranks[i - 1])
                    || (!left && i < length - 1 && r > _ranks[i + 1])
                )
            )
            {
                k = r;
                pos = i;
            }
        }
        if (k < 0)
        {
            _done = true;
            return true;
        }
        var swap = _leftByRank[k] ? pos - 1 : pos + 1;
        (_ranks[pos], _ranks[swap]) = (_ranks[swap], _ranks[pos]);
        (_items[pos], _items[swap]) = (_items[swap], _items[pos]);
        for (var i = 0; i < length; i++)
        {
            if (_ranks[i] > k)
            {
                _leftByRank[_ranks[i]] = !_leftByRank[_ranks[i]];
            }
        }
        return true;
    }
}
