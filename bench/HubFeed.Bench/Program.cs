using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using HubFeed.Bench;
using HubFeed.Catalog;
using HubFeed.Hosting;
using HubFeed.Pipeline;
using HubFeed.Sources;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

// Ingest and publish benchmark (issues 3 and 4): prints numbers, asserts nothing. Needs the Azurite on 127.0.0.1:10000-10002
// (scripts/azurite.sh start). Every measurement gets its own table prefix and container, removed afterwards.
//   dotnet run -c Release --project bench/HubFeed.Bench -- ingest [--items 10000] [--keep]

if (args.Length == 0 || args[0] != "ingest")
{
    Console.Error.WriteLine("usage: hubfeed-bench ingest [--items N] [--keep]");
    return 2;
}
var items = args.SkipWhile(a => a != "--items").Skip(1).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).FirstOrDefault(10_000);
var keep = args.Contains("--keep");
var connection = Environment.GetEnvironmentVariable("HubFeedStorage") ??
    "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
    "BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;QueueEndpoint=http://127.0.0.1:10001/devstoreaccount1;TableEndpoint=http://127.0.0.1:10002/devstoreaccount1;";
if (Environment.GetEnvironmentVariable("HubFeedStorage") is null && !(await ListeningAsync(10000) && await ListeningAsync(10002)))
{
    Console.Error.WriteLine("No Azurite on 127.0.0.1:10000-10002: run scripts/azurite.sh start.");
    return 1;
}

var cleanup = new List<string>();
var rows = new List<string[]>();
try
{
    // Warm-up (JIT, connection pools), not reported.
    await using (var warm = await BenchApp.StartAsync(connection, ListingPages.Snapshot(), cleanup))
    {
        await warm.IngestAsync();
    }

    foreach (var (name, pages) in new[] { ("snapshot", ListingPages.Snapshot()), ("generated", ListingPages.Generate(items)) })
    {
        await using var app = await BenchApp.StartAsync(connection, pages, cleanup);
        var first = await app.IngestAsync();
        var publish = await app.PublishAsync();
        rows.Add(Row($"{name} {first.Run.ItemsListed} items: full ingest", first, publish));
        var again = await app.IngestAsync();
        var republish = await app.PublishAsync();
        rows.Add(Row($"{name} {again.Run.ItemsListed} items: nothing changed", again, republish));
    }

    Console.WriteLine();
    Print(["scenario", "status", "wall s", "pages fetched", "pages 304", "rows written", "rows/s", "publish s"], rows);

    // Transactions (TableBatch: 100 rows per request, one partition) against single upserts, same rows, same run.
    var tables = new TableServiceClient(connection);
    var id = Guid.NewGuid().ToString("N")[..10];
    var entities = Enumerable.Range(0, items).Select(n => Entity(n)).ToList();
    var batched = await TimeAsync(tables, "b" + id + "tx", cleanup, t => TableBatch.UpsertReplaceAsync(t, entities, CancellationToken.None));
    var single = await TimeAsync(tables, "b" + id + "one", cleanup, async t =>
    {
        foreach (var e in entities)
        {
            await t.UpsertEntityAsync(e, TableUpdateMode.Replace);
        }
        return entities.Count;
    });
    Console.WriteLine();
    Print(["writes of " + items.ToString("N0", CultureInfo.InvariantCulture) + " rows", "wall s", "requests", "rows/s"],
    [
        ["transactions (TableBatch.UpsertReplaceAsync)", S(batched), ((items + TableBatch.MaxActions - 1) / TableBatch.MaxActions).ToString(CultureInfo.InvariantCulture), PerSecond(items, batched)],
        ["single upserts (UpsertEntityAsync, Replace)", S(single), items.ToString(CultureInfo.InvariantCulture), PerSecond(items, single)],
    ]);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"transactions are {single.TotalSeconds / batched.TotalSeconds:F1}x faster than single upserts"));
    RenderingSizes.Print();
    return rows.Any(r => r[1] != "Succeeded") ? 1 : 0;
}
finally
{
    if (!keep)
    {
        await CleanUpAsync(connection, cleanup);
    }
}

static string[] Row(string scenario, (RunRecord Run, TimeSpan Wall) r, TimeSpan publish) =>
[
    scenario, r.Run.Status.ToString(), S(r.Wall), r.Run.PagesFetched.ToString(CultureInfo.InvariantCulture),
    r.Run.PagesNotModified.ToString(CultureInfo.InvariantCulture), r.Run.RowsWritten.ToString(CultureInfo.InvariantCulture),
    PerSecond(r.Run.RowsWritten, r.Wall), S(publish),
];

static string S(TimeSpan t) => t.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture);

static string PerSecond(int n, TimeSpan t) => (n / Math.Max(t.TotalSeconds, 1e-6)).ToString("F0", CultureInfo.InvariantCulture);

