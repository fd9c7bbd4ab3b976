using System.Collections.Concurrent;
using Azure;
using HubFeed.Catalog;
using HubFeed.Publishing;
using HubFeed.Sources;
using Microsoft.Extensions.Logging;

namespace HubFeed.Pipeline;

/// <summary>One source's run as a trigger reports it.</summary>
public sealed record SourceRunResult(RunRecord Run, bool InProgressElsewhere);

public sealed record RunReport(IReadOnlyList<SourceRunResult> Sources)
{
    public bool Succeeded => Sources.All(s => s.Run.Status == RunStatus.Succeeded);
    public bool InProgressElsewhere => Sources.Any(s => s.InProgressElsewhere);
}

/// <summary>
/// The unit every trigger runs: for each enabled source, ingest then publish, under the source's lease, recorded in
/// the runs table. A failed or refused run changes neither the catalog's withdrawals nor the published feed.
/// </summary>
public sealed class HubFeedRunner(
    SourceRegistry sources,
    SourceStateStore state,
    RunLog runs,
    IngestJob ingest,
    PublishJob publishJob,
    TimeProvider clock,
    ILogger<HubFeedRunner> logger)
{
    // What a run could not write while storage was away, written before this process's next run of the source.
    private readonly ConcurrentDictionary<string, RunLease> _unreleased = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, RunRecord> _unsaved = new(StringComparer.Ordinal);

    public Task<RunReport> RunAsync(RunTrigger trigger, CancellationToken cancellationToken) => RunAllAsync(trigger, publish: true, cancellationToken);

    /// <summary>Crawls into the catalog without publishing (the CLI's ingest command).</summary>
    public Task<RunReport> IngestAsync(RunTrigger trigger, CancellationToken cancellationToken) => RunAllAsync(trigger, publish: false, cancellationToken);

    private async Task<RunReport> RunAllAsync(RunTrigger trigger, bool publish, CancellationToken cancellationToken)
    {
        var results = new List<SourceRunResult>();
        foreach (var source in sources.Enabled)
        {
            results.Add(await RunSourceAsync(source, trigger, publish, cancellationToken));
        }
        return new RunReport(results);
    }

    /// <summary>Publishes the catalog as it is, without crawling (the CLI's publish command).</summary>
    public async Task<PublishResult> PublishAsync(CancellationToken cancellationToken)
    {
        var total = new PublishResult(0, 0, 0);
        foreach (var source in sources.Enabled)
        {
            total += await publishJob.RunAsync(source, cancellationToken);
        }
        return total;
    }

    public async Task<SourceRunResult> RunSourceAsync(SourceDefinition source, RunTrigger trigger, bool publish, CancellationToken cancellationToken)
    {
        var run = new RunRecord { Id = Guid.NewGuid().ToString("N")[..12], Source = source.Key, Trigger = trigger, Started = clock.GetUtcNow() };
        await SettleAsync(source.Key);
        RunLease lease;
        try
        {
            lease = await state.AcquireAsync(source.Key, run.Id, cancellationToken);
        }
        catch (RunInProgressException e)
        {
            run = run with { Status = RunStatus.Refused, Ended = clock.GetUtcNow(), Error = e.Message };
            await runs.SaveAsync(run, cancellationToken);
            logger.LogWarning("HubFeed run {RunId} of {Source} refused: {Reason}", run.Id, source.Key, e.Message);
            return new SourceRunResult(run, InProgressElsewhere: true);
        }
        catch (Exception e) when (IsStorageFault(e))
        {
            // Storage is unreachable: no lease, so no run. Reported, not thrown (RunNow answers 502, the CLI exits non-zero).
            return new SourceRunResult(await EndAsync(run, RunStatus.Failed, "Storage is unavailable: " + e.Message), InProgressElsewhere: false);
        }

        var released = false;
        try
        {
            await runs.SaveAsync(run, cancellationToken);
            run = await ingest.RunAsync(source, run, lease.State, cancellationToken);
            var uploaded = publish ? (await publishJob.RunAsync(source, cancellationToken)).Uploaded : 0;
            run = run with { Status = RunStatus.Succeeded, Ended = clock.GetUtcNow(), BlobsUploaded = uploaded };
            await runs.SaveAsync(run, cancellationToken);
            await state.ReleaseAsync(lease, run, cancellationToken);
            released = true;
            // The no-run alert in infra/ looks for this message.
            logger.LogInformation("HubFeed run succeeded: {RunId} of {Source}, {Active} items, {New} new, {Changed} changed, {Withdrawn} withdrawn, {Uploaded} blobs uploaded",
                run.Id, source.Key, run.ItemsActive, run.ItemsNew, run.ItemsChanged, run.ItemsWithdrawn, run.BlobsUploaded);
        }
        catch (RunRefusedException e)
        {
            run = await EndAsync(run, RunStatus.Refused, e.Message);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Each transaction is whole, so the catalog is consistent; the next run converges.
            run = await EndAsync(run, RunStatus.Failed, "The run was cancelled (host shutdown or scale-in); the next run picks up from the catalog as it stands.");
        }
        catch (Exception e)
        {
            // Whatever broke, the run is recorded as failed with its reason; the published feed is untouched.
            run = await EndAsync(run, RunStatus.Failed, e is ListingFormatException or IncompleteCrawlException or SourceUnavailableException || IsStorageFault(e)
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
        return new SourceRunResult(run, InProgressElsewhere: false);
    }

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
    private async Task<bool> ReleaseQuietlyAsync(RunLease lease)
    {
        try
        {
            await state.ReleaseAsync(lease, null, CancellationToken.None);
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
    private static bool IsStorageFault(Exception e) =>
        e is RequestFailedException
        || (e is AggregateException a && a.InnerExceptions.Count > 0 && a.InnerExceptions.All(i => i is RequestFailedException));
}
