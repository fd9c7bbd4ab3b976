using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using HtmlAgilityPack;

namespace HubFeed.Bench;

using HubFeed.Sources;

/// <summary>
/// The benchmark's baseline: the selector-only listing parser HubFeed had before the structural reader (commit 7600892,
/// shared/Sources/ListingParser.cs), kept here only to be timed against the reader that replaced it.
/// </summary>
public static partial class SelectorParser
{
    public static ListingPage Parse(string html, int pageNumber, Uri pageUrl, SourceDefinition source)
    {
        var selectors = source.Selectors;
        var doc = new HtmlDocument();
        doc.LoadHtml(html);

        var results = ParseResultsLine(doc, selectors.SummaryLine);
        var warnings = new List<string>();
        var rowNodes = doc.DocumentNode.SelectNodes(selectors.Row)?.ToList() ?? [];

        // A page inside the listing's range that yields no rows means the markup changed.
        var expectsRows = results is { Total: > 0 } && results.Last >= results.First;
        if (rowNodes.Count == 0 && (expectsRows || results is null))
        {
            throw new ListingFormatException(results is null
                ? $"Page {pageUrl} has no listing: neither the results line (selector {selectors.SummaryLine}) nor any row (selector {selectors.Row}) was found."
                : $"Page {pageUrl} says results {results.First} - {results.Last} of {results.Total} but no row matched the selector {selectors.Row}.");
        }

        var rows = new List<ListingRow>(rowNodes.Count);
        for (var i = 0; i < rowNodes.Count; i++)
        {
            var node = rowNodes[i];
            var link = node.SelectSingleNode(selectors.Title);
            var title = link is null ? string.Empty : CleanText(link.InnerText);
            var href = link?.GetAttributeValue("href", string.Empty) ?? string.Empty;
            if (title.Length == 0 || href.Length == 0)
            {
                throw new ListingFormatException(
                    $"Page {pageUrl}, row {i + 1}: no title or URL (selector {selectors.Title}).");
            }
            if (!UrlCanonicalizer.TryCanonicalize(WebUtility.HtmlDecode(href), source.CanonicalBase, source.FetchBase, out var url, out var prefixLanguage))
            {
                throw new ListingFormatException($"Page {pageUrl}, row {i + 1}: the link \"{href}\" is not an http(s) URL (selector {selectors.Title}).");
            }

            var typeLabel = CleanText(node.SelectSingleNode(selectors.Type)?.InnerText);
            if (!ResourceTypes.TryMap(typeLabel, out var type))
            {
                warnings.Add(typeLabel.Length == 0
                    ? $"Page {pageNumber}, row {i + 1} ({url}): no type label (selector {selectors.Type})."
                    : $"Page {pageNumber}, row {i + 1} ({url}): unknown type label \"{typeLabel}\", kept as is.");
            }

            var dateText = CleanText(node.SelectSingleNode(selectors.Date)?.InnerText);
            DateOnly? date = null;
            if (dateText.Length > 0)
            {
                if (DateOnly.TryParseExact(dateText, ["dd MMM yyyy", "d MMM yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
                {
                    date = parsed;
                }
                else
                {
                    warnings.Add($"Page {pageNumber}, row {i + 1} ({url}): date \"{dateText}\" is not DD Mon YYYY; kept without a date.");
                }
            }

            var summary = CleanText(node.SelectSingleNode(selectors.Summary)?.InnerText);
            var hreflang = link!.GetAttributeValue("hreflang", string.Empty).Trim().ToLowerInvariant();
            var language = prefixLanguage ?? (hreflang.Length > 0 ? hreflang : null);

            rows.Add(new ListingRow(url.AbsoluteUri, title, typeLabel, type, date, summary.Length == 0 ? null : summary, language));
        }

        return new ListingPage(pageNumber, results, rows, [], warnings);
    }

    private static ResultsLine? ParseResultsLine(HtmlDocument doc, string selector)
    {
        foreach (var node in doc.DocumentNode.SelectNodes(selector) ?? Enumerable.Empty<HtmlNode>())
        {
            var match = ResultsPattern().Match(CleanText(node.InnerText));
            if (match.Success)
            {
                return new ResultsLine(
                    int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture),
                    int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture),
                    int.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture));
            }
        }
        return null;
    }

    /// <summary>Decodes entities (once: the DOM text is still encoded), turns no-break spaces into spaces and collapses whitespace.</summary>
    public static string CleanText(string? text) =>
        text is null ? string.Empty : Whitespace().Replace(WebUtility.HtmlDecode(text).Replace('\u00A0', ' '), " ").Trim();

    [GeneratedRegex(@"Displaying results\s+(\d+)\s*[-–]\s*(\d+)\s+of\s+(\d+)", RegexOptions.IgnoreCase)]
    private static partial Regex ResultsPattern();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
