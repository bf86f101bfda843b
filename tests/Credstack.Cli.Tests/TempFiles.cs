namespace Credstack.Cli.Tests;

/// <summary>A private temporary folder for one test class, deleted afterwards.</summary>
public sealed class TempFiles : IDisposable
{
    private readonly string _root = Path.Combine(
        Path.GetTempPath(),
        "credstack-cli-tests-" + Guid.NewGuid().ToString("N")
    );

    public TempFiles() => Directory.CreateDirectory(_root);

    /// <summary>Writes a file and returns its absolute path.</summary>
    public string Write(string name, string content)
    {
        var path = Path.Combine(_root, name);
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>Writes a binary file and returns its absolute path.</summary>
    public string WriteBytes(string name, byte[] content)
    {
        var path = Path.Combine(_root, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    /// <summary>A path in the folder that does not exist.</summary>
    public string Missing(string name) => Path.Combine(_root, name);

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
