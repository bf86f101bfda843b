using System.Collections.Immutable;

namespace Credstack.Credentials.Validation;

/// <summary>The outcome of <see cref="CredentialValidator.Validate(System.Text.Json.JsonElement, ValidationOptions?)"/>.</summary>
public sealed record CredentialValidationReport
{
    /// <summary>The kind the credential was validated as.</summary>
    public required CredentialKind Kind { get; init; }

    /// <summary>The VC Data Model version, from the first context.</summary>
    public required VcVersion Version { get; init; }

    /// <summary>Every problem found, errors and warnings, data-model rules first, then schema problems.</summary>
    public required ImmutableArray<ValidationProblem> Problems { get; init; }

    /// <summary>The start of the validity period (<c>validFrom</c>, or VC 1.1 <c>issuanceDate</c>), when present and valid.</summary>
    public DateTimeOffset? ValidFrom { get; init; }

    /// <summary>The end of the validity period (<c>validUntil</c>, or VC 1.1 <c>expirationDate</c>), when present and valid.</summary>
    public DateTimeOffset? ValidUntil { get; init; }

    /// <summary>Whether no problem is an error (warnings allowed).</summary>
    public bool IsValid
    {
        get
        {
            foreach (var p in Problems)
            {
                if (p.Severity == ValidationSeverity.Error)
                {
                    return false;
                }
            }
            return true;
        }
    }

    /// <summary>The errors.</summary>
    public IEnumerable<ValidationProblem> Errors =>
        Problems.Where(p => p.Severity == ValidationSeverity.Error);

    /// <summary>The warnings.</summary>
    public IEnumerable<ValidationProblem> Warnings =>
        Problems.Where(p => p.Severity == ValidationSeverity.Warning);
}
