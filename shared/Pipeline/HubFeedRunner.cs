using System.Collections.Concurrent;
using Azure;
using HubFeed.Catalog;
using HubFeed.Publishing;
using HubFeed.Sources;
using Microsoft.Extensions.Logging;

namespace HubFeed.Pipeline;

/// <summary>One source's run as a trigger reports it.</summary>
public sealed record SourceRunResult(RunRecord Run, bool InProgressElsewhere, bool Published = false);

public sealed record RunReport(IReadOnlyList<SourceRunResult> Sources, string? IndexError = null)
{
    public bool Succeeded => Sources.All(s => s.Run.Status == RunStatus.Succeeded) && IndexError is null;
    public bool InProgressElsewhere => Sources.Any(s => s.InProgressElsewhere);
}

/// <summary>
/// The unit every trigger runs, per source: under the source's lease, ingest (everything read is checked before
/// anything is written), then publish whatever the feeds do not show yet (even when the source did not change), all
/// recorded in the runs table. Then the index and the combined feed, from what the feeds show.
/// </summary>
public sealed class HubFeedRunner(
    SourceRegistry sources,
    SourceStateStore state,
    RunLog runs,
    IngestJob ingest,
    PublishJob publishJob,
    IndexJob index,
    TimeProvider clock,
    ILogger<HubFeedRunner> logger,
    RunTelemetry telemetry)
{
    // What a run could not write while storage was away, written before this process's next run of the source.
    private readonly ConcurrentDictionary<string, RunLease> _unreleased = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, RunRecord> _unsaved = new(StringComparer.Ordinal);

    /// <summary>Every enabled source, one after the other, then the index (the CLI's run --all; the timer enqueues instead).</summary>
    public async Task<RunReport> RunAsync(RunTrigger trigger, CancellationToken cancellationToken) =>
        await RunAllAsync(sources.Enabled, trigger, publish: true, cancellationToken);

    /// <summary>Crawls into the catalog without publishing (the CLI's ingest command).</summary>
    public Task<RunReport> IngestAsync(RunTrigger trigger, CancellationToken cancellationToken) => RunAllAsync(sources.Enabled, trigger, publish: false, cancellationToken);

    /// <summary>The given sources one after the other, then (when publishing) the index once.</summary>
    public async Task<RunReport> RunAllAsync(IReadOnlyList<SourceDefinition> which, RunTrigger trigger, bool publish, CancellationToken cancellationToken)
    {
        var results = new List<SourceRunResult>();
        foreach (var source in which)
        {
            results.Add(await RunSourceAsync(source, trigger, publish, null, cancellationToken));
        }
        // With storage away there is no index to publish: the next run does it (it checks the index is current).
        var storageAway = results.Any(r => r.Run.Cause is "storage-unavailable");
        return new RunReport(results, publish && !storageAway ? await PublishIndexAsync(cancellationToken) : null);
    }

    /// <summary>Publishes the catalog as it is, without crawling (the CLI's publish command), under each source's lease.</summary>
    public async Task<RunReport> PublishAsync(CancellationToken cancellationToken)
    {
        var results = new List<SourceRunResult>();
        foreach (var source in sources.Enabled)
        {
            results.Add(await RunSourceAsync(source, RunTrigger.Cli, publish: true, null, cancellationToken, ingestFirst: false));
        }
        return new RunReport(results, await PublishIndexAsync(cancellationToken));
    }

    /// <summary>The index and the combined feed; null when they are published, else why not (the feeds themselves stand).</summary>
    public async Task<string?> PublishIndexAsync(CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return "The index and the combined feed were not published: the run was cancelled.";
        }
        try
        {
            await index.RunAsync(cancellationToken);
            return null;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return "The index and the combined feed were not published: the run was cancelled.";
        }
        catch (Exception e) when (IsStorageFault(e) || e is PublishedFeedException or System.Text.Json.JsonException)
        {
            logger.LogError(e, "The index and the combined feed could not be published");
            return "The index (objectives.json) and the combined feed could not be published: " + e.Message;
        }
    }

    /// <summary>One source: ingest (unless <paramref name="ingestFirst"/> is false), then publish; <paramref name="runId"/> from a queued request.</summary>
    public async Task<SourceRunResult> RunSourceAsync(SourceDefinition source, RunTrigger trigger, bool publish, string? runId, CancellationToken cancellationToken, bool ingestFirst = true)
    {
        using var span = telemetry.StartRun(source);
        return telemetry.Record(span, source, await RunSourceCoreAsync(source, trigger, publish, runId, ingestFirst, cancellationToken));
    }

    private async Task<SourceRunResult> RunSourceCoreAsync(SourceDefinition source, RunTrigger trigger, bool publish, string? runId, bool ingestFirst, CancellationToken cancellationToken)
    {
        var started = clock.GetUtcNow();
        var run = new RunRecord { Id = runId ?? RunLog.NewId(source.Key, started), Source = source.Key, Trigger = trigger, Started = started };
        await SettleAsync(source.Key);
        RunLease lease;
        try
        {
            lease = await state.AcquireAsync(source.Key, run.Id, cancellationToken);
        }
        catch (RunInProgressException e)
        {
            run = run with { Status = RunStatus.Skipped, Ended = clock.GetUtcNow(), Error = e.Message };
            await runs.SaveAsync(run, cancellationToken);
            logger.LogWarning("HubFeed run {RunId} of {Source} skipped: {Reason}", run.Id, source.Key, e.Message);
            return new SourceRunResult(run, InProgressElsewhere: true);
        }
        catch (Exception e) when (IsStorageFault(e))
        {
            // Storage is unreachable: no lease, so no run. Reported, not thrown (the CLI exits non-zero).
            return new SourceRunResult(await EndAsync(run with { Cause = "storage-unavailable" }, RunStatus.Failed, "Storage is unavailable: " + e.Message), InProgressElsewhere: false);
        }

        var released = false;
        var published = false;
        // What a run that read the listing well records as the guards' next baseline, when it gives the lease back.
        Func<SourceStateRow, SourceStateRow>? baseline = null;
        try
        {
            await runs.SaveAsync(run, cancellationToken);
            if (ingestFirst)
            {
                (run, baseline) = await IngestAsync(source, run, lease, cancellationToken);
            }
            if (publish)
            {
                try
                {
                    var outcome = await publishJob.RunAsync(source, lease, cancellationToken);
                    run = run with { Version = outcome.Version.ToString(), BlobsUploaded = outcome.Result.Uploaded };
                    published = outcome.Published;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The catalog has the listing; the feeds do not yet. The source state says so, and the next run publishes.
                    run = await EndAsync(run with { Cause = "publish-failed" }, RunStatus.PublishFailed, "The catalog was updated but the feeds could not be published (the next run publishes them): " + e.Message);
                    released = await ReleaseQuietlyAsync(lease, Ended(baseline, run));
                    return new SourceRunResult(run, InProgressElsewhere: false);
                }
            }
            run = run with { Status = RunStatus.Succeeded, Ended = clock.GetUtcNow() };
            await runs.SaveAsync(run, cancellationToken);
            await state.ReleaseAsync(lease, Ended(baseline, run), cancellationToken);
            released = true;
            // The no-run alert in infra/ looks for this message.
            logger.LogInformation("HubFeed run succeeded: {RunId} of {Source}, {Active} items, {New} new, {Changed} changed, {Withdrawn} withdrawn, {Quarantined} set aside, version {Version}, {Uploaded} blobs uploaded",
                run.Id, source.Key, run.ItemsActive, run.ItemsNew, run.ItemsChanged, run.ItemsWithdrawn, run.Quarantined.Count, run.Version, run.BlobsUploaded);
        }
        catch (RunRefusedException e)
        {
            run = await EndAsync(e.Run with { Cause = e.Verdict.Guard }, RunStatus.Refused, e.Message + " Nothing was written or published. " + e.Verdict.Advice);
            try
            {
                await state.ReleaseAsync(lease, s => s with { Held = new HeldRun(run.Id, clock.GetUtcNow(), e.Verdict.Guard, e.Message) }, CancellationToken.None);
                released = true;
            }
            catch (Exception r) when (IsStorageFault(r) || r is RunInProgressException)
            {
                logger.LogWarning(r, "Could not record the held run of {Source}", source.Key);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Each transaction is whole, so the catalog is consistent; the next run converges.
            run = await EndAsync(run with { Cause = "cancelled" }, RunStatus.Failed, "The run was cancelled (host shutdown or scale-in); the next run picks up from the catalog as it stands.");
        }
        catch (Exception e)
        {
            // Whatever broke, the run is recorded as failed with its reason; the published feed is untouched.
            run = await EndAsync(run with { Cause = CauseOf(e) }, RunStatus.Failed, e is ListingFormatException or IncompleteCrawlException or SourceUnavailableException || IsStorageFault(e)
                ? e.Message : $"{e.GetType().Name}: {e.Message}");
        }
        finally
        {
            if (!released && !await ReleaseQuietlyAsync(lease))
            {
                // Storage is away: give the lease back before this process's next run of the source, not 15 minutes later.
                _unreleased[source.Key] = lease;
            }
        }
        return new SourceRunResult(run, InProgressElsewhere: false, published);
    }

    /// <summary>
    /// Reads the listing and writes the catalog (an operator's pending acceptance lets the guards pass once); returns the
    /// run and the baseline its success records when the lease is given back (with the time the run ended).
    /// </summary>
    private async Task<(RunRecord Run, Func<SourceStateRow, SourceStateRow> Baseline)> IngestAsync(SourceDefinition source, RunRecord run, RunLease lease, CancellationToken cancellationToken)
    {
        var acceptance = await state.AcceptanceAsync(source.Key, cancellationToken);
        (run, var crawl) = await ingest.RunAsync(source, run, lease.State, acceptance is not null, cancellationToken);
        if (acceptance is not null)
        {
            await state.ConsumeAcceptanceAsync(source.Key, cancellationToken);
            run = run with { AcceptedBy = acceptance.By };
        }
        var id = run.Id;
        return (run, s => s with
        {
            LastGoodRunId = id,
            LastGoodCount = crawl.Total,
            LastGoodCoverage = crawl.Coverage,
            Held = null,
        });
    }

    /// <summary>The baseline, dated when the run ended: an item withdrawn later was last seen then.</summary>
    private static Func<SourceStateRow, SourceStateRow>? Ended(Func<SourceStateRow, SourceStateRow>? baseline, RunRecord run) =>
        baseline is null ? null : s => baseline(s) with { LastGoodAt = run.Ended };

    private async Task<RunRecord> EndAsync(RunRecord run, RunStatus status, string error)
    {
        run = run with { Status = status, Ended = clock.GetUtcNow(), Error = error };
        logger.LogError("HubFeed run {RunId} of {Source} {Status}: {Error}", run.Id, run.Source, status, error);
        try
        {
            // Recorded even when the run was cancelled: ops must see what happened.
            await runs.SaveAsync(run, CancellationToken.None);
        }
        catch (Exception e) when (IsStorageFault(e))
        {
            logger.LogError(e, "Could not record run {RunId}; recording it before the next run", run.Id);
            _unsaved[run.Source] = run;
        }
        return run;
    }

    /// <summary>Gives the lease back; false when storage could not be reached (worth trying again), true otherwise.</summary>
    private async Task<bool> ReleaseQuietlyAsync(RunLease lease, Func<SourceStateRow, SourceStateRow>? change = null)
    {
        try
        {
            await state.ReleaseAsync(lease, change, CancellationToken.None);
            return true;
        }
        catch (RunInProgressException e)
        {
            logger.LogWarning(e, "Could not release the lease of {Source}: another run holds it", lease.Source);
            return true;
        }
        catch (Exception e) when (IsStorageFault(e))
        {
            logger.LogWarning(e, "Could not release the lease of {Source}; trying again before the next run (it expires by itself)", lease.Source);
            return false;
        }
    }

    /// <summary>Writes what an earlier run in this process could not while storage was away: its record, and its lease back.</summary>
    private async Task SettleAsync(string source)
    {
        if (_unsaved.TryRemove(source, out var unsaved))
        {
            try
            {
                await runs.SaveAsync(unsaved, CancellationToken.None);
            }
            catch (Exception e) when (IsStorageFault(e))
            {
                logger.LogWarning(e, "Could not record run {RunId} yet", unsaved.Id);
                _unsaved.TryAdd(source, unsaved);
            }
        }
        if (_unreleased.TryRemove(source, out var lease) && !await ReleaseQuietlyAsync(lease))
        {
            _unreleased.TryAdd(source, lease);
        }
    }

    private static string CauseOf(Exception e) => e switch
    {
        ListingFormatException => "markup-changed",
        IncompleteCrawlException => "incomplete-listing",
        SourceUnavailableException => "source-unavailable",
        _ when IsStorageFault(e) => "storage-unavailable",
        _ => "internal-error",
    };

    /// <summary>
    /// A storage call that failed: an error answer, or the SDK's retries spent on transport errors (connection refused),
    /// which it throws as an AggregateException of RequestFailedExceptions.
    /// </summary>
    public static bool IsStorageFault(Exception e) =>
        e is RequestFailedException
        || (e is AggregateException a && a.InnerExceptions.Count > 0 && a.InnerExceptions.All(i => i is RequestFailedException));
}
