using System.Net;
using System.Net.Sockets;

namespace Credstack.Server.Tests.Infrastructure;

/// <summary>
/// A TCP relay on loopback in front of the test SMTP server that can drop the next connections on accept, so
/// that a test sees a real connection failure (the server hangs up before its greeting) and then a real
/// delivery. Every other connection is relayed byte for byte.
/// </summary>
public sealed class ConnectionDroppingProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly string _targetHost;
    private readonly int _targetPort;
    private readonly Task _accepting;
    private int _dropNext;
    private int _disposed;

    public ConnectionDroppingProxy(string targetHost, int targetPort)
    {
        _targetHost = targetHost;
        _targetPort = targetPort;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>How many connections were dropped so far.</summary>
    public int Dropped { get; private set; }

    /// <summary>Hangs up on the next <paramref name="count"/> connections.</summary>
    public void DropNext(int count) => Interlocked.Exchange(ref _dropNext, count);

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException)
            {
                return;
            }
            if (Interlocked.Decrement(ref _dropNext) >= 0)
            {
                Dropped++;
                client.Client.LingerState = new LingerOption(true, 0);
                client.Dispose();
                continue;
            }
            Interlocked.Exchange(ref _dropNext, 0);
            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using (client)
        using (var upstream = new TcpClient())
        {
            try
            {
                await upstream.ConnectAsync(_targetHost, _targetPort, _stop.Token);
                var a = client.GetStream();
                var b = upstream.GetStream();
                var one = a.CopyToAsync(b, _stop.Token);
                var two = b.CopyToAsync(a, _stop.Token);
                await Task.WhenAny(one, two);
            }
            catch (Exception e)
                when (e is IOException or SocketException or OperationCanceledException)
            {
                // One side hung up.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (OperationCanceledException) { }
        _stop.Dispose();
    }
}
