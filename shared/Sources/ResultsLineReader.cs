using System.Globalization;
using System.Text.RegularExpressions;
using System.Web;
using HtmlAgilityPack;

namespace HubFeed.Sources;

/// <summary>
/// Finds the results line however it is worded ("Displaying results 1 - 10 of 213", "Showing 1–10 of 213 results",
/// "Results 1 to 10 of 1,213"), and the pager's last page for when there is no such line.
/// </summary>
public static partial class ResultsLineReader
{
    public static ResultsLine? Find(HtmlDocument doc, string? selector)
    {
        // The configured element first: it is where the line was last seen.
        foreach (var node in ListingMarkup.Select(doc.DocumentNode, selector))
        {
            if (Best(ListingMarkup.Text(node)) is { } line)
            {
                return line;
            }
        }
        // What a person sees first; then what a screen reader says (a count kept for screen readers only).
        return Best(ListingMarkup.Text(doc.DocumentNode)) ?? Best(ListingMarkup.SpokenText(doc.DocumentNode));
    }

    /// <summary>The most likely results line in a text: one next to a word like "results", else the first plausible one.</summary>
    private static ResultsLine? Best(string text)
    {
        ResultsLine? first = null;
        foreach (Match m in Line().Matches(text))
        {
            if (!TryNumber(m.Groups["x"].Value, out var x) || !TryNumber(m.Groups["y"].Value, out var y) || !TryNumber(m.Groups["n"].Value, out var n))
            {
                continue;
            }
            var line = new ResultsLine(x, y, n);
            if (!(n == 0 || (x >= 1 && x <= y && y <= n && y - x < 1000)))
            {
                continue;
            }
            var before = text[Math.Max(0, m.Index - 40)..m.Index];
            var after = text.Substring(m.Index + m.Length, Math.Min(20, text.Length - m.Index - m.Length));
            if (Keyword().IsMatch(before) || Keyword().IsMatch(after))
            {
                return line;
            }
            first ??= line;
        }
        return first;
    }

    private static bool TryNumber(string s, out int n) =>
        int.TryParse(s.Replace(",", "", StringComparison.Ordinal).Replace(".", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal).Replace("\u202F", "", StringComparison.Ordinal),
            NumberStyles.None, CultureInfo.InvariantCulture, out n);

    /// <summary>
    /// The highest ?page=K the page links to (0-based, as Drupal pagers are), or null without a pager; and which pager
    /// element the listing uses (?page=,K is the second: Drupal numbers a page's pagers by their position in the list).
    /// Links to the listing's own path count, and a "next" or "load more" link on any path of the site (a views AJAX path)
    /// names the next page too.
    /// </summary>
    public static (int? Last, int Element) Pager(HtmlDocument doc, Uri pageUrl)
    {
        int? last = null;
        var element = 0;
        foreach (var a in ListingMarkup.Select(doc.DocumentNode, "//a[@href]"))
        {
            var href = System.Net.WebUtility.HtmlDecode(a.GetAttributeValue("href", ""));
            if (!href.Contains("page=", StringComparison.Ordinal) || !Uri.TryCreate(pageUrl, href, out var url) || url.Host != pageUrl.Host)
            {
                continue;
            }
            // Off the listing's path only a "next" or "load more" link counts (its text is read only then: pagers have many links).
            if (!string.Equals(url.AbsolutePath, pageUrl.AbsolutePath, StringComparison.Ordinal)
                && !(a.GetAttributeValue("rel", "").Contains("next", StringComparison.OrdinalIgnoreCase) || LoadMore().IsMatch(ListingMarkup.SpokenText(a))))
            {
                continue;
            }
            var parts = (HttpUtility.ParseQueryString(url.Query)["page"] ?? "").Split(',');
            if (int.TryParse(parts[^1], NumberStyles.None, CultureInfo.InvariantCulture, out var page) && page <= 100_000)
            {
                last = Math.Max(last ?? 0, page);
                element = Math.Max(element, parts.Length - 1);
            }
        }
        return (last, element);
    }

    [GeneratedRegex(@"load more|show more|more results|plus de résultats|cargar más|ver más resultados", RegexOptions.IgnoreCase)]
    private static partial Regex LoadMore();

    [GeneratedRegex(@"(?<x>\d{1,3}(?:[,.\u202F ]\d{3})+|\d+)\s*(?:-|–|—|to|a|à|al|до|bis)\s*(?<y>\d{1,3}(?:[,.\u202F ]\d{3})+|\d+)\s*(?:of|out of|de|sur|из|von|/)\s*(?<n>\d{1,3}(?:[,.\u202F ]\d{3})+|\d+)", RegexOptions.IgnoreCase)]
    private static partial Regex Line();

    [GeneratedRegex(@"result|showing|displaying|item|record|entr|resultado|résultat|mostrando|affichage|показ", RegexOptions.IgnoreCase)]
    private static partial Regex Keyword();
}
