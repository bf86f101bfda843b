using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Credstack.Server.Data;

/// <summary>
/// A small, fixed <c>SELECT</c> of one entity's table, run with ADO.NET on the context's connection and
/// current transaction: no LINQ translation, query-cache lookup, parameter-based SQL processing or
/// materializer per execution, which on the per-request hot paths (status index probes, a status list's
/// version) cost more than the query itself. Table and column names, and the parameters' type mappings
/// and value converters (e.g. SQLite's Guid as text), come from the EF Core model, so the query reads and
/// compares values exactly as EF Core would. The SQL text is built once per model (SQLite and PostgreSQL
/// contexts have different models).
/// </summary>
/// <typeparam name="T">The entity type whose table is queried.</typeparam>
internal sealed class RawQuery<T>
    where T : class
{
    private readonly string[] _select;
    private readonly string[] _where;
    private readonly string? _in;
    private readonly int _inCount;
    private readonly ConcurrentDictionary<IModel, Prepared> _byModel = new();

    /// <summary>
    /// <c>SELECT select… FROM table WHERE where1 = @p0 AND … [AND in IN (@…, …)]</c>, with
    /// <paramref name="inCount"/> values for the optional <c>IN</c> list.
    /// </summary>
    public RawQuery(
        Expression<Func<T, object?>>[] select,
        Expression<Func<T, object?>>[] where,
        Expression<Func<T, object?>>? inProperty = null,
        int inCount = 0
    )
    {
        _select = [.. select.Select(PropertyName)];
        _where = [.. where.Select(PropertyName)];
        _in = inProperty is null ? null : PropertyName(inProperty);
        _inCount = inCount;
    }

    /// <summary>
    /// Runs the query with <paramref name="values"/> for the <c>WHERE</c> equalities (in order) and
    /// <paramref name="inValues"/> (exactly as many as declared) for the <c>IN</c> list; reads each row with <paramref name="read"/>.
    /// </summary>
    public async Task<List<TRow>> ListAsync<TRow>(
        DbContext db,
        object?[] values,
        IReadOnlyList<object?>? inValues,
        Func<DbDataReader, TRow> read,
        CancellationToken cancellationToken
    )
    {
        var prepared = _byModel.GetOrAdd(db.Model, (_, context) => Prepare(context), db);
        var rows = new List<TRow>();
        if (db is SqliteCredstackDbContext && db.Database.CurrentTransaction is null)
        {
            // Outside a transaction on SQLite: a kept connection with the statement prepared once.
            ReadOnSqlite(db, prepared, values, inValues, read, rows);
            return rows;
        }
        await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var command = db.Database.GetDbConnection().CreateCommand();
            await using (command.ConfigureAwait(false))
            {
                command.CommandText = prepared.Sql;
                command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
                for (var i = 0; i < prepared.Parameters.Length; i++)
                {
                    var value = i < values.Length ? values[i] : inValues![i - values.Length];
                    var (name, property, mapping) = prepared.Parameters[i];
                    command.Parameters.Add(
                        mapping.CreateParameter(command, name, value, property.IsNullable)
                    );
                }
                var reader = await command
                    .ExecuteReaderAsync(cancellationToken)
                    .ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        rows.Add(read(reader));
                    }
                }
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync().ConfigureAwait(false);
        }
        return rows;
    }

    private static void ReadOnSqlite<TRow>(
        DbContext db,
        Prepared prepared,
        object?[] values,
        IReadOnlyList<object?>? inValues,
        Func<DbDataReader, TRow> read,
        List<TRow> rows
    )
    {
        var connection = SqliteReadConnections.Rent(
            db.Database.GetConnectionString()
                ?? throw new InvalidOperationException("The context has no connection string.")
        );
        try
        {
            var command = connection.Command(prepared.Sql);
            for (var i = 0; i < prepared.Parameters.Length; i++)
            {
                var value = i < values.Length ? values[i] : inValues![i - values.Length];
                var (name, property, mapping) = prepared.Parameters[i];
                command.Parameters.Add(
                    mapping.CreateParameter(command, name, value, property.IsNullable)
                );
            }
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    rows.Add(read(reader));
                }
            }
        }
        catch
        {
            connection.Dispose();
            throw;
        }
        SqliteReadConnections.Return(connection);
    }

    private Prepared Prepare(DbContext db)
    {
        var entityType =
            db.Model.FindEntityType(typeof(T))
            ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model");
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        var sql = db.GetService<ISqlGenerationHelper>();
        string Column(IProperty p) =>
            sql.DelimitIdentifier(
                p.GetColumnName(table)
                    ?? throw new InvalidOperationException($"{p.Name} has no column")
            );
        IProperty Property(string name) =>
            entityType.FindProperty(name)
            ?? throw new InvalidOperationException($"{typeof(T).Name}.{name} is not mapped");
        var parameters = new List<(string, IProperty, RelationalTypeMapping)>();
        string Parameter(IProperty p)
        {
            var name = "@p" + parameters.Count.ToString(CultureInfo.InvariantCulture);
            parameters.Add((name, p, (RelationalTypeMapping)p.GetRelationalTypeMapping()));
            return name;
        }
        var text =
            "SELECT "
            + string.Join(", ", _select.Select(s => Column(Property(s))))
            + " FROM "
            + sql.DelimitIdentifier(table.Name, table.Schema)
            + " WHERE "
            + string.Join(
                " AND ",
                _where.Select(w =>
                {
                    var p = Property(w);
                    return Column(p) + " = " + Parameter(p);
                })
            );
        if (_in is not null)
        {
            var p = Property(_in);
            text +=
                " AND "
                + Column(p)
                + " IN ("
                + string.Join(", ", Enumerable.Range(0, _inCount).Select(_ => Parameter(p)))
                + ")";
        }
        return new Prepared(text, [.. parameters]);
    }

    private static string PropertyName(Expression<Func<T, object?>> expression) =>
        (
            expression.Body is UnaryExpression { NodeType: ExpressionType.Convert } convert
                ? convert.Operand
                : expression.Body
        ) switch
        {
            MemberExpression member => member.Member.Name,
            _ => throw new ArgumentException("must be a property access", nameof(expression)),
        };

    private sealed record Prepared(
        string Sql,
        (string Name, IProperty Property, RelationalTypeMapping Mapping)[] Parameters
    );
}

