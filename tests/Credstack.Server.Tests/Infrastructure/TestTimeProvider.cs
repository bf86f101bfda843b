namespace Credstack.Server.Tests.Infrastructure;

/// <summary>A clock the tests move by hand (the server takes its time only from TimeProvider).</summary>
public sealed class TestTimeProvider : TimeProvider
{
    private DateTimeOffset _now = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow()
    {
        lock (this)
        {
            return _now;
        }
    }

    public void Advance(TimeSpan by)
    {
        lock (this)
        {
            _now += by;
        }
    }
}
