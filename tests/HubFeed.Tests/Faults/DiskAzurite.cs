using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using HubFeed.Tests.Infrastructure;

namespace HubFeed.Tests.Faults;

/// <summary>
/// A private Azurite on free ports that keeps its data on disk (a temporary folder), so a test can stop it mid-run
/// and start it again with the catalog, the lease and the feeds still there: a storage outage, not a storage wipe.
/// (<see cref="Azurite.StartPrivateAsync"/> runs in memory, so a restart there loses everything.)
/// </summary>
public sealed class DiskAzurite : IAsyncDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "hubfeed-azurite-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly int _blobPort = FreePort();
    private readonly int _queuePort = FreePort();
    private readonly int _tablePort = FreePort();
    private Process? _process;

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={Azurite.AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{_blobPort}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{_queuePort}/devstoreaccount1;" +
        $"TableEndpoint=http://127.0.0.1:{_tablePort}/devstoreaccount1;";

    public static async Task<DiskAzurite> StartAsync()
    {
        var azurite = new DiskAzurite();
        Directory.CreateDirectory(azurite._folder);
        await azurite.StartAgainAsync();
        return azurite;
    }

    public async Task StartAgainAsync()
    {
        var info = new ProcessStartInfo(Repo.Path("node_modules", ".bin", "azurite"))
        {
            ArgumentList =
            {
                "--silent", "--skipApiVersionCheck", "--loose", "--location", _folder,
                "--blobHost", "127.0.0.1", "--blobPort", _blobPort.ToString(CultureInfo.InvariantCulture),
                "--queueHost", "127.0.0.1", "--queuePort", _queuePort.ToString(CultureInfo.InvariantCulture),
                "--tableHost", "127.0.0.1", "--tablePort", _tablePort.ToString(CultureInfo.InvariantCulture),
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _folder,
        };
        _process = Process.Start(info)!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (await IsListeningAsync(_blobPort) && await IsListeningAsync(_queuePort) && await IsListeningAsync(_tablePort))
            {
                return;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("Azurite did not start within 30 s.");
    }

    /// <summary>
    /// TERM: Azurite closes its services (saving its data) but the process lingers, so once the ports are closed, TERM
    /// again, then KILL. Only the process this object started.
    /// </summary>
    public async Task StopAsync()
    {
        if (_process is null)
        {
            return;
        }
        _ = Kill(_process.Id, 15);
        for (var i = 0; i < 200 && !_process.HasExited && (await IsListeningAsync(_tablePort) || await IsListeningAsync(_blobPort) || await IsListeningAsync(_queuePort)); i++)
        {
            await Task.Delay(50);
        }
        foreach (var signal in new[] { 15, 9 })
        {
            if (_process.HasExited)
            {
                break;
            }
            _ = Kill(_process.Id, signal);
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(3));
            try
            {
                await _process.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
            }
        }
        _process.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill")]
    private static extern int Kill(int pid, int signal);

    private static async Task<bool> IsListeningAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
