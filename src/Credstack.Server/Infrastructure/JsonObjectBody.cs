using System.Buffers;
using System.IO.Pipelines;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;

namespace Credstack.Server.Infrastructure;

/// <summary>
/// A JSON object request body, read whole into one buffer and parsed from it (the framework's JSON body
/// binding parses from the request pipe's segments as they come, which costs more per byte), with the
/// bytes kept so that the object can be read again: an endpoint that changes the object (issuing adds
/// the id, status and proof) then needs no defensive copy, and a rare retry parses the body afresh.
/// Binding failures are the framework's: a <see cref="BadHttpRequestException"/> (415 for another
/// media type, 400 for an empty or malformed body, 413 over the size limit) that
/// <c>BadRequestExceptionHandler</c> turns into a ProblemDetails naming the member.
/// </summary>
internal sealed class JsonObjectBody : IEndpointParameterMetadataProvider
{
    private readonly byte[] _bytes;
    private readonly JsonSerializerOptions _options;

    private JsonObjectBody(byte[] bytes, JsonSerializerOptions options, JsonObject value)
    {
        _bytes = bytes;
        _options = options;
        Value = value;
    }

    /// <summary>The body as parsed when the request was bound (the endpoint may change it).</summary>
    public JsonObject Value { get; }

    /// <summary>The body parsed again from its bytes: an object nobody has changed yet.</summary>
    public JsonObject Parse() => Parse(_bytes, _options);

    /// <summary>Minimal API binding (called once per request before the endpoint runs).</summary>
    public static async ValueTask<JsonObjectBody?> BindAsync(HttpContext context)
    {
        var request = context.Request;
        if (!request.HasJsonContentType())
        {
            throw new BadHttpRequestException(
                $"Expected a supported JSON media type but got \"{request.ContentType}\".",
                StatusCodes.Status415UnsupportedMediaType
            );
        }
        var bytes = await ReadAllAsync(request.BodyReader, context.RequestAborted)
            .ConfigureAwait(false);
        if (bytes.Length == 0)
        {
            throw new BadHttpRequestException(
                "The request body is empty: a JSON object is required."
            );
        }
        var options = context
            .RequestServices.GetRequiredService<IOptions<JsonOptions>>()
            .Value.SerializerOptions;
        try
        {
            return new JsonObjectBody(bytes, options, Parse(bytes, options));
        }
        catch (JsonException e)
        {
            throw new BadHttpRequestException(
                "The request body could not be read as a JSON object.",
                e
            );
        }
    }

    /// <summary>Documents the body in OpenAPI as the framework does for a <see cref="JsonObject"/> parameter.</summary>
    public static void PopulateMetadata(ParameterInfo parameter, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new AcceptsJsonObject());
    }

    private static JsonObject Parse(byte[] bytes, JsonSerializerOptions options) =>
        JsonSerializer.Deserialize<JsonObject>(bytes, options)
        ?? throw new JsonException("The JSON value could not be converted to an object.");

    private static async ValueTask<byte[]> ReadAllAsync(
        PipeReader reader,
        CancellationToken cancellationToken
    )
    {
        while (true)
        {
            // The server's request body size limit applies here (413 past it).
            var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            if (result.IsCompleted)
            {
                var bytes = result.Buffer.ToArray();
                reader.AdvanceTo(result.Buffer.End);
                return bytes;
            }
            // Nothing consumed, everything examined: the next read returns when more has arrived.
            reader.AdvanceTo(result.Buffer.Start, result.Buffer.End);
        }
    }

    private sealed class AcceptsJsonObject : IAcceptsMetadata
    {
        public IReadOnlyList<string> ContentTypes { get; } = ["application/json"];

        public Type? RequestType => typeof(JsonObject);

        public bool IsOptional => false;
    }
}
