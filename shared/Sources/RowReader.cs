using System.Text.RegularExpressions;
using HtmlAgilityPack;

namespace HubFeed.Sources;

/// <summary>A row read: a listing row, or a reason to set it aside.</summary>
public abstract record RowReading
{
    public sealed record Row(ListingRow Value) : RowReading;

    public sealed record SetAside(string Reason) : RowReading;
}

/// <summary>
/// Reads the fields of a page's rows. It first learns where each field sits (the path below a row that holds it in
/// most rows, found by content), then reads every row at those paths, falling back to a search by content in a row
/// whose markup differs. A structure learned on an earlier page is tried first.
/// </summary>
public sealed partial class RowReader
{
    private static readonly HashSet<string> NotTitles = new(StringComparer.OrdinalIgnoreCase)
    {
        "read more", "more", "details", "view", "view more", "see more", "learn more", "more info", "more information", "download",
        "pdf", "link", "here", "click here", "continue reading", "full text", "open", "visit", "website", "share", "print",
        "leer más", "ver más", "más información", "descargar", "lire la suite", "en savoir plus", "voir plus", "télécharger",
        "подробнее", "читать далее", "阅读更多", "更多", "المزيد", "اقرأ المزيد",
    };

    private readonly LinkReader _links;
    private readonly string? _title;
    private readonly string? _type;
    private readonly string? _date;
    private readonly string? _summary;

    private RowReader(LinkReader links, string? title, string? type, string? date, string? summary)
    {
        _links = links;
        _title = title;
        _type = type;
        _date = date;
        _summary = summary;
    }

    public ListingStructure Structure(string rowXPath) => new(rowXPath, _title, _type, _date, _summary);

    /// <summary>A label of the known type vocabulary ("Resource", "Practice Repository"…), with or without a "Type:" label.</summary>
    public static bool IsTypeLabel(string text) => ResourceTypes.ByLabel.ContainsKey(Label(text));

    private static string Label(string text) => TypePrefix().Replace(text, "").TrimEnd(':', ' ').Trim();

    /// <summary>Learns the field paths from the page's rows (an earlier page's structure first, configured selectors to fill gaps).</summary>
    public static RowReader Learn(IReadOnlyList<HtmlNode> rows, LinkReader links, SourceDefinition source, ListingStructure? hint, List<string> warnings, int page)
    {
        var s = source.Selectors;
        var title = Choose(rows, hint?.Title, row => TitleAnchor(row, links, null), (row, n) => n.Name == "a" && IsContentTitle(n, links));
        var type = Choose(rows, hint?.Type, row => Deepest(row, null, e => IsTypeLabel(ListingMarkup.Text(e))), (row, n) => IsTypeLabel(ListingMarkup.Text(n)));
        var date = Choose(rows, hint?.Date, row => Deepest(row, null, IsDate), (row, n) => IsDate(n));
        string? summary = null;
        if (hint?.Summary is { } hs && rows.Any(r => ListingMarkup.Follow(r, hs) is { } n && IsSummaryText(ListingMarkup.Text(n))))
        {
            summary = hs;
        }
        summary ??= Majority(rows.Select(row => SummaryCandidate(row, links, title, type, date) is { } n ? ListingMarkup.PathWithin(row, n) : null));

        // Configured selectors: checked against what the structure says; used where the structure found nothing.
        type ??= FromConfig(rows, s.Type, n => ListingMarkup.Text(n) is { Length: > 0 and <= 60 } t && !IsDate(n) ? t : null, "type", warnings);
        date ??= FromConfig(rows, s.Date, n => IsDate(n) ? "" : null, "date", warnings);
        summary ??= FromConfig(rows, s.Summary, n => IsSummaryText(ListingMarkup.Text(n)) ? "" : null, "summary", warnings);
        Disagree(rows, s.Title, title, "title", warnings, page);
        Disagree(rows, s.Type, type, "type", warnings, page);
        Disagree(rows, s.Date, date, "date", warnings, page);
        return new RowReader(links, title, type, date, summary);
    }

