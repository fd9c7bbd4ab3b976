using HubFeed.Catalog;
using HubFeed.Hosting;
using HubFeed.Sources;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HubFeed.Pipeline;

/// <summary>A guard held the run: nothing was written to the catalog.</summary>
public sealed class RunRefusedException(GuardVerdict verdict, RunRecord run) : Exception(verdict.Reason)
{
    public GuardVerdict Verdict { get; } = verdict;

    /// <summary>The run as far as it got (counts, coverage, rows set aside), for the run record.</summary>
    public RunRecord Run { get; } = run;
}

/// <summary>
/// Crawls one source, checks everything it read, and only then brings the catalog in line with it. A run a guard
/// refuses writes nothing (not even the page cache).
/// </summary>
public sealed class IngestJob(
    ListingCrawler crawler,
    ResourceCatalog catalog,
    ChangeLog changeLog,
    PageCache pageCache,
    IOptions<SourceOptions> options,
    TimeProvider clock,
    ILogger<IngestJob> logger)
{
    /// <summary>
    /// Returns the run with what the catalog learned. <paramref name="accepted"/>: an operator accepted the held
    /// change, so the count and coverage guards do not hold this run.
    /// </summary>
    public async Task<(RunRecord Run, CrawlResult Crawl)> RunAsync(SourceDefinition source, RunRecord run, SourceStateRow state, bool accepted, CancellationToken cancellationToken)
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
        // The catalog's current values are the change guard's "before".
        if ((RunGuards.Check(crawl, state, options.Value) ?? RunGuards.CheckChanges(crawl.Rows, existing, options.Value)) is { } verdict)
        {
            if (!accepted)
            {
                throw new RunRefusedException(verdict, run with { Cause = verdict.Guard });
            }
            run = run with { Warnings = [.. run.Warnings, $"Accepted by an operator: {verdict.Reason}"] };
        }

        var (changes, written) = await ApplyAsync(source, crawl, state, existing, cancellationToken);
        await pageCache.SaveAsync(source, crawl.Pages, cancellationToken);
        logger.LogInformation(
            "Ingested {Source}: {Listed} listed, {New} new, {Changed} changed, {Unchanged} unchanged, {Withdrawn} withdrawn, {Quarantined} set aside, {Rows} rows written",
            source.Key, crawl.Total, changes.New, changes.Changed, changes.Unchanged, changes.Withdrawn, crawl.Quarantined.Count, written);

        return (run with
        {
            ItemsNew = changes.New,
            ItemsChanged = changes.Changed,
            ItemsUnchanged = changes.Unchanged,
            ItemsWithdrawn = changes.Withdrawn,
            RowsWritten = written,
            ItemsActive = changes.Active,
        }, crawl);
    }

    /// <summary>Brings the catalog in line with a complete listing, then records what changed (the catalog first: it is the truth).</summary>
    private async Task<(CatalogChanges Changes, int Written)> ApplyAsync(SourceDefinition source, CrawlResult crawl, SourceStateRow state, IReadOnlyList<Resource> existing, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var changes = CatalogDiff.Of(source.Objective, existing, crawl.Rows, now, state.LastGoodAt);
        var written = await catalog.WriteAsync(source.Key, changes.Writes, cancellationToken);
        await changeLog.RecordAsync(ChangeEvents.Of(source.Key, existing, changes.Writes, now), cancellationToken);
        return (changes, written);
    }
}
