using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Credstack.Tests.Shared;

namespace Credstack.Server.Process.Tests.Infrastructure;

/// <summary>The calls the process tests make to a server process.</summary>
public static class Api
{
    private static readonly object Template = TestTemplates.DataAnalysis();

    /// <summary>Creates a template through <c>POST /api/v1/templates</c>; returns its id.</summary>
    public static async Task<Guid> CreateTemplateAsync(HttpClient client)
    {
        var created = await JsonAsync(
            await client.PostAsJsonAsync("/api/v1/templates", Template),
            HttpStatusCode.Created
        );
        return created.GetProperty("id").GetGuid();
    }

    /// <summary>Asserts the status code and returns the JSON body.</summary>
    public static async Task<JsonElement> JsonAsync(
        HttpResponseMessage response,
        HttpStatusCode expected
    )
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(
            response.StatusCode == expected,
            $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: expected {(int)expected}, got {(int)response.StatusCode}: {body}"
        );
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }
}
