using System.Net;
using System.Net.Sockets;

namespace Credstack.Credentials.Dids;

/// <summary>
/// Fetches did:web documents (did:web §3.2) and https controller or key documents, with a timeout, a size
/// limit read as a stream that stops at the limit, no redirects, and no connections to loopback, private or
/// link-local addresses (checked on every resolved address in the socket connect callback).
/// </summary>
public sealed class HttpDocumentResolver : IDidResolver, IDisposable
{
    private const string Accept =
        "application/did+json, application/did+ld+json, application/ld+json;q=0.9, application/json;q=0.8";

    private readonly HttpClient _client;
    private readonly HttpResolverOptions _options;

    /// <summary>Creates a resolver with its own <see cref="HttpClient"/> built by <see cref="CreateHandler"/>.</summary>
    public HttpDocumentResolver(HttpResolverOptions? options = null)
    {
        _options = options ?? new HttpResolverOptions();
        _client = new HttpClient(CreateHandler(_options), disposeHandler: true)
        {
            Timeout = System.Threading.Timeout.InfiniteTimeSpan,
        };
    }

    /// <summary>
    /// A handler enforcing the address policy and refusing redirects, for callers that build their own
    /// <see cref="HttpClient"/> (e.g. through IHttpClientFactory).
    /// </summary>
    public static SocketsHttpHandler CreateHandler(HttpResolverOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var allowLoopback = options.AllowLoopback;
        return new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            UseProxy = false,
            ConnectTimeout = options.Timeout,
            MaxResponseHeadersLength = 32,
            ConnectCallback = async (context, cancellationToken) =>
            {
                var host = context.DnsEndPoint.Host;
                var addresses = IPAddress.TryParse(host, out var literal)
                    ? [literal]
                    : await Dns.GetHostAddressesAsync(host, cancellationToken)
                        .ConfigureAwait(false);
                if (addresses.Length == 0)
                {
                    throw new SocketException((int)SocketError.HostNotFound);
                }
                // Check every address and connect only to the checked list, so a DNS answer cannot slip a
                // private address in between the check and the connection.
                foreach (var address in addresses)
                {
                    if (AddressPolicy.Refusal(address, allowLoopback) is { } why)
                    {
                        throw new AddressRefusedException($"{host} resolves to {why} ({address})");
                    }
                }
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket
                        .ConnectAsync(addresses, context.DnsEndPoint.Port, cancellationToken)
                        .ConfigureAwait(false);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
    }

    /// <inheritdoc/>
    public async ValueTask<ResolutionResult> ResolveAsync(
        string didOrUrl,
        CancellationToken cancellationToken
    )
    {
        ArgumentNullException.ThrowIfNull(didOrUrl);
        var hash = didOrUrl.IndexOf('#', StringComparison.Ordinal);
        var bare = hash < 0 ? didOrUrl : didOrUrl[..hash];
        Uri url;
        if (bare.StartsWith(DidWeb.Prefix, StringComparison.Ordinal))
        {
            if (!DidWeb.TryGetUrl(bare, out var mapped, out var error))
            {
                return ResolutionResult.Failure(ResolutionErrorCode.InvalidDid, error);
            }
            url = mapped;
        }
        else if (
            Uri.TryCreate(bare, UriKind.Absolute, out var parsed)
            && (parsed.Scheme == "https" || parsed.Scheme == "http")
        )
        {
            if (parsed.Scheme == "http" && !_options.AllowInsecureHttp)
            {
                return ResolutionResult.Failure(
                    ResolutionErrorCode.InsecureScheme,
                    $"'{bare}' is not an https URL"
                );
            }
            if (!string.IsNullOrEmpty(parsed.UserInfo))
            {
                return ResolutionResult.Failure(
                    ResolutionErrorCode.InvalidDid,
                    "URLs with user information are refused"
                );
            }
            url = parsed;
        }
        else
        {
            return ResolutionResult.Failure(
                ResolutionErrorCode.MethodNotSupported,
                $"'{bare}' is neither a did:web nor an https URL"
            );
        }
        // Refuse literal addresses and localhost before any I/O; names are checked again at connect time.
        if (LiteralRefusal(url.IdnHost) is { } refusal)
        {
            return ResolutionResult.Failure(
                ResolutionErrorCode.AddressRefused,
                $"{url.Host} is {refusal}"
            );
        }
        var fetched = await FetchAsync(url, cancellationToken).ConfigureAwait(false);
        if (fetched.Error is not null)
        {
            return ResolutionResult.Failure(fetched.Error);
        }
        return DidDocument.Parse(fetched.Body, bare);
    }

    private string? LiteralRefusal(string host)
    {
        if (
            host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)
        )
        {
            return _options.AllowLoopback ? null : "a loopback name";
        }
        return IPAddress.TryParse(host.Trim('[', ']'), out var ip)
            ? AddressPolicy.Refusal(ip, _options.AllowLoopback)
            : null;
    }

