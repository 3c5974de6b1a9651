using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Tongban.Testing;

/// <summary>
/// A loopback TCP relay to a real server (the broker), which a test can take down and bring back: while down, every
/// connection through it is cut and new ones are refused, as when the broker's host goes away; other users of the
/// same broker are not disturbed.
/// </summary>
public sealed class TcpProxy(string upstreamHost, int upstreamPort) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<TcpClient, byte> _connections = new();
    private TcpListener? _listener;

    public int Port { get; } = Ports.Free();

    public bool IsUp => _listener is not null;

    public void Start()
    {
        if (_listener is not null) return;
        var listener = new TcpListener(IPAddress.Loopback, Port);
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start();
        _listener = listener;
        _ = Task.Run(() => AcceptAsync(listener));
    }

    /// <summary>Refuses new connections and cuts the open ones.</summary>
    public void Stop()
    {
        _listener?.Stop();
        _listener = null;
        foreach (var client in _connections.Keys)
        {
            try
            {
                // Reset, not a polite close: the way a vanished host looks to the client.
                if (client.Client is { } socket) socket.LingerState = new LingerOption(true, 0);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                // Already gone.
            }

            client.Dispose();
        }

        _connections.Clear();
    }

    private async Task AcceptAsync(TcpListener listener)
    {
        while (true)
        {
            TcpClient inbound;
            try { inbound = await listener.AcceptTcpClientAsync(); }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or InvalidOperationException) { return; }
            _ = Task.Run(() => RelayAsync(inbound));
        }
    }

    private async Task RelayAsync(TcpClient inbound)
    {
        var outbound = new TcpClient();
        _connections[inbound] = 0;
        _connections[outbound] = 0;
        try
        {
            await outbound.ConnectAsync(upstreamHost, upstreamPort);
            using var cut = new CancellationTokenSource();
            var a = inbound.GetStream().CopyToAsync(outbound.GetStream(), cut.Token);
            var b = outbound.GetStream().CopyToAsync(inbound.GetStream(), cut.Token);
            await Task.WhenAny(a, b);
            await cut.CancelAsync();
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // Cut by Stop, or the other side closed.
        }
        finally
        {
            _connections.TryRemove(inbound, out _);
            _connections.TryRemove(outbound, out _);
            inbound.Dispose();
            outbound.Dispose();
        }
    }

    public ValueTask DisposeAsync()
    {
        Stop();
        return ValueTask.CompletedTask;
    }
}
