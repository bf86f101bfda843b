namespace Credstack.Credentials.Dids;

/// <summary>Limits for fetching did:web and https documents.</summary>
public sealed class HttpResolverOptions
{
    /// <summary>The whole request's time limit (connect, headers, body). Default 10 seconds.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The largest document accepted, in bytes. Default 256 KiB.</summary>
    public int MaxResponseBytes { get; init; } = 256 * 1024;

    /// <summary>Allow loopback addresses (127.0.0.0/8, ::1). Off by default; tests turn it on.</summary>
    public bool AllowLoopback { get; init; }

    /// <summary>Allow plain <c>http:</c> URLs (never for did:web). Off by default; tests turn it on.</summary>
    public bool AllowInsecureHttp { get; init; }
}
