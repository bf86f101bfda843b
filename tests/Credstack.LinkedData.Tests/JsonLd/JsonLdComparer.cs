using System.Text.Json;
using System.Text.Json.Nodes;

namespace Credstack.LinkedData.Tests.JsonLd;

/// <summary>
/// JSON-LD object comparison as the W3C test suite defines it (tests/README.md): objects compare as
/// unordered maps, arrays as unordered multisets except the values of <c>@list</c>, numbers by value.
/// </summary>
internal static class JsonLdComparer
{
    public static bool AreEqual(JsonNode? expected, JsonNode? actual, bool ordered = false)
    {
        switch (expected)
        {
            case null:
                return actual is null;
            case JsonObject expectedObject:
                if (
                    actual is not JsonObject actualObject
                    || actualObject.Count != expectedObject.Count
                )
                {
                    return false;
                }
                foreach (var (key, value) in expectedObject)
                {
                    if (
                        !actualObject.TryGetPropertyValue(key, out var other)
                        || !AreEqual(value, other, key == "@list")
                    )
                    {
                        return false;
                    }
                }
                return true;
            case JsonArray expectedArray:
                if (actual is not JsonArray actualArray || actualArray.Count != expectedArray.Count)
                {
                    return false;
                }
                if (ordered)
                {
                    for (var i = 0; i < expectedArray.Count; i++)
                    {
                        if (!AreEqual(expectedArray[i], actualArray[i]))
                        {
                            return false;
                        }
                    }
                    return true;
                }
                var used = new bool[actualArray.Count];
                foreach (var item in expectedArray)
                {
                    var found = false;
                    for (var j = 0; j < actualArray.Count; j++)
                    {
                        if (!used[j] && AreEqual(item, actualArray[j]))
                        {
                            used[j] = true;
                            found = true;
                            break;
                        }
                    }
                    if (!found)
                    {
                        return false;
                    }
                }
                return true;
            default:
                if (actual is not JsonValue actualValue)
                {
                    return false;
                }
                var expectedValue = (JsonValue)expected;
                var kind = expectedValue.GetValueKind();
                if (kind != actualValue.GetValueKind())
                {
                    return false;
                }
                return kind switch
                {
                    JsonValueKind.Number => expectedValue.GetValue<double>()
                        == actualValue.GetValue<double>(),
                    JsonValueKind.String => expectedValue.GetValue<string>()
                        == actualValue.GetValue<string>(),
                    _ => true,
                };
        }
    }
}
