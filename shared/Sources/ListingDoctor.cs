using System.Globalization;

namespace HubFeed.Sources;

/// <summary>Reads one listing page the way a run does and says what it found, where, and where the configured selectors disagree.</summary>
public static class ListingDoctor
{
    public static DoctorReport Examine(string html, Uri pageUrl, SourceDefinition source, string label)
    {
        ListingPage page;
        try
        {
            page = ListingParser.Parse(html, 0, pageUrl, source);
        }
        catch (ListingFormatException e)
        {
            return new DoctorReport(label, false, null, null, 0, [], [], null, [], e.Message);
        }
        var all = page.RowsSeen;
        FieldReport Field(string name, Func<ListingRow, string?> value)
        {
            var values = page.Rows.Select(value).Where(v => !string.IsNullOrEmpty(v)).ToList();
            return new FieldReport(name, all == 0 ? 0 : Math.Round(values.Count / (double)all, 3), values.Distinct().Take(3).Select(v => v!.Length > 80 ? v[..79] + "…" : v!).ToList());
        }
        var fields = new List<FieldReport>
        {
            Field("title", r => r.Title),
            Field("url", r => r.Url),
            Field("type", r => r.TypeLabel),
            Field("date", r => r.Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            Field("summary", r => r.Summary),
            Field("language", r => r.Language),
        };
        var found = page.RowsSeen > 0 || page.Results is { Total: 0 };
        return new DoctorReport(label, found, page.Results, page.LastPage, page.Rows.Count, page.Quarantined, fields, page.Structure,
            page.Warnings.Where(w => !w.Contains("no type label", StringComparison.Ordinal)).Distinct().ToList(),
            found ? null : "No listing rows were found on the page.");
    }
}
