using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace HubFeed.Tests.Infrastructure;

/// <summary>
/// The app's road to Azurite through loopback forwarders (blob, queue, table) that a test can cut: what a stopped
/// Azurite looks like to the app (every open connection reset, every new one refused) without stopping it, so its data
/// stays as it was and coming back is instant. <see cref="Restore"/> listens again on the same ports.
/// </summary>
public sealed class StorageLink : IAsyncDisposable
{
    private readonly Forwarder[] _forwarders;

    private StorageLink(Azurite azurite) =>
        _forwarders = [new Forwarder(azurite.BlobPort), new Forwarder(azurite.QueuePort), new Forwarder(azurite.TablePort)];

    public static StorageLink Open(Azurite azurite)
    {
        var link = new StorageLink(azurite);
        link.Restore();
        return link;
    }

    /// <summary>Azurite's connection string, through the link.</summary>
    public string ConnectionString => Azurite.ConnectionStringOn(_forwarders[0].Port, _forwarders[1].Port, _forwarders[2].Port);

    public void Cut()
    {
        foreach (var forwarder in _forwarders)
        {
            forwarder.Cut();
        }
    }

    public void Restore()
    {
        foreach (var forwarder in _forwarders)
        {
            forwarder.Listen();
        }
    }

    public ValueTask DisposeAsync()
    {
        Cut();
        return ValueTask.CompletedTask;
    }

    /// <summary>One port forwarded to Azurite's <paramref name="target"/> port, every connection piped both ways.</summary>
    private sealed class Forwarder(int target)
    {
        private readonly ConcurrentDictionary<Socket, byte> _open = new();
        private TcpListener? _listener;
        private int _cuts;

        public int Port { get; private set; }

        public void Listen()
        {
            var listener = new TcpListener(IPAddress.Loopback, Port);
            listener.Start();
            Port = ((IPEndPoint)listener.LocalEndpoint).Port;
            _listener = listener;
            _ = AcceptAsync(listener, Volatile.Read(ref _cuts));
        }

        public void Cut()
        {
            Interlocked.Increment(ref _cuts);
            _listener?.Stop();
            _listener = null;
            foreach (var socket in _open.Keys)
            {
                Reset(socket);
            }
        }

        private async Task AcceptAsync(TcpListener listener, int cuts)
        {
            while (true)
            {
                Socket client;
                try
                {
                    client = await listener.AcceptSocketAsync();
                }
                catch (Exception e) when (e is SocketException or ObjectDisposedException)
                {
                    return; // cut
                }
                _ = PipeAsync(client, cuts);
            }
        }

        private async Task PipeAsync(Socket client, int cuts)
        {
            using var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            _open[client] = 0;
            _open[server] = 0;
            try
            {
                if (Volatile.Read(ref _cuts) != cuts)
                {
                    Reset(client); // accepted just before a cut that did not see it yet: gone too
                    return;
                }
                await server.ConnectAsync(IPAddress.Loopback, target);
                using var fromClient = new NetworkStream(client, ownsSocket: false);
                using var fromServer = new NetworkStream(server, ownsSocket: false);
                var up = fromClient.CopyToAsync(fromServer);
                var down = fromServer.CopyToAsync(fromClient);
                await Task.WhenAny(up, down);
                // The other direction ends when both sides close below; its error then is expected, not news.
                _ = Task.WhenAll(up, down).ContinueWith(t => t.Exception, TaskScheduler.Default);
            }
            catch (Exception e) when (e is SocketException or IOException or ObjectDisposedException)
            {
                // Cut, or one side closed: both sides are closed below.
            }
            finally
            {
                _open.TryRemove(client, out _);
                _open.TryRemove(server, out _);
                Close(client);
            }
        }

        /// <summary>Closed in order, what was sent still delivered (a reset, once cut).</summary>
        private static void Close(Socket socket)
        {
            try
            {
                socket.Shutdown(SocketShutdown.Both);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
            }
            socket.Dispose();
        }

        /// <summary>Closed at once with a reset, as a process that is gone leaves its peer.</summary>
        private static void Reset(Socket socket)
        {
            try
            {
                socket.LingerState = new LingerOption(true, 0);
                socket.Close();
            }
            catch (ObjectDisposedException)
            {
            }
        }
    }
}
