using System.Text.Json;
using Credstack.Server.Infrastructure.Problems;

namespace Credstack.Server.Features.Templates;

/// <summary>Checks a <see cref="TemplateRequest"/> and turns it into the content of a new version.</summary>
internal static class TemplateValidation
{
    /// <summary>Fills <paramref name="version"/> from the request, or reports every bad field.</summary>
    public static bool TryApply(
        TemplateRequest request,
        CredentialTemplateVersion version,
        ValidationErrors errors
    )
    {
        if (!TemplateKindNames.TryParse(request.Kind, out var kind))
        {
            errors.Add("kind", TemplateKindNames.Help);
        }
        version.Kind = kind;
        version.Name = errors.Required("name", request.Name, TemplateLimits.NameLength) ?? "";
        version.Description =
            errors.Required("description", request.Description, TemplateLimits.DescriptionLength)
            ?? "";
        version.CriteriaNarrative = errors.Optional(
            "criteria.narrative",
            request.Criteria?.Narrative,
            TemplateLimits.DescriptionLength
        );
        version.CriteriaUrl = errors.Url(
            "criteria.url",
            request.Criteria?.Url,
            TemplateLimits.UrlLength
        );
        version.Level = errors.Optional("level", request.Level, TemplateLimits.ShortTextLength);

        var skills = new List<SkillDto>();
        if (request.Skills is { } requestedSkills)
        {
            if (requestedSkills.Count > TemplateLimits.MaxSkills)
            {
                errors.Add("skills", $"must have at most {TemplateLimits.MaxSkills} entries.");
            }
            for (var i = 0; i < requestedSkills.Count && i < TemplateLimits.MaxSkills; i++)
            {
                var skill = requestedSkills[i];
                var field = $"skills[{i}]";
                if (skill is null)
                {
                    errors.Add(field, "must be an object.");
                    continue;
                }
                skills.Add(
                    new SkillDto(
                        errors.Required(
                            $"{field}.name",
                            skill.Name,
                            TemplateLimits.ShortTextLength
                        ),
                        errors.Optional(
                            $"{field}.framework",
                            skill.Framework,
                            TemplateLimits.ShortTextLength
                        ),
                        errors.Optional(
                            $"{field}.code",
                            skill.Code,
                            TemplateLimits.ShortTextLength
                        ),
                        errors.Url($"{field}.url", skill.Url, TemplateLimits.UrlLength)
                    )
                );
            }
        }
        version.SkillsJson = JsonSerializer.Serialize(skills, TemplateJson.Options);

        version.EffortHours = Effort(errors, "effort.hours", request.Effort?.Hours);
        version.EffortCredits = Effort(errors, "effort.credits", request.Effort?.Credits);

        if (request.ValidityDays is { } days && (days < 1 || days > TemplateLimits.MaxValidityDays))
        {
            errors.Add(
                "validityDays",
                $"must be between 1 and {TemplateLimits.MaxValidityDays} (or absent: no expiry)."
            );
        }
        version.ValidityDays = request.ValidityDays;

        var tags = new List<string>();
        if (request.Tags is { } requestedTags)
        {
            if (requestedTags.Count > TemplateLimits.MaxTags)
            {
                errors.Add("tags", $"must have at most {TemplateLimits.MaxTags} entries.");
            }
            for (var i = 0; i < requestedTags.Count && i < TemplateLimits.MaxTags; i++)
            {
                var tag = errors.Required($"tags[{i}]", requestedTags[i], TemplateLimits.TagLength);
                if (tag is not null && !tags.Contains(tag, StringComparer.OrdinalIgnoreCase))
                {
                    tags.Add(tag);
                }
            }
        }
        version.TagsJson = JsonSerializer.Serialize(tags, TemplateJson.Options);
        return errors.IsEmpty;
    }

    private static decimal? Effort(ValidationErrors errors, string field, decimal? value)
    {
        if (value is { } v && (v < 0 || v > TemplateLimits.MaxEffort))
        {
            errors.Add(field, $"must be between 0 and {TemplateLimits.MaxEffort}.");
        }
        return value;
    }
}