    private async Task<(ReadOnlyMemory<byte> Body, ResolutionError? Error)> FetchAsync(
        Uri url,
        CancellationToken cancellationToken
    )
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.Timeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Accept.ParseAdd(Accept);
            using var response = await _client
                .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token)
                .ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (status is >= 300 and < 400)
            {
                return (
                    default,
                    new(
                        ResolutionErrorCode.RedirectRefused,
                        $"{url} answered with a redirect ({status}); redirects are not followed"
                    )
                );
            }
            if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone)
            {
                return (default, new(ResolutionErrorCode.NotFound, $"{url} answered {status}"));
            }
            if (!response.IsSuccessStatusCode)
            {
                return (default, new(ResolutionErrorCode.HttpError, $"{url} answered {status}"));
            }
            var max = _options.MaxResponseBytes;
            if (response.Content.Headers.ContentLength is long length && length > max)
            {
                return (default, TooLarge(url, max));
            }
            var stream = await response
                .Content.ReadAsStreamAsync(timeout.Token)
                .ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                // Read at most max + 1 bytes: one byte over the limit is enough to refuse.
                var buffer = new byte[Math.Min(max + 1, 64 * 1024)];
                var total = 0;
                while (true)
                {
                    if (total == buffer.Length)
                    {
                        if (total > max)
                        {
                            return (default, TooLarge(url, max));
                        }
                        Array.Resize(ref buffer, Math.Min(buffer.Length * 2, max + 1));
                    }
                    var n = await stream
                        .ReadAsync(buffer.AsMemory(total), timeout.Token)
                        .ConfigureAwait(false);
                    if (n == 0)
                    {
                        break;
                    }
                    total += n;
                }
                return total > max
                    ? (default, TooLarge(url, max))
                    : (buffer.AsMemory(0, total), null);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (
                default,
                new(
                    ResolutionErrorCode.Timeout,
                    $"{url} did not answer within {_options.Timeout.TotalSeconds:0.#} s"
                )
            );
        }
        catch (HttpRequestException e) when (FindRefusal(e) is { } refused)
        {
            return (default, new(ResolutionErrorCode.AddressRefused, refused.Message));
        }
        catch (HttpRequestException e)
        {
            return (
                default,
                new(ResolutionErrorCode.NetworkError, $"fetching {url} failed: {e.Message}")
            );
        }
        catch (IOException e)
        {
            return (
                default,
                new(ResolutionErrorCode.NetworkError, $"reading {url} failed: {e.Message}")
            );
        }
    }

    private static ResolutionError TooLarge(Uri url, int max) =>
        new(ResolutionErrorCode.TooLarge, $"the document at {url} is larger than {max} bytes");

    private static AddressRefusedException? FindRefusal(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is AddressRefusedException refused)
            {
                return refused;
            }
        }
        return null;
    }

    /// <summary>Disposes the HTTP client.</summary>
    public void Dispose() => _client.Dispose();
}
