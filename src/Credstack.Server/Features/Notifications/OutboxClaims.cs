using System.Data.Common;
using Credstack.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace Credstack.Server.Features.Notifications;

/// <summary>
/// Claims due outbox rows for one dispatcher with a lease, in one statement, so that several server processes
/// on one database never send the same row at the same time: PostgreSQL locks the chosen rows with
/// <c>FOR UPDATE SKIP LOCKED</c> (a concurrent dispatcher skips them instead of waiting); SQLite has one writer
/// at a time, so a single <c>UPDATE … RETURNING</c> is atomic. A row is due when it is queued and its
/// <c>NextAttemptAt</c> has come, or when it is <c>sending</c> under a lease that ran out (its dispatcher died).
/// Claiming counts an attempt, so a message that crashes its sender every time still ends as failed.
/// </summary>
internal static class OutboxClaims
{
    public static async Task<List<Guid>> ClaimAsync(
        CredstackDbContext db,
        string owner,
        DateTimeOffset now,
        DateTimeOffset leaseUntil,
        int limit,
        CancellationToken cancellationToken
    )
    {
        var postgres = db.Database.IsNpgsql();
        const string due = """
            ("Status" = 'queued' AND "NextAttemptAt" <= @now)
            OR ("Status" = 'sending' AND "LeaseUntil" < @now)
            """;
        var sql = postgres
            ? $"""
                UPDATE outbound_emails AS o
                SET "Status" = 'sending', "LeaseOwner" = @owner, "LeaseUntil" = @until, "Attempts" = o."Attempts" + 1
                FROM (
                    SELECT "Id" FROM outbound_emails
                    WHERE {due}
                    ORDER BY "NextAttemptAt"
                    LIMIT @limit
                    FOR UPDATE SKIP LOCKED
                ) AS due
                WHERE o."Id" = due."Id"
                RETURNING o."Id"
                """
            : $"""
                UPDATE outbound_emails
                SET "Status" = 'sending', "LeaseOwner" = @owner, "LeaseUntil" = @until, "Attempts" = "Attempts" + 1
                WHERE "Id" IN (
                    SELECT "Id" FROM outbound_emails
                    WHERE {due}
                    ORDER BY "NextAttemptAt"
                    LIMIT @limit
                )
                RETURNING "Id"
                """;
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        }
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            Add(command, "@now", now);
            Add(command, "@until", leaseUntil);
            Add(command, "@owner", owner);
            Add(command, "@limit", limit);
            var ids = new List<Guid>();
            await using var reader = await command
                .ExecuteReaderAsync(cancellationToken)
                .ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                ids.Add(reader.GetGuid(0));
            }
            return ids;
        }
        finally
        {
            if (opened)
            {
                await connection.CloseAsync().ConfigureAwait(false);
            }
        }
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
