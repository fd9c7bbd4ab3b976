using HubFeed.Catalog;
using HubFeed.Hosting;
using HubFeed.Sources;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HubFeed.Pipeline;

/// <summary>A run was refused by a guard: nothing withdrawn, nothing published.</summary>
public sealed class RunRefusedException(string message) : Exception(message);

/// <summary>
/// Crawls one source and brings the catalog in line with it: new and changed items written (in transactions),
/// unchanged items left alone, items gone from a complete crawl marked withdrawn (never deleted).
/// </summary>
public sealed class IngestJob(
    ListingCrawler crawler,
    ResourceCatalog catalog,
    PageCache pageCache,
    IOptions<SourceOptions> options,
    TimeProvider clock,
    ILogger<IngestJob> logger)
{
    /// <summary>Returns the run with what the catalog learned: items new, changed, unchanged, withdrawn, rows written.</summary>
    public async Task<RunRecord> RunAsync(SourceDefinition source, RunRecord run, SourceStateRow state, CancellationToken cancellationToken)
    {
        var cache = await pageCache.LoadAsync(source, cancellationToken);
        var crawl = await crawler.CrawlAsync(source, cache, cancellationToken);
        run = run with
        {
            PagesFetched = crawl.PagesFetched,
            PagesNotModified = crawl.PagesNotModified,
            ItemsListed = crawl.Rows.Count,
            Warnings = crawl.Warnings,
        };

        // Guard: a sharp fall against the last good run is more likely a broken page than a purge.
        var floor = state.LastGoodCount * (1 - options.Value.MaxDropShare);
        if (state.LastGoodCount > 0 && crawl.Rows.Count < floor)
        {
            throw new RunRefusedException(
                $"The listing has {crawl.Rows.Count} items, down from {state.LastGoodCount} in the last good run ({state.LastGoodRunId}): " +
                $"more than {options.Value.MaxDropShare:P0} fewer. Nothing was withdrawn or published.");
        }

        var now = clock.GetUtcNow();
        var existing = (await catalog.LoadAsync(source.Key, source.Objective, cancellationToken)).ToDictionary(r => r.Id, StringComparer.Ordinal);
        var writes = new List<Resource>();
        int added = 0, changed = 0, unchanged = 0, withdrawn = 0;
        var seen = new HashSet<string>(StringComparer.Ordinal);

        foreach (var row in crawl.Rows)
        {
            var id = ResourceCatalog.IdFor(row.Url);
            seen.Add(id);
            var hash = ResourceCatalog.ContentHashOf(row);
            existing.TryGetValue(id, out var before);
            if (before is not null && before.ContentHash == hash && before.IsActive)
            {
                unchanged++;
                continue;
            }
            if (before is null)
            {
                added++;
            }
            else
            {
                changed++;
            }
            writes.Add(new Resource
            {
                Id = id,
                Url = row.Url,
                Title = row.Title,
                Type = row.Type,
                TypeLabel = row.TypeLabel,
                Date = row.Date,
                Summary = row.Summary,
                Language = row.Language,
                Objective = source.Objective,
                ContentHash = hash,
                FirstSeen = before?.FirstSeen ?? now,
                LastSeen = now,
                LastChanged = now,
                Withdrawn = null,
            });
        }

        foreach (var gone in existing.Values.Where(r => r.IsActive && !seen.Contains(r.Id)))
        {
            withdrawn++;
            // LastSeen stays: it was last seen before this run.
            writes.Add(gone with { Withdrawn = now, LastChanged = now, LastSeen = state.LastGoodAt ?? gone.LastSeen });
        }

        var written = await catalog.WriteAsync(source.Key, writes, cancellationToken);
        await pageCache.SaveAsync(source, crawl.Pages, cancellationToken);
        logger.LogInformation(
            "Ingested {Source}: {Listed} listed, {New} new, {Changed} changed, {Unchanged} unchanged, {Withdrawn} withdrawn, {Rows} rows written",
            source.Key, crawl.Rows.Count, added, changed, unchanged, withdrawn, written);

        return run with
        {
            ItemsNew = added,
            ItemsChanged = changed,
            ItemsUnchanged = unchanged,
            ItemsWithdrawn = withdrawn,
            RowsWritten = written,
            ItemsActive = crawl.Rows.Count,
        };
    }
}
