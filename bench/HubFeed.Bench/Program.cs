using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using HubFeed.Bench;
using HubFeed.Catalog;
using HubFeed.Catalog.Azure;
using HubFeed.Hosting;
using HubFeed.Pipeline;
using HubFeed.Sources;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

// Benchmarks: print numbers, assert nothing. Every storage measurement gets its own table prefix and container,
// removed afterwards; those need the Azurite on 127.0.0.1:10000-10002 (scripts/azurite.sh start).
//   dotnet run -c Release --project bench/HubFeed.Bench -- ingest [--items 10000] [--keep]   ingest/publish (issues 3, 4)
//   dotnet run -c Release --project bench/HubFeed.Bench -- parse                             reader vs selector-only (issue 9)
//   dotnet run -c Release --project bench/HubFeed.Bench -- fanout [--items 213]              23 objectives through the queue (issue 11)

if (args.Length > 0 && args[0] == "parse")
{
    ParseBench.Run();
    return 0;
}
if (args.Length == 0 || args[0] is not ("ingest" or "fanout"))
{
    Console.Error.WriteLine("usage: hubfeed-bench ingest [--items N] [--keep] | parse | fanout [--items N]");
    return 2;
}
var items = args.SkipWhile(a => a != "--items").Skip(1).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).FirstOrDefault(10_000);
var keep = args.Contains("--keep");
var connection = Environment.GetEnvironmentVariable("HubFeedStorage") ??
    "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
    "BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;QueueEndpoint=http://127.0.0.1:10001/devstoreaccount1;TableEndpoint=http://127.0.0.1:10002/devstoreaccount1;";
if (Environment.GetEnvironmentVariable("HubFeedStorage") is null && !(await HubFeed.Cli.Loopback.IsListeningAsync(10000) && await HubFeed.Cli.Loopback.IsListeningAsync(10002)))
{
    Console.Error.WriteLine("No Azurite on 127.0.0.1:10000-10002: run scripts/azurite.sh start.");
    return 1;
}

var cleanup = new List<string>();
var rows = new List<string[]>();
if (args[0] == "fanout")
{
    try
    {
        return await FanoutBench.RunAsync(connection, args.SkipWhile(a => a != "--items").Skip(1).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).FirstOrDefault(213), cleanup);
    }
    finally
    {
        await CleanUpAsync(connection, cleanup);
    }
}
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
            else if (item.StartsWith("queue:", StringComparison.Ordinal))
            {
                await new Azure.Storage.Queues.QueueServiceClient(connection).GetQueueClient(item["queue:".Length..]).DeleteIfExistsAsync();
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

namespace HubFeed.Bench
{
    using HubFeed.Seeds;

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

        public ServiceProvider Services => _services;

        public static async Task<BenchApp> StartAsync(string connection, IReadOnlyDictionary<(int Term, int Page), string> pages, List<string> cleanup, string objectives = "11")
        {
            var server = await SnapshotServer.StartAsync(pages);
            var id = "b" + Guid.NewGuid().ToString("N")[..10];
            // The local settings the CLI and tests use, then the bench's own.
            var settings = LocalSettings.Defaults();
            foreach (var (k, v) in LocalSettings.Loopback(server.BaseUrl))
            {
                settings[k] = v;
            }
            settings["HubFeedStorage"] = connection;
            settings["HubFeed:Source:ContactUrl"] = "mailto:bench@hubfeed.invalid";
            settings["HubFeed:Source:Objectives"] = objectives;
            settings["HubFeed:Source:MaxPages"] = "1000";
            settings["HubFeed:Catalog:TablePrefix"] = id;
            settings["HubFeed:Publish:Container"] = id;
            settings["HubFeed:Publish:ConfigureCors"] = "false";
            settings["HubFeed:Publish:IndexDelay"] = "00:00:05";
            // Loopback: no politeness pause; the per-host limit (2 in flight) stays as in production.
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
            var services = new ServiceCollection()
                .AddLogging(b => b.SetMinimumLevel(LogLevel.Error))
                .AddSingleton<IConfiguration>(configuration)
                .AddHubFeed(configuration)
                .BuildServiceProvider();
            cleanup.AddRange(new[] { StorageTables.Resources, StorageTables.Runs, StorageTables.SourceState, StorageTables.PageCache }.Select(t => "table:" + id + t));
            cleanup.Add("container:" + id);
            cleanup.Add("queue:" + id + RunQueue.Name);
            cleanup.Add("queue:" + id + RunQueue.PoisonName);
            return new BenchApp(services, server);
        }

        public async Task<(RunRecord Run, TimeSpan Wall)> IngestAsync()
        {
            var clock = Stopwatch.StartNew();
            var report = await _services.GetRequiredService<HubFeedRunner>().IngestAllAsync(_services.GetRequiredService<SourceRegistry>().Enabled, RunTrigger.Cli, CancellationToken.None);
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