    public RowReading Read(HtmlNode row, int page, int position, List<string> warnings)
    {
        var anchors = ListingMarkup.Descendants(row).Where(e => e.Name == "a").ToList();
        if (anchors.Count == 0)
        {
            return new RowReading.SetAside("the row has no link");
        }
        var anchor = (_title is null ? null : ListingMarkup.Follow(row, _title)) is { } a && IsContentTitle(a, _links) ? a : TitleAnchor(row, _links, null);
        if (anchor is null)
        {
            // Say what is wrong with the link a reader would take for the title.
            var shown = anchors.FirstOrDefault(x => IsTitleText(ListingMarkup.Text(x))) ?? anchors[0];
            var target = _links.Read(shown);
            return new RowReading.SetAside(target.Problem is { } p && !IsTitleText(ListingMarkup.Text(shown)) is false
                ? p : target.IsContent || target.Canonical is not null ? "the row's link has no readable title" : target.Problem ?? "the row has no link to a Hub item");
        }
        var link = _links.Read(anchor);
        var title = ListingMarkup.Text(anchor);
        var url = link.Canonical!;

        var typeNode = (_type is null ? null : ListingMarkup.Follow(row, _type)) is { } t && IsTypeText(ListingMarkup.Text(t), title, t)
            ? t : Deepest(row, anchor, e => IsTypeLabel(ListingMarkup.Text(e)));
        var typeLabel = typeNode is null ? "" : Label(ListingMarkup.Text(typeNode));
        if (!ResourceTypes.TryMap(typeLabel, out var type))
        {
            warnings.Add(typeLabel.Length == 0
                ? $"Page {page}, row {position} ({url}): no type label."
                : $"Page {page}, row {position} ({url}): unknown type label \"{typeLabel}\", kept as is.");
        }

        DateOnly? date = null;
        var dateNode = (_date is null ? null : ListingMarkup.Follow(row, _date)) ?? Deepest(row, anchor, IsDate);
        if (dateNode is not null)
        {
            if (ReadDate(dateNode) is { } d)
            {
                date = d;
            }
            else if (ListingMarkup.Text(dateNode) is { Length: > 0 } text)
            {
                warnings.Add($"Page {page}, row {position} ({url}): \"{(text.Length > 60 ? text[..60] + "…" : text)}\" is not a date this reader knows; kept without a date.");
            }
        }

        string? summary = null;
        if (_summary is not null && ListingMarkup.Follow(row, _summary) is { } sn && !ListingMarkup.IsAncestorOf(sn, anchor) && sn != anchor)
        {
            var text = SummaryText(sn);
            summary = text.Length > 0 && text != title ? text : null;
        }

        var hreflang = anchor.GetAttributeValue("hreflang", "").Trim().ToLowerInvariant();
        var lang = anchor.GetAttributeValue("lang", "").Trim().ToLowerInvariant();
        var language = link.Language ?? (hreflang.Length > 0 ? hreflang : lang.Length > 0 ? lang : null);
        return new RowReading.Row(new ListingRow(url.AbsoluteUri, title, typeLabel, type, date, summary, language));
    }

    private static DateOnly? ReadDate(HtmlNode node)
    {
        var time = node.Name == "time" ? node : ListingMarkup.Descendants(node).FirstOrDefault(e => e.Name == "time");
        if (time?.GetAttributeValue("datetime", "") is { Length: > 0 } machine && DateText.TryParseMachine(machine, out var m))
        {
            return m;
        }
        return DateText.TryFind(ListingMarkup.Text(node), out var d, out _) ? d : null;
    }

    private static bool IsDate(HtmlNode e)
    {
        if (e.Name == "time" && DateText.TryParseMachine(e.GetAttributeValue("datetime", ""), out _))
        {
            return true;
        }
        var text = ListingMarkup.Text(e);
        return text.Length is > 0 and <= 60 && DateText.TryFind(text, out _, out var share) && share >= 0.5;
    }

    private static bool IsTypeText(string text, string title, HtmlNode node) =>
        text.Length is > 0 and <= 60 && text != title && !IsDate(node) && !text.Any(char.IsDigit);

    private static bool IsTitleText(string text) =>
        text.Length >= 2 && text.Any(char.IsLetterOrDigit) && !NotTitles.Contains(text.Trim(' ', '.', '…', '›', '»', '→', '>')) && !IsTypeLabel(text);

    private static bool IsContentTitle(HtmlNode a, LinkReader links) => links.Read(a).IsContent && IsTitleText(ListingMarkup.Text(a));

    private static bool IsSummaryText(string text) => text.Length >= 20 && text.Count(c => c == ' ') >= 3;

    /// <summary>The row's main link to its item: a content link with real text, in a heading or a "title" element first.</summary>
    private static HtmlNode? TitleAnchor(HtmlNode row, LinkReader links, string? _)
    {
        HtmlNode? best = null;
        var bestScore = double.MinValue;
        var order = 0;
        foreach (var a in ListingMarkup.Descendants(row).Where(e => e.Name == "a"))
        {
            order++;
            if (!IsContentTitle(a, links))
            {
                continue;
            }
            var score = -order * 0.01 + Math.Min(ListingMarkup.Text(a).Length, 200) / 1000.0;
            for (var n = a; n is not null && n != row; n = n.ParentNode)
            {
                if (n.Name is "h1" or "h2" or "h3" or "h4" or "h5" or "h6")
                {
                    score += 3;
                }
                if (TitleClass().IsMatch(n.GetAttributeValue("class", "")))
                {
                    score += 2;
                }
            }
            if (score > bestScore)
            {
                best = a;
                bestScore = score;
            }
        }
        return best;
    }

    /// <summary>The deepest element of the row (outside the title link) that passes <paramref name="test"/>.</summary>
    private static HtmlNode? Deepest(HtmlNode row, HtmlNode? exclude, Func<HtmlNode, bool> test)
    {
        HtmlNode? found = null;
        foreach (var e in ListingMarkup.Descendants(row))
        {
            if (exclude is not null && (e == exclude || ListingMarkup.IsAncestorOf(exclude, e) || ListingMarkup.IsAncestorOf(e, exclude)))
            {
                continue;
            }
            if (test(e) && (found is null || ListingMarkup.IsAncestorOf(found, e)))
            {
                found = e;
            }
            else if (found is not null && !ListingMarkup.IsAncestorOf(found, e))
            {
                break;
            }
        }
        return found;
    }

