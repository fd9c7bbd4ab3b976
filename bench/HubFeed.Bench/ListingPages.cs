using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using HtmlAgilityPack;
using HubFeed.Seeds;

namespace HubFeed.Bench;

/// <summary>
/// Listing pages in the snapshot's own markup (page-0.html's structure, its row blocks), for any number of items:
/// "Displaying results X - Y of N", ten rows a page, at the Hub's paths, so the crawler reads them like the real thing.
/// </summary>
public static partial class ListingPages
{
    public const int Term = 289;
    public const int PageSize = 10;

    /// <summary>The snapshot as the loopback server serves it (seeds/snapshot next to the app).</summary>
    public static Dictionary<(int Term, int Page), string> Snapshot() => SnapshotServer.LoadFolder(SnapshotServer.DefaultFolder);

    /// <summary>A listing of <paramref name="count"/> distinct items: the snapshot's rows over and over, each with its own URL and title.</summary>
    public static Dictionary<(int Term, int Page), string> Generate(int count, int term = Term)
    {
        var snapshot = Snapshot();
        var blocks = Enumerable.Range(0, snapshot.Keys.Count(k => k.Term == Term))
            .SelectMany(page => RowBlocks(snapshot[(Term, page)]))
            .ToList();
        var rows = Enumerable.Range(0, count).Select(n =>
        {
            var block = blocks[n % blocks.Count];
            block = Href().Replace(block, string.Create(CultureInfo.InvariantCulture, $"href=\"/resources/bench-item-{term}-{n:D6}\""), 1);
            return TitleText().Replace(block, m => m.Groups[1].Value + WebUtility.HtmlEncode(string.Create(CultureInfo.InvariantCulture, $"Bench item {n}: ")) + m.Groups[2].Value + "</a>", 1);
        }).ToList();
        return Render(snapshot[(Term, 0)], rows, term);
    }

    private static IEnumerable<string> RowBlocks(string html)
    {
        var doc = new HtmlDocument();
        doc.LoadHtml(html);
        return (doc.DocumentNode.SelectNodes("//div[@class='views-row']") ?? Enumerable.Empty<HtmlNode>()).Select(n => n.OuterHtml);
    }

    private static Dictionary<(int, int), string> Render(string template, List<string> rows, int term)
    {
        const string Open = "<div class=\"view-content\">";
        var start = template.IndexOf(Open, StringComparison.Ordinal) + Open.Length;
        var end = template.IndexOf("<nav class=\"pager\"", StringComparison.Ordinal);
        var pages = new Dictionary<(int, int), string>();
        for (var page = 0; page * PageSize < rows.Count; page++)
        {
            var slice = rows.Skip(page * PageSize).Take(PageSize).ToList();
            var html = template[..start] + "\n      " + string.Join("\n      ", slice) + "\n    </div>\n    " + template[end..];
            var line = string.Create(CultureInfo.InvariantCulture, $"Displaying results {page * PageSize + 1} - {page * PageSize + slice.Count} of {rows.Count}");
            pages[(term, page)] = ResultsLine().Replace(html, line, 1);
        }
        return pages;
    }

    [GeneratedRegex(@"Displaying results \d+ - \d+ of \d+")]
    private static partial Regex ResultsLine();

    [GeneratedRegex(@"href=""[^""]*""")]
    private static partial Regex Href();

    [GeneratedRegex(@"(views-field-title.*?<a [^>]*>)(.*?)</a>", RegexOptions.Singleline)]
    private static partial Regex TitleText();
}
