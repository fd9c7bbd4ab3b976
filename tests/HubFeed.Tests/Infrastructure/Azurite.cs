using System.Diagnostics;
using HubFeed.Cli;

namespace HubFeed.Tests.Infrastructure;

/// <summary>
/// A real Azurite: the one listening on 127.0.0.1:10000-10002 (./test.sh starts it), or, when none is, the pinned one
/// from node_modules started here. <see cref="StartPrivateAsync"/> starts one on free ports that a test may stop.
/// </summary>
public sealed class Azurite : IAsyncDisposable
{
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private Process? _process;
    private string? _folder;

    private Azurite(int blobPort, int queuePort, int tablePort)
    {
        BlobPort = blobPort;
        QueuePort = queuePort;
        TablePort = tablePort;
    }

    public int BlobPort { get; }
    public int QueuePort { get; }
    public int TablePort { get; }

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{QueuePort}/devstoreaccount1;" +
        $"TableEndpoint=http://127.0.0.1:{TablePort}/devstoreaccount1;";

    public static async Task<Azurite> SharedOrStartAsync()
    {
        var azurite = new Azurite(10000, 10001, 10002);
        if (!await Loopback.IsListeningAsync(10000) || !await Loopback.IsListeningAsync(10002))
        {
            await azurite.StartProcessAsync();
        }
        return azurite;
    }

    /// <summary>
    /// <paramref name="onDisk"/>: keep the data in a temporary folder, so a stop and a start again is an outage, not a
    /// wipe (in memory otherwise).
    /// </summary>
    public static async Task<Azurite> StartPrivateAsync(bool onDisk = false)
    {
        var azurite = new Azurite(Loopback.FreePort(), Loopback.FreePort(), Loopback.FreePort());
        if (onDisk)
        {
            azurite._folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "hubfeed-azurite-" + Guid.NewGuid().ToString("N")[..8]);
            Directory.CreateDirectory(azurite._folder);
        }
        await azurite.StartProcessAsync();
        return azurite;
    }

    public Task StartAgainAsync() => StartProcessAsync();

    private async Task StartProcessAsync()
    {
        var binary = Repo.Path("node_modules", ".bin", "azurite");
        if (!File.Exists(binary))
        {
            throw new InvalidOperationException("Azurite is not installed: run `npm ci` (./test.sh does).");
        }
        var info = new ProcessStartInfo(binary)
        {
            ArgumentList =
            {
                "--silent", "--skipApiVersionCheck", "--loose",
                "--blobHost", "127.0.0.1", "--blobPort", BlobPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--queueHost", "127.0.0.1", "--queuePort", QueuePort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--tableHost", "127.0.0.1", "--tablePort", TablePort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _folder ?? Repo.Root,
        };
        if (_folder is null)
        {
            info.ArgumentList.Add("--inMemoryPersistence");
        }
        else
        {
            info.ArgumentList.Add("--location");
            info.ArgumentList.Add(_folder);
        }
        _process = Process.Start(info)!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        // A loaded machine (CI, parallel builds) starts Azurite slowly: a generous limit.
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (DateTime.UtcNow < deadline)
        {
            if (await Loopback.IsListeningAsync(BlobPort) && await Loopback.IsListeningAsync(QueuePort) && await Loopback.IsListeningAsync(TablePort))
            {
                return;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("Azurite did not start within 120 s.");
    }

    /// <summary>Stops the Azurite this object started: TERM, wait, TERM again, then KILL (it may ignore the first).</summary>
    public async Task StopAsync()
    {
        if (_process is null || _process.HasExited)
        {
            return;
        }
        foreach (var signal in new[] { 15, 15, 9 })
        {
            _ = Kill(_process.Id, signal);
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(3));
            try
            {
                await _process.WaitForExitAsync(wait.Token);
                break;
            }
            catch (OperationCanceledException)
            {
            }
        }
        _process.Dispose();
        _process = null;
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill")]
    private static extern int Kill(int pid, int signal);

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (_folder is not null)
        {
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}

/// <summary>One Azurite for the whole test run.</summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    public Azurite Azurite { get; private set; } = null!;

    public async Task InitializeAsync() => Azurite = await Azurite.SharedOrStartAsync();

    public async Task DisposeAsync() => await Azurite.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
