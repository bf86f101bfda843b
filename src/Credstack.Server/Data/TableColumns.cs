using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Credstack.Server.Data;

/// <summary>One mapped column of an entity's table, as EF Core stores it.</summary>
internal sealed record TableColumn(
    IProperty Property,
    string Column,
    RelationalTypeMapping Mapping,
    IClrPropertyGetter Getter
);

/// <summary>
/// The table of an entity type and its mapped columns, from the EF Core model (names delimited by the
/// provider; type mappings and value converters as <c>SaveChanges</c> uses them), built once per model and
/// entity type (the SQLite and PostgreSQL contexts have different models). Shared by the raw inserts
/// (<see cref="BulkInsert"/>, <see cref="RowInsert{T}"/>).
/// </summary>
/// <param name="Table">The delimited table name.</param>
/// <param name="ColumnList">The delimited column names, comma-separated, in <see cref="Columns"/> order.</param>
/// <param name="Columns">The columns, in the model's property order.</param>
internal sealed record TableColumns(string Table, string ColumnList, TableColumn[] Columns)
{
    private static readonly ConcurrentDictionary<(IModel, Type), TableColumns> Cache = new();

    /// <summary>The table and columns of <typeparamref name="T"/> in <paramref name="db"/>'s model.</summary>
    public static TableColumns For<T>(DbContext db)
        where T : class =>
        Cache.GetOrAdd((db.Model, typeof(T)), static (_, context) => Build<T>(context), db);

    /// <summary>
    /// <c>INSERT INTO table (columns) VALUES (@p0, @p1, …)</c> followed by <paramref name="suffix"/>, and the
    /// parameter names in <see cref="Columns"/> order.
    /// </summary>
    public (string Sql, string[] Parameters) Insert(string suffix = "")
    {
        var names = Columns
            .Select((_, i) => "@p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .ToArray();
        return (
            "INSERT INTO "
                + Table
                + " ("
                + ColumnList
                + ") VALUES ("
                + string.Join(", ", names)
                + ")"
                + suffix,
            names
        );
    }

    private static TableColumns Build<T>(DbContext db)
        where T : class
    {
        var entityType =
            db.Model.FindEntityType(typeof(T))
            ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model");
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        var sql = db.GetService<ISqlGenerationHelper>();
        var columns = entityType
            .GetProperties()
            .Select(p => (Property: p, Column: p.GetColumnName(table)))
            .Where(c => c.Column is not null)
            .Select(c => new TableColumn(
                c.Property,
                c.Column!,
                (RelationalTypeMapping)c.Property.GetRelationalTypeMapping(),
                c.Property.GetGetter()
            ))
            .ToArray();
        return new TableColumns(
            sql.DelimitIdentifier(table.Name, table.Schema),
            string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.Column))),
            columns
        );
    }
}
