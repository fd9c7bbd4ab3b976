using System.Diagnostics;
using System.Globalization;
using HubFeed.Catalog;
using HubFeed.Cli;
using HubFeed.Pipeline;
using HubFeed.Publishing;
using HubFeed.Sources;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace HubFeed.Bench;

/// <summary>
/// Fan-out (issue 11): 23 objectives × N generated items through the run queue, processed as the Functions host does
/// (LocalQueueWorker: the real queue function per message) with 1 and then 4 messages at a time, each on a fresh
/// catalog, in the same run: wall time and the ratio.
/// </summary>
public static class FanoutBench
{
    public static async Task<int> RunAsync(string connection, int items, List<string> cleanup)
    {
        var pages = new Dictionary<(int Term, int Page), string>();
        for (var objective = 1; objective <= 23; objective++)
        {
            foreach (var (key, html) in ListingPages.Generate(items, 278 + objective))
            {
                pages[key] = html;
            }
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"fan-out: 23 objectives x {items} items ({pages.Count} pages) through the run queue, fresh catalog each"));
        Console.WriteLine("(runs s: from the first message to the last run's end; all s: until the queue is empty, the index published");
        Console.WriteLine(" HubFeed:Publish:IndexDelay is 5 s here, 30 s by default)");
        Console.WriteLine("concurrency   runs s   all s   runs succeeded   items published");
        var walls = new Dictionary<int, double>();
        var runs = new Dictionary<int, double>();
        var failed = 0;
        foreach (var concurrency in new[] { 1, 4 })
        {
            await using var app = await BenchApp.StartAsync(connection, pages, cleanup, string.Join(',', Enumerable.Range(1, 23)));
            var services = app.Services;
            await services.GetRequiredService<BlobPublisher>().PublishAsync(services.GetRequiredService<WidgetFiles>().DeployFiles(services.GetRequiredService<BlobPublisher>().Layout), 0, CancellationToken.None);
            var queue = services.GetRequiredService<RunQueue>();
            var sources = services.GetRequiredService<SourceRegistry>().Enabled;
            var clock = Stopwatch.StartNew();
            var started = DateTimeOffset.UtcNow;
            foreach (var source in sources)
            {
                await queue.EnqueueAsync(source, RunTrigger.Timer, CancellationToken.None);
            }
            await new LocalQueueWorker(services, concurrency, TimeSpan.FromSeconds(1), NullLogger<LocalQueueWorker>.Instance).DrainAsync(CancellationToken.None);
            walls[concurrency] = clock.Elapsed.TotalSeconds;
            var succeeded = 0;
            var published = 0;
            var lastEnd = started;
            foreach (var source in sources)
            {
                var run = (await services.GetRequiredService<IRunLog>().RecentAsync(source.Key, 1, CancellationToken.None))[0];
                succeeded += run.Status == RunStatus.Succeeded ? 1 : 0;
                published += run.ItemsActive;
                lastEnd = run.Ended > lastEnd ? run.Ended.Value : lastEnd;
            }
            runs[concurrency] = (lastEnd - started).TotalSeconds;
            failed += 23 - succeeded;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{concurrency,11}{runs[concurrency],9:F1}{walls[concurrency],8:F1}{succeeded,17}{published,18}"));
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"runs: concurrency 4 takes {runs[4] / runs[1]:F2}x the time of concurrency 1; all: {walls[4] / walls[1]:F2}x"));
        return failed == 0 ? 0 : 1;
    }
}
