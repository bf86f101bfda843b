using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Credstack.Server.Tests.Infrastructure;

/// <summary>Assertions on responses: status codes and ProblemDetails bodies.</summary>
public static class HttpAssert
{
    public static async Task<JsonElement> JsonAsync(
        HttpResponseMessage response,
        HttpStatusCode expected
    )
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(
            response.StatusCode == expected,
            $"expected {(int)expected}, got {(int)response.StatusCode}: {body}"
        );
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Asserts a ProblemDetails response with the status; returns its body.</summary>
    public static async Task<JsonElement> ProblemAsync(
        HttpResponseMessage response,
        HttpStatusCode expected
    )
    {
        var problem = await JsonAsync(response, expected);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal((int)expected, problem.GetProperty("status").GetInt32());
        Assert.True(problem.TryGetProperty("title", out _));
        return problem;
    }

    /// <summary>Asserts a 400 ValidationProblemDetails naming <paramref name="field"/>.</summary>
    public static async Task<JsonElement> ValidationProblemAsync(
        HttpResponseMessage response,
        string field,
        HttpStatusCode expected = HttpStatusCode.BadRequest
    )
    {
        var problem = await ProblemAsync(response, expected);
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out _), $"no error for '{field}' in {errors}");
        return problem;
    }

    public static Task<HttpResponseMessage> PostJsonAsync(
        this HttpClient client,
        string url,
        object body
    ) => client.PostAsJsonAsync(url, body);

    public static Task<HttpResponseMessage> PostRawJsonAsync(
        this HttpClient client,
        string url,
        string json
    ) =>
        client.PostAsync(
            url,
            new StringContent(json, System.Text.Encoding.UTF8, "application/json")
        );
}
