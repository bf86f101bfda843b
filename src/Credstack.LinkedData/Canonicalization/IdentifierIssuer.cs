namespace Credstack.LinkedData.Canonicalization;

/// <summary>
/// A temporary identifier issuer (RDFC-1.0 §4.5 Issue Identifier) for the <c>b</c> prefix used by Hash
/// N-Degree Quads. Blank nodes are referred to by their index in the dataset; the issuer keeps the order
/// in which identifiers were issued (needed by §4.4.3 step 5.3.1).
/// </summary>
internal sealed class IdentifierIssuer
{
    private readonly Dictionary<int, int> _issued;
    private readonly List<int> _order;

    public IdentifierIssuer()
    {
        _issued = [];
        _order = [];
    }

    private IdentifierIssuer(IdentifierIssuer other)
    {
        _issued = new Dictionary<int, int>(other._issued);
        _order = new List<int>(other._order);
    }

    /// <summary>The blank nodes that received an identifier, in issue order.</summary>
    public IReadOnlyList<int> IssuedInOrder => _order;

    /// <summary>The number of identifiers issued (the next counter).</summary>
    public int Count => _order.Count;

    public bool TryGet(int blankNode, out int counter) =>
        _issued.TryGetValue(blankNode, out counter);

    /// <summary>§4.5: returns the existing counter of the node, or issues the next one.</summary>
    public int Issue(int blankNode)
    {
        if (_issued.TryGetValue(blankNode, out var counter))
        {
            return counter;
        }
        counter = _order.Count;
        _issued.Add(blankNode, counter);
        _order.Add(blankNode);
        return counter;
    }

    public IdentifierIssuer Clone() => new(this);
}
