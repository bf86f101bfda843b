namespace Credstack.Server.Infrastructure;

/// <summary>
/// The name of this server process among the nodes sharing a database: <c>Credstack:NodeId</c>, or the
/// machine name and process id. Recorded with background work (which node issued a bulk row).
/// </summary>
internal static class NodeIdentity
{
    /// <summary>The longest node id stored (a longer configured one is cut).</summary>
    public const int MaxLength = 100;

    private static readonly string Default = $"{Environment.MachineName}:{Environment.ProcessId}";

    /// <summary>The configured node id, or the default.</summary>
    public static string Of(IConfiguration configuration)
    {
        var configured = configuration[$"{CredstackOptions.Section}:NodeId"]?.Trim();
        var id = string.IsNullOrEmpty(configured) ? Default : configured;
        return id.Length <= MaxLength ? id : id[..MaxLength];
    }
}
