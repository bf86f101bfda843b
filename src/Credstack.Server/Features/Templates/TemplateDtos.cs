namespace Credstack.Server.Features.Templates;

/// <summary>
/// The content of a template, as created (POST) or replaced by a new version (PUT). Field names are
/// those of the JSON body and of the validation errors.
/// </summary>
internal sealed record TemplateRequest(
    string? Kind,
    string? Name,
    string? Description,
    CriteriaDto? Criteria,
    IReadOnlyList<SkillDto?>? Skills,
    string? Level,
    EffortDto? Effort,
    int? ValidityDays,
    IReadOnlyList<string?>? Tags
);

/// <summary>What earns the credential (OB 3.0 Criteria): a narrative and/or a URL.</summary>
internal sealed record CriteriaDto(string? Narrative, string? Url);

/// <summary>A skill the credential certifies, aligned to a framework (OB 3.0 Alignment).</summary>
internal sealed record SkillDto(string? Name, string? Framework, string? Code, string? Url);

/// <summary>The effort the credential stands for.</summary>
internal sealed record EffortDto(decimal? Hours, decimal? Credits);

/// <summary>One version of a template as the API shows it.</summary>
internal sealed record TemplateResponse(
    Guid Id,
    int Version,
    int CurrentVersion,
    string Kind,
    string Name,
    string Description,
    CriteriaDto? Criteria,
    IReadOnlyList<SkillDto> Skills,
    string? Level,
    EffortDto? Effort,
    int? ValidityDays,
    IReadOnlyList<string> Tags,
    string? Image,
    bool Archived,
    DateTimeOffset CreatedAt,
    DateTimeOffset VersionCreatedAt
);

/// <summary>A page of templates.</summary>
internal sealed record TemplateListResponse(
    IReadOnlyList<TemplateResponse> Items,
    int Offset,
    int Limit,
    int Total
);
