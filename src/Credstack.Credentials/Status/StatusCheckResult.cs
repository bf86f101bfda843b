namespace Credstack.Credentials.Status;

/// <summary>The result map of Bitstring Status List v1.0 §3.2 steps 11–14.</summary>
/// <param name="Purpose">The entry's status purpose.</param>
/// <param name="Index">The entry's index.</param>
/// <param name="Status">The status value read from the list.</param>
/// <param name="Message">
/// The message for the value: from the entry's <c>statusMessage</c>, or "set"/"unset" when it has none; null when
/// the entry's messages do not cover the value.
/// </param>
/// <param name="ListIsShorterThanMinimum">True when the list is below the 131,072-entry herd-privacy minimum.</param>
public sealed record StatusCheckResult(
    string Purpose,
    long Index,
    int Status,
    string? Message,
    bool ListIsShorterThanMinimum
)
{
    /// <summary>True when the status value is not 0 (revoked, suspended, ... by purpose).</summary>
    public bool IsSet => Status != 0;

    /// <summary>§3.2 step 13: <c>valid</c> is true when the status is 0.</summary>
    public bool Valid => Status == 0;
}
