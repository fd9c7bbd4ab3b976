using System.Collections.Concurrent;
using Azure;
using HubFeed.Catalog;
using HubFeed.Publishing;
using HubFeed.Sources;
using Microsoft.Extensions.Logging;

namespace HubFeed.Pipeline;

/// <summary>
/// The unit every trigger runs, per source, as a straight script: lease, ingest (everything read is checked before
/// anything is written), publish whatever the feeds do not show yet (even when the source did not change), release,
/// all recorded in the runs table. Then the index and the combined feed, from what the feeds show. The CLI's
/// operations (ingest only, publish only) are calls of their own that run fewer steps.
/// </summary>
public sealed class HubFeedRunner(
    SourceRegistry sources,
    SourceStateStore state,
    IRunLog runs,
    IngestJob ingest,
    PublishJob publishJob,
    IndexJob index,
    TimeProvider clock,
    ILogger<HubFeedRunner> logger,
    RunTelemetry telemetry)
{
    /// <summary>One step of a run under the source's lease; a step that ends the run early sets <see cref="RunWork.Ended"/>.</summary>
    private delegate Task<RunWork> Step(SourceDefinition source, RunWork work, CancellationToken cancellationToken);

    /// <summary>A run as its steps pass it on.</summary>
    private sealed record RunWork(RunRecord Run, RunLease Lease)
    {
        /// <summary>What a run that read the listing well records as the guards' next baseline, when it gives the lease back.</summary>
        public Func<SourceStateRow, SourceStateRow>? Baseline { get; init; }
        public bool Published { get; init; }
        /// <summary>Set by a step that ends the run before the script does (a held change, a failed publish).</summary>
        public RunOutcome? Ended { get; init; }
        /// <summary>What the source state records about a held change.</summary>
        public HeldRun? Held { get; init; }
    }

    // What a run could not write while storage was away, written before this process's next run of the source.
    private readonly ConcurrentDictionary<string, RunLease> _unreleased = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, RunRecord> _unsaved = new(StringComparer.Ordinal);

    /// <summary>Every enabled source, one after the other, then the index (the CLI's run --all; the timer enqueues instead).</summary>
    public Task<RunReport> RunAsync(RunTrigger trigger, CancellationToken cancellationToken) => RunAllAsync(sources.Enabled, trigger, cancellationToken);

    /// <summary>The given sources, each ingested then published, then the index once (the CLI's run).</summary>
    public async Task<RunReport> RunAllAsync(IReadOnlyList<SourceDefinition> which, RunTrigger trigger, CancellationToken cancellationToken)
    {
        var results = await EachAsync(which, s => RunSourceAsync(s, trigger, null, cancellationToken));
        // With storage away there is no index to publish: the next run does it (it checks the index is current).
        var storageAway = results.Any(r => r.Outcome is RunOutcome.Failed { Why: RunCause.StorageUnavailable });
        return new RunReport(results, storageAway ? null : await PublishIndexAsync(cancellationToken));
    }

    /// <summary>The given sources crawled into the catalog, without publishing (the CLI's ingest).</summary>
    public async Task<RunReport> IngestAllAsync(IReadOnlyList<SourceDefinition> which, RunTrigger trigger, CancellationToken cancellationToken) =>
        new(await EachAsync(which, s => UnderLeaseAsync(s, trigger, null, [IngestStepAsync], cancellationToken)));

    /// <summary>Publishes the catalog as it is, without crawling (the CLI's publish), under each source's lease; then the index.</summary>
    public async Task<RunReport> PublishAsync(CancellationToken cancellationToken)
    {
        var results = await EachAsync(sources.Enabled, s => UnderLeaseAsync(s, RunTrigger.Cli, null, [PublishStepAsync], cancellationToken));
        return new RunReport(results, await PublishIndexAsync(cancellationToken));
    }

    /// <summary>One source: lease, ingest, publish, release; <paramref name="runId"/> from a queued request.</summary>
    public Task<SourceRunResult> RunSourceAsync(SourceDefinition source, RunTrigger trigger, string? runId, CancellationToken cancellationToken) =>
        UnderLeaseAsync(source, trigger, runId, [IngestStepAsync, PublishStepAsync], cancellationToken);

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

    private static async Task<List<SourceRunResult>> EachAsync(IReadOnlyList<SourceDefinition> which, Func<SourceDefinition, Task<SourceRunResult>> run)
    {
        var results = new List<SourceRunResult>(which.Count);
        foreach (var source in which)
        {
            results.Add(await run(source));
        }
        return results;
    }

    /// <summary>The script: lease, the steps, release; whatever a step throws becomes the run's outcome here, once.</summary>
    private async Task<SourceRunResult> UnderLeaseAsync(SourceDefinition source, RunTrigger trigger, string? runId, Step[] steps, CancellationToken cancellationToken)
    {
        using var span = telemetry.StartRun(source);
        return telemetry.Record(span, source, await ScriptAsync(source, trigger, runId, steps, cancellationToken));
    }

    private async Task<SourceRunResult> ScriptAsync(SourceDefinition source, RunTrigger trigger, string? runId, Step[] steps, CancellationToken cancellationToken)
    {
        var started = clock.GetUtcNow();
        var run = new RunRecord { Id = runId ?? RunLog.NewId(source.Key, started), Source = source.Key, Trigger = trigger, Started = started };
        await SettleAsync(source.Key);
        var (taken, none) = await LeaseAsync(run, cancellationToken);
        if (taken is not { } lease)
        {
            return await NoLeaseAsync(run, none!, cancellationToken);
        }
        var work = new RunWork(run, lease);
        var released = false;
        try
        {
            await runs.SaveAsync(run, cancellationToken);
            foreach (var step in steps)
            {
                work = work.Ended is null ? await step(source, work, cancellationToken) : work;
            }
            (var result, released) = await FinishAsync(work, cancellationToken);
            return result;
        }
        catch (Exception e)
        {
            var outcome = OutcomeOf(e, cancellationToken);
            return new SourceRunResult(await EndAsync(work.Run, outcome), outcome);
        }
        finally
        {
            if (!released && !await ReleaseQuietlyAsync(lease))
            {
                // Storage is away: give the lease back before this process's next run of the source, not 15 minutes later.
                _unreleased[source.Key] = lease;
            }
        }
    }

    /// <summary>Reads the listing and writes the catalog, or holds the change; an operator's pending acceptance is spent either way.</summary>
    private async Task<RunWork> IngestStepAsync(SourceDefinition source, RunWork work, CancellationToken cancellationToken)
    {
        var acceptance = await state.AcceptanceAsync(source.Key, cancellationToken);
        var result = await ingest.RunAsync(source, work.Run, work.Lease.State, acceptance, cancellationToken);
        if (acceptance is not null)
        {
            // Applied, not needed, or for another listing than this one: an acceptance is good for one run.
            await state.ConsumeAcceptanceAsync(source.Key, cancellationToken);
        }
        return result switch
        {
            IngestResult.Held held => work with { Run = held.Run, Ended = RunOutcome.Held.Of(held.Verdict), Held = held.HeldRun },
            IngestResult.Applied applied => work with { Run = applied.Run, Baseline = BaselineOf(applied.Run.Id, applied.Crawl) },
            _ => throw new InvalidOperationException($"Unknown ingest result {result.GetType().Name}."),
        };
    }

    private static Func<SourceStateRow, SourceStateRow> BaselineOf(string runId, CrawlResult crawl) => s => s with
    {
        LastGoodRunId = runId,
        LastGoodCount = crawl.Total,
        LastGoodCoverage = crawl.Coverage,
        Held = null,
    };

    /// <summary>Publishes what the feeds do not show yet; a failure ends the run as "publish failed" (the catalog stands).</summary>
    private async Task<RunWork> PublishStepAsync(SourceDefinition source, RunWork work, CancellationToken cancellationToken)
    {
        try
        {
            var outcome = await publishJob.RunAsync(source, work.Lease, cancellationToken);
            return work with { Run = work.Run with { Version = outcome.Version.ToString(), BlobsUploaded = outcome.Result.Uploaded }, Published = outcome.Published };
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The catalog has the listing; the feeds do not yet. The source state says so, and the next run publishes.
            return work with { Ended = new RunOutcome.PublishFailed("The catalog was updated but the feeds could not be published (the next run publishes them): " + e.Message) };
        }
    }

    /// <summary>Records how the run ended and gives the lease back with what the outcome changes; returns whether the lease went back.</summary>
    private async Task<(SourceRunResult Result, bool Released)> FinishAsync(RunWork work, CancellationToken cancellationToken)
    {
        switch (work.Ended)
        {
            case RunOutcome.Held held:
                var refused = await EndAsync(work.Run, held);
                return (new SourceRunResult(refused, held), await ReleaseQuietlyAsync(work.Lease, s => s with { Held = work.Held }));
            case RunOutcome.PublishFailed failed:
                var run = await EndAsync(work.Run, failed);
                return (new SourceRunResult(run, failed), await ReleaseQuietlyAsync(work.Lease, Dated(work.Baseline, run)));
        }
        var succeeded = new RunOutcome.Succeeded(work.Published);
        var done = work.Run.EndedWith(succeeded, clock.GetUtcNow());
        await runs.SaveAsync(done, cancellationToken);
        await state.ReleaseAsync(work.Lease, Dated(work.Baseline, done), cancellationToken);
        // The no-run alert in infra/ looks for this message.
        logger.LogInformation("HubFeed run succeeded: {RunId} of {Source}, {Active} items, {New} new, {Changed} changed, {Withdrawn} withdrawn, {Quarantined} set aside, version {Version}, {Uploaded} blobs uploaded",
            done.Id, done.Source, done.ItemsActive, done.ItemsNew, done.ItemsChanged, done.ItemsWithdrawn, done.Quarantined.Count, done.Version, done.BlobsUploaded);
        return (new SourceRunResult(done, succeeded), true);
    }

    /// <summary>The exceptions the steps may throw, as outcomes (the one place that maps them).</summary>
    private static RunOutcome OutcomeOf(Exception e, CancellationToken cancellationToken) => e switch
    {
        // Each transaction is whole, so the catalog is consistent; the next run converges.
        OperationCanceledException when cancellationToken.IsCancellationRequested =>
            new RunOutcome.Failed(RunCause.Cancelled, "The run was cancelled (host shutdown or scale-in); the next run picks up from the catalog as it stands."),
        ListingFormatException => new RunOutcome.Refused(RunCause.MarkupChanged, e.Message),
        IncompleteCrawlException => new RunOutcome.Refused(RunCause.IncompleteListing, e.Message),
        SourceUnavailableException => new RunOutcome.Failed(RunCause.SourceUnavailable, e.Message),
        _ when IsStorageFault(e) => new RunOutcome.Failed(RunCause.StorageUnavailable, e.Message),
        // Whatever else broke, the run is recorded as failed with its reason; the published feed is untouched.
        _ => new RunOutcome.Failed(RunCause.InternalError, $"{e.GetType().Name}: {e.Message}"),
    };

    /// <summary>The source's lease, or why there is none: another run holds it (skipped), or storage is away (failed).</summary>
    private async Task<(RunLease? Lease, RunOutcome? None)> LeaseAsync(RunRecord run, CancellationToken cancellationToken)
    {
        try
        {
            return (await state.AcquireAsync(run.Source, run.Id, cancellationToken), null);
        }
        catch (RunInProgressException e)
        {
            return (null, new RunOutcome.Skipped(e.Message));
        }
        catch (Exception e) when (IsStorageFault(e))
        {
            // Storage is unreachable: no lease, so no run. Reported, not thrown (the CLI exits non-zero).
            return (null, new RunOutcome.Failed(RunCause.StorageUnavailable, "Storage is unavailable: " + e.Message));
        }
    }

    private async Task<SourceRunResult> NoLeaseAsync(RunRecord run, RunOutcome outcome, CancellationToken cancellationToken)
    {
        if (outcome is not RunOutcome.Skipped)
        {
            return new SourceRunResult(await EndAsync(run, outcome), outcome);
        }
        run = run.EndedWith(outcome, clock.GetUtcNow());
        await runs.SaveAsync(run, cancellationToken);
        logger.LogWarning("HubFeed run {RunId} of {Source} skipped: {Reason}", run.Id, run.Source, run.Error);
        return new SourceRunResult(run, outcome);
    }

    /// <summary>The baseline, dated when the run ended: an item withdrawn later was last seen then.</summary>
    private static Func<SourceStateRow, SourceStateRow>? Dated(Func<SourceStateRow, SourceStateRow>? baseline, RunRecord run) =>
        baseline is null ? null : s => baseline(s) with { LastGoodAt = run.Ended };

    private async Task<RunRecord> EndAsync(RunRecord run, RunOutcome outcome)
    {
        run = run.EndedWith(outcome, clock.GetUtcNow());
        logger.LogError("HubFeed run {RunId} of {Source} {Status}: {Error}", run.Id, run.Source, run.Status, run.Error);
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

    /// <summary>
    /// A storage call that failed: an error answer, or the SDK's retries spent on transport errors (connection refused),
    /// which it throws as an AggregateException of RequestFailedExceptions.
    /// </summary>
    public static bool IsStorageFault(Exception e) =>
        e is RequestFailedException
        || (e is AggregateException a && a.InnerExceptions.Count > 0 && a.InnerExceptions.All(i => i is RequestFailedException));
}
