namespace Credstack.Server.Infrastructure;

/// <summary>The <c>Credstack</c> configuration section.</summary>
internal sealed class CredstackOptions
{
    public const string Section = "Credstack";

    /// <summary>Where the embedded database (and later other files) live; <c>./data</c> by default.</summary>
    public string DataDirectory { get; set; } = "./data";

    /// <summary>The origin credentials are published under, e.g. <c>https://badges.example.org</c>.</summary>
    public Uri PublicOrigin { get; set; } = new("http://localhost:5080");
}
