namespace Credstack.Credentials.Tests;

/// <summary>A clock that always reads the given instant.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
