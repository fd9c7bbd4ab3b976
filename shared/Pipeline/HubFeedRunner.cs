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

        var released = false;
        try
        {
            await runs.SaveAsync(run, cancellationToken);
            (run, _) = await ingest.RunAsync(source, run, lease.State, cancellationToken);
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
            run = await EndAsync(run, RunStatus.Failed, e is ListingFormatException or IncompleteCrawlException or SourceUnavailableException or RequestFailedException
                ? e.Message : $"{e.GetType().Name}: {e.Message}");
        }
        finally
        {
            if (!released)
            {
                await ReleaseQuietlyAsync(lease);
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
        catch (RequestFailedException e)
        {
            logger.LogError(e, "Could not record run {RunId}", run.Id);
        }
        return run;
    }

    private async Task ReleaseQuietlyAsync(RunLease lease)
    {
        try
        {
            await state.ReleaseAsync(lease, null, CancellationToken.None);
        }
        catch (Exception e) when (e is RequestFailedException or RunInProgressException)
        {
            logger.LogWarning(e, "Could not release the lease of {Source}; it expires by itself", lease.Source);
        }
    }
}
