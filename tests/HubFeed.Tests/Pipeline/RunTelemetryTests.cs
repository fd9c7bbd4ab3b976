using System.Diagnostics;
using HubFeed.Functions;
using HubFeed.Tests.Faults;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace HubFeed.Tests.Pipeline;

/// <summary>
/// The Function app's OpenTelemetry set-up (AddHubFeedOpenTelemetry, with in-memory exporters instead of Azure Monitor)
/// on the real service graph (in-memory storage), for a run on the snapshot: exactly one run span, a child of the invocation, with what the
/// run did; and the metrics the alerts and the workbook read.
/// </summary>
[Collection(TelemetryCollection.Name)]
public sealed class RunTelemetryTests
{
    [Fact]
    public async Task A_run_on_the_snapshot_is_one_span_under_the_invocation_with_what_the_run_did()
    {
        await using var t = await Captured.StartAsync();
        t.FailOnce(page: 3, status: 503);
        SourceRunResult result;
        // The invocation's activity, as the worker starts it for a queue message (sampled).
        using (var invocation = new Activity("RunObjective") { ActivityTraceFlags = ActivityTraceFlags.Recorded }.Start())
        {
            result = await t.RunAsync();
            Assert.True(result.Run.Status == RunStatus.Succeeded, result.Run.Error);
            var span = Assert.Single(t.Spans);
            Assert.Equal(RunTelemetry.RunSpanName, span.DisplayName);
            Assert.Equal((invocation.TraceId, invocation.SpanId), (span.TraceId, span.ParentSpanId));
            Assert.Equal(ActivityStatusCode.Ok, span.Status);
        }
        var run = result.Run;
        var expected = new Dictionary<string, object?>
        {
            [RunTelemetry.Tags.Objective] = 11,
            [RunTelemetry.Tags.RunId] = run.Id,
            [RunTelemetry.Tags.Outcome] = "succeeded",
            [RunTelemetry.Tags.ItemsListed] = 213,
            [RunTelemetry.Tags.ItemsNew] = 213,
            [RunTelemetry.Tags.ItemsChanged] = 0,
            [RunTelemetry.Tags.ItemsWithdrawn] = 0,
            [RunTelemetry.Tags.ItemsSetAside] = 0,
            [RunTelemetry.Tags.PagesFetched] = run.PagesFetched,
            [RunTelemetry.Tags.PagesNotModified] = 0,
            [RunTelemetry.Tags.BlobsUploaded] = run.BlobsUploaded,
            [RunTelemetry.Tags.Version] = run.Version,
        };
        Assert.Equal(expected.OrderBy(kv => kv.Key), t.Spans[0].TagObjects.OrderBy(kv => kv.Key));
        Assert.True(run.PagesFetched >= 22 && run.BlobsUploaded > 0 && run.Version is not null, $"{run.PagesFetched} pages, {run.BlobsUploaded} blobs, version {run.Version}");
    }

