using System.Diagnostics;
using HubFeed.Cli;

namespace HubFeed.Tests.Infrastructure;

/// <summary>
/// A real Azurite: the one listening on 127.0.0.1:10000-10002 (./test.sh starts it), or, when none is, the pinned one
/// from node_modules started here (in memory). A test that needs storage to go away cuts a <see cref="StorageLink"/>
/// to it instead of stopping it.
/// </summary>
public sealed class Azurite : IAsyncDisposable
{
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private Process? _process;

    private Azurite(int blobPort, int queuePort, int tablePort)
    {
        BlobPort = blobPort;
        QueuePort = queuePort;
        TablePort = tablePort;
    }

    public int BlobPort { get; }
    public int QueuePort { get; }
    public int TablePort { get; }

    public string ConnectionString => ConnectionStringOn(BlobPort, QueuePort, TablePort);

    /// <summary>The development account on these loopback ports (Azurite's own, a <see cref="StorageLink"/>'s, or a closed one's).</summary>
    public static string ConnectionStringOn(int blobPort, int queuePort, int tablePort) =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{blobPort}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{queuePort}/devstoreaccount1;" +
        $"TableEndpoint=http://127.0.0.1:{tablePort}/devstoreaccount1;";

    public static async Task<Azurite> SharedOrStartAsync()
    {
        var azurite = new Azurite(10000, 10001, 10002);
        if (!await Loopback.IsListeningAsync(10000) || !await Loopback.IsListeningAsync(10002))
        {
            await azurite.StartProcessAsync();
        }
        return azurite;
    }

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
                "--silent", "--skipApiVersionCheck", "--loose", "--inMemoryPersistence",
                "--blobHost", "127.0.0.1", "--blobPort", BlobPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--queueHost", "127.0.0.1", "--queuePort", QueuePort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--tableHost", "127.0.0.1", "--tablePort", TablePort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Repo.Root,
        };
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

    /// <summary>
    /// Stops the Azurite this object started, if it did. It holds its data in memory, so there is nothing to save: it is
    /// killed, not asked (a graceful close waits seconds for its idle connections).
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (_process is null)
        {
            return;
        }
        _process.Kill();
        await _process.WaitForExitAsync();
        _process.Dispose();
        _process = null;
    }
}

/// <summary>
/// One Azurite for the whole test run, shared by the collections that need it: started by the first that starts, killed
/// (if the tests started it) when the last one ends.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static Azurite? _shared;
    private static int _users;

    public Azurite Azurite { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        await Gate.WaitAsync();
        try
        {
            _shared ??= await Azurite.SharedOrStartAsync();
            _users++;
            Azurite = _shared;
        }
        finally
        {
            Gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (--_users == 0 && _shared is { } last)
            {
                _shared = null;
                await last.DisposeAsync();
            }
        }
        finally
        {
            Gate.Release();
        }
    }
}

/// <summary>
/// The tests that share Azurite's account-wide state (blob service properties such as CORS, which every app start on
/// Azurite sets, and the races between publishes), run one after another.
/// </summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}

/// <summary>
/// Azurite tests that touch nothing account-wide (queues and tables of their own) and mostly wait (whole-second queue
/// visibility, CLI processes): they run beside <see cref="AzuriteCollection"/> instead of lengthening it.
/// </summary>
[CollectionDefinition(Name)]
public sealed class AzuriteBesideCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite, beside";
}
