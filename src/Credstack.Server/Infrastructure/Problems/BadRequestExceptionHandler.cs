using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;

namespace Credstack.Server.Infrastructure.Problems;

/// <summary>
/// Turns a request the framework could not bind (malformed JSON, a wrong JSON type, an oversized body)
/// into a 4xx ValidationProblemDetails naming the offending field, instead of an empty 400 or a 500.
/// Every other exception falls through to the default handler: a 500 ProblemDetails with a trace id.
/// </summary>
internal sealed class BadRequestExceptionHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(
        HttpContext httpContext,
        Exception exception,
        CancellationToken cancellationToken
    )
    {
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }
        var json = FindJsonException(bad);
        var field = json?.Path is { Length: > 0 } path ? path.TrimStart('$', '.') : "body";
        if (field.Length == 0)
        {
            field = "body";
        }
        // The framework's own messages name internal types; say what is wrong in the caller's terms.
        var message = json switch
        {
            null => bad.Message,
            { Message: var m }
                when m.StartsWith(
                    "The JSON value could not be converted",
                    StringComparison.Ordinal
                ) => field == "body" ? "must be a JSON object." : "has the wrong JSON type.",
            { Message: var m } when m.Contains("uplicate", StringComparison.Ordinal) =>
                "is a member name used twice in one JSON object.",
            _ => "The request body is not well-formed JSON.",
        };
        var problem = new HttpValidationProblemDetails(
            new Dictionary<string, string[]> { [field] = [message] }
        )
        {
            Status = bad.StatusCode,
            Title =
                bad.StatusCode == StatusCodes.Status413PayloadTooLarge
                    ? "The request body is too large."
                    : "The request could not be read.",
            Type = "https://credstack.dev/problems/bad-request",
        };
        await TypedResults.Problem(problem).ExecuteAsync(httpContext).ConfigureAwait(false);
        return true;
    }

    private static JsonException? FindJsonException(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is JsonException json)
            {
                return json;
            }
        }
        return null;
    }
}