    /// <summary>The row's longest block of text that is not the title, the type or the date: the highest element holding none of them.</summary>
    private static HtmlNode? SummaryCandidate(HtmlNode row, LinkReader links, string? titlePath, string? typePath, string? datePath)
    {
        var anchor = (titlePath is null ? null : ListingMarkup.Follow(row, titlePath)) ?? TitleAnchor(row, links, null);
        var taken = new[] { anchor, typePath is null ? null : ListingMarkup.Follow(row, typePath), datePath is null ? null : ListingMarkup.Follow(row, datePath) }
            .OfType<HtmlNode>().ToList();
        var title = anchor is null ? "" : ListingMarkup.Text(anchor);
        HtmlNode? best = null;
        var bestLength = 0;
        foreach (var e in ListingMarkup.Elements(row).SelectMany(Candidates))
        {
            var text = SummaryText(e);
            if (IsSummaryText(text) && text != title && text.Length > bestLength)
            {
                best = e;
                bestLength = text.Length;
            }
        }
        return best;

        // The element itself when it holds none of the taken ones, else its children (recursively).
        IEnumerable<HtmlNode> Candidates(HtmlNode e)
        {
            if (taken.Any(t => t == e || ListingMarkup.IsAncestorOf(t, e)))
            {
                return [];
            }
            return taken.Any(t => ListingMarkup.IsAncestorOf(e, t)) ? ListingMarkup.Elements(e).SelectMany(Candidates) : [e];
        }
    }

    /// <summary>A summary's text, without the "Read more" links that often close it.</summary>
    private static string SummaryText(HtmlNode e)
    {
        var text = ListingMarkup.Text(e);
        foreach (var a in ListingMarkup.Descendants(e).Where(x => x.Name == "a").Reverse())
        {
            var linkText = ListingMarkup.Text(a);
            if (linkText.Length > 0 && NotTitles.Contains(linkText.Trim(' ', '.', '…', '›', '»', '→', '>')) && text.EndsWith(linkText, StringComparison.Ordinal))
            {
                text = text[..^linkText.Length].TrimEnd(' ', '…', '|', '-');
            }
        }
        return text;
    }

    /// <summary>A hint path when it fits most rows, else the path the rows agree on by content.</summary>
    private static string? Choose(IReadOnlyList<HtmlNode> rows, string? hint, Func<HtmlNode, HtmlNode?> find, Func<HtmlNode, HtmlNode, bool> fits)
    {
        if (hint is not null && rows.Count(r => ListingMarkup.Follow(r, hint) is { } n && fits(r, n)) * 2 > rows.Count)
        {
            return hint;
        }
        return Majority(rows.Select(r => find(r) is { } n ? ListingMarkup.PathWithin(r, n) : null));
    }

    private static string? Majority(IEnumerable<string?> paths) =>
        paths.OfType<string>().GroupBy(p => p, StringComparer.Ordinal).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstOrDefault();

    /// <summary>A configured field selector, used only where the structure found nothing, and only when it reads something.</summary>
    private static string? FromConfig(IReadOnlyList<HtmlNode> rows, string selector, Func<HtmlNode, string?> reads, string field, List<string> warnings)
    {
        var paths = rows.Select(r => Select(r, selector) is { } n && reads(n) is not null ? ListingMarkup.PathWithin(r, n) : null).ToList();
        return Majority(paths);
    }

    /// <summary>Records a warning when the configured selector picks something else than the structure in most rows.</summary>
    private static void Disagree(IReadOnlyList<HtmlNode> rows, string selector, string? path, string field, List<string> warnings, int page)
    {
        if (string.IsNullOrWhiteSpace(selector) || rows.Count == 0)
        {
            return;
        }
        var differ = rows.Count(r =>
        {
            var configured = Select(r, selector);
            var structural = path is null ? null : ListingMarkup.Follow(r, path);
            return configured is not null && structural is not null ? configured != structural && !ListingMarkup.IsAncestorOf(configured, structural) && !ListingMarkup.IsAncestorOf(structural, configured)
                : (configured is null) != (structural is null);
        });
        if (differ * 2 > rows.Count)
        {
            warnings.Add($"Page {page}: the configured {field} selector {selector} disagrees with the listing's structure in {differ} of {rows.Count} rows; read the {field} {(path is null ? "as absent" : "at " + path)}.");
        }
    }

    private static HtmlNode? Select(HtmlNode row, string selector)
    {
        if (string.IsNullOrWhiteSpace(selector))
        {
            return null;
        }
        try
        {
            return row.SelectSingleNode(selector);
        }
        catch (System.Xml.XPath.XPathException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"^\s*(content\s+)?type\s*:\s*", RegexOptions.IgnoreCase)]
    private static partial Regex TypePrefix();

    [GeneratedRegex(@"title|heading|name", RegexOptions.IgnoreCase)]
    private static partial Regex TitleClass();
}
