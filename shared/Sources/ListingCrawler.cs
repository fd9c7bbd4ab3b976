using System.Collections.Concurrent;
using HubFeed.Catalog;
using HubFeed.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HubFeed.Sources;

/// <summary>A complete, deduplicated crawl of one objective's listing.</summary>
public sealed record CrawlResult(
    int Total,
    IReadOnlyList<ListingRow> Rows,
    int PagesFetched,
    int PagesNotModified,
    IReadOnlyList<string> Warnings,
    /// <summary>The pages parsed in this crawl (not the 304s), for the page cache.</summary>
    IReadOnlyList<CachedPage> Pages);

/// <summary>The listing could not be read completely and consistently.</summary>
public sealed class IncompleteCrawlException(string message) : Exception(message);

/// <summary>
/// Follows the 0-based pager until "Displaying results X - Y of N" says the listing is complete. Items shift between
/// pages while a crawl runs, so rows are deduplicated by canonical URL and, while the distinct count is short of N,
/// the pages are fetched again (conditionally: only pages that changed cost a parse) a bounded number of times.
/// </summary>
public sealed class ListingCrawler(HubListingClient client, IOptions<SourceOptions> options, ILogger<ListingCrawler> logger)
{
    public async Task<CrawlResult> CrawlAsync(SourceDefinition source, IReadOnlyDictionary<int, CachedPage> cache, CancellationToken cancellationToken)
    {
        var o = options.Value;
        // Written by the concurrent page fetches.
        var known = new ConcurrentDictionary<int, CachedPage>(cache);
        var parsed = new ConcurrentDictionary<int, bool>();
        var fetched = 0;
        var notModified = 0;
        var warnings = new List<string>();

        async Task<ListingPage> FetchAsync(int number)
        {
            var url = source.ListingPage(number);
            known.TryGetValue(number, out var cached);
            var response = await client.GetAsync(url, cached?.ETag, cached?.LastModified, cancellationToken);
            if (response.NotModified && cached is not null)
            {
                Interlocked.Increment(ref notModified);
                return cached.Page;
            }
            Interlocked.Increment(ref fetched);
            var page = ListingParser.Parse(response.Html ?? string.Empty, number, url, source);
            known[number] = new CachedPage(number, response.ETag, response.LastModified, page);
            parsed[number] = true;
            return page;
        }

        var first = await FetchAsync(0);
        var results = first.Results ?? throw new ListingFormatException(
            $"Page {source.ListingPage(0)} has no \"Displaying results X - Y of N\" line (selector {source.Selectors.SummaryLine}).");
        var total = results.Total;
        var pageSize = Math.Max(1, results.Last - results.First + 1);
        if (total == 0)
        {
            return new CrawlResult(0, [], fetched, notModified, first.Warnings, parsed.IsEmpty ? [] : [known[0]]);
        }
        int PageCount(int items)
        {
            var count = (int)Math.Ceiling(items / (double)pageSize);
            return count <= o.MaxPages ? count : throw new IncompleteCrawlException(
                $"The listing says {items} items in pages of {pageSize}: {count} pages, over the cap of {o.MaxPages} pages per run.");
        }
        var pageCount = PageCount(total);

        var pages = new ListingPage[pageCount];
        pages[0] = first;
        Dictionary<string, ListingRow> distinct = new(StringComparer.Ordinal);
        for (var round = 0; ; round++)
        {
            var numbers = Enumerable.Range(round == 0 ? 1 : 0, round == 0 ? pageCount - 1 : pageCount);
            // The polite handler keeps the per-host limit; all pages are asked for at once.
            var fresh = await Task.WhenAll(numbers.Select(FetchAsync));
            foreach (var page in fresh)
            {
                pages[page.PageNumber] = page;
            }

            // An item published or removed while the crawl ran shifts every later row and changes N. Once a whole pass
            // agrees on the new N, the listing is read at that size; what the passes at the old size saw no longer counts.
            if (round > 0 && pages.Select(p => p.Results?.Total ?? -1).Distinct().ToList() is [var resized] && resized > 0 && resized != total)
            {
                warnings.Add($"The listing went from {total} to {resized} items during the crawl; read at its new size.");
                total = resized;
                distinct.Clear();
                var before = pageCount;
                pageCount = PageCount(total);
                Array.Resize(ref pages, pageCount);
                foreach (var page in await Task.WhenAll(Enumerable.Range(before, Math.Max(0, pageCount - before)).Select(FetchAsync)))
                {
                    pages[page.PageNumber] = page;
                }
            }

            var roundRows = pages.SelectMany(p => p.Rows).ToList();
            foreach (var row in roundRows)
            {
                distinct[row.Url] = row; // the newest reading of an item wins
            }
            var thisRound = roundRows.Select(r => r.Url).Distinct(StringComparer.Ordinal).Count();
            var inconsistent = pages.Where(p => p.Results is null || p.Results.Total != total
                || p.Rows.Count != p.Results.Last - p.Results.First + 1).Select(p => p.PageNumber).ToList();

            if (thisRound == total && inconsistent.Count == 0)
            {
                // One consistent pass saw every item: that pass is the truth (items seen only earlier have gone).
                distinct = roundRows.GroupBy(r => r.Url, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);
                break;
            }
            if (distinct.Count == total && inconsistent.Count == 0)
            {
                // Items moved between pages mid-crawl; the rounds together saw each of them.
                break;
            }

            logger.LogWarning(
                "Crawl of {Source} round {Round}: {Distinct} distinct of {Total} items, inconsistent pages {Pages}",
                source.Key, round, distinct.Count, total, inconsistent);
            if (round >= o.RefetchRounds)
            {
                throw new IncompleteCrawlException(inconsistent.Count > 0
                    ? $"Pages {string.Join(", ", inconsistent)} disagree with the results line (\"X - Y of {total}\") after {round + 1} rounds."
                    : $"The listing says {total} items but {round + 1} rounds found {distinct.Count} distinct ones.");
            }
            warnings.Add($"Round {round + 1} found {distinct.Count} distinct of {total} items; fetched the pages again.");
        }

        warnings.AddRange(pages.SelectMany(p => p.Warnings).Distinct());
        var rows = pages.SelectMany(p => p.Rows).Select(r => r.Url).Concat(distinct.Keys)
            .Distinct(StringComparer.Ordinal).Where(distinct.ContainsKey).Select(u => distinct[u]).ToList();
        return new CrawlResult(total, rows, fetched, notModified, warnings, 
            // Only pages that came with a body: a 304 leaves the cached entry as it is, so nothing to write back.
            known.Values.Where(p => p.PageNumber < pageCount && parsed.ContainsKey(p.PageNumber)).ToList());
    }
}
