using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Credstack.Credentials.Validation;

/// <summary>
/// A fast yes/no evaluator for the JSON Schema 2019-09 subset the OB 3.0 / CLR 2.0 schemas use (type, enum,
/// pattern, properties, required, additionalProperties, propertyNames, items (single and tuple), additionalItems,
/// minItems, contains, allOf/anyOf/oneOf, local <c>$ref</c>). Valid credentials — the common case — are confirmed
/// without building an output tree; only failing ones go through JsonSchema.Net to be explained. Compiling a
/// schema with any other assertion keyword throws, so the subset can never silently shrink what is checked.
/// <c>format</c> is an annotation in 2019-09 (§7.2.1) and, as in JsonSchema.Net's default, not asserted.
/// </summary>
internal sealed class CompiledJsonSchema
{
    private const int MaxDepth = 128;

    private static readonly HashSet<string> Annotations = new(StringComparer.Ordinal)
    {
        "$schema",
        "$id",
        "$defs",
        "$comment",
        "title",
        "description",
        "format",
    };

    private readonly Node _root;

    private CompiledJsonSchema(Node root) => _root = root;

    public static CompiledJsonSchema Compile(JsonNode schema)
    {
        var compiler = new Compiler(schema);
        return new CompiledJsonSchema(compiler.CompileAt("#"));
    }

    public bool IsValid(JsonElement instance) => _root.IsValid(instance, 0);

    [Flags]
    private enum JsonTypes
    {
        None = 0,
        String = 1,
        Object = 2,
        Array = 4,
        Number = 8,
        Integer = 16,
        Boolean = 32,
        Null = 64,
    }

    private sealed class Node
    {
        public bool? Constant;
        public JsonTypes Types;
        public JsonElement[]? Enum;
        public Regex? Pattern;
        public Node? PropertyNames;
        public Dictionary<string, Node>? Properties;
        public Node? AdditionalProperties;
        public string[]? Required;
        public Node? Items;
        public Node[]? TupleItems;
        public Node? AdditionalItems;
        public int MinItems;
        public Node? Contains;
        public Node[]? AllOf;
        public Node[]? AnyOf;
        public Node[]? OneOf;
        public Node? Ref;

        public bool IsValid(JsonElement value, int depth)
        {
            if (Constant is { } constant)
            {
                return constant;
            }
            if (depth > MaxDepth)
            {
                return false;
            }
            if (Types != JsonTypes.None && !HasType(value))
            {
                return false;
            }
            if (Enum is not null && !InEnum(value))
            {
                return false;
            }
            if (Ref is not null && !Ref.IsValid(value, depth + 1))
            {
                return false;
            }
            switch (value.ValueKind)
            {
                case JsonValueKind.String:
                    if (Pattern is not null && !Pattern.IsMatch(value.GetString()!))
                    {
                        return false;
                    }
                    break;
                case JsonValueKind.Object:
                    if (!ObjectIsValid(value, depth))
                    {
                        return false;
                    }
                    break;
                case JsonValueKind.Array:
                    if (!ArrayIsValid(value, depth))
                    {
                        return false;
                    }
                    break;
                default:
                    break;
            }
            if (AllOf is not null)
            {
                foreach (var s in AllOf)
                {
                    if (!s.IsValid(value, depth + 1))
                    {
                        return false;
                    }
                }
            }
            if (AnyOf is not null)
            {
                var any = false;
                foreach (var s in AnyOf)
                {
                    if (s.IsValid(value, depth + 1))
                    {
                        any = true;
                        break;
                    }
                }
                if (!any)
                {
                    return false;
                }
            }
            if (OneOf is not null)
            {
                var matches = 0;
                foreach (var s in OneOf)
                {
                    if (s.IsValid(value, depth + 1) && ++matches > 1)
                    {
                        return false;
                    }
                }
                if (matches != 1)
                {
                    return false;
                }
            }
            return true;
        }

        /// <summary>Evaluates a property name (a JSON string) without materialising it as a JSON value.</summary>
        public bool IsValidName(string name, int depth)
        {
            if (Constant is { } constant)
            {
                return constant;
            }
            if (depth > MaxDepth || (Types != JsonTypes.None && (Types & JsonTypes.String) == 0))
            {
                return false;
            }
            if (
                Enum is not null
                && !Array.Exists(
                    Enum,
                    e => e.ValueKind == JsonValueKind.String && e.ValueEquals(name)
                )
            )
            {
                return false;
            }
            if (Pattern is not null && !Pattern.IsMatch(name))
            {
                return false;
            }
            if (Ref is not null && !Ref.IsValidName(name, depth + 1))
            {
                return false;
            }
            if (AllOf is not null && !Array.TrueForAll(AllOf, s => s.IsValidName(name, depth + 1)))
            {
                return false;
            }
            if (AnyOf is not null && !Array.Exists(AnyOf, s => s.IsValidName(name, depth + 1)))
            {
                return false;
            }
            return OneOf is null || OneOf.Count(s => s.IsValidName(name, depth + 1)) == 1;
        }

