using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Credstack.Server.Data;

/// <summary>
/// An EF Core compiled query (no LINQ translation or query-cache lookup per execution; EF Core docs,
/// "Advanced Performance Topics: Compiled queries"), compiled once per model: a compiled query may only
/// run against the model it was compiled for, and the SQLite and PostgreSQL contexts have different models.
/// </summary>
internal sealed class CompiledQuery<TQuery>(Func<TQuery> compile)
    where TQuery : class
{
    private readonly ConcurrentDictionary<IModel, TQuery> _byModel = new();

    public TQuery For(DbContext db) => _byModel.GetOrAdd(db.Model, _ => compile());
}
