using System.Diagnostics;
using HubFeed.Catalog;
using HubFeed.Functions;
using HubFeed.Pipeline;
using HubFeed.Sources;
using HubFeed.Tests.Faults;
using HubFeed.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace HubFeed.Tests.Pipeline;

/// <summary>
/// The Function app's OpenTelemetry set-up (AddHubFeedOpenTelemetry, with in-memory exporters instead of Azure Monitor)
/// on the real service graph, for a run on the snapshot: exactly one run span, a child of the invocation, with what the
/// run did; and the metrics the alerts and the workbook read.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class RunTelemetryTests(AzuriteFixture fixture)
{
    [Fact]
    public async Task A_run_on_the_snapshot_is_one_span_under_the_invocation_and_the_metrics_ops_read()
    {
        var spans = new List<Activity>();
        var metrics = new List<Metric>();
        await using var app = await TestApp.StartAsync(fixture.Azurite, configure: services =>
        {
            services.AddHubFeedOpenTelemetry(new ConfigurationBuilder().Build());
            services.ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(spans));
            services.ConfigureOpenTelemetryMeterProvider(m => m.AddInMemoryExporter(metrics));
        });
        var tracer = app.Get<TracerProvider>();
        var meter = app.Get<MeterProvider>();
        // The Hub answers one page 503 once: the request metric records that status, the retry's 200 too.
        var failedOnce = 0;
        app.Snapshot.Fault = async (context, term, page) =>
        {
            if (page != 3 || Interlocked.Exchange(ref failedOnce, 1) == 1)
            {
                return false;
            }
            context.Response.StatusCode = 503;
            await context.Response.WriteAsync("busy");
            return true;
        };

        SourceRunResult result;
        // The invocation's activity, as the worker starts it for a queue message (sampled).
        using (var invocation = new Activity("RunObjective") { ActivityTraceFlags = ActivityTraceFlags.Recorded }.Start())
        {
            result = await app.Get<HubFeedRunner>().RunSourceAsync(app.Get<SourceRegistry>().Get(11), RunTrigger.Queue, publish: true, null, CancellationToken.None);
            Assert.True(result.Run.Status == RunStatus.Succeeded, result.Run.Error);
            tracer.ForceFlush();
            meter.ForceFlush();
            var span = Assert.Single(spans);
            Assert.Equal(RunTelemetry.RunSpanName, span.DisplayName);
            Assert.Equal(invocation.TraceId, span.TraceId);
            Assert.Equal(invocation.SpanId, span.ParentSpanId);
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
        Assert.Equal(expected.OrderBy(kv => kv.Key), spans[0].TagObjects.OrderBy(kv => kv.Key));
        Assert.True(run.PagesFetched >= 22 && run.BlobsUploaded > 0 && run.Version is not null, $"{run.PagesFetched} pages, {run.BlobsUploaded} blobs, version {run.Version}");

        var points = Points(metrics);
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
        // Every request the Hub saw, by status: the one 503 and the rest 200.
        var requests = points[RunTelemetry.Metrics.HubRequestDuration]
            .ToDictionary(p => Convert.ToInt32(Tags(p).Single(t => t.Key == RunTelemetry.Tags.StatusCode).Value, System.Globalization.CultureInfo.InvariantCulture), p => p.GetHistogramCount());
        Assert.Equal(1, requests[503]);
        Assert.Equal(app.Snapshot.Requests, requests.Values.Sum());
        Assert.Equal([200, 503], requests.Keys.Order());
    }

    [Fact]
    public async Task Rows_set_aside_are_counted_by_reason_and_a_failed_run_is_an_error_span()
    {
        var spans = new List<Activity>();
        var metrics = new List<Metric>();
        await using var app = await TestApp.StartAsync(fixture.Azurite, configure: services =>
        {
            services.AddHubFeedOpenTelemetry(new ConfigurationBuilder().Build());
            services.ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(spans));
            services.ConfigureOpenTelemetryMeterProvider(m => m.AddInMemoryExporter(metrics));
        });
        var tracer = app.Get<TracerProvider>();
        var meter = app.Get<MeterProvider>();
        var runner = app.Get<HubFeedRunner>();

        // One row links to a script: set aside, the other 212 published.
        var rows = Listing.Rows.ToList();
        rows[83] = new System.Text.RegularExpressions.Regex("href=\"[^\"]*\"").Replace(rows[83], "href=\"javascript:alert(1)\"", 1);
        Listing.Serve(app.Snapshot, rows);
        var first = await runner.RunSourceAsync(app.Get<SourceRegistry>().Get(11), RunTrigger.Queue, publish: true, null, CancellationToken.None);
        Assert.True(first.Run.Status == RunStatus.Succeeded, first.Run.Error);
        var setAside = Assert.Single(first.Run.Quarantined);
        meter.ForceFlush();
        var points = Points(metrics);
        var counted = Assert.Single(points[RunTelemetry.Metrics.RowsSetAside]);
        Assert.Equal(1, counted.GetSumLong());
        Assert.Equal(new[] { Tag(RunTelemetry.Tags.Objective, 11), Tag(RunTelemetry.Tags.Reason, setAside.Reason) }, Tags(counted));
        Assert.Equal(212, Assert.Single(points[RunTelemetry.Metrics.ItemsPublished]).GetGaugeLastValueLong());

        // The Hub is away for good: the run fails, nothing is published.
        app.Snapshot.Fault = async (context, term, page) =>
        {
            context.Response.StatusCode = 500;
            await context.Response.WriteAsync("down");
            return true;
        };
        var failed = await runner.RunSourceAsync(app.Get<SourceRegistry>().Get(11), RunTrigger.Queue, publish: true, null, CancellationToken.None);
        Assert.Equal(RunStatus.Failed, failed.Run.Status);
        tracer.ForceFlush();
        meter.ForceFlush();

        Assert.Equal(2, spans.Count);
        Assert.Equal([ActivityStatusCode.Ok, ActivityStatusCode.Error], spans.Select(s => s.Status));
        Assert.Equal(["succeeded", "failed"], spans.Select(s => s.GetTagItem(RunTelemetry.Tags.Outcome)));
        Assert.Equal([1, 0], spans.Select(s => s.GetTagItem(RunTelemetry.Tags.ItemsSetAside)));
        Assert.Equal(failed.Run.Cause, spans[1].GetTagItem(RunTelemetry.Tags.Cause));
        points = Points(metrics);
        Assert.Equal(["failed", "succeeded"], points[RunTelemetry.Metrics.Runs].Select(p => Tags(p).Single(t => t.Key == RunTelemetry.Tags.Outcome).Value).Order());
        Assert.Contains(points[RunTelemetry.Metrics.HubRequestDuration], p => Tags(p).Contains(Tag(RunTelemetry.Tags.StatusCode, 500)));
    }

    /// <summary>Each instrument's points as last exported (cumulative).</summary>
    private static Dictionary<string, List<MetricPoint>> Points(List<Metric> metrics) =>
        metrics.GroupBy(m => m.Name).ToDictionary(g => g.Key, g =>
        {
            var points = new List<MetricPoint>();
            foreach (ref readonly var point in g.Last().GetMetricPoints())
            {
                points.Add(point);
            }
            return points;
        });

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
}
