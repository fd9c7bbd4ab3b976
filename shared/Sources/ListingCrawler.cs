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
    IReadOnlyList<QuarantinedRow> Quarantined,
    int PagesFetched,
    int PagesNotModified,
    IReadOnlyList<string> Warnings,
    /// <summary>The pages parsed in this crawl (not the 304s), for the page cache.</summary>
    IReadOnlyList<CachedPage> Pages,
    ListingStructure? Structure)
{
    /// <summary>The page each row was last read on (to name a page where a field went missing).</summary>
    public IReadOnlyDictionary<string, int> PageOf { get; init; } = new Dictionary<string, int>();

    public FieldCoverage Coverage => FieldCoverage.Of(Rows, Quarantined.Count);
}

/// <summary>The listing could not be read completely and consistently.</summary>
public sealed class IncompleteCrawlException(string message) : Exception(message);

/// <summary>
/// Follows the 0-based pager until "Displaying results X - Y of N" says the listing is complete (or, without such a
/// line, through the last page the pager names). Items shift between pages while a crawl runs, so rows are
/// deduplicated by canonical URL and, while the rows seen fall short of N, the pages are fetched again (conditionally:
/// only pages that changed cost a parse) a bounded number of times. Quarantined rows count as seen.
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
        ListingStructure? structure = null;

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
            var page = ListingParser.Parse(response.Html ?? string.Empty, number, url, source, structure);
            known[number] = new CachedPage(number, response.ETag, response.LastModified, page);
            parsed[number] = true;
            return page;
        }

        var first = await FetchAsync(0);
        // Later pages are read with the structure the first page showed (each still checked against its own count).
        structure = first.Structure;
        var counted = first.Results is not null;
        int pageSize;
        int total;
        if (first.Results is { } results)
        {
            total = results.Total;
            pageSize = Math.Max(1, results.Rows);
        }
        else
        {
            var last = first.LastPage ?? 0;
            warnings.Add($"Page {source.ListingPage(0)} has no results line (\"X - Y of N\"); read the {last + 1} pages its pager names.");
            pageSize = Math.Max(1, first.RowsSeen);
            total = -1;
        }
        if (total == 0)
        {
            return new CrawlResult(0, [], [], fetched, notModified, first.Warnings, parsed.IsEmpty ? [] : [known[0]], structure);
        }
        int PageCount(int items)
        {
            var count = (int)Math.Ceiling(items / (double)pageSize);
            return count <= o.MaxPages ? count : throw new IncompleteCrawlException(
                $"The listing says {items} items in pages of {pageSize}: {count} pages, over the cap of {o.MaxPages} pages per run.");
        }
        var pageCount = counted ? PageCount(total) : (first.LastPage ?? 0) + 1;
        if (pageCount > o.MaxPages)
        {
            throw new IncompleteCrawlException($"The listing's pager names {pageCount} pages, over the cap of {o.MaxPages} pages per run.");
        }

        var pages = new ListingPage[pageCount];
        pages[0] = first;
        Dictionary<string, ListingRow> distinct = new(StringComparer.Ordinal);
        Dictionary<(int, int), QuarantinedRow> setAside = [];
        var previous = new Dictionary<int, ListingPage>();
        for (var round = 0; ; round++)
        {
            var numbers = Enumerable.Range(round == 0 ? 1 : 0, round == 0 ? pageCount - 1 : pageCount);
            // The polite handler keeps the per-host limit; all pages are asked for at once.
            var fresh = await Task.WhenAll(numbers.Select(FetchAsync));
            var unchanged = round > 0 && fresh.All(p => previous.TryGetValue(p.PageNumber, out var before) && ReferenceEquals(before, p) || SameRows(previous.GetValueOrDefault(p.PageNumber), p));
            foreach (var page in fresh)
            {
                pages[page.PageNumber] = page;
            }

            if (counted && round > 0 && pages.Select(p => p.Results?.Total ?? -1).Distinct().ToList() is [var resized] && resized > 0 && resized != total)
            {
                // An item published or removed while the crawl ran shifts every later row and changes N. Once a whole pass
                // agrees on the new N, the listing is read at that size; what the passes at the old size saw no longer counts.
                warnings.Add($"The listing went from {total} to {resized} items during the crawl; read at its new size.");
                total = resized;
                distinct.Clear();
                setAside.Clear();
                var before = pageCount;
                pageCount = PageCount(total);
                Array.Resize(ref pages, pageCount);
                foreach (var page in await Task.WhenAll(Enumerable.Range(before, Math.Max(0, pageCount - before)).Select(FetchAsync)))
                {
                    pages[page.PageNumber] = page;
                }
            }
            if (!counted)
            {
                total = pages.Sum(p => p.RowsSeen);
            }

            var roundRows = pages.SelectMany(p => p.Rows).ToList();
            foreach (var row in roundRows)
            {
                distinct[row.Url] = row; // the newest reading of an item wins
            }
            foreach (var q in pages.SelectMany(p => p.Quarantined))
            {
                setAside[(q.Page, q.Position)] = q;
            }
            var roundQuarantined = pages.Sum(p => p.Quarantined.Count);
            var roundDistinct = roundRows.Select(r => r.Url).Distinct(StringComparer.Ordinal).Count();
            var inconsistent = counted
                ? pages.Where(p => p.Results is null || p.Results.Total != total || p.RowsSeen != p.Results.Rows).Select(p => p.PageNumber).ToList()
                : [];

            if (roundDistinct + roundQuarantined == total && inconsistent.Count == 0)
            {
                // One consistent pass saw every item: that pass is the truth (items seen only earlier have gone).
                distinct = roundRows.GroupBy(r => r.Url, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);
                setAside = pages.SelectMany(p => p.Quarantined).ToDictionary(q => (q.Page, q.Position));
                break;
            }
            if (distinct.Count + roundQuarantined == total && inconsistent.Count == 0)
            {
                // Items moved between pages mid-crawl; the rounds together saw each of them.
                setAside = pages.SelectMany(p => p.Quarantined).ToDictionary(q => (q.Page, q.Position));
                break;
            }
            if (unchanged && inconsistent.Count == 0 && roundRows.Count + roundQuarantined == total)
            {
                // The same pages twice, each as long as it says: the listing itself names some items more than once.
                var twice = roundRows.GroupBy(r => r.Url, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
                warnings.Add($"The listing names {twice.Count} item(s) more than once ({string.Join(", ", twice.Take(5))}); each is kept once.");
                distinct = roundRows.GroupBy(r => r.Url, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);
                setAside = pages.SelectMany(p => p.Quarantined).ToDictionary(q => (q.Page, q.Position));
                total = distinct.Count + setAside.Count;
                break;
            }

            logger.LogWarning(
                "Crawl of {Source} round {Round}: {Distinct} distinct and {Quarantined} set aside of {Total} items, inconsistent pages {Pages}",
                source.Key, round, distinct.Count, roundQuarantined, total, inconsistent);
            if (round >= o.RefetchRounds)
            {
                throw new IncompleteCrawlException(inconsistent.Count > 0
                    ? $"Pages {string.Join(", ", inconsistent)} disagree with the results line (\"X - Y of {total}\") after {round + 1} rounds."
                    : $"The listing says {total} items but {round + 1} rounds found {distinct.Count} distinct ones (and {roundQuarantined} set aside).");
            }
            warnings.Add($"Round {round + 1} found {distinct.Count} distinct of {total} items; fetched the pages again.");
            previous = pages.ToDictionary(p => p.PageNumber);
        }

        warnings.AddRange(pages.SelectMany(p => p.Warnings).Distinct());
        var rows = pages.SelectMany(p => p.Rows).Select(r => r.Url).Concat(distinct.Keys)
            .Distinct(StringComparer.Ordinal).Where(distinct.ContainsKey).Select(u => distinct[u]).ToList();
        var pageOf = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var page in pages)
        {
            foreach (var row in page.Rows)
            {
                pageOf[row.Url] = page.PageNumber;
            }
        }
        return new CrawlResult(total, rows, setAside.Values.OrderBy(q => q.Page).ThenBy(q => q.Position).ToList(), fetched, notModified, warnings,
            // Only pages that came with a body: a 304 leaves the cached entry as it is, so nothing to write back.
            known.Values.Where(p => p.PageNumber < pageCount && parsed.ContainsKey(p.PageNumber)).ToList(), structure) { PageOf = pageOf };
    }

    private static bool SameRows(ListingPage? a, ListingPage b) =>
        a is not null && a.Rows.Select(r => r.Url).SequenceEqual(b.Rows.Select(r => r.Url), StringComparer.Ordinal) && a.Quarantined.Count == b.Quarantined.Count;
}
