namespace Credstack.Server.Features.Issuing;

/// <summary>A refusal to issue, turned into a ProblemDetails by the endpoints (400 names a field, 422 a reason).</summary>
internal sealed class IssuingException(
    int status,
    string title,
    string? detail = null,
    string? field = null
) : Exception(title)
{
    public int Status { get; } = status;

    public string Title { get; } = title;

    public string? Detail { get; } = detail;

    /// <summary>The request field at fault (for a 400 ValidationProblemDetails), if any.</summary>
    public string? Field { get; } = field;

    public IResult ToResult()
    {
        if (Status == StatusCodes.Status400BadRequest && Field is not null)
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { [Field] = [Detail ?? Title] },
                title: Title
            );
        }
        var extensions = new Dictionary<string, object?>();
        if (Field is not null)
        {
            extensions["field"] = Field;
        }
        return TypedResults.Problem(
            statusCode: Status,
            title: Title,
            detail: Detail,
            type: "https://credstack.dev/problems/issuing",
            extensions: extensions
        );
    }
}
