using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Credstack.Credentials.Tests.Dids;

/// <summary>
/// A tiny HTTP/1.1 server on 127.0.0.1 (an ephemeral port) that answers each path with a canned raw response,
/// so the resolver's limits can be tested without the network.
/// </summary>
internal sealed class LocalHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Dictionary<string, Func<NetworkStream, CancellationToken, Task>> _routes = new(
        StringComparer.Ordinal
    );
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public LocalHttpServer()
    {
        _listener.Start();
        _loop = Task.Run(AcceptLoopAsync);
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public string Url(string path) => $"http://127.0.0.1:{Port}{path}";

    public void Respond(
        string path,
        string status,
        string body,
        bool withLength = true,
        string? extraHeaders = null
    ) =>
        _routes[path] = async (stream, ct) =>
        {
            var bytes = Encoding.UTF8.GetBytes(body);
            var head = new StringBuilder(
                $"HTTP/1.1 {status}\r\nContent-Type: application/json\r\nConnection: close\r\n"
            );
            if (withLength)
            {
                head.Append($"Content-Length: {bytes.Length}\r\n");
            }
            head.Append(extraHeaders).Append("\r\n");
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()), ct);
            await stream.WriteAsync(bytes, ct);
        };

    public void Hang(string path) =>
        _routes[path] = async (_, ct) => await Task.Delay(Timeout.Infinite, ct);

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e)
                when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var request = new StringBuilder();
                var buffer = new byte[4096];
                while (!request.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
                {
                    var n = await stream.ReadAsync(buffer, _stop.Token);
                    if (n == 0)
                    {
                        return;
                    }
                    request.Append(Encoding.ASCII.GetString(buffer, 0, n));
                }
                var path = request.ToString().Split(' ')[1];
                if (_routes.TryGetValue(path, out var route))
                {
                    await route(stream, _stop.Token);
                }
                else
                {
                    await stream.WriteAsync(
                        Encoding.ASCII.GetBytes(
                            "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                        ),
                        _stop.Token
                    );
                }
            }
            catch (Exception e)
                when (e is OperationCanceledException or IOException or SocketException)
            {
                // The client went away or the server stops: nothing to do.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _loop;
        _stop.Dispose();
    }
}
