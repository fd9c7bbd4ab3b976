using System.Globalization;
using HubFeed.Catalog;
using HubFeed.Hosting;
using HubFeed.Sources;

namespace HubFeed.Pipeline;

/// <summary>
/// Why a guard held a run: its name (count-drop, count-growth, coverage, quarantine), a sentence for ops, and whether
/// the change is one the Hub really shows (so `hubfeed accept` is the right answer) rather than the reader losing its way
/// (then `hubfeed doctor` is).
/// </summary>
public sealed record GuardVerdict(string Guard, string Reason, bool AcceptIsAppropriate = true);

/// <summary>
/// The checks a complete listing must pass before anything is written, against the last good run: no sharp fall or
/// rise of the count, no field that went missing from many rows, not too many rows set aside. A pure function.
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
            return new GuardVerdict("quarantine", string.Create(CultureInfo.InvariantCulture,
                $"{crawl.Quarantined.Count} of {total} rows could not be read (more than {Percent(o.MaxQuarantineShare)}, at least 1, is too many), e.g. page {first.Page}, row {first.Position}: {first.Reason}."));
        }

        var last = state.LastGoodCount;
        if (last > 0 && total < last * (1 - o.MaxDropShare))
        {
            return new GuardVerdict("count-drop", string.Create(CultureInfo.InvariantCulture,
                $"The listing has {total} items, down from {last} in the last good run ({state.LastGoodRunId}): more than {Percent(o.MaxDropShare)} fewer."));
        }
        if (last > 0 && total > last * (1 + o.MaxGrowthShare))
        {
            return new GuardVerdict("count-growth", string.Create(CultureInfo.InvariantCulture,
                $"The listing has {total} items, up from {last} in the last good run ({state.LastGoodRunId}): more than {Percent(o.MaxGrowthShare)} more."));
        }

        if (state.LastGoodCoverage is { } before)
        {
            var now = crawl.Coverage;
            foreach (var field in FieldCoverage.Fields)
            {
                var drop = before.Of(field) - now.Of(field);
                // Relative to what it was (summaries on 19 % of rows going to 5 % matters as much as dates going from 93 % to
                // 25 %), and a few rows are not a trend: the fall must also take the field from at least three rows.
                if (before.Of(field) > 0 && drop / before.Of(field) > o.MaxCoverageDrop && drop * now.Rows >= 3)
                {
                    return new GuardVerdict("coverage", string.Create(CultureInfo.InvariantCulture,
                        $"The {field} went missing: {Percent(now.Of(field))} of rows have it, down from {Percent(before.Of(field))} in the last good run ({state.LastGoodRunId}), e.g. on page {PageMissing(crawl, field)}. The markup may have changed: check with `hubfeed doctor`."));
                }
            }
        }
        return null;
    }

    private static string Percent(double share) => string.Create(CultureInfo.InvariantCulture, $"{share * 100:0.#}%");

    private static string PageMissing(CrawlResult crawl, string field)
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
            return page.ToString(CultureInfo.InvariantCulture);
        }
        return crawl.Quarantined.Count > 0 ? crawl.Quarantined[0].Page.ToString(CultureInfo.InvariantCulture) : "0";
    }
}
