using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Credstack.Server.Data;

/// <summary>
/// Group commit of single-row inserts on SQLite: concurrent callers' rows are written by one writer, each
/// batch (whatever queued up while the previous batch committed; one row when the server is not busy) in
/// one transaction, on one long-lived connection with the <c>INSERT</c> prepared once. Every caller's
/// task completes only after the transaction holding its row has committed (durable as any commit with
/// the configured <c>synchronous</c> setting), or fails with its own error: a constraint violation of one
/// row (SQLite rolls back only that statement) fails that caller alone with the provider's
/// <see cref="SqliteException"/>, as a lone insert would (<see cref="BulkInsert.IsUniqueViolation"/>
/// recognises it); an error of the transaction itself fails every caller of the batch whose row was not
/// already refused. Per row, the work saved is SQLite's: one commit (WAL frames for every changed page of
/// the table and its indexes, shared by the batch's rows), statement preparation, and a connection open;
/// the writer's page cache also stays warm (a connection drops its cache whenever another commits).
/// </summary>
/// <typeparam name="T">The entity type whose table the rows go to.</typeparam>
internal sealed class SqliteGroupInsert<T> : IAsyncDisposable, IDisposable
    where T : class
{
    /// <summary>The most rows of one transaction.</summary>
    private const int MaxBatch = 128;

    /// <summary>SQLITE_CONSTRAINT: a row broke a UNIQUE, NOT NULL, CHECK or FOREIGN KEY constraint.</summary>
    private const int SqliteConstraint = 19;

    private readonly string _synchronous;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(
        new UnboundedChannelOptions { SingleReader = true }
    );
    private readonly Lock _start = new();
    private Task? _writer;
    private Writer? _state;

    public SqliteGroupInsert(IConfiguration configuration)
    {
        _synchronous = SqlitePragmas.Synchronous(configuration);
    }

    /// <summary>
    /// Inserts <paramref name="entity"/> into <paramref name="db"/>'s database (a SQLite context), in a
    /// transaction of its own or shared with other callers'; returns once it has committed. Not
    /// cancellable once queued: the row is written (or refused) either way.
    /// </summary>
    public Task InsertAsync(DbContext db, T entity)
    {
        var state = Start(db);
        var pending = new Pending(
            state,
            entity,
            new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)
        );
        ObjectDisposedException.ThrowIf(!_queue.Writer.TryWrite(pending), this);
        return pending.Done.Task;
    }

    private Writer Start(DbContext db)
    {
        var state = Volatile.Read(ref _state);
        var connectionString = db.Database.GetConnectionString();
        if (state is not null && state.ConnectionString == connectionString)
        {
            return state;
        }
        lock (_start)
        {
            if (_state is null || _state.ConnectionString != connectionString)
            {
                var table = TableColumns.For<T>(db);
                var (sql, names) = table.Insert();
                Volatile.Write(
                    ref _state,
                    new Writer(
                        connectionString
                            ?? throw new InvalidOperationException(
                                "The context has no connection string."
                            ),
                        sql,
                        [.. table.Columns.Select((c, i) => (names[i], c))]
                    )
                );
            }
            _writer ??= Task.Run(WriteAsync);
            return _state!;
        }
    }

    private async Task WriteAsync()
    {
        var batch = new List<Pending>(MaxBatch);
        SqliteConnection? connection = null;
        SqliteCommand? insert = null;
        string? openFor = null;
        try
        {
            while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
            {
                batch.Clear();
                while (batch.Count < MaxBatch && _queue.Reader.TryPeek(out var next))
                {
                    // One connection per batch: rows queued for another database wait for the next.
                    if (batch.Count > 0 && !ReferenceEquals(next.State, batch[0].State))
                    {
                        break;
                    }
                    _queue.Reader.TryRead(out _);
                    batch.Add(next);
                }
                var state = batch[0].State;
                try
                {
                    if (connection is null || openFor != state.ConnectionString)
                    {
                        insert?.Dispose();
                        connection?.Dispose();
                        (connection, insert) = (null, null);
                        connection = Open(state.ConnectionString);
                        openFor = state.ConnectionString;
                        insert = connection.CreateCommand();
#pragma warning disable CA2100 // Built from the EF Core model's table and column names, never from a request.
                        insert.CommandText = state.Sql;
#pragma warning restore CA2100
                    }
                    Write(connection, insert!, state, batch);
                }
#pragma warning disable CA1031 // Any error fails this batch's callers; the writer must go on for the next.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    // The transaction failed (not one row's constraint): every caller still waiting
                    // gets the error; the connection is opened afresh for the next batch.
                    foreach (var pending in batch)
                    {
                        pending.Done.TrySetException(e);
                    }
                    insert?.Dispose();
                    connection?.Dispose();
                    (connection, insert, openFor) = (null, null, null);
                }
            }
        }
        finally
        {
            insert?.Dispose();
            if (connection is not null)
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>One transaction: each row's statement, then the commit; callers complete after it.</summary>
    private static void Write(
        SqliteConnection connection,
        SqliteCommand insert,
        Writer state,
        List<Pending> batch
    )
    {
        // Microsoft.Data.Sqlite begins IMMEDIATE: the write lock is taken (or waited for, busy_timeout)
        // up front.
        using var transaction = connection.BeginTransaction();
        insert.Transaction = transaction;
        var written = new List<Pending>(batch.Count);
        foreach (var pending in batch)
        {
            insert.Parameters.Clear();
            foreach (var (name, column) in state.Columns)
            {
                // CreateParameter applies the mapping's converter and DbType, as SaveChanges does.
                insert.Parameters.Add(
                    column.Mapping.CreateParameter(
                        insert,
                        name,
                        column.Getter.GetClrValueUsingContainingEntity(pending.Entity),
                        column.Property.IsNullable
                    )
                );
            }
            try
            {
                insert.ExecuteNonQuery();
                written.Add(pending);
            }
            catch (SqliteException e) when (e.SqliteErrorCode == SqliteConstraint)
            {
                // SQLite's default conflict resolution (ABORT) undoes this statement only; the
                // transaction and the batch's other rows go on.
                pending.Done.TrySetException(e);
            }
        }
        transaction.Commit();
        foreach (var pending in written)
        {
            pending.Done.TrySetResult();
        }
    }

    private SqliteConnection Open(string connectionString)
    {
        // A connection of its own (not from Microsoft.Data.Sqlite's pool), with the settings every
        // EF Core connection gets (SqlitePragmas; foreign keys as EF Core's SQLite provider enables them).
        var builder = new SqliteConnectionStringBuilder(connectionString) { Pooling = false };
        var connection = new SqliteConnection(builder.ToString());
        connection.Open();
        using var pragmas = connection.CreateCommand();
#pragma warning disable CA2100 // Built from a checked setting, never from a request.
        pragmas.CommandText =
            $"PRAGMA foreign_keys=1; PRAGMA synchronous={_synchronous}; PRAGMA busy_timeout={SqlitePragmas.BusyTimeoutMilliseconds}; PRAGMA cache_size=-8192;";
#pragma warning restore CA2100
        pragmas.ExecuteNonQuery();
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        Task? writer;
        lock (_start)
        {
            writer = _writer;
        }
        if (writer is not null)
        {
            await writer.ConfigureAwait(false);
        }
    }

    /// <summary>Stops taking rows and waits until the queued ones are written (a host disposed synchronously).</summary>
    public void Dispose()
    {
        _queue.Writer.TryComplete();
        Task? writer;
        lock (_start)
        {
            writer = _writer;
        }
        writer?.GetAwaiter().GetResult();
    }

    private sealed record Writer(
        string ConnectionString,
        string Sql,
        (string Name, TableColumn Column)[] Columns
    );

    private sealed record Pending(Writer State, T Entity, TaskCompletionSource Done);
}
