using HubFeed.Catalog;
using HubFeed.Sources;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HubFeed.Pipeline;

/// <summary>
/// Crawls one source, checks everything it read, and only then brings the catalog in line with it. A run a guard
/// holds writes nothing; an operator's acceptance lets exactly the held change through (the same listing), once.
/// </summary>
public sealed class IngestJob(
    ListingCrawler crawler,
    IResourceCatalog catalog,
    IChangeLog changeLog,
    IPageCache pageCache,
    IOptions<SourceOptions> options,
    TimeProvider clock,
    ILogger<IngestJob> logger)
{
    /// <summary>Returns the run with what the catalog learned, or what held it. <paramref name="acceptance"/>: an operator's pending go-ahead.</summary>
    public async Task<IngestResult> RunAsync(SourceDefinition source, RunRecord run, SourceStateRow state, Acceptance? acceptance, CancellationToken cancellationToken)
    {
        var cache = await pageCache.LoadAsync(source, cancellationToken);
        var crawl = await crawler.CrawlAsync(source, cache, cancellationToken);
        run = run with
        {
            PagesFetched = crawl.PagesFetched,
            PagesNotModified = crawl.PagesNotModified,
            ItemsListed = crawl.Total,
            Coverage = crawl.Coverage,
            Quarantined = crawl.Quarantined,
            Warnings = crawl.Warnings,
        };
        var existing = await catalog.LoadAsync(source.Key, source.Objective, cancellationToken);
        var now = clock.GetUtcNow();
        var changes = CatalogDiff.Of(source.Objective, existing, crawl.Rows, now, state.LastGoodAt);
        // The catalog's current values are the change guard's "before".
        if ((RunGuards.Check(crawl, state, options.Value) ?? RunGuards.CheckChanges(crawl.Rows, existing, options.Value)) is { } verdict)
        {
            var fingerprint = HeldChange.Fingerprint(crawl.Rows, crawl.Total, crawl.Quarantined.Count);
            if (acceptance?.Fingerprint != fingerprint)
            {
                return Hold(run, verdict, acceptance, fingerprint, HeldChange.Of(crawl.Total, existing, changes));
            }
            run = run with { AcceptedBy = acceptance.By, Warnings = [.. run.Warnings, $"Accepted by an operator ({acceptance.By}, held run {acceptance.HeldRunId}): {verdict.Reason}"] };
        }
        return new IngestResult.Applied(await WriteAsync(source, run, crawl, (existing, changes, now), cancellationToken), crawl);
    }

    private IngestResult.Held Hold(RunRecord run, GuardVerdict verdict, Acceptance? acceptance, string fingerprint, HeldChange change)
    {
        if (acceptance is not null)
        {
            // The operator accepted another listing than this one: this change is held on its own merits.
            verdict = verdict with { Reason = verdict.Reason + $" (The acceptance of held run {acceptance.HeldRunId} was for a different listing, so it does not apply.)" };
        }
        var held = new HeldRun(run.Id, clock.GetUtcNow(), verdict.Guard, verdict.Reason) { Fingerprint = fingerprint, Change = change };
        return new IngestResult.Held(run, verdict, held);
    }

    private async Task<RunRecord> WriteAsync(SourceDefinition source, RunRecord run, CrawlResult crawl,
        (IReadOnlyList<Resource> Existing, CatalogChanges Changes, DateTimeOffset Now) diff, CancellationToken cancellationToken)
    {
        var changes = diff.Changes;
        var written = await catalog.WriteAsync(source.Key, changes.Writes, cancellationToken);
        await changeLog.RecordAsync(ChangeEvents.Of(source.Key, diff.Existing, changes.Writes, diff.Now), cancellationToken);
        await pageCache.SaveAsync(source, crawl.Pages, cancellationToken);
        logger.LogInformation(
            "Ingested {Source}: {Listed} listed, {New} new, {Changed} changed, {Unchanged} unchanged, {Withdrawn} withdrawn, {Quarantined} set aside, {Rows} rows written",
            source.Key, crawl.Total, changes.New, changes.Changed, changes.Unchanged, changes.Withdrawn, crawl.Quarantined.Count, written);
        return run with
        {
            ItemsNew = changes.New,
            ItemsChanged = changes.Changed,
            ItemsUnchanged = changes.Unchanged,
            ItemsWithdrawn = changes.Withdrawn,
            RowsWritten = written,
            ItemsActive = changes.Active,
        };
    }

}
