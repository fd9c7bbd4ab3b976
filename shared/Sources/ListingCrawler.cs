using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HubFeed.Sources;

/// <summary>
/// Fetches what the <see cref="CrawlPlan"/> asks for until it is done: pages conditionally (a page that did not change
/// costs no parse), all of a step's pages at once (the polite handler keeps the per-host limit), later pages read with
/// the structure the first page showed (each still checked against its own count).
/// </summary>
public sealed class ListingCrawler(HubListingClient client, IOptions<SourceOptions> options, ILogger<ListingCrawler> logger)
{
    public async Task<CrawlResult> CrawlAsync(SourceDefinition source, IReadOnlyDictionary<int, CachedPage> cache, CancellationToken cancellationToken)
    {
        var pages = new PageFetcher(client, source, cache, cancellationToken);
        var plan = new CrawlPlan(options.Value.MaxPages, options.Value.RefetchRounds, n => source.ListingPage(n, pages.PagerElement));
        for (var step = CrawlPlan.Start; ;)
        {
            switch (step)
            {
                case CrawlStep.Fetch fetch:
                    if (fetch.Note is { } note)
                    {
                        logger.LogWarning("Crawl of {Source} {Round}: fetching the pages again", source.Key, note);
                    }
                    step = plan.Next(await Task.WhenAll(fetch.Pages.Select(pages.FetchAsync)));
                    break;
                case CrawlStep.Fail fail:
                    throw new IncompleteCrawlException(fail.Reason);
                case CrawlStep.Done { Findings: var f }:
                    return new CrawlResult(f.Total, f.Rows, f.Quarantined, pages.Fetched, pages.NotModified, f.Warnings, pages.Parsed(f.PageCount), pages.Structure)
                    { PageOf = f.PageOf, Counted = f.Counted, PageCount = f.PageCount };
            }
        }
    }

    /// <summary>One crawl's page fetches: conditional on the cache, parsed with the first page's structure and pager.</summary>
    private sealed class PageFetcher(HubListingClient client, SourceDefinition source, IReadOnlyDictionary<int, CachedPage> cache, CancellationToken cancellationToken)
    {
        private readonly ConcurrentDictionary<int, CachedPage> _known = new(cache); // written by the concurrent page fetches
        private readonly ConcurrentDictionary<int, bool> _parsed = new();
        private int _fetched;
        private int _notModified;

        public int Fetched => _fetched;
        public int NotModified => _notModified;
        public ListingStructure? Structure { get; private set; }
        public int PagerElement { get; private set; }

        public async Task<ListingPage> FetchAsync(int number)
        {
            var url = source.ListingPage(number, PagerElement);
            _known.TryGetValue(number, out var cached);
            var response = await client.GetAsync(url, cached?.ETag, cached?.LastModified, cancellationToken);
            if (response.NotModified && cached is not null)
            {
                Interlocked.Increment(ref _notModified);
                return Remember(cached.Page);
            }
            Interlocked.Increment(ref _fetched);
            var page = ListingParser.Parse(response.Html ?? string.Empty, number, url, source, Structure);
            _known[number] = new CachedPage(number, response.ETag, response.LastModified, page);
            _parsed[number] = true;
            return Remember(page);
        }

        /// <summary>Later pages are read with the structure and pager the first page showed.</summary>
        private ListingPage Remember(ListingPage page)
        {
            if (page.PageNumber == 0 && Structure is null)
            {
                (Structure, PagerElement) = (page.Structure, page.PagerElement);
            }
            return page;
        }

        /// <summary>Only pages that came with a body: a 304 leaves the cached entry as it is, so nothing to write back.</summary>
        public List<CachedPage> Parsed(int pageCount) => _known.Values.Where(p => p.PageNumber < pageCount && _parsed.ContainsKey(p.PageNumber)).ToList();
    }
}
