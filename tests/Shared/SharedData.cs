namespace Credstack.Tests.Shared;

/// <summary>
/// Finds the read-only <c>shared/</c> folder beside the repository (../shared from the project root), or
/// the folder named by the CREDSTACK_SHARED environment variable. Fails loudly when it is missing: the
/// conformance suites must never silently skip.
/// </summary>
internal static class SharedData
{
    private static readonly Lazy<string> Root = new(FindRoot);

    /// <summary>The shared folder's absolute path.</summary>
    public static string RootPath => Root.Value;

    /// <summary>An absolute path below the shared folder; throws when it does not exist.</summary>
    public static string PathOf(params string[] parts)
    {
        var path = Path.Combine([RootPath, .. parts]);
        if (!File.Exists(path) && !Directory.Exists(path))
        {
            throw new FileNotFoundException($"shared test data is missing: {path}", path);
        }
        return path;
    }

    /// <summary>The repository root (the folder holding Credstack.slnx).</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    private static string FindRepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Credstack.slnx")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName
            ?? throw new DirectoryNotFoundException(
                "cannot find Credstack.slnx above " + AppContext.BaseDirectory
            );
    }

    private static string FindRoot()
    {
        var fromEnv = Environment.GetEnvironmentVariable("CREDSTACK_SHARED");
        var path = string.IsNullOrEmpty(fromEnv)
            ? Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared"))
            : Path.GetFullPath(fromEnv);
        if (!Directory.Exists(Path.Combine(path, "vectors")))
        {
            throw new DirectoryNotFoundException(
                $"the shared test vectors are missing: expected {path}/vectors (set CREDSTACK_SHARED to override)"
            );
        }
        return path;
    }
}
