using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Credstack.Credentials.Validation;

/// <summary>
/// Validates a credential against the official OB 3.0 / CLR 2.0 JSON Schema for its kind and VC version
/// (embedded, never fetched) and turns the schema library's output into plain-language problems with JSON
/// paths. Where the schema offers alternatives (<c>oneOf</c>/<c>anyOf</c>, e.g. "a type string or an array
/// containing Profile"), only the alternative that fits the value's shape best is explained.
/// </summary>
public static class CredentialSchemaValidator
{
    private static readonly EvaluationOptions FlagOptions = new()
    {
        OutputFormat = OutputFormat.Flag,
    };
    private static readonly EvaluationOptions DetailOptions = new()
    {
        OutputFormat = OutputFormat.Hierarchical,
    };

    /// <summary>Validates <paramref name="credential"/> against the schema for <paramref name="kind"/> and
    /// <paramref name="version"/>.</summary>
    /// <param name="credential">The credential JSON.</param>
    /// <param name="kind">The credential kind; <see cref="CredentialKind.Unknown"/> gives a single warning.</param>
    /// <param name="version">The VC version; <see cref="VcVersion.Unknown"/> uses the VC 2.0 schema.</param>
    /// <returns>The problems; empty when the credential conforms.</returns>
    public static ImmutableArray<ValidationProblem> Validate(
        JsonElement credential,
        CredentialKind kind,
        VcVersion version
    )
    {
        var compiled = SchemaCatalog.For(kind, version);
        if (compiled is null)
        {
            return
            [
                new ValidationProblem(
                    ValidationCodes.SchemaNotApplicable,
                    ValidationCodes.SchemaNotApplicableMessage,
                    JsonPathText.Root,
                    ValidationSeverity.Warning
                ),
            ];
        }
        // The common, valid case is confirmed by the compiled evaluator; JsonSchema.Net explains failures.
        if (compiled.Fast.IsValid(credential))
        {
            return [];
        }
        var results = compiled.Schema.Evaluate(credential, DetailOptions);
        var explainer = new Explainer(compiled.Json, credential);
        if (results.IsValid)
        {
            // The two evaluators disagree (tests keep them in step): report it rather than pass silently.
            return
            [
                new ValidationProblem(
                    ValidationCodes.SchemaInvalid,
                    ValidationCodes.Format(
                        ValidationCodes.SchemaInvalidMessage,
                        "the schema evaluators disagree"
                    ),
                    JsonPathText.Root
                ),
            ];
        }
        var found = explainer.Collect(results);
        var problems = ImmutableArray.CreateBuilder<ValidationProblem>(found.Count);
        var seen = new HashSet<(string, string)>();
        foreach (var f in found)
        {
            if (seen.Add((f.Problem.Code, f.Problem.Path)))
            {
                problems.Add(f.Problem);
            }
        }
        return problems.ToImmutable();
    }

    /// <summary>JsonSchema.Net's verdict alone (tests keep the compiled evaluator in step with it).</summary>
    internal static bool LibraryIsValid(
        JsonElement credential,
        CredentialKind kind,
        VcVersion version
    ) => SchemaCatalog.For(kind, version)?.Schema.Evaluate(credential, FlagOptions).IsValid ?? true;

    /// <summary>The compiled evaluator's verdict alone.</summary>
    internal static bool FastIsValid(
        JsonElement credential,
        CredentialKind kind,
        VcVersion version
    ) => SchemaCatalog.For(kind, version)?.Fast.IsValid(credential) ?? true;

    private sealed record Found(
        ValidationProblem Problem,
        int Depth,
        string InstancePointer,
        string? ExpectedType
    );

    private sealed class Explainer(JsonNode schema, JsonElement instance)
    {
        public List<Found> Collect(EvaluationResults node)
        {
            var output = new List<Found>();
            Collect(node, output);
            return output;
        }

        private void Collect(EvaluationResults node, List<Found> output)
        {
            if (node.IsValid)
            {
                return;
            }
            var skipChildren = false;
            if (node.Errors is not null)
            {
                foreach (var (keyword, message) in node.Errors)
                {
                    Explain(node, keyword, message, output);
                    // The per-item failures under 'contains' are expected (most items do not match).
                    skipChildren |= keyword == "contains";
                }
            }
            if (skipChildren || node.Details is null)
            {
                return;
            }
            Dictionary<string, List<EvaluationResults>>? branchGroups = null;
            foreach (var child in node.Details)
            {
                if (child.IsValid)
                {
                    continue;
                }
                var combinator = CombinatorOf(child.EvaluationPath.ToString());
                if (combinator is null)
                {
                    Collect(child, output);
                    continue;
                }
                branchGroups ??= new Dictionary<string, List<EvaluationResults>>(
                    StringComparer.Ordinal
                );
                if (!branchGroups.TryGetValue(combinator, out var list))
                {
                    branchGroups[combinator] = list = [];
                }
                list.Add(child);
            }
            if (branchGroups is null)
            {
                return;
            }
            foreach (var branches in branchGroups.Values)
            {
                ExplainAlternatives(node, branches, output);
            }
        }