        private bool HasType(JsonElement value) =>
            value.ValueKind switch
            {
                JsonValueKind.String => (Types & JsonTypes.String) != 0,
                JsonValueKind.Object => (Types & JsonTypes.Object) != 0,
                JsonValueKind.Array => (Types & JsonTypes.Array) != 0,
                JsonValueKind.Number => (Types & JsonTypes.Number) != 0
                    || (
                        (Types & JsonTypes.Integer) != 0
                        && value.TryGetDecimal(out var d)
                        && decimal.Truncate(d) == d
                    ),
                JsonValueKind.True or JsonValueKind.False => (Types & JsonTypes.Boolean) != 0,
                JsonValueKind.Null => (Types & JsonTypes.Null) != 0,
                _ => false,
            };

        private bool InEnum(JsonElement value)
        {
            foreach (var e in Enum!)
            {
                if (JsonElement.DeepEquals(e, value))
                {
                    return true;
                }
            }
            return false;
        }

        private bool ObjectIsValid(JsonElement value, int depth)
        {
            if (Required is not null)
            {
                foreach (var name in Required)
                {
                    if (!value.TryGetProperty(name, out _))
                    {
                        return false;
                    }
                }
            }
            if (Properties is null && AdditionalProperties is null && PropertyNames is null)
            {
                return true;
            }
            foreach (var property in value.EnumerateObject())
            {
                if (
                    PropertyNames is not null
                    && !PropertyNames.IsValidName(property.Name, depth + 1)
                )
                {
                    return false;
                }
                if (Properties is not null && Properties.TryGetValue(property.Name, out var schema))
                {
                    if (!schema.IsValid(property.Value, depth + 1))
                    {
                        return false;
                    }
                }
                else if (
                    AdditionalProperties is not null
                    && !AdditionalProperties.IsValid(property.Value, depth + 1)
                )
                {
                    return false;
                }
            }
            return true;
        }

        private bool ArrayIsValid(JsonElement value, int depth)
        {
            var length = value.GetArrayLength();
            if (length < MinItems)
            {
                return false;
            }
            var containsFound = Contains is null;
            var i = 0;
            foreach (var item in value.EnumerateArray())
            {
                Node? itemSchema = TupleItems is not null
                    ? (i < TupleItems.Length ? TupleItems[i] : AdditionalItems)
                    : Items;
                if (itemSchema is not null && !itemSchema.IsValid(item, depth + 1))
                {
                    return false;
                }
                if (!containsFound && Contains!.IsValid(item, depth + 1))
                {
                    containsFound = true;
                }
                i++;
            }
            return containsFound;
        }
    }

    private sealed class Compiler(JsonNode root)
    {
        private static readonly Dictionary<string, Regex> Patterns = new(StringComparer.Ordinal);
        private readonly Dictionary<string, Node> _byPointer = new(StringComparer.Ordinal);

        public Node CompileAt(string reference)
        {
            if (_byPointer.TryGetValue(reference, out var existing))
            {
                return existing;
            }
            var node = new Node();
            // Registered before filling: recursive definitions (Profile.parentOrg → Profile) resolve to the same node.
            _byPointer[reference] = node;
            Fill(node, Resolve(reference));
            return node;
        }

        private JsonNode Resolve(string reference)
        {
            if (!reference.StartsWith('#'))
            {
                throw new NotSupportedException(
                    $"only local $ref values are supported, not '{reference}'"
                );
            }
            JsonNode current = root;
            if (reference.Length > 1)
            {
                foreach (var raw in reference[2..].Split('/'))
                {
                    var segment = raw.Replace("~1", "/", StringComparison.Ordinal)
                        .Replace("~0", "~", StringComparison.Ordinal);
                    current = current switch
                    {
                        JsonObject o when o[segment] is { } next => next,
                        JsonArray a
                            when int.TryParse(
                                segment,
                                System.Globalization.CultureInfo.InvariantCulture,
                                out var i
                            )
                                && i < a.Count
                                && a[i] is { } item => item,
                        _ => throw new NotSupportedException($"unresolvable $ref '{reference}'"),
                    };
                }
            }
            return current;
        }

        private Node Compile(JsonNode? schema, string pointer)
        {
            var node = new Node();
            Fill(
                node,
                schema ?? throw new NotSupportedException($"null schema at {pointer}"),
                pointer
            );
            return node;
        }

