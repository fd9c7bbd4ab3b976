using System.Globalization;

namespace HubFeed.Sources;

/// <summary>
/// The crawl of one listing as a pure state machine: given the pages just read, it says which pages to read next.
/// It follows the 0-based pager until "Displaying results X - Y of N" says the listing is complete; without such a
/// line it follows the pager (full, mini, "load more": every link to a further page) to its end. Items shift between
/// pages while a crawl runs, so rows are deduplicated by canonical URL and, while the rows seen fall short of N, every
/// page is read again a bounded number of rounds. A whole pass agreeing on a new N is a resize: read at the new size.
/// Quarantined rows count as seen. No HTTP, no clock: the crawler fetches what it asks for.
/// </summary>
public sealed class CrawlPlan(int maxPages, int refetchRounds, Func<int, Uri> pageUrl)
{
    private readonly List<string> _warnings = [];
    private ListingPage[] _pages = [];
    private Dictionary<int, ListingPage> _previous = [];
    private Dictionary<string, ListingRow> _distinct = new(StringComparer.Ordinal);
    private bool _counted;
    private int _pageSize;
    private int _total;
    private int _round = -1;
    private bool _resizing;
    private bool _unchanged;

    /// <summary>The first step: page 0.</summary>
    public static CrawlStep Start => new CrawlStep.Fetch([0]);

    /// <summary>The next step, given the pages the last <see cref="CrawlStep.Fetch"/> asked for, as read.</summary>
    public CrawlStep Next(IReadOnlyList<ListingPage> read)
    {
        if (_round < 0)
        {
            return First(read.Single(p => p.PageNumber == 0));
        }
        if (_resizing)
        {
            _resizing = false;
            Place(read);
            return Evaluate();
        }
        if (_round > 0)
        {
            _unchanged = read.All(p => _previous.TryGetValue(p.PageNumber, out var before) && (ReferenceEquals(before, p) || SameRows(before, p)));
        }
        Place(read);
        if (_round == 0 && !_counted && Further() is { } further)
        {
            return further;
        }
        return Resize() ?? Evaluate();
    }

    private CrawlStep First(ListingPage first)
    {
        _round = 0;
        _counted = first.Results is not null;
        int pageCount;
        if (first.Results is { } results)
        {
            _total = results.Total;
            _pageSize = Math.Max(1, results.Rows);
            if (_total == 0)
            {
                return new CrawlStep.Done(new CrawlFindings(0, [], [], [.. first.Warnings], new Dictionary<string, int>(), 1, true));
            }
            if (PageCount(_total) is not { } count)
            {
                return Capped(_total);
            }
            pageCount = count;
        }
        else
        {
            pageCount = (first.LastPage ?? 0) + 1;
            _warnings.Add(string.Create(CultureInfo.InvariantCulture,
                $"Page {pageUrl(0)} has no results line (\"X - Y of N\"): the listing's size comes from following its pager to the end, checked against the last good run's count."));
            _pageSize = Math.Max(1, first.RowsSeen);
            _total = -1;
            if (pageCount > maxPages)
            {
                return new CrawlStep.Fail($"The listing's pager names {pageCount} pages, over the cap of {maxPages} pages per run.");
            }
        }
        _pages = new ListingPage[pageCount];
        _pages[0] = first;
        return pageCount > 1 ? new CrawlStep.Fetch([.. Enumerable.Range(1, pageCount - 1)]) : Evaluate();
    }

    /// <summary>Without a count: pages the pages just read link to beyond those known (a mini or "load more" pager shows one more at a time).</summary>
    private CrawlStep? Further()
    {
        var known = _pages.Length;
        var named = _pages.Max(p => p.LastPage ?? 0) + 1;
        if (named <= known || _pages[^1].RowsSeen == 0)
        {
            return null;
        }
        if (named > maxPages)
        {
            return new CrawlStep.Fail(string.Create(CultureInfo.InvariantCulture,
                $"The listing has no results line and its pager went on past {maxPages} pages (the cap per run) without an end: the reader could not establish where the listing ends."));
        }
        Array.Resize(ref _pages, named);
        return new CrawlStep.Fetch([.. Enumerable.Range(known, named - known)]);
    }

    private int? PageCount(int items)
    {
        var count = (int)Math.Ceiling(items / (double)_pageSize);
        return count <= maxPages ? count : null;
    }

    private CrawlStep.Fail Capped(int items) => new(string.Create(CultureInfo.InvariantCulture,
        $"The listing says {items} items in pages of {_pageSize}: {(int)Math.Ceiling(items / (double)_pageSize)} pages, over the cap of {maxPages} pages per run."));

    private void Place(IReadOnlyList<ListingPage> read)
    {
        foreach (var page in read)
        {
            _pages[page.PageNumber] = page;
        }
    }

