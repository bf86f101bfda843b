using System.Text.Json;
using System.Text.Json.Nodes;
using Credstack.LinkedData.Json;
using Credstack.LinkedData.JsonLd.Expansion;
using Credstack.LinkedData.Rdf;

namespace Credstack.LinkedData.JsonLd.ToRdf;

/// <summary>
/// Deserialize JSON-LD to RDF (JSON-LD 1.1 API §8.1), Object to RDF Conversion (§8.2) and List to RDF
/// Conversion (§8.3), over a node map built by <see cref="NodeMapBuilder"/>.
/// </summary>
internal sealed class RdfDeserializer
{
    private static readonly RdfTerm TypeTerm = RdfTerm.Iri(RdfLexical.RdfType);
    private static readonly RdfTerm FirstTerm = RdfTerm.Iri(RdfLexical.RdfFirst);
    private static readonly RdfTerm RestTerm = RdfTerm.Iri(RdfLexical.RdfRest);
    private static readonly RdfTerm NilTerm = RdfTerm.Iri(RdfLexical.RdfNil);
    private static readonly RdfTerm ValueTerm = RdfTerm.Iri(RdfLexical.RdfValue);
    private static readonly RdfTerm LanguageTerm = RdfTerm.Iri(RdfLexical.RdfLanguage);
    private static readonly RdfTerm DirectionTerm = RdfTerm.Iri(RdfLexical.RdfDirection);

    // The blank node terms of NodeMapBuilder.CommonLabels, shared by every run (terms are immutable).
    private static readonly RdfTerm[] CommonBlankTerms = CreateCommonBlankTerms();

    private readonly NodeMapBuilder _nodeMap;
    private readonly bool _generalized;
    private readonly string? _rdfDirection;
    private readonly bool _safeMode;
    private readonly List<Quad> _quads;
    private Dictionary<string, RdfTerm>? _blankTerms;
    private RdfTerm _graph;

    public RdfDeserializer(NodeMapBuilder nodeMap, JsonLdOptions? options)
    {
        _nodeMap = nodeMap;
        _generalized = options?.ProduceGeneralizedRdf ?? false;
        _rdfDirection = options?.RdfDirection;
        _safeMode = options?.SafeMode ?? false;
        // Lists add two triples per member beyond the recorded values; a little headroom avoids regrowth.
        _quads = new List<Quad>(nodeMap.ValueCount + 4);
    }

    /// <summary>JSON-LD 1.1 API §8.1: every graph of the node map to quads.</summary>
    public List<Quad> Run()
    {
        foreach (var (graphName, graph) in _nodeMap.Graphs)
        {
            if (string.Equals(graphName, NodeMapBuilder.DefaultGraph, StringComparison.Ordinal))
            {
                _graph = RdfTerm.DefaultGraph;
            }
            else if (RdfLexical.IsWellFormedNodeId(graphName))
            {
                _graph = NodeTerm(graphName);
            }
            else
            {
                // §8.1 step 1.1: a graph whose name is not well-formed is skipped.
                Dropped($"graph {graphName}");
                continue;
            }
            foreach (var (subjectId, node) in graph)
            {
                if (!RdfLexical.IsWellFormedNodeId(subjectId))
                {
                    // §8.1 step 1.3.1.
                    if (node.HasContent)
                    {
                        Dropped($"node {subjectId}");
                    }
                    continue;
                }
                var subject = NodeTerm(subjectId);
                if (node.Types is { Count: > 0 })
                {
                    // §8.1 step 1.3.2.1: rdf:type triples.
                    foreach (var type in node.Types)
                    {
                        if (
                            NodeMapBuilder.IsBlank(type)
                                ? RdfLexical.IsWellFormedBlankNode(type)
                                : RdfLexical.IsWellFormedIriCached(type)
                        )
                        {
                            _quads.Add(new Quad(subject, TypeTerm, NodeTerm(type), _graph));
                        }
                        else
                        {
                            Dropped($"type {type}");
                        }
                    }
                }
                for (var p = 0; p < node.PropertyCount; p++)
                {
                    var property = node.PropertyName(p);
                    var values = node.PropertyValues(p);
                    RdfTerm predicate;
                    if (NodeMapBuilder.IsBlank(property))
                    {
                        // §8.1 step 1.3.2.3: blank node predicates only in generalized RDF.
                        if (!_generalized)
                        {
                            Dropped($"property {property}");
                            continue;
                        }
                        predicate = NodeTerm(property);
                    }
                    else if (RdfLexical.IsWellFormedIriCached(property))
                    {
                        predicate = RdfTerm.Iri(property);
                    }
                    else
                    {
                        // §8.1 step 1.3.2.4.
                        if (values.Count > 0)
                        {
                            Dropped($"property {property}");
                        }
                        continue;
                    }
                    foreach (var item in values)
                    {
                        // §8.1 step 1.3.2.5: list triples follow the triple that uses the list.
                        var index = _quads.Count;
                        var obj = ObjectToRdf(item);
                        if (obj is { } o)
                        {
                            _quads.Insert(index, new Quad(subject, predicate, o, _graph));
                        }
                    }
                }
            }
        }
        return _quads;
    }

