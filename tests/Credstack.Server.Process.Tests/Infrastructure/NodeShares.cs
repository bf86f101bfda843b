namespace Credstack.Server.Process.Tests.Infrastructure;

/// <summary>
/// How many rows of a bulk job each of two nodes issued, from the job's row ledger (<c>IssuedBy</c>, the
/// <c>Credstack:NodeId</c> of the node that stored the credential, written in the same transaction).
/// </summary>
public sealed record NodeShares(int A, int B)
{
    public static async Task<NodeShares> OfJobAsync(
        TestDatabase database,
        Guid jobId,
        ServerProcess a,
        ServerProcess b
    )
    {
        var counts = await database.QueryAsync(
            """
            SELECT "IssuedBy", COUNT(*) FROM bulk_job_rows
            WHERE "JobId" = @job AND "State" = 1 GROUP BY "IssuedBy"
            """,
            r => (Node: r.IsDBNull(0) ? "" : r.GetString(0), Count: r.GetInt32(1)),
            ("@job", database.Guid(jobId))
        );
        var byNode = counts.ToDictionary(c => c.Node, c => c.Count);
        var others = byNode.Keys.Where(n => n != a.Name && n != b.Name).ToList();
        Assert.True(
            others.Count == 0,
            $"rows issued by an unknown node: {string.Join(", ", others.Select(n => $"'{n}'"))}"
        );
        return new NodeShares(byNode.GetValueOrDefault(a.Name), byNode.GetValueOrDefault(b.Name));
    }

    public override string ToString() => $"A {A}, B {B}";
}
