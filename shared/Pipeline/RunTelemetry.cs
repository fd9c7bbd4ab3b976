using System.Diagnostics;
using System.Diagnostics.Metrics;
using HubFeed.Catalog;
using HubFeed.Sources;

namespace HubFeed.Pipeline;

/// <summary>
/// What ops see of runs and of the Hub, as OpenTelemetry: one span per run of one objective (a child of whatever
/// activity is current: the queue or timer invocation in the Function app), and the metrics the alerts and the workbook
/// read. The names below are the contract with infra/modules/alerts.bicep and workbook.bicep (a test checks the
/// compiled queries name only these).
/// </summary>
public sealed class RunTelemetry : IDisposable
{
    /// <summary>The ActivitySource and the Meter: what the OpenTelemetry set-up subscribes to.</summary>
    public const string SourceName = "HubFeed";

    public const string RunSpanName = "hubfeed.run";

    /// <summary>Instrument names (units: seconds, runs, items, rows).</summary>
    public static class Metrics
    {
        public const string RunDuration = "hubfeed.run.duration";
        public const string Runs = "hubfeed.runs";
        public const string ItemsPublished = "hubfeed.items.published";
        public const string RowsSetAside = "hubfeed.rows.set_aside";
        public const string HubRequestDuration = "hubfeed.hub.request.duration";
    }

    /// <summary>Attribute names on the span and the metrics.</summary>
    public static class Tags
    {
        public const string Objective = "hubfeed.objective";
        public const string Outcome = "hubfeed.outcome";
        public const string Cause = "hubfeed.cause";
        public const string RunId = "hubfeed.run.id";
        public const string Reason = "hubfeed.reason";
        public const string ItemsListed = "hubfeed.items.listed";
        public const string ItemsNew = "hubfeed.items.new";
        public const string ItemsChanged = "hubfeed.items.changed";
        public const string ItemsWithdrawn = "hubfeed.items.withdrawn";
        public const string ItemsSetAside = "hubfeed.items.set_aside";
        public const string PagesFetched = "hubfeed.pages.fetched";
        public const string PagesNotModified = "hubfeed.pages.not_modified";
        public const string BlobsUploaded = "hubfeed.blobs.uploaded";
        public const string Version = "hubfeed.version";
        public const string StatusCode = "http.response.status_code";
        public const string ErrorType = "error.type";
    }

    private readonly ActivitySource _source = new(SourceName);
    private readonly Meter _meter = new(SourceName);
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _runs;
    private readonly Gauge<int> _published;
    private readonly Counter<long> _setAside;
    private readonly Histogram<double> _hubRequests;

    public RunTelemetry()
    {
        _duration = _meter.CreateHistogram<double>(Metrics.RunDuration, "s", "How long a run of one objective took.");
        _runs = _meter.CreateCounter<long>(Metrics.Runs, "{run}", "Runs of one objective, by outcome.");
        _published = _meter.CreateGauge<int>(Metrics.ItemsPublished, "{item}", "Items the objective's feed holds after a successful run.");
        _setAside = _meter.CreateCounter<long>(Metrics.RowsSetAside, "{row}", "Listing rows set aside (not published), by reason.");
        _hubRequests = _meter.CreateHistogram<double>(Metrics.HubRequestDuration, "s", "One request to the Hub (each attempt), by status code.");
    }

    /// <summary>The run's outcome as the alerts name it: succeeded, refused (held), publish-failed, failed, skipped.</summary>
    public static string OutcomeOf(RunRecord run) => run.Status switch
    {
        RunStatus.PublishFailed => "publish-failed",
        var s => s.ToString().ToLowerInvariant(),
    };

    /// <summary>Starts the run's span (null when nothing listens).</summary>
    public Activity? StartRun(SourceDefinition source) =>
        _source.StartActivity(RunSpanName, ActivityKind.Internal)?.SetTag(Tags.Objective, source.Objective);

    /// <summary>Describes the run's span with what the run did (the caller ends it), and records its metrics; returns the result unchanged.</summary>
    public SourceRunResult Record(Activity? span, SourceDefinition source, SourceRunResult result)
    {
        var run = result.Run;
        var outcome = OutcomeOf(run);
        var objective = new KeyValuePair<string, object?>(Tags.Objective, source.Objective);
        var byOutcome = new TagList { objective, { Tags.Outcome, outcome } };
        _runs.Add(1, byOutcome);
        _duration.Record(((run.Ended ?? run.Started) - run.Started).TotalSeconds, byOutcome);
        if (run.Status == RunStatus.Succeeded)
        {
            _published.Record(run.ItemsActive, objective);
        }
        foreach (var reason in run.Quarantined.GroupBy(q => q.Reason, StringComparer.Ordinal))
        {
            _setAside.Add(reason.Count(), objective, new KeyValuePair<string, object?>(Tags.Reason, reason.Key));
        }
        Describe(span, run, outcome);
        return result;
    }

    private static void Describe(Activity? span, RunRecord run, string outcome)
    {
        if (span is null)
        {
            return;
        }
        span.SetTag(Tags.RunId, run.Id).SetTag(Tags.Outcome, outcome).SetTag(Tags.Cause, run.Cause?.Name())
            .SetTag(Tags.ItemsListed, run.ItemsListed).SetTag(Tags.ItemsNew, run.ItemsNew).SetTag(Tags.ItemsChanged, run.ItemsChanged)
            .SetTag(Tags.ItemsWithdrawn, run.ItemsWithdrawn).SetTag(Tags.ItemsSetAside, run.Quarantined.Count)
            .SetTag(Tags.PagesFetched, run.PagesFetched).SetTag(Tags.PagesNotModified, run.PagesNotModified)
            .SetTag(Tags.BlobsUploaded, run.BlobsUploaded).SetTag(Tags.Version, run.Version);
        // Held and skipped runs did what they should; a failed one did not.
        span.SetStatus(run.Status is RunStatus.Failed or RunStatus.PublishFailed ? ActivityStatusCode.Error : ActivityStatusCode.Ok, run.Cause?.Name());
    }

    /// <summary>One request to the Hub: its time, and its status code or the error that ended it.</summary>
    public void RecordHubRequest(TimeSpan elapsed, int? statusCode, string? errorType)
    {
        var tags = new TagList();
        if (statusCode is { } code)
        {
            tags.Add(Tags.StatusCode, code);
        }
        if (errorType is not null)
        {
            tags.Add(Tags.ErrorType, errorType);
        }
        _hubRequests.Record(elapsed.TotalSeconds, tags);
    }

    public void Dispose()
    {
        _source.Dispose();
        _meter.Dispose();
    }
}