    /// <summary>
    /// Object to RDF Conversion (JSON-LD 1.1 API §8.2); null when the item yields no term. Triples for
    /// list nodes and compound literals are appended to the output as they are produced.
    /// </summary>
    private RdfTerm? ObjectToRdf(MapItem item)
    {
        switch (item.Kind)
        {
            case MapItemKind.Reference:
                // §8.2 steps 1-2.
                if (!RdfLexical.IsWellFormedNodeId(item.Id!))
                {
                    Dropped($"reference {item.Id}");
                    return null;
                }
                return NodeTerm(item.Id!);
            case MapItemKind.List:
                // §8.2 step 3.
                return ListToRdf(item.List!);
            default:
                return ValueToRdf(item.Value!);
        }
    }

    /// <summary>JSON-LD 1.1 API §8.2 steps 4-15 for a value object.</summary>
    private RdfTerm? ValueToRdf(ExpandedMap item)
    {
        // One pass over the (few) entries instead of a lookup per keyword.
        object? value = null;
        string? datatype = null;
        string? language = null;
        object? directionNode = null;
        for (var i = 0; i < item.Count; i++)
        {
            var (key, entry) = item.GetAt(i);
            switch (key)
            {
                case "@value":
                    value = entry;
                    break;
                case "@type":
                    datatype = NodeMapBuilder.AsString(entry);
                    break;
                case "@language":
                    language = NodeMapBuilder.AsString(entry);
                    break;
                case "@direction":
                    directionNode = entry;
                    break;
            }
        }
        var isJson = string.Equals(datatype, "@json", StringComparison.Ordinal);

        // §8.2 step 5: a datatype that is not a well-formed IRI yields nothing.
        if (datatype is not null && !isJson && !RdfLexical.IsWellFormedIriCached(datatype))
        {
            Dropped($"value with datatype {datatype}");
            return null;
        }
        // §8.2 step 6.
        if (language is not null && !RdfLexical.IsWellFormedLanguage(language))
        {
            Dropped($"value with language {language}");
            return null;
        }

        string lexical;
        if (isJson)
        {
            // §8.2 step 7: JSON literals in their JCS canonical form.
            try
            {
                lexical = Jcs.Canonicalize(
                    value is string text ? JsonValue.Create(text) : (JsonNode?)value
                );
            }
            catch (ArgumentException ex)
            {
                throw new JsonLdException(JsonLdErrorCodes.InvalidJSONLiteral, ex.Message, ex);
            }
            datatype = RdfLexical.RdfJson;
        }
        else if (value is string text)
        {
            lexical = text;
        }
        else if (value is JsonValue scalar)
        {
            switch (scalar.GetValueKind())
            {
                case JsonValueKind.String:
                    // The string itself (ToString does not quote a string value), without the
                    // generic virtual dispatch of GetValue<string>.
                    lexical = scalar.ToString();
                    break;
                case JsonValueKind.True:
                    // §8.2 step 8.
                    lexical = "true";
                    datatype ??= RdfLexical.XsdBoolean;
                    break;
                case JsonValueKind.False:
                    lexical = "false";
                    datatype ??= RdfLexical.XsdBoolean;
                    break;
                case JsonValueKind.Number:
                    lexical = NumberLexical(scalar, ref datatype);
                    break;
                default:
                    return null;
            }
        }
        else
        {
            // A null or structured @value outside @json is not a literal.
            return null;
        }

        // §8.2 step 13: @direction.
        if (
            _rdfDirection is not null
            && directionNode is not null
            && NodeMapBuilder.AsString(directionNode) is { } direction
        )
        {
            var lang = language is null ? string.Empty : language.ToLowerInvariant();
            if (string.Equals(_rdfDirection, "i18n-datatype", StringComparison.Ordinal))
            {
                return RdfTerm.Literal(lexical, RdfLexical.I18n + lang + "_" + direction);
            }
            if (string.Equals(_rdfDirection, "compound-literal", StringComparison.Ordinal))
            {
                var literal = NodeTerm(_nodeMap.GenerateBlankNodeId(null));
                _quads.Add(new Quad(literal, ValueTerm, RdfTerm.Literal(lexical), _graph));
                if (language is not null)
                {
                    _quads.Add(new Quad(literal, LanguageTerm, RdfTerm.Literal(lang), _graph));
                }
                _quads.Add(new Quad(literal, DirectionTerm, RdfTerm.Literal(direction), _graph));
                return literal;
            }
        }

        // §8.2 steps 11 and 14.
        return language is not null
            ? RdfTerm.Literal(lexical, null, language)
            : RdfTerm.Literal(lexical, datatype);
    }

