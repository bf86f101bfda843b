namespace Credstack.Credentials.Cose;

/// <summary>How <see cref="VcCose.Create"/> builds the COSE_Sign1.</summary>
public sealed class VcCoseCreateOptions
{
    /// <summary>The <c>kid</c> header (label 4, as UTF-8 bytes): a URL or DID URL naming the key. Optional.</summary>
    public string? Kid { get; init; }
}