        /// <summary>Explains a failed oneOf/anyOf by the branch that fits best: fewest wrong-JSON-type failures,
        /// then the deepest failure (it got furthest), then fewest failures.</summary>
        private void ExplainAlternatives(
            EvaluationResults parent,
            List<EvaluationResults> branches,
            List<Found> output
        )
        {
            List<Found>? best = null;
            var bestScore = (int.MaxValue, int.MaxValue, int.MaxValue);
            var expectedTypes = new List<string>();
            foreach (var branch in branches)
            {
                var found = new List<Found>();
                Collect(branch, found);
                if (found.Count == 0)
                {
                    continue;
                }
                var typeErrors = 0;
                var maxDepth = 0;
                foreach (var f in found)
                {
                    if (f.ExpectedType is not null)
                    {
                        typeErrors++;
                        if (
                            f.InstancePointer == parent.InstanceLocation.ToString()
                            && !expectedTypes.Contains(f.ExpectedType)
                        )
                        {
                            expectedTypes.Add(f.ExpectedType);
                        }
                    }
                    maxDepth = Math.Max(maxDepth, f.Depth);
                }
                var score = (typeErrors, -maxDepth, found.Count);
                if (best is null || score.CompareTo(bestScore) < 0)
                {
                    best = found;
                    bestScore = score;
                }
            }
            if (best is null)
            {
                return;
            }
            var parentPointer = parent.InstanceLocation.ToString();
            var onlyShapeMismatch = best.TrueForAll(f =>
                f.ExpectedType is not null && f.InstancePointer == parentPointer
            );
            if (onlyShapeMismatch && expectedTypes.Count > 0)
            {
                // No alternative accepts the value's JSON type: say what would be accepted, once.
                output.Add(
                    new Found(
                        Problem(
                            ValidationCodes.SchemaType,
                            ValidationCodes.SchemaTypeMessage,
                            parentPointer,
                            string.Join(" or ", expectedTypes)
                        ),
                        Depth(parentPointer),
                        parentPointer,
                        string.Join(" or ", expectedTypes)
                    )
                );
                return;
            }
            output.AddRange(best);
        }

        private static string? CombinatorOf(string evaluationPath)
        {
            var lastSlash = evaluationPath.LastIndexOf('/');
            if (lastSlash <= 0)
            {
                return null;
            }
            var prefix = evaluationPath[..lastSlash];
            return
                prefix.EndsWith("/oneOf", StringComparison.Ordinal)
                || prefix.EndsWith("/anyOf", StringComparison.Ordinal)
                ? prefix
                : null;
        }

        private void Explain(
            EvaluationResults node,
            string keyword,
            string libraryMessage,
            List<Found> output
        )
        {
            var pointer = node.InstanceLocation.ToString();
            var schemaObject = FindSchemaObject(node.SchemaLocation, keyword);
            var value = schemaObject?[keyword];
            switch (keyword)
            {
                case "required":
                    var target = Resolve(pointer);
                    if (
                        value is JsonArray required
                        && target is { ValueKind: JsonValueKind.Object } obj
                    )
                    {
                        foreach (var name in required)
                        {
                            var n = name?.GetValue<string>();
                            if (n is not null && !obj.TryGetProperty(n, out _))
                            {
                                var childPointer =
                                    pointer
                                    + "/"
                                    + n.Replace("~", "~0", StringComparison.Ordinal)
                                        .Replace("/", "~1", StringComparison.Ordinal);
                                output.Add(
                                    new Found(
                                        Problem(
                                            ValidationCodes.SchemaRequired,
                                            ValidationCodes.SchemaRequiredMessage,
                                            childPointer,
                                            n
                                        ),
                                        Depth(childPointer),
                                        childPointer,
                                        null
                                    )
                                );
                            }
                        }
                        return;
                    }
                    break;
                case "type":
                    var expected = value is JsonArray types
                        ? string.Join(" or ", types.Select(t => t?.ToString()))
                        : value?.ToString() ?? "another type";
                    output.Add(
                        new Found(
                            Problem(
                                ValidationCodes.SchemaType,
                                ValidationCodes.SchemaTypeMessage,
                                pointer,
                                expected
                            ),
                            Depth(pointer),
                            pointer,
                            expected
                        )
                    );
                    return;
                case "contains":
                    var wanted = value is JsonObject containsSchema
                        ? Describe(containsSchema)
                        : "a required value";
                    output.Add(
                        new Found(
                            Problem(
                                ValidationCodes.SchemaTypeValue,
                                ValidationCodes.SchemaTypeValueMessage,
                                pointer,
                                wanted
                            ),
                            Depth(pointer),
                            pointer,
                            null
                        )
                    );
                    return;
                case "enum":
                case "const":
                    var allowed =
                        keyword == "enum" && value is JsonArray options
                            ? string.Join(", ", options.Select(o => o?.ToJsonString()))
                            : value?.ToJsonString() ?? "?";
                    output.Add(
                        new Found(
                            Problem(
                                ValidationCodes.SchemaEnum,
                                ValidationCodes.SchemaEnumMessage,
                                pointer,
                                allowed
                            ),
                            Depth(pointer),
                            pointer,
                            null
                        )
                    );
                    return;
                case "pattern":
                    var actual = Resolve(pointer) is { ValueKind: JsonValueKind.String } str
                        ? str.GetString()
                        : pointer;
                    output.Add(
                        new Found(
                            Problem(
                                ValidationCodes.SchemaPattern,
                                ValidationCodes.SchemaPatternMessage,
                                pointer,
                                actual
                            ),
                            Depth(pointer),
                            pointer,
                            null
                        )
                    );
                    return;
                case "minItems":
                    output.Add(
                        new Found(
                            Problem(
                                ValidationCodes.SchemaMinItems,
                                ValidationCodes.SchemaMinItemsMessage,
                                pointer,
                                value?.ToJsonString()
                            ),
                            Depth(pointer),
                            pointer,
                            null
                        )
                    );
                    return;
                case "additionalProperties":
                case "unevaluatedProperties":
                case "false":
                case "":
                    var lastSlash = pointer.LastIndexOf('/');
                    var property = lastSlash >= 0 ? pointer[(lastSlash + 1)..] : pointer;
                    output.Add(
                        new Found(
                            Problem(
                                ValidationCodes.SchemaAdditionalProperty,
                                ValidationCodes.SchemaAdditionalPropertyMessage,
                                pointer,
                                property
                            ),
                            Depth(pointer),
                            pointer,
                            null
                        )
                    );
                    return;
                default:
                    break;
            }
            output.Add(
                new Found(
                    Problem(
                        ValidationCodes.SchemaInvalid,
                        ValidationCodes.SchemaInvalidMessage,
                        pointer,
                        keyword + ": " + libraryMessage
                    ),
                    Depth(pointer),
                    pointer,
                    null
                )
            );
        }

