namespace Credstack.Tests.Shared;

/// <summary>Request bodies of credential templates (<c>POST /api/v1/templates</c>) that the server tests share.</summary>
internal static class TestTemplates
{
    /// <summary>A micro-credential with criteria, one ESCO skill, level, effort, validity and tags.</summary>
    public static object DataAnalysis(string name = "Data analysis with Python") =>
        new
        {
            kind = "micro-credential",
            name,
            description = "Cleans, explores and visualises a data set with pandas.",
            criteria = new
            {
                narrative = "Passes the final project.",
                url = "https://example.org/criteria",
            },
            skills = new[]
            {
                new
                {
                    name = "Data analysis",
                    framework = "ESCO",
                    code = "S7.4",
                    url = "https://esco.example/s74",
                },
            },
            level = "EQF 5",
            effort = new { hours = 40, credits = 1.5 },
            validityDays = 730,
            tags = new[] { "data", "python" },
        };
}