/// <summary>
/// One new row of <typeparamref name="T"/> with a single <c>INSERT</c> on the context's connection and
/// current transaction, without change tracking. Columns, type mappings and value converters come from the
/// EF Core model as in <see cref="BulkInsert"/> (a row is stored exactly as <c>SaveChanges</c> stores it);
/// the statement and its column list are built once per model. A constraint violation throws the
/// provider's <see cref="DbException"/> (see <see cref="BulkInsert.IsUniqueViolation"/>).
/// </summary>
/// <typeparam name="T">The entity type (none of whose columns are generated by the database).</typeparam>
/// <param name="skipConflicts">
/// <c>INSERT … ON CONFLICT DO NOTHING</c> (SQLite and PostgreSQL): a row that a unique index refuses is not
/// inserted, without an error; <see cref="InsertAsync"/> then returns 0.
/// </param>
internal sealed class RowInsert<T>(bool skipConflicts = false)
    where T : class
{
    private readonly ConcurrentDictionary<IModel, Prepared> _byModel = new();

    /// <summary>Inserts <paramref name="entity"/>; returns the rows inserted (1, or 0 when a conflict was skipped).</summary>
    public async Task<int> InsertAsync(DbContext db, T entity, CancellationToken cancellationToken)
    {
        var prepared = _byModel.GetOrAdd(db.Model, (_, context) => Prepare(context), db);
        await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var command = db.Database.GetDbConnection().CreateCommand();
            await using (command.ConfigureAwait(false))
            {
                command.CommandText = prepared.Sql;
                command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
                foreach (var (name, property, mapping, getter) in prepared.Columns)
                {
                    // CreateParameter applies the mapping's converter and DbType, as SaveChanges does.
                    command.Parameters.Add(
                        mapping.CreateParameter(
                            command,
                            name,
                            getter.GetClrValueUsingContainingEntity(entity),
                            property.IsNullable
                        )
                    );
                }
                return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync().ConfigureAwait(false);
        }
    }

    private Prepared Prepare(DbContext db)
    {
        var table = TableColumns.For<T>(db);
        var (text, names) = table.Insert(skipConflicts ? " ON CONFLICT DO NOTHING" : "");
        return new Prepared(
            text,
            [.. table.Columns.Select((c, i) => (names[i], c.Property, c.Mapping, c.Getter))]
        );
    }

    private sealed record Prepared(
        string Sql,
        (
            string Name,
            IProperty Property,
            RelationalTypeMapping Mapping,
            IClrPropertyGetter Getter
        )[] Columns
    );
}
