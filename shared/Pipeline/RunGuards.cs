using System.Globalization;
using HubFeed.Catalog;
using HubFeed.Sources;

namespace HubFeed.Pipeline;

/// <summary>
/// The checks a complete listing must pass before anything is written, against the last good run and the catalog: no
/// sharp fall or rise of the count, no field that went missing from many rows, no field whose values changed in many
/// rows at once, not too many rows set aside. Pure functions.
/// </summary>
public static class RunGuards
{
    public static GuardVerdict? Check(CrawlResult crawl, SourceStateRow state, SourceOptions o)
    {
        var total = crawl.Total;
        var allowed = Math.Max(1, (int)Math.Floor(total * o.MaxQuarantineShare));
        if (crawl.Quarantined.Count > allowed)
        {
            var first = crawl.Quarantined[0];
            return new GuardVerdict("quarantine", Text(
                $"{crawl.Quarantined.Count} of {total} rows could not be read (more than {Percent(o.MaxQuarantineShare)}, at least 1, is too many), e.g. page {first.Page}, row {first.Position}: {first.Reason} (\"{first.Excerpt}\")."), Acceptable: false);
        }
        return Count(crawl, state, o) ?? Coverage(crawl, state, o);
    }

    private static GuardVerdict? Count(CrawlResult crawl, SourceStateRow state, SourceOptions o)
    {
        var (total, last) = (crawl.Total, state.LastGoodCount);
        if (last > 0 && total < last * (1 - o.MaxDropShare))
        {
            // Without a count line the size is only what the pager led to: a short crawl says nothing about the Hub.
            return crawl.Counted
                ? new GuardVerdict("count-drop", Text($"The listing has {total} items, down from {last} in the last good run ({state.LastGoodRunId}): more than {Percent(o.MaxDropShare)} fewer."))
                : new GuardVerdict("count-drop", Text(
                    $"The listing shows no count line (\"X - Y of N\"), and its pager ended after {crawl.PageCount} page(s) with {total} items, against {last} in the last good run ({state.LastGoodRunId}): the reader could not establish the listing's size, so it may have lost its way in the pager rather than the Hub having shrunk."), Acceptable: false);
        }
        if (last > 0 && total > last * (1 + o.MaxGrowthShare))
        {
            return new GuardVerdict("count-growth", Text($"The listing has {total} items, up from {last} in the last good run ({state.LastGoodRunId}): more than {Percent(o.MaxGrowthShare)} more."), crawl.Counted);
        }
        return null;
    }

    private static GuardVerdict? Coverage(CrawlResult crawl, SourceStateRow state, SourceOptions o)
    {
        if (state.LastGoodCoverage is not { } before)
        {
            return null;
        }
        var now = crawl.Coverage;
        foreach (var field in FieldCoverage.Fields)
        {
            var drop = before.Of(field) - now.Of(field);
            // Relative to what it was (summaries on 19 % of rows going to 5 % matters as much as dates going from 93 % to
            // 25 %), and a few rows are not a trend: the fall must also take the field from at least three rows.
            if (before.Of(field) > 0 && drop / before.Of(field) > o.MaxCoverageDrop && drop * now.Rows >= 3)
            {
                var (page, example) = Missing(crawl, field);
                return new GuardVerdict("coverage", Text(
                    $"The {field} went missing: {Percent(now.Of(field))} of rows have it, down from {Percent(before.Of(field))} in the last good run ({state.LastGoodRunId}), e.g. on page {page}{example}. The reader could not find the {field} where it was: the markup may have changed."), Acceptable: false);
            }
        }
        return null;
    }

    /// <summary>
    /// A field whose values change in more than <see cref="SourceOptions.MaxChangeShare"/> of the items the catalog and
    /// the listing both hold (at least three), or that appears in most of them at once: held, naming the field and three
    /// before → after examples. A few real edits publish as always.
    /// </summary>
    public static GuardVerdict? CheckChanges(IReadOnlyList<ListingRow> rows, IEnumerable<Resource> catalog, SourceOptions o)
    {
        var before = catalog.Where(r => r.IsActive).ToDictionary(r => r.Url, StringComparer.Ordinal);
        var pairs = rows.Where(r => before.ContainsKey(r.Url)).Select(r => (Before: before[r.Url], After: r)).ToList();
        if (pairs.Count == 0)
        {
            return null;
        }
        foreach (var (field, value) in Fields)
        {
            var changed = pairs.Where(p => value(p.Before) != value(p.After)).ToList();
            if (changed.Count < 3 || changed.Count <= pairs.Count * o.MaxChangeShare)
            {
                continue;
            }
            var appeared = changed.Count(p => value(p.Before) is null);
            var what = appeared * 2 > changed.Count ? $"appeared in {appeared} of {pairs.Count} items that did not have it" : $"changed in {changed.Count} of {pairs.Count} items";
            var examples = string.Join("; ", changed.Take(3).Select(p => $"{p.After.Url}: {Quote(value(p.Before))} → {Quote(value(p.After))}"));
            return new GuardVerdict("field-change", Text(
                $"The {field} {what} in one run (more than {Percent(o.MaxChangeShare)}): {examples}. So many at once is more often a reader that lost its way than the Hub editing its items."));
        }
        return null;
    }

    private static readonly (string Field, Func<object, string?> Value)[] Fields =
    [
        ("title", x => x is Resource r ? r.Title : ((ListingRow)x).Title),
        ("type", x => x is Resource r ? r.TypeLabel : ((ListingRow)x).TypeLabel),
        ("date", x => (x is Resource r ? r.Date : ((ListingRow)x).Date)?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        ("summary", x => x is Resource r ? r.Summary : ((ListingRow)x).Summary),
    ];

    private static string Quote(string? value) => value is null ? "(none)" : "\"" + (value.Length > 80 ? value[..79] + "…" : value) + "\"";

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string Percent(double share) => string.Create(CultureInfo.InvariantCulture, $"{share * 100:0.#}%");

    /// <summary>A page where the field is missing, and a row there without it (", e.g. row \"title\" (url)").</summary>
    private static (string Page, string Example) Missing(CrawlResult crawl, string field)
    {
        var row = crawl.Rows.FirstOrDefault(r => field switch
        {
            "type" => r.TypeLabel.Length == 0,
            "date" => r.Date is null,
            "summary" => r.Summary is null,
            "language" => r.Language is null,
            _ => false,
        });
        if (row is not null && crawl.PageOf.TryGetValue(row.Url, out var page))
        {
            return (page.ToString(CultureInfo.InvariantCulture), $" (row \"{(row.Title.Length > 60 ? row.Title[..59] + "…" : row.Title)}\", {row.Url})");
        }
        return (crawl.Quarantined.Count > 0 ? crawl.Quarantined[0].Page.ToString(CultureInfo.InvariantCulture) : "0", "");
    }
}