        private ValidationProblem Problem(
            string code,
            string template,
            string pointer,
            params object?[] args
        ) =>
            new(
                code,
                ValidationCodes.Format(template, args),
                JsonPathText.FromPointer(pointer, instance)
            );

        private static string Describe(JsonObject subschema)
        {
            if (subschema["enum"] is JsonArray values)
            {
                return string.Join(" or ", values.Select(v => v?.ToString()));
            }
            return subschema["const"]?.ToString() ?? subschema.ToJsonString();
        }

        private static int Depth(string pointer)
        {
            var depth = 0;
            foreach (var c in pointer)
            {
                if (c == '/')
                {
                    depth++;
                }
            }
            return depth;
        }

        private JsonElement? Resolve(string pointer)
        {
            var current = instance;
            if (pointer.Length == 0)
            {
                return current;
            }
            foreach (var raw in pointer[1..].Split('/'))
            {
                var segment = raw.Replace("~1", "/", StringComparison.Ordinal)
                    .Replace("~0", "~", StringComparison.Ordinal);
                if (
                    current.ValueKind == JsonValueKind.Object
                    && current.TryGetProperty(segment, out var next)
                )
                {
                    current = next;
                }
                else if (
                    current.ValueKind == JsonValueKind.Array
                    && int.TryParse(
                        segment,
                        System.Globalization.NumberStyles.None,
                        System.Globalization.CultureInfo.InvariantCulture,
                        out var i
                    )
                    && i < current.GetArrayLength()
                )
                {
                    current = current[i];
                }
                else
                {
                    return null;
                }
            }
            return current;
        }

        /// <summary>Finds the schema object holding <paramref name="keyword"/> for a result node: walks the node's
        /// schema location as far as it resolves, then looks back up for the keyword.</summary>
        private JsonObject? FindSchemaObject(Uri schemaLocation, string keyword)
        {
            var fragment = Uri.UnescapeDataString(schemaLocation.Fragment.TrimStart('#'));
            var trail = new List<JsonNode> { schema };
            JsonNode? current = schema;
            if (fragment.Length > 1)
            {
                foreach (var raw in fragment[1..].Split('/'))
                {
                    var segment = raw.Replace("~1", "/", StringComparison.Ordinal)
                        .Replace("~0", "~", StringComparison.Ordinal);
                    JsonNode? next = current switch
                    {
                        JsonObject o => o[segment],
                        JsonArray a
                            when int.TryParse(
                                segment,
                                System.Globalization.NumberStyles.None,
                                System.Globalization.CultureInfo.InvariantCulture,
                                out var i
                            )
                                && i < a.Count => a[i],
                        _ => null,
                    };
                    if (next is null)
                    {
                        break;
                    }
                    trail.Add(next);
                    current = next;
                }
            }
            for (var i = trail.Count - 1; i >= 0; i--)
            {
                if (trail[i] is JsonObject o && o.ContainsKey(keyword))
                {
                    return o;
                }
            }
            return null;
        }
    }
}
