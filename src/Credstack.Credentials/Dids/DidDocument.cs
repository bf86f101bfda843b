using System.Collections.Immutable;
using System.Text.Json;

namespace Credstack.Credentials.Dids;

/// <summary>
/// A DID document or any controller document (Controlled Identifiers §2): its id, verification methods and
/// verification relationships. A key document (a document that is itself a verification method) reads as a
/// document whose one method has the document's id.
/// </summary>
public sealed class DidDocument
{
    private static readonly JsonDocumentOptions ParseOptions = new() { MaxDepth = 32 };

    /// <summary>Creates a document from its parts (used for documents built locally, like did:key).</summary>
    public DidDocument(
        string id,
        ImmutableArray<VerificationMethod> verificationMethods,
        ImmutableArray<string> assertionMethod,
        ImmutableArray<string> authentication,
        string json
    )
    {
        Id = id;
        VerificationMethods = verificationMethods;
        AssertionMethod = assertionMethod;
        Authentication = authentication;
        Json = json;
    }

    /// <summary>
    /// The document of a DID method that derives one key from the DID itself (did:key, did:jwk): the DID
    /// core context and <paramref name="keyContext"/>, the one method <paramref name="method"/>, and every
    /// verification relationship referring to it.
    /// </summary>
    internal static DidDocument ForSingleKey(
        string id,
        string keyContext,
        VerificationMethod method
    )
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteStartArray("@context");
            w.WriteStringValue("https://www.w3.org/ns/did/v1");
            w.WriteStringValue(keyContext);
            w.WriteEndArray();
            w.WriteString("id", id);
            w.WriteStartArray("verificationMethod");
            method.WriteTo(w);
            w.WriteEndArray();
            foreach (
                var name in (string[])
                    [
                        "authentication",
                        "assertionMethod",
                        "capabilityInvocation",
                        "capabilityDelegation",
                    ]
            )
            {
                w.WriteStartArray(name);
                w.WriteStringValue(method.Id);
                w.WriteEndArray();
            }
            w.WriteEndObject();
        }
        ImmutableArray<string> relationships = [method.Id];
        return new DidDocument(
            id,
            [method],
            relationships,
            relationships,
            System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length)
        );
    }

    /// <summary>The document's id (the DID or URL).</summary>
    public string Id { get; }

    /// <summary>Every verification method the document defines, embedded ones included.</summary>
    public ImmutableArray<VerificationMethod> VerificationMethods { get; }

    /// <summary>Ids of the methods authorized for <c>assertionMethod</c> (issuing credentials).</summary>
    public ImmutableArray<string> AssertionMethod { get; }

    /// <summary>Ids of the methods authorized for <c>authentication</c>.</summary>
    public ImmutableArray<string> Authentication { get; }

    /// <summary>The document's JSON text.</summary>
    public string Json { get; }

    /// <summary>The method with the given absolute id or <c>#fragment</c>, or null.</summary>
    public VerificationMethod? FindVerificationMethod(string id)
    {
        var absolute = VerificationMethod.Absolute(id, Id);
        foreach (var vm in VerificationMethods)
        {
            if (string.Equals(vm.Id, absolute, StringComparison.Ordinal))
            {
                return vm;
            }
        }
        return null;
    }

    /// <summary>
    /// True when the method may issue credentials: it is listed under <c>assertionMethod</c>, or the document
    /// is a key document (a bare method), which has no relationships to list.
    /// </summary>
    public bool IsAssertionMethod(string verificationMethodId)
    {
        var absolute = VerificationMethod.Absolute(verificationMethodId, Id);
        if (AssertionMethod.Contains(absolute, StringComparer.Ordinal))
        {
            return true;
        }
        return string.Equals(absolute, Id, StringComparison.Ordinal)
            && VerificationMethods.Length == 1;
    }

    /// <summary>
    /// Parses document JSON. When <paramref name="expectedId"/> is given, the document's id must equal it
    /// (did:web §3.2, Controlled Identifiers §3.1: the id is the URL the document came from).
    /// </summary>
    public static ResolutionResult Parse(ReadOnlyMemory<byte> utf8Json, string? expectedId)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(utf8Json, ParseOptions);
        }
        catch (JsonException e)
        {
            return ResolutionResult.Failure(
                ResolutionErrorCode.InvalidDocument,
                "the document is not JSON: " + e.Message
            );
        }
        using (doc)
        {
            return Parse(doc.RootElement, expectedId);
        }
    }

    /// <summary>Parses a document from a JSON element (see <see cref="Parse(ReadOnlyMemory{byte}, string?)"/>).</summary>
    public static ResolutionResult Parse(JsonElement root, string? expectedId)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return ResolutionResult.Failure(
                ResolutionErrorCode.InvalidDocument,
                "the document is not a JSON object"
            );
        }
        if (
            !root.TryGetProperty("id", out var idElement)
            || idElement.ValueKind != JsonValueKind.String
        )
        {
            return ResolutionResult.Failure(
                ResolutionErrorCode.InvalidDocument,
                "the document has no string id"
            );
        }
        var id = idElement.GetString()!;
        if (expectedId is not null && !string.Equals(id, expectedId, StringComparison.Ordinal))
        {
            return ResolutionResult.Failure(
                ResolutionErrorCode.IdMismatch,
                $"the document's id '{id}' is not '{expectedId}'"
            );
        }
        var methods = ImmutableArray.CreateBuilder<VerificationMethod>();
        if (
            root.TryGetProperty("verificationMethod", out var vms)
            && vms.ValueKind == JsonValueKind.Array
        )
        {
            foreach (var vm in vms.EnumerateArray())
            {
                if (VerificationMethod.FromJson(vm, id) is { } m)
                {
                    methods.Add(m);
                }
            }
        }
        var assertion = Relationship(root, "assertionMethod", id, methods);
        var authentication = Relationship(root, "authentication", id, methods);
        if (
            root.TryGetProperty("publicKeyMultibase", out _)
            || root.TryGetProperty("publicKeyJwk", out _)
            || root.TryGetProperty("publicKeyBase58", out _)
        )
        {
            // A key document: the document is the verification method.
            if (VerificationMethod.FromJson(root, id) is { } self)
            {
                methods.Add(self);
            }
        }
        return ResolutionResult.Success(
            new DidDocument(id, methods.ToImmutable(), assertion, authentication, root.GetRawText())
        );
    }

    private static ImmutableArray<string> Relationship(
        JsonElement root,
        string name,
        string id,
        ImmutableArray<VerificationMethod>.Builder methods
    )
    {
        var ids = ImmutableArray.CreateBuilder<string>();
        if (!root.TryGetProperty(name, out var list))
        {
            return ids.ToImmutable();
        }
        foreach (
            var item in list.ValueKind == JsonValueKind.Array ? list.EnumerateArray() : default
        )
        {
            if (item.ValueKind == JsonValueKind.String)
            {
                ids.Add(VerificationMethod.Absolute(item.GetString()!, id));
            }
            else if (VerificationMethod.FromJson(item, id) is { } embedded)
            {
                // DID Core §5.3: a relationship may embed a method usable only for that relationship.
                ids.Add(embedded.Id);
                methods.Add(embedded);
            }
        }
        return ids.ToImmutable();
    }
}