    /// <summary>
    /// An item published or removed while the crawl ran shifts every later row and changes N. Once a whole pass agrees
    /// on the new N, the listing is read at that size; what the passes at the old size saw no longer counts.
    /// </summary>
    private CrawlStep? Resize()
    {
        if (!_counted || _round == 0 || _pages.Select(p => p.Results?.Total ?? -1).Distinct().ToList() is not [var resized] || resized <= 0 || resized == _total)
        {
            return null;
        }
        _warnings.Add(string.Create(CultureInfo.InvariantCulture, $"The listing went from {_total} to {resized} items during the crawl; read at its new size."));
        _total = resized;
        _distinct.Clear();
        if (PageCount(_total) is not { } count)
        {
            return Capped(_total);
        }
        var before = _pages.Length;
        Array.Resize(ref _pages, count);
        if (count <= before)
        {
            return null;
        }
        _resizing = true;
        return new CrawlStep.Fetch([.. Enumerable.Range(before, count - before)]);
    }

    private CrawlStep Evaluate()
    {
        if (!_counted)
        {
            _total = _pages.Sum(p => p.RowsSeen);
        }
        var roundRows = _pages.SelectMany(p => p.Rows).ToList();
        foreach (var row in roundRows)
        {
            _distinct[row.Url] = row; // the newest reading of an item wins
        }
        var roundQuarantined = _pages.Sum(p => p.Quarantined.Count);
        var roundDistinct = roundRows.Select(r => r.Url).Distinct(StringComparer.Ordinal).Count();
        var inconsistent = _counted
            ? _pages.Where(p => p.Results is null || p.Results.Total != _total || p.RowsSeen != p.Results.Rows).Select(p => p.PageNumber).ToList()
            : [];
        if (inconsistent.Count == 0 && Converged(roundRows, roundDistinct, roundQuarantined) is { } done)
        {
            return done;
        }
        if (_round >= refetchRounds)
        {
            return new CrawlStep.Fail(inconsistent.Count > 0
                ? string.Create(CultureInfo.InvariantCulture, $"Pages {string.Join(", ", inconsistent)} disagree with the results line (\"X - Y of {_total}\") after {_round + 1} rounds.")
                : string.Create(CultureInfo.InvariantCulture, $"The listing says {_total} items but {_round + 1} rounds found {_distinct.Count} distinct ones (and {roundQuarantined} set aside)."));
        }
        var note = string.Create(CultureInfo.InvariantCulture,
            $"round {_round}: {_distinct.Count} distinct and {roundQuarantined} set aside of {_total} items, inconsistent pages [{string.Join(", ", inconsistent)}]");
        _warnings.Add(string.Create(CultureInfo.InvariantCulture, $"Round {_round + 1} found {_distinct.Count} distinct of {_total} items; fetched the pages again."));
        _previous = _pages.ToDictionary(p => p.PageNumber);
        _round++;
        return new CrawlStep.Fetch([.. Enumerable.Range(0, _pages.Length)], note);
    }

    /// <summary>Done when one pass saw every item, or the passes together did, or the listing itself names items twice.</summary>
    private CrawlStep.Done? Converged(List<ListingRow> roundRows, int roundDistinct, int roundQuarantined)
    {
        if (roundDistinct + roundQuarantined == _total)
        {
            // One consistent pass saw every item: that pass is the truth (items seen only earlier have gone).
            _distinct = Last(roundRows);
            return Finish();
        }
        if (_distinct.Count + roundQuarantined == _total)
        {
            return Finish(); // items moved between pages mid-crawl; the rounds together saw each of them
        }
        if (_unchanged && roundRows.Count + roundQuarantined == _total)
        {
            // The same pages twice, each as long as it says: the listing itself names some items more than once.
            var twice = roundRows.GroupBy(r => r.Url, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
            _warnings.Add($"The listing names {twice.Count} item(s) more than once ({string.Join(", ", twice.Take(5))}); each is kept once.");
            _distinct = Last(roundRows);
            _total = _distinct.Count + roundQuarantined;
            return Finish();
        }
        return null;
    }

    private static Dictionary<string, ListingRow> Last(List<ListingRow> rows) =>
        rows.GroupBy(r => r.Url, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);

    private CrawlStep.Done Finish()
    {
        _warnings.AddRange(_pages.SelectMany(p => p.Warnings).Distinct());
        var rows = _pages.SelectMany(p => p.Rows).Select(r => r.Url).Concat(_distinct.Keys)
            .Distinct(StringComparer.Ordinal).Where(_distinct.ContainsKey).Select(u => _distinct[u]).ToList();
        var pageOf = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var page in _pages)
        {
            foreach (var row in page.Rows)
            {
                pageOf[row.Url] = page.PageNumber;
            }
        }
        var quarantined = _pages.SelectMany(p => p.Quarantined).OrderBy(q => q.Page).ThenBy(q => q.Position).ToList();
        return new CrawlStep.Done(new CrawlFindings(_total, rows, quarantined, _warnings, pageOf, _pages.Length, _counted));
    }

    private static bool SameRows(ListingPage a, ListingPage b) =>
        a.Rows.Select(r => r.Url).SequenceEqual(b.Rows.Select(r => r.Url), StringComparer.Ordinal) && a.Quarantined.Count == b.Quarantined.Count;
}
