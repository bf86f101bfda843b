using System.Text.Json;

namespace Credstack.Server.Features.Templates;

/// <summary>How skill and tag lists are stored in their JSON columns.</summary>
internal static class TemplateJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static List<SkillDto> Skills(string json) =>
        JsonSerializer.Deserialize<List<SkillDto>>(json, Options) ?? [];

    public static List<string> Tags(string json) =>
        JsonSerializer.Deserialize<List<string>>(json, Options) ?? [];
}