static void Print(string[] header, IReadOnlyList<string[]> lines)
{
    var widths = header.Select((h, i) => Math.Max(h.Length, lines.Select(l => l[i].Length).DefaultIfEmpty(0).Max())).ToArray();
    string Format(string[] cells) => string.Join("  ", cells.Select((c, i) => i == 0 ? c.PadRight(widths[i]) : c.PadLeft(widths[i])));
    Console.WriteLine(Format(header));
    Console.WriteLine(string.Join("  ", widths.Select(w => new string('-', w))));
    foreach (var line in lines)
    {
        Console.WriteLine(Format(line));
    }
}

static TableEntity Entity(int n) => new("objective-bench", n.ToString("D6", CultureInfo.InvariantCulture))
{
    ["Url"] = $"https://migrationnetwork.un.org/resources/bench-item-{n:D6}",
    ["Title"] = $"Bench item {n}: Border management and human rights at international borders",
    ["Type"] = "resource",
    ["TypeLabel"] = "Resource",
    ["Date"] = "2025-03-11",
    ["Summary"] = "Every newly recruited officer will complete a mandatory human rights module before deployment.",
    ["Language"] = "en",
    ["Objective"] = 11,
    ["ContentHash"] = n.ToString("x32", CultureInfo.InvariantCulture),
    ["FirstSeen"] = DateTimeOffset.UtcNow,
    ["LastSeen"] = DateTimeOffset.UtcNow,
    ["LastChanged"] = DateTimeOffset.UtcNow,
};

static async Task<TimeSpan> TimeAsync(TableServiceClient service, string name, List<string> cleanup, Func<TableClient, Task<int>> write)
{
    await service.CreateTableIfNotExistsAsync(name);
    cleanup.Add("table:" + name);
    var table = service.GetTableClient(name);
    var clock = Stopwatch.StartNew();
    await write(table);
    return clock.Elapsed;
}

static async Task CleanUpAsync(string connection, List<string> cleanup)
{
    var tables = new TableServiceClient(connection);
    var blobs = new BlobServiceClient(connection);
    foreach (var item in cleanup)
    {
        try
        {
            if (item.StartsWith("table:", StringComparison.Ordinal))
            {
                await tables.DeleteTableAsync(item["table:".Length..]);
            }
            else
            {
                await blobs.GetBlobContainerClient(item["container:".Length..]).DeleteIfExistsAsync();
            }
        }
        catch (Azure.RequestFailedException e)
        {
            Console.Error.WriteLine($"could not remove {item}: {e.Message}");
        }
    }
}

static async Task<bool> ListeningAsync(int port)
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

namespace HubFeed.Bench
{
    /// <summary>The real service graph (AddHubFeed) against Azurite and a loopback listing, under a prefix and container of its own.</summary>
    internal sealed class BenchApp : IAsyncDisposable
    {
        private readonly ServiceProvider _services;
        private readonly SnapshotServer _server;

        private BenchApp(ServiceProvider services, SnapshotServer server)
        {
            _services = services;
            _server = server;
        }

        public static async Task<BenchApp> StartAsync(string connection, IReadOnlyDictionary<(int Term, int Page), string> pages, List<string> cleanup)
        {
            var server = await SnapshotServer.StartAsync(pages);
            var id = "b" + Guid.NewGuid().ToString("N")[..10];
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["HubFeedStorage"] = connection,
                ["HubFeed:Source:BaseUrl"] = server.BaseUrl.AbsoluteUri,
                ["HubFeed:Source:ContactUrl"] = "mailto:bench@hubfeed.invalid",
                // Loopback: no politeness pause; the per-host limit (2 in flight) stays as in production.
                ["HubFeed:Source:DelayBetweenRequests"] = "00:00:00",
                ["HubFeed:Source:MaxPages"] = "1000",
                ["HubFeed:Catalog:TablePrefix"] = id,
                ["HubFeed:Publish:Container"] = id,
            }).Build();
            var services = new ServiceCollection()
                .AddLogging(b => b.SetMinimumLevel(LogLevel.Error))
                .AddSingleton<IConfiguration>(configuration)
                .AddHubFeed(configuration)
                .BuildServiceProvider();
            cleanup.AddRange(new[] { StorageTables.Resources, StorageTables.Runs, StorageTables.SourceState, StorageTables.PageCache }.Select(t => "table:" + id + t));
            cleanup.Add("container:" + id);
            return new BenchApp(services, server);
        }

        public async Task<(RunRecord Run, TimeSpan Wall)> IngestAsync()
        {
            var clock = Stopwatch.StartNew();
            var report = await _services.GetRequiredService<HubFeedRunner>().IngestAsync(RunTrigger.Cli, CancellationToken.None);
            var run = report.Sources.Single().Run;
            if (run.Status != RunStatus.Succeeded)
            {
                Console.Error.WriteLine($"run {run.Id}: {run.Status}: {run.Error}");
            }
            return (run, clock.Elapsed);
        }

        public async Task<TimeSpan> PublishAsync()
        {
            var clock = Stopwatch.StartNew();
            await _services.GetRequiredService<HubFeedRunner>().PublishAsync(CancellationToken.None);
            return clock.Elapsed;
        }

        public async ValueTask DisposeAsync()
        {
            await _services.DisposeAsync();
            await _server.DisposeAsync();
        }
    }
}
