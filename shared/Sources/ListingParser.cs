using HtmlAgilityPack;

namespace HubFeed.Sources;

/// <summary>
/// Reads a Hub listing page by what it is, not by class names: the page says how many rows it holds ("X - Y of N"),
/// the rows are the repeated group of elements of that size whose members link to Hub content, and each field is
/// found by content (the main link's text is the title, the text that parses as a date is the date, a label of the
/// known vocabulary is the type, the longest other text is the summary) at the position it holds in most rows.
/// Configured selectors are hints tried first; where they disagree with that structure, a warning names them.
/// A row that cannot be read is set aside (quarantined) with its reason; the rest of the page is read.
/// The only place that knows the Hub's HTML.
/// </summary>
public static class ListingParser
{
    public static ListingPage Parse(string html, int pageNumber, Uri pageUrl, SourceDefinition source, ListingStructure? hint = null)
    {
        using var texts = ListingMarkup.RememberTexts();
        var doc = ListingMarkup.Load(html, pageUrl);
        var warnings = new List<string>();
        var selectors = source.Selectors;
        var results = ResultsLineReader.Find(doc, selectors.SummaryLine);
        var (lastPage, pagerElement) = ResultsLineReader.Pager(doc, pageUrl);
        var links = new LinkReader(source, pageUrl);

        if (results is { Total: 0 } || results?.Rows == 0)
        {
            return new ListingPage(pageNumber, results, [], [], warnings, hint, lastPage, pagerElement);
        }
        var group = RowFinder.Find(doc, results?.Rows, links, selectors.Row, hint?.RowXPath, warnings);
        if (group is null)
        {
            throw new ListingFormatException((results is null
                ? $"Page {pageUrl} has no listing: no results line (\"X - Y of N\", selector {selectors.SummaryLine}) and no repeated group of rows linking to Hub content (selector {selectors.Row})."
                : $"Page {pageUrl} says results {results.First} - {results.Last} of {results.Total}, but no group of {results.Rows} elements linking to Hub content was found (configured row selector {selectors.Row}).")
                + Truncation(html));
        }

        var reader = RowReader.Learn(group.Rows, links, source, hint, warnings, pageNumber, DateOrderOf(doc, pageUrl, hint));
        var rows = new List<ListingRow>(group.Rows.Count);
        var quarantined = new List<QuarantinedRow>();
        for (var i = 0; i < group.Rows.Count; i++)
        {
            switch (reader.Read(group.Rows[i], pageNumber, i + 1, warnings))
            {
                case RowReading.Row row:
                    rows.Add(row.Value);
                    break;
                case RowReading.SetAside set:
                    quarantined.Add(new QuarantinedRow(pageNumber, i + 1, set.Reason, Excerpt(group.Rows[i])));
                    break;
            }
        }
        return new ListingPage(pageNumber, results, rows, quarantined, warnings, reader.Structure(group.XPath), lastPage, pagerElement);
    }

    /// <summary>A page that opens as HTML but never closes was most likely cut in transit: say so rather than blame the markup.</summary>
    private static string Truncation(string html) =>
        html.Contains("<html", StringComparison.OrdinalIgnoreCase) && !html.Contains("</html>", StringComparison.OrdinalIgnoreCase)
            ? $" The body ends after {System.Text.Encoding.UTF8.GetByteCount(html)} bytes without closing </html>: it was probably cut short in transit, not changed; check with `hubfeed doctor`."
            : " Check what the reader finds with `hubfeed doctor`.";

    /// <summary>The order of the page's slash dates: what the page itself shows, else what an earlier page showed; both at once, refused.</summary>
    private static DateOrder DateOrderOf(HtmlDocument doc, Uri pageUrl, ListingStructure? hint)
    {
        var order = DateText.OrderOf(ListingMarkup.Text(doc.DocumentNode), out var conflict);
        var earlier = hint?.DateOrder ?? DateOrder.Unknown;
        if (conflict is null && order != DateOrder.Unknown && earlier != DateOrder.Unknown && order != earlier)
        {
            conflict = $"this page writes dates {order} and an earlier page {earlier}";
        }
        if (conflict is not null)
        {
            throw new ListingFormatException($"Page {pageUrl} writes dates both day first and month first ({conflict}): the dates cannot be read exactly, so the page is refused, not guessed.");
        }
        return order != DateOrder.Unknown ? order : earlier;
    }

    /// <summary>At most 200 characters of what the row shows (its text, or its markup when it has none).</summary>
    public static string Excerpt(HtmlNode row)
    {
        var text = ListingMarkup.Text(row);
        if (text.Length == 0)
        {
            text = ListingMarkup.Clean(row.OuterHtml);
        }
        return text.Length <= QuarantinedRow.MaxExcerpt ? text : text[..(QuarantinedRow.MaxExcerpt - 1)] + "…";
    }
}
