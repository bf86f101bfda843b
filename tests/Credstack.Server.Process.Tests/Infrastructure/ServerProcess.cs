using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Reflection;
using System.Text;
using Credstack.Tests.Shared;

namespace Credstack.Server.Process.Tests.Infrastructure;

/// <summary>
/// The real server as a separate OS process: <c>dotnet Credstack.Server.dll</c> from the server's build
/// output, configured by environment variables, on a free loopback port. Its stdout and stderr go to a
/// log file in the data directory (and into failure messages). <see cref="Kill"/> is SIGKILL: no
/// shutdown code runs; <see cref="StopAsync"/> is SIGTERM and waits for the graceful exit.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    /// <summary>The origin every node publishes credentials under (the same for all nodes of a test).</summary>
    public const string PublicOrigin = "http://credstack.test";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private static int _instances;

    private readonly TestDatabase _database;
    private readonly IReadOnlyDictionary<string, string> _settings;
    private readonly StringBuilder _log = new();
    private System.Diagnostics.Process? _process;
    private StreamWriter? _logFile;

    /// <param name="database">The database and data directory (shared by every node of a test).</param>
    /// <param name="name">The node's name, in its log file's name and in <c>Credstack:NodeId</c>.</param>
    /// <param name="settings">More configuration, as environment variables (<c>Credstack__Bulk__ChunkSize</c>).</param>
    public ServerProcess(
        TestDatabase database,
        string name,
        IReadOnlyDictionary<string, string>? settings = null
    )
    {
        _database = database;
        Name = name;
        _settings = settings ?? new Dictionary<string, string>();
        Port = FreePort();
        BaseAddress = new Uri($"http://127.0.0.1:{Port}");
    }

    public string Name { get; }

    public int Port { get; }

    public Uri BaseAddress { get; }

    /// <summary>The OS process id while it runs.</summary>
    public int Pid => _process?.Id ?? throw new InvalidOperationException("not started");

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Everything the process (every start of this node) wrote to stdout and stderr so far.</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>The last lines of <see cref="Log"/>, for failure messages.</summary>
    public string LogTail(int lines = 60)
    {
        var all = Log.Split('\n');
        return $"--- last lines of node {Name}'s log ---\n"
            + string.Join('\n', all[Math.Max(0, all.Length - lines)..]);
    }

    /// <summary>The server's <c>Credstack.Server.dll</c>: CREDSTACK_SERVER_DLL, or the build output of the same configuration as the tests.</summary>
    public static string ServerDll { get; } = FindServerDll();

    /// <summary>Starts the process and waits until <c>/healthz</c> answers 200.</summary>
    public async Task StartAsync()
    {
        if (IsRunning)
        {
            throw new InvalidOperationException($"node {Name} is running");
        }
        var start = StartInfo([]);
        start.Environment["ASPNETCORE_URLS"] = BaseAddress.ToString();
        start.Environment["Urls"] = BaseAddress.ToString();
        AppendLog($"=== start node {Name} on {BaseAddress} ===");
        _logFile ??= new StreamWriter(
            Path.Combine(
                _database.DataDirectory,
                $"server-{Name}-{Interlocked.Increment(ref _instances)}.log"
            ),
            append: true
        )
        {
            AutoFlush = true,
        };
        var process = new System.Diagnostics.Process
        {
            StartInfo = start,
            EnableRaisingEvents = true,
        };
        process.OutputDataReceived += (_, e) => AppendLog(e.Data);
        process.ErrorDataReceived += (_, e) => AppendLog(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        using var http = new HttpClient { BaseAddress = BaseAddress };
        http.Timeout = TimeSpan.FromSeconds(5);
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartTimeout)
        {
            if (process.HasExited)
            {
                await process.WaitForExitAsync();
                throw new InvalidOperationException(
                    $"node {Name} exited with {process.ExitCode} before it was healthy\n{LogTail()}"
                );
            }
            try
            {
                using var response = await http.GetAsync("/healthz");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Busy starting.
            }
            await Task.Delay(100);
        }
        Kill();
        throw new TimeoutException(
            $"node {Name} was not healthy within {StartTimeout.TotalSeconds} s\n{LogTail()}"
        );
    }

    /// <summary>SIGKILL (the whole process tree): the server gets no chance to clean up.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false } process)
        {
            AppendLog($"=== SIGKILL node {Name} (pid {process.Id}) ===");
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
    }

    /// <summary>SIGTERM and wait for the graceful shutdown (killed if it takes longer than 30 s).</summary>
    public async Task StopAsync()
    {
        if (_process is not { HasExited: false } process)
        {
            return;
        }
        AppendLog($"=== SIGTERM node {Name} (pid {process.Id}) ===");
        using (var kill = System.Diagnostics.Process.Start("kill", ["-TERM", $"{process.Id}"]))
        {
            await kill.WaitForExitAsync();
        }
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
            throw new TimeoutException($"node {Name} did not stop on SIGTERM\n{LogTail()}");
        }
    }

    /// <summary>An HTTP client for this node, sending <paramref name="apiKey"/> as its bearer token.</summary>
    public HttpClient Client(string? apiKey)
    {
        var client = new HttpClient
        {
            BaseAddress = BaseAddress,
            Timeout = TimeSpan.FromSeconds(100),
        };
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
                "Bearer",
                apiKey
            );
        }
        return client;
    }

    /// <summary>
    /// Runs <c>dotnet Credstack.Server.dll bootstrap --org NAME --admin EMAIL</c> on the database (which it
    /// migrates) and returns the owner API key it prints last.
    /// </summary>
    public static async Task<string> BootstrapAsync(
        TestDatabase database,
        string organization,
        string admin
    )
    {
        var start = StartInfo(database, new Dictionary<string, string>(), "bootstrap");
        start.ArgumentList.Add("bootstrap");
        start.ArgumentList.Add("--org");
        start.ArgumentList.Add(organization);
        start.ArgumentList.Add("--admin");
        start.ArgumentList.Add(admin);
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(StartTimeout);
        await process.WaitForExitAsync(timeout.Token);
        var stdout = await output;
        Assert.True(
            process.ExitCode == 0,
            $"bootstrap exited with {process.ExitCode}\n{stdout}\n{await error}"
        );
        var key = stdout.TrimEnd().Split('\n')[^1].Trim();
        Assert.StartsWith("csk_", key, StringComparison.Ordinal);
        return key;
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        _process?.Dispose();
        if (_logFile is not null)
        {
            await _logFile.DisposeAsync();
        }
    }

    private ProcessStartInfo StartInfo(IEnumerable<string> arguments)
    {
        var start = StartInfo(_database, _settings, Name);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        return start;
    }

    private static ProcessStartInfo StartInfo(
        TestDatabase database,
        IReadOnlyDictionary<string, string> settings,
        string node
    )
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            // The data directory is the working directory: nothing lands in the repository.
            WorkingDirectory = database.DataDirectory,
        };
        start.ArgumentList.Add(ServerDll);
        var environment = start.Environment;
        // Configuration a developer's shell may carry must not leak into the server under test.
        foreach (
            var key in environment
                .Keys.Where(k =>
                    k.StartsWith("Credstack__", StringComparison.OrdinalIgnoreCase)
                    || k.StartsWith("Database__", StringComparison.OrdinalIgnoreCase)
                    || k.StartsWith("ConnectionStrings__", StringComparison.OrdinalIgnoreCase)
                    || k.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase)
                )
                .ToList()
        )
        {
            environment.Remove(key);
        }
        environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        environment["DOTNET_NOLOGO"] = "1";
        environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        environment["Database__Provider"] = database.Provider;
        environment["ConnectionStrings__Default"] = database.ConnectionString;
        environment["Credstack__DataDirectory"] = database.DataDirectory;
        environment["Credstack__PublicOrigin"] = PublicOrigin;
        environment["Credstack__NodeId"] = node;
        environment["Credstack__Bulk__LeaseSeconds"] = "3";
        environment["Credstack__Email__Transport"] = "pickup";
        environment["Logging__Console__FormatterName"] = "simple";
        environment["Logging__Console__FormatterOptions__SingleLine"] = "true";
        environment["Logging__Console__FormatterOptions__TimestampFormat"] = "HH:mm:ss.fff ";
        foreach (var (key, value) in settings)
        {
            environment[key] = value;
        }
        return start;
    }

    private void AppendLog(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_log)
        {
            _log.Append(line).Append('\n');
            _logFile?.WriteLine(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string FindServerDll()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("CREDSTACK_SERVER_DLL");
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return File.Exists(fromEnvironment)
                ? Path.GetFullPath(fromEnvironment)
                : throw new FileNotFoundException(
                    $"CREDSTACK_SERVER_DLL names a missing file: {fromEnvironment}"
                );
        }
        var configuration =
            typeof(ServerProcess)
                .Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .FirstOrDefault(a => a.Key == "Configuration")
                ?.Value
            ?? "Release";
        var framework = new DirectoryInfo(AppContext.BaseDirectory).Name;
        var output = Path.Combine(
            SharedData.RepositoryRoot,
            "src",
            "Credstack.Server",
            "bin",
            configuration
        );
        // The same target framework folder as the tests (net10.0), else whatever the build made.
        var candidates = new[] { Path.Combine(output, framework, "Credstack.Server.dll") }.Concat(
            Directory.Exists(output)
                ? Directory.GetFiles(output, "Credstack.Server.dll", SearchOption.AllDirectories)
                : []
        );
        foreach (var candidate in candidates)
        {
            if (
                File.Exists(candidate)
                && File.Exists(Path.ChangeExtension(candidate, ".runtimeconfig.json"))
            )
            {
                return candidate;
            }
        }
        throw new FileNotFoundException(
            $"the server is not built: no Credstack.Server.dll under {output} "
                + $"(run `dotnet build Credstack.slnx -c {configuration}` or set CREDSTACK_SERVER_DLL)"
        );
    }
}