    /// <summary>JSON-LD 1.1 API §8.2 steps 9-10: numbers as xsd:integer or xsd:double.</summary>
    private static string NumberLexical(JsonValue scalar, ref string? datatype)
    {
        if (!Jcs.TryGetDouble(scalar, out var number))
        {
            // A literal beyond the double range: JSON parsers read it as an infinity, which has no form.
            throw new JsonLdException(
                JsonLdErrorCodes.InvalidInput,
                $"the number {scalar.ToJsonString()} is outside the range of a double"
            );
        }
        var isDouble =
            Math.Floor(number) != number
            || Math.Abs(number) >= 1e21
            || string.Equals(datatype, RdfLexical.XsdDouble, StringComparison.Ordinal);
        if (isDouble)
        {
            datatype ??= RdfLexical.XsdDouble;
            return RdfLexical.FormatDouble(number);
        }
        datatype ??= RdfLexical.XsdInteger;
        return RdfLexical.FormatInteger(number);
    }

    /// <summary>List to RDF Conversion (JSON-LD 1.1 API §8.3).</summary>
    private RdfTerm ListToRdf(List<MapItem> list)
    {
        if (list.Count == 0)
        {
            return NilTerm;
        }
        // §8.3 step 2: one fresh blank node per member.
        var nodes = new RdfTerm[list.Count];
        for (var i = 0; i < nodes.Length; i++)
        {
            nodes[i] = NodeTerm(_nodeMap.GenerateBlankNodeId(null));
        }
        for (var i = 0; i < nodes.Length; i++)
        {
            var subject = nodes[i];
            var index = _quads.Count;
            var obj = ObjectToRdf(list[i]);
            var at = index;
            if (obj is { } o)
            {
                _quads.Insert(at++, new Quad(subject, FirstTerm, o, _graph));
            }
            _quads.Insert(
                at,
                new Quad(subject, RestTerm, i + 1 < nodes.Length ? nodes[i + 1] : NilTerm, _graph)
            );
        }
        return nodes[0];
    }

    private RdfTerm NodeTerm(string id)
    {
        if (!NodeMapBuilder.IsBlank(id))
        {
            return RdfTerm.Iri(id);
        }
        var common = NodeMapBuilder.CommonLabelIndex(id);
        if (common >= 0)
        {
            return CommonBlankTerms[common];
        }
        _blankTerms ??= new Dictionary<string, RdfTerm>(StringComparer.Ordinal);
        if (!_blankTerms.TryGetValue(id, out var term))
        {
            term = RdfTerm.BlankNode(id);
            _blankTerms.Add(id, term);
        }
        return term;
    }

    private static RdfTerm[] CreateCommonBlankTerms()
    {
        var terms = new RdfTerm[NodeMapBuilder.CommonLabelCount];
        for (var i = 0; i < terms.Length; i++)
        {
            terms[i] = RdfTerm.BlankNode(NodeMapBuilder.CommonLabels[i]);
        }
        return terms;
    }

    private void Dropped(string what)
    {
        if (_safeMode)
        {
            throw new JsonLdException(
                JsonLdErrorCodes.SafeModeViolation,
                $"{what} is not a well-formed RDF term and would not be covered by the RDF"
            );
        }
    }
}
