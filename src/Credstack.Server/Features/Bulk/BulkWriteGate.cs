using Credstack.Server.Data;

namespace Credstack.Server.Features.Bulk;

/// <summary>
/// Takes turns among this process's chunk loops for SQLite's single writer (a claim, a chunk's store
/// transaction). SQLite would serialise them anyway, but a writer that finds the lock taken polls for it
/// with sleeps (<c>busy_timeout</c>); waiting here instead hands the lock over as soon as it is free, so
/// one loop stores while the other signs. Other processes on the same file still meet SQLite's own lock.
/// PostgreSQL locks rows, not the database: no gate.
/// </summary>
internal sealed class BulkWriteGate(IConfiguration configuration) : IDisposable
{
    private readonly SemaphoreSlim? _sqlite =
        DatabaseServiceCollectionExtensions.Provider(configuration) == DatabaseProviders.Postgres
            ? null
            : new SemaphoreSlim(1, 1);

    /// <summary>Waits for this process's turn to write (at once on PostgreSQL).</summary>
    public Task EnterAsync() => _sqlite?.WaitAsync() ?? Task.CompletedTask;

    /// <summary>Ends the turn taken by <see cref="EnterAsync"/>.</summary>
    public void Exit() => _sqlite?.Release();

    public void Dispose() => _sqlite?.Dispose();
}
