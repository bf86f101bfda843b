namespace Credstack.Credentials.Validation;

/// <summary>Options for <see cref="CredentialValidator"/>.</summary>
public sealed record ValidationOptions
{
    /// <summary>The default options: structure only, no validity-period check against a clock.</summary>
    public static ValidationOptions Default { get; } = new();

    /// <summary>When set, the validity period (<c>validFrom</c>/<c>validUntil</c>, or the VC 1.1 dates) is checked
    /// against this instant. Pass the time from an injected <see cref="TimeProvider"/>.</summary>
    public DateTimeOffset? Now { get; init; }

    /// <summary>Whether to validate against the OB 3.0 / CLR 2.0 JSON Schema (default <see langword="true"/>).</summary>
    public bool CheckSchema { get; init; } = true;
}
