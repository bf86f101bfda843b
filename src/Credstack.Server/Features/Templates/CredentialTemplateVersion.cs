namespace Credstack.Server.Features.Templates;

/// <summary>One immutable version of a <see cref="CredentialTemplate"/>.</summary>
internal sealed class CredentialTemplateVersion
{
    public Guid Id { get; set; }

    public Guid TemplateId { get; set; }

    public int Version { get; set; }

    public TemplateKind Kind { get; set; }

    public required string Name { get; set; }

    public required string Description { get; set; }

    public string? CriteriaNarrative { get; set; }

    public string? CriteriaUrl { get; set; }

    /// <summary>The skills (OB 3.0 alignments) as JSON: a list of <see cref="SkillDto"/>.</summary>
    public string SkillsJson { get; set; } = "[]";

    public string? Level { get; set; }

    public decimal? EffortHours { get; set; }

    public decimal? EffortCredits { get; set; }

    /// <summary>How long a credential stays valid after issuing, in days; null when it does not expire.</summary>
    public int? ValidityDays { get; set; }

    /// <summary>The tags as JSON: a list of strings.</summary>
    public string TagsJson { get; set; } = "[]";

    public Guid? ImageId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