    [Fact]
    public async Task A_run_on_the_snapshot_records_the_metrics_ops_read()
    {
        await using var t = await Captured.StartAsync();
        t.FailOnce(page: 3, status: 503);
        Assert.Equal(RunStatus.Succeeded, (await t.RunAsync()).Run.Status);
        var points = t.Points();
        Assert.Equal(
            [RunTelemetry.Metrics.HubRequestDuration, RunTelemetry.Metrics.ItemsPublished, RunTelemetry.Metrics.RunDuration, RunTelemetry.Metrics.Runs],
            points.Keys.Where(k => k.StartsWith("hubfeed.", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        var runs = Assert.Single(points[RunTelemetry.Metrics.Runs]);
        Assert.Equal(1, runs.GetSumLong());
        Assert.Equal(new[] { Tag(RunTelemetry.Tags.Objective, 11), Tag(RunTelemetry.Tags.Outcome, "succeeded") }, Tags(runs));
        var duration = Assert.Single(points[RunTelemetry.Metrics.RunDuration]);
        Assert.Equal(1, duration.GetHistogramCount());
        Assert.InRange(duration.GetHistogramSum(), 0.001, 600);
        var published = Assert.Single(points[RunTelemetry.Metrics.ItemsPublished]);
        Assert.Equal(213, published.GetGaugeLastValueLong());
        Assert.Equal(new[] { Tag(RunTelemetry.Tags.Objective, 11) }, Tags(published));
        // Every request the Hub saw, by status: the one 503 (retried) and the rest 200.
        var requests = points[RunTelemetry.Metrics.HubRequestDuration].ToDictionary(StatusOf, p => p.GetHistogramCount());
        Assert.Equal([200, 503], requests.Keys.Order());
        Assert.Equal(1, requests[503]);
        Assert.Equal(t.App.Snapshot.Requests, requests.Values.Sum());
    }

    [Fact]
    public async Task Rows_set_aside_are_counted_by_reason()
    {
        await using var t = await Captured.StartAsync();
        // One row links to a script: set aside, the other 212 published.
        var rows = Listing.Rows.ToList();
        rows[83] = new System.Text.RegularExpressions.Regex("href=\"[^\"]*\"").Replace(rows[83], "href=\"javascript:alert(1)\"", 1);
        Listing.Serve(t.App.Snapshot, rows);
        var run = (await t.RunAsync()).Run;
        Assert.True(run.Status == RunStatus.Succeeded, run.Error);
        var setAside = Assert.Single(run.Quarantined);
        var points = t.Points();
        var counted = Assert.Single(points[RunTelemetry.Metrics.RowsSetAside]);
        Assert.Equal(1, counted.GetSumLong());
        Assert.Equal(new[] { Tag(RunTelemetry.Tags.Objective, 11), Tag(RunTelemetry.Tags.Reason, setAside.Reason) }, Tags(counted));
        Assert.Equal(212, Assert.Single(points[RunTelemetry.Metrics.ItemsPublished]).GetGaugeLastValueLong());
        Assert.Equal(1, Assert.Single(t.Spans).GetTagItem(RunTelemetry.Tags.ItemsSetAside));
    }

    [Fact]
    public async Task A_failed_run_is_an_error_span_with_its_cause_and_a_failed_outcome()
    {
        await using var t = await Captured.StartAsync();
        // The Hub is away for good: the run fails, nothing is published.
        t.App.Snapshot.Fault = async (context, term, page) =>
        {
            context.Response.StatusCode = 500;
            await context.Response.WriteAsync("down");
            return true;
        };
        var run = (await t.RunAsync()).Run;
        Assert.Equal(RunStatus.Failed, run.Status);
        var span = Assert.Single(t.Spans);
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal(("failed", run.Cause?.Name()), (span.GetTagItem(RunTelemetry.Tags.Outcome), span.GetTagItem(RunTelemetry.Tags.Cause)));
        var points = t.Points();
        Assert.Equal(new[] { Tag(RunTelemetry.Tags.Objective, 11), Tag(RunTelemetry.Tags.Outcome, "failed") }, Tags(Assert.Single(points[RunTelemetry.Metrics.Runs])));
        Assert.False(points.ContainsKey(RunTelemetry.Metrics.ItemsPublished), "nothing was published");
        Assert.Equal([500], points[RunTelemetry.Metrics.HubRequestDuration].Select(StatusOf));
    }

    private static int StatusOf(MetricPoint point) =>
        Convert.ToInt32(Tags(point).Single(t => t.Key == RunTelemetry.Tags.StatusCode).Value, System.Globalization.CultureInfo.InvariantCulture);

    private static KeyValuePair<string, object?> Tag(string key, object? value) => new(key, value);

    private static List<KeyValuePair<string, object?>> Tags(MetricPoint point)
    {
        var list = new List<KeyValuePair<string, object?>>();
        foreach (var tag in point.Tags)
        {
            list.Add(tag);
        }
        return [.. list.OrderBy(t => t.Key, StringComparer.Ordinal)];
    }

    /// <summary>The real service graph with the Function app's OpenTelemetry set-up, exporting into lists.</summary>
    private sealed class Captured : IAsyncDisposable
    {
        public required TestApp App { get; init; }
        public required List<Activity> Spans { get; init; }
        public required List<Metric> Metrics { get; init; }

        public static async Task<Captured> StartAsync()
        {
            var spans = new List<Activity>();
            var metrics = new List<Metric>();
            var app = await TestApp.StartInMemoryAsync(configure: services =>
            {
                services.AddHubFeedOpenTelemetry(new ConfigurationBuilder().Build());
                services.ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(spans));
                services.ConfigureOpenTelemetryMeterProvider(m => m.AddInMemoryExporter(metrics));
            });
            // The providers listen from when they are built (the Functions host builds them at start).
            app.Get<TracerProvider>();
            app.Get<MeterProvider>();
            return new Captured { App = app, Spans = spans, Metrics = metrics };
        }

        /// <summary>One run of objective 11, then every span and metric flushed.</summary>
        public async Task<SourceRunResult> RunAsync()
        {
            var result = await App.Get<HubFeedRunner>().RunSourceAsync(App.Get<SourceRegistry>().Get(11), RunTrigger.Queue, null, CancellationToken.None);
            App.Get<TracerProvider>().ForceFlush();
            App.Get<MeterProvider>().ForceFlush();
            return result;
        }

        /// <summary>Each instrument's points as last exported (cumulative).</summary>
        public Dictionary<string, List<MetricPoint>> Points() =>
            Metrics.GroupBy(m => m.Name).ToDictionary(g => g.Key, g =>
            {
                var points = new List<MetricPoint>();
                foreach (ref readonly var point in g.Last().GetMetricPoints())
                {
                    points.Add(point);
                }
                return points;
            });

        /// <summary>The Hub answers one listing page with this status once (the client retries it).</summary>
        public void FailOnce(int page, int status)
        {
            var failed = 0;
            App.Snapshot.Fault = async (context, term, p) =>
            {
                if (p != page || Interlocked.Exchange(ref failed, 1) == 1)
                {
                    return false;
                }
                context.Response.StatusCode = status;
                await context.Response.WriteAsync("busy");
                return true;
            };
        }

        public ValueTask DisposeAsync() => App.DisposeAsync();
    }
}

/// <summary>
/// An OpenTelemetry provider listens to HubFeed's ActivitySource and Meter by name, process-wide: a run in a test
/// running alongside would land in these lists too. These tests run alone, after the parallel ones.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryCollection
{
    public const string Name = "Telemetry (alone)";
}
