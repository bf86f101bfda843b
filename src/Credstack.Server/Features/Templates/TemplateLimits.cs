namespace Credstack.Server.Features.Templates;

/// <summary>Size limits of a template's fields and image (also the database column sizes).</summary>
internal static class TemplateLimits
{
    public const int NameLength = 200;
    public const int DescriptionLength = 8000;
    public const int UrlLength = 2000;
    public const int ShortTextLength = 200;
    public const int MaxSkills = 100;
    public const int MaxTags = 30;
    public const int TagLength = 50;
    public const decimal MaxEffort = 100_000m;
    public const int MaxValidityDays = 36_500;

    /// <summary>The largest image accepted, in bytes (512 KiB: a badge image, not a photo album).</summary>
    public const int ImageBytes = 512 * 1024;
}
