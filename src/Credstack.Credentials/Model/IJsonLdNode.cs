using System.Text.Json;

namespace Credstack.Credentials.Model;

/// <summary>What every modelled JSON-LD object shares: an optional <c>id</c>, <c>type</c> and the
/// properties the model does not name.</summary>
public interface IJsonLdNode
{
    /// <summary>The node identifier (<c>id</c>), an IRI.</summary>
    string? Id { get; }

    /// <summary>The node types (<c>type</c>), single or array.</summary>
    OneOrMany<string>? Type { get; }

    /// <summary>Every property the model does not name, kept verbatim in document order so that reading
    /// and writing loses nothing.</summary>
    Dictionary<string, JsonElement>? AdditionalProperties { get; }
}