        private void Fill(Node node, JsonNode schema, string pointer = "#")
        {
            if (schema is JsonValue boolean && boolean.TryGetValue<bool>(out var constant))
            {
                node.Constant = constant;
                return;
            }
            if (schema is not JsonObject obj)
            {
                throw new NotSupportedException($"schema at {pointer} is not an object or boolean");
            }
            foreach (var (keyword, value) in obj)
            {
                var at = pointer + "/" + keyword;
                switch (keyword)
                {
                    case "type":
                        node.Types = value is JsonArray types
                            ? types.Aggregate(JsonTypes.None, (t, v) => t | ParseType(v))
                            : ParseType(value);
                        break;
                    case "enum":
                        node.Enum =
                        [
                            .. ((JsonArray)value!).Select(v =>
                                JsonSerializer.SerializeToElement(v)
                            ),
                        ];
                        break;
                    case "pattern":
                        node.Pattern = PatternFor(value!.GetValue<string>());
                        break;
                    case "propertyNames":
                        node.PropertyNames = Compile(value, at);
                        break;
                    case "properties":
                        node.Properties = ((JsonObject)value!).ToDictionary(
                            p => p.Key,
                            p => Compile(p.Value, at + "/" + p.Key),
                            StringComparer.Ordinal
                        );
                        break;
                    case "additionalProperties":
                        node.AdditionalProperties = Compile(value, at);
                        break;
                    case "required":
                        node.Required = [.. ((JsonArray)value!).Select(v => v!.GetValue<string>())];
                        break;
                    case "items":
                        if (value is JsonArray tuple)
                        {
                            node.TupleItems =
                            [
                                .. tuple.Select(
                                    (v, i) =>
                                        Compile(
                                            v,
                                            at
                                                + "/"
                                                + i.ToString(
                                                    System
                                                        .Globalization
                                                        .CultureInfo
                                                        .InvariantCulture
                                                )
                                        )
                                ),
                            ];
                        }
                        else
                        {
                            node.Items = Compile(value, at);
                        }
                        break;
                    case "additionalItems":
                        node.AdditionalItems = Compile(value, at);
                        break;
                    case "minItems":
                        node.MinItems = value!.GetValue<int>();
                        break;
                    case "contains":
                        node.Contains = Compile(value, at);
                        break;
                    case "allOf":
                        node.AllOf =
                        [
                            .. ((JsonArray)value!).Select(
                                (v, i) =>
                                    Compile(
                                        v,
                                        at
                                            + "/"
                                            + i.ToString(
                                                System.Globalization.CultureInfo.InvariantCulture
                                            )
                                    )
                            ),
                        ];
                        break;
                    case "anyOf":
                        node.AnyOf =
                        [
                            .. ((JsonArray)value!).Select(
                                (v, i) =>
                                    Compile(
                                        v,
                                        at
                                            + "/"
                                            + i.ToString(
                                                System.Globalization.CultureInfo.InvariantCulture
                                            )
                                    )
                            ),
                        ];
                        break;
                    case "oneOf":
                        node.OneOf =
                        [
                            .. ((JsonArray)value!).Select(
                                (v, i) =>
                                    Compile(
                                        v,
                                        at
                                            + "/"
                                            + i.ToString(
                                                System.Globalization.CultureInfo.InvariantCulture
                                            )
                                    )
                            ),
                        ];
                        break;
                    case "$ref":
                        node.Ref = CompileAt(value!.GetValue<string>());
                        break;
                    default:
                        if (!Annotations.Contains(keyword))
                        {
                            throw new NotSupportedException(
                                $"JSON Schema keyword '{keyword}' at {at} is not supported by the fast evaluator"
                            );
                        }
                        break;
                }
            }
        }

        private static JsonTypes ParseType(JsonNode? value) =>
            value?.GetValue<string>() switch
            {
                "string" => JsonTypes.String,
                "object" => JsonTypes.Object,
                "array" => JsonTypes.Array,
                "number" => JsonTypes.Number,
                "integer" => JsonTypes.Integer,
                "boolean" => JsonTypes.Boolean,
                "null" => JsonTypes.Null,
                var other => throw new NotSupportedException($"unknown JSON Schema type '{other}'"),
            };

        private static Regex PatternFor(string pattern)
        {
            lock (Patterns)
            {
                if (!Patterns.TryGetValue(pattern, out var regex))
                {
                    // Non-backtracking: linear time whatever the input, so a hostile string cannot stall validation.
                    regex = new Regex(
                        pattern,
                        RegexOptions.CultureInvariant | RegexOptions.NonBacktracking
                    );
                    Patterns[pattern] = regex;
                }
                return regex;
            }
        }
    }
}
