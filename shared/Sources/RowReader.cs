using System.Text.RegularExpressions;
using HtmlAgilityPack;

namespace HubFeed.Sources;

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
        "less", "show more", "show less", "read less", "see less", "pdf", "link", "here", "click here", "continue reading", "full text", "open", "visit", "website", "share", "print",
        "leer más", "ver más", "más información", "descargar", "lire la suite", "en savoir plus", "voir plus", "télécharger",
        "подробнее", "читать далее", "阅读更多", "更多", "المزيد", "اقرأ المزيد",
    };

    private readonly LinkReader _links;
    private readonly string? _title;
    private readonly string? _type;
    private readonly string? _date;
    private readonly string? _summary;
    private readonly DateOrder _order;

    private RowReader(LinkReader links, string? title, string? type, string? date, string? summary, DateOrder order)
    {
        _order = order;
        _links = links;
        _title = title;
        _type = type;
        _date = date;
        _summary = summary;
    }

    public ListingStructure Structure(string rowXPath) => new(rowXPath, _title, _type, _date, _summary, _order);

    /// <summary>
    /// A label of the known type vocabulary ("Resource", "Practice Repository"…), with or without a "Type:" label, alone
    /// or as one part of a short line ("Resource · 29 Jan 2026").
    /// </summary>
    public static bool IsTypeLabel(string text) => VocabularyLabel(text) is not null;

    private static string? VocabularyLabel(string text)
    {
        if (ResourceTypes.ByLabel.ContainsKey(Label(text)))
        {
            return Label(text);
        }
        return text.Length <= 80 ? Segments(text).Select(Label).FirstOrDefault(ResourceTypes.ByLabel.ContainsKey) : null;
    }

    /// <summary>
    /// The type label an element shows: a vocabulary label, or (at the type's place in the row) the one short part of
    /// its text that is not a date, so a label the vocabulary does not know yet ("Podcast") is kept as shown.
    /// </summary>
    private static string? TypeLabelOf(string text, string title)
    {
        if (VocabularyLabel(text) is { } known)
        {
            return known;
        }
        if (text.Length is 0 or > 80 || text == title)
        {
            return null;
        }
        var parts = Segments(text).Where(p => !(DateText.TryFind(p, out _, out var share) && share >= 0.9)).ToList();
        return parts is [var only] && only.Length <= 40 && !only.Any(char.IsDigit) ? Label(only) : null;
    }

    /// <summary>The parts of a short line: "Resource · 29 Jan 2026" is "Resource" and "29 Jan 2026".</summary>
    internal static IEnumerable<string> Segments(string text) =>
        text.AsSpan().IndexOfAny(SeparatorChars) < 0 ? [text] : Separators().Split(text).Select(p => p.Trim()).Where(p => p.Length > 0);

    private static readonly System.Buffers.SearchValues<char> SeparatorChars = System.Buffers.SearchValues.Create("|·•/;-–—,");

    private static string Label(string text) => TypePrefix().Replace(text, "").TrimEnd(':', ' ').Trim();

    /// <summary>Learns the field paths from the page's rows (an earlier page's structure first, configured selectors to fill gaps).</summary>
    public static RowReader Learn(IReadOnlyList<HtmlNode> rows, LinkReader links, SourceDefinition source, ListingStructure? hint, List<string> warnings, int page, DateOrder order)
    {
        var s = source.Selectors;
        var title = Choose(rows, hint?.Title, row => TitleAnchor(row, links), (row, n) => n.Name == "a" && IsContentTitle(n, links));
        var type = Choose(rows, hint?.Type, row => Deepest(row, null, e => IsTypeLabel(TypeText(e))), (row, n) => IsTypeLabel(TypeText(n)));
        var date = Choose(rows, hint?.Date, row => Deepest(row, null, e => IsPublishedDate(e, row)), (row, n) => IsPublishedDate(n, row));
        string? summary = null;
        if (hint?.Summary is { } hs && rows.Any(r => ListingMarkup.Follow(r, hs) is { } n && IsSummaryText(ListingMarkup.Text(n, withoutLabels: true))))
        {
            summary = hs;
        }
        summary ??= Majority(rows.Select(row => SummaryCandidate(row, links, title, type, date) is { } n ? ListingMarkup.PathWithin(row, n) : null));

        // Configured selectors: checked against what the structure says; used where the structure found nothing.
        type ??= FromConfig(rows, s.Type, n => TypeText(n) is { Length: > 0 and <= 60 } t && !IsDate(n) ? t : null);
        date ??= FromConfig(rows, s.Date, n => IsDate(n) && DateRoleOf(n, n.ParentNode) != DateRole.Updated ? "" : null);
        summary ??= FromConfig(rows, s.Summary, n => IsSummaryText(ListingMarkup.Text(n, withoutLabels: true)) ? "" : null);
        if (hint is null)
        {
            // Once per crawl, on the first page: later pages are read with its structure.
            Disagree(rows, s.Title, title, "title", warnings, page);
            Disagree(rows, s.Type, type, "type", warnings, page);
            Disagree(rows, s.Date, date, "date", warnings, page);
        }
        return new RowReader(links, title, type, date, summary, order);
    }

    /// <summary>The longest title and summary kept; longer ones are cut at a word boundary with "…" (hostile pages stay bounded).</summary>
    public const int MaxTitle = 500;
    public const int MaxSummary = 2000;

    public RowReading Read(HtmlNode row, int page, int position, List<string> warnings)
    {
        var anchors = ListingMarkup.Descendants(row).Where(e => e.Name == "a").ToList();
        if (anchors.Count == 0)
        {
            return new RowReading.SetAside("the row has no link");
        }
        // At the title's learned place any text is the title (emoji, ﷽, one character); elsewhere it must look like one.
        var anchor = (_title is null ? null : ListingMarkup.Follow(row, _title)) is { } a && _links.Read(a).IsContent && ListingMarkup.Text(TitleNode(a)).Length > 0
            ? a : TitleAnchor(row, _links);
        if (anchor is null)
        {
            // Say what is wrong with the link a reader would take for the title.
            var shown = anchors.FirstOrDefault(x => IsTitleText(ListingMarkup.Text(x)));
            return new RowReading.SetAside(shown is null ? "the row's link has no readable title" : _links.Read(shown).Problem ?? "the row has no link to a Hub item");
        }
        var link = _links.Read(anchor);
        var titleNode = TitleNode(anchor);
        var url = link.Canonical!;
        var where = $"Page {page}, row {position} ({url})";
        var title = Bounded(FullTitle(anchor, titleNode, ListingMarkup.Text(titleNode)), MaxTitle, "title", where, warnings);

        var typeLabel = TypeAtPlace(row, titleNode, title)
            ?? (Deepest(row, titleNode, e => IsTypeLabel(TypeText(e))) is { } found ? VocabularyLabel(TypeText(found)) ?? "" : "");
        if (!ResourceTypes.TryMap(typeLabel, out var type))
        {
            warnings.Add(typeLabel.Length == 0 ? $"{where}: no type label." : $"{where}: unknown type label \"{typeLabel}\", kept as is.");
        }
        var date = DateOf(row, titleNode, where, warnings);
        var summary = SummaryOf(row, titleNode, title) is { } text ? Bounded(text, MaxSummary, "summary", where, warnings) : null;

        var hreflang = anchor.GetAttributeValue("hreflang", "").Trim().ToLowerInvariant();
        var lang = anchor.GetAttributeValue("lang", "").Trim().ToLowerInvariant();
        var language = link.Language ?? (hreflang.Length > 0 ? hreflang : lang.Length > 0 ? lang : null);
        return new RowReading.Row(new ListingRow(url.AbsoluteUri, title, typeLabel, type, date, summary, language));
    }

    /// <summary>
    /// The row's published date: the one at the date's place or labelled published/posted/created, else the only one.
    /// A date labelled "updated" is never the published date: a row with only that one has none.
    /// </summary>
    private DateOnly? DateOf(HtmlNode row, HtmlNode titleNode, string where, List<string> warnings)
    {
        var atPlace = _date is null ? null : ListingMarkup.Follow(row, _date);
        var dateNode = atPlace is not null && DateRoleOf(atPlace, row) != DateRole.Updated ? atPlace : Deepest(row, titleNode, e => IsPublishedDate(e, row));
        if (dateNode is null)
        {
            return null;
        }
        if (ReadDate(dateNode, _order, out var ambiguous) is { } d)
        {
            return d;
        }
        if (ListingMarkup.Text(dateNode, withoutLabels: true) is { Length: > 0 } text)
        {
            var shown = text.Length > 60 ? text[..60] + "…" : text;
            warnings.Add(ambiguous
                ? $"{where}: \"{shown}\" could be day/month or month/day and nothing in the listing (a day over 12, a weekday) says which; kept without a date."
                : $"{where}: \"{shown}\" is not a date this reader knows; kept without a date.");
        }
        return null;
    }

    private string? SummaryOf(HtmlNode row, HtmlNode titleNode, string title)
    {
        if (_summary is not null && ListingMarkup.Follow(row, _summary) is { } sn && !ListingMarkup.IsAncestorOf(sn, titleNode) && sn != titleNode && !ListingMarkup.IsAncestorOf(titleNode, sn))
        {
            var text = SummaryText(sn);
            return text.Length > 0 && text != title ? text : null;
        }
        return null;
    }

    /// <summary>
    /// A link text cut with an ellipsis yields to the link's title or aria-label when that is the same text, longer:
    /// what a person reads on hovering, or a screen reader says.
    /// </summary>
    private static string FullTitle(HtmlNode anchor, HtmlNode titleNode, string shown)
    {
        if (!shown.EndsWith('…') && !shown.EndsWith("...", StringComparison.Ordinal))
        {
            return shown;
        }
        var stem = shown.TrimEnd('…', '.', ' ');
        foreach (var node in titleNode == anchor ? [anchor] : new[] { titleNode, anchor })
        {
            foreach (var attribute in (string[])["title", "aria-label"])
            {
                var full = ListingMarkup.Clean(node.GetAttributeValue(attribute, ""));
                if (full.Length > stem.Length && stem.Length > 0 && full.StartsWith(stem, StringComparison.Ordinal))
                {
                    return full;
                }
            }
        }
        return shown;
    }

    /// <summary>At most <paramref name="max"/> characters, cut at a word boundary with "…"; the cut is noted with the full length.</summary>
    private static string Bounded(string text, int max, string field, string where, List<string> warnings)
    {
        if (text.Length <= max)
        {
            return text;
        }
        var cut = text.LastIndexOf(' ', max - 1);
        var kept = (cut > max / 2 ? text[..cut] : text[..(max - 1)]).TrimEnd();
        if (char.IsHighSurrogate(kept[^1]))
        {
            kept = kept[..^1];
        }
        warnings.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{where}: {field} of {text.Length} characters cut to {kept.Length + 1}."));
        return kept + "…";
    }

    /// <summary>The type at its learned place: the element at the path, or one of that tag sharing a class with it.</summary>
    private string? TypeAtPlace(HtmlNode row, HtmlNode titleNode, string title)
    {
        if (_type is null)
        {
            return null;
        }
        var candidates = ListingMarkup.Follow(row, _type) is { } exact ? [exact] : ListingMarkup.FollowLoosely(row, _type);
        return candidates.Where(t => t != titleNode && !ListingMarkup.IsAncestorOf(t, titleNode))
            .Select(t => TypeLabelOf(TypeText(t), title)).FirstOrDefault(label => label is not null);
    }

    private static DateOnly? ReadDate(HtmlNode node, DateOrder order, out bool ambiguous)
    {
        ambiguous = false;
        var time = node.Name == "time" ? node : ListingMarkup.Descendants(node).FirstOrDefault(e => e.Name == "time");
        if (time?.GetAttributeValue("datetime", "") is { Length: > 0 } machine && DateText.TryParseMachine(machine, out var m))
        {
            return m;
        }
        var text = ListingMarkup.Text(node, withoutLabels: true);
        if (DateText.TryRead(text, order, out var d, out ambiguous))
        {
            return d;
        }
        foreach (var part in Segments(text))
        {
            if (DateText.TryRead(part, order, out var p, out var unsure))
            {
                return p;
            }
            ambiguous |= unsure;
        }
        return null;
    }

    private enum DateRole
    {
        Unknown,
        Published,
        Updated,
    }

    /// <summary>A date that may be the published one: a date not labelled as an update.</summary>
    private static bool IsPublishedDate(HtmlNode e, HtmlNode row) => IsDate(e) && DateRoleOf(e, row) != DateRole.Updated;

    /// <summary>
    /// What a date says it is, from its field: the words of its class or itemprop ("views-field-changed", "dateModified"),
    /// a label inside it ("Last updated: …") or the label just before it (a dt, a span), climbing to the row.
    /// </summary>
    private static DateRole DateRoleOf(HtmlNode date, HtmlNode? row)
    {
        for (var n = date; n is not null && n != row && n.NodeType == HtmlNodeType.Element; n = n.ParentNode)
        {
            var own = ListingMarkup.Text(n);
            if (own.Length > 80)
            {
                break; // out of the date's field
            }
            var names = n.GetAttributeValue("class", "") + " " + n.GetAttributeValue("itemprop", "") + " " + n.GetAttributeValue("property", "");
            var label = n.PreviousSibling;
            while (label is not null && (label.NodeType == HtmlNodeType.Comment || (label.NodeType == HtmlNodeType.Text && label.InnerText.AsSpan().IsWhiteSpace())))
            {
                label = label.PreviousSibling;
            }
            var before = label is null ? "" : ListingMarkup.Text(label);
            foreach (var words in new[] { names, own, before.Length <= 40 && !IsDateText(before) ? before : "" })
            {
                if (UpdatedWords().IsMatch(words))
                {
                    return DateRole.Updated;
                }
                if (PublishedWords().IsMatch(words))
                {
                    return DateRole.Published;
                }
            }
        }
        return DateRole.Unknown;
    }

    private static bool IsDate(HtmlNode e)
    {
        if (e.Name == "time" && DateText.TryParseMachine(e.GetAttributeValue("datetime", ""), out _))
        {
            return true;
        }
        return IsDateText(ListingMarkup.Text(e, withoutLabels: true));
    }

    /// <summary>
    /// The element that holds the title: the link itself, or, when the link wraps a whole card (heading, type, date,
    /// summary), the heading in it, else its first block that is not a type or a date.
    /// </summary>
    private static HtmlNode TitleNode(HtmlNode anchor)
    {
        if (ListingMarkup.Descendants(anchor).FirstOrDefault(e => e.Name is "h1" or "h2" or "h3" or "h4" or "h5" or "h6") is { } heading)
        {
            return heading;
        }
        var blocks = ListingMarkup.Elements(anchor).ToList();
        if (blocks.Count > 1 && blocks.Any(b => IsDate(b) || IsTypeLabel(TypeText(b))))
        {
            return blocks.FirstOrDefault(b => !IsDate(b) && !IsTypeLabel(TypeText(b)) && IsTitleText(ListingMarkup.Text(b))) ?? anchor;
        }
        return anchor;
    }

    /// <summary>What an element says as a type: its text without a field label, or an icon's accessible name.</summary>
    private static string TypeText(HtmlNode e)
    {
        var text = ListingMarkup.Text(e, withoutLabels: true);
        if (text.Length > 0 || ListingMarkup.Elements(e).Any())
        {
            return text;
        }
        foreach (var attribute in (string[])["aria-label", "title", "alt", "data-type"])
        {
            if (e.GetAttributeValue(attribute, "") is { Length: > 0 } value)
            {
                return ListingMarkup.Clean(value);
            }
        }
        return "";
    }

    /// <summary>A short text that is a date, or a short line one part of which is a date ("Resource · 29 Jan 2026").</summary>
    public static bool IsDateText(string text) => IsDateLine(DateLabel().Replace(text, ""));

    private static bool IsDateLine(string text) =>
        text.Length is > 0 and <= 80 && text.AsSpan().IndexOfAnyInRange('0', '9') >= 0
        && ((DateText.TryFind(text, out _, out var share) && share >= 0.5)
            || Segments(text).Any(p => DateText.TryFind(p, out _, out var part) && part >= 0.9));

    private static bool IsTitleText(string text) =>
        text.Length >= 2 && text.Any(char.IsLetterOrDigit) && !NotTitles.Contains(text.Trim(' ', '.', '…', '›', '»', '→', '>')) && !IsTypeLabel(text);

    private static bool IsContentTitle(HtmlNode a, LinkReader links) => links.Read(a).IsContent && IsTitleText(ListingMarkup.Text(TitleNode(a)));

    private static bool IsSummaryText(string text) => text.Length >= 20 && text.Count(c => c == ' ') >= 3;

    /// <summary>The row's main link to its item: a content link with real text, in a heading or a "title" element first.</summary>
    private static HtmlNode? TitleAnchor(HtmlNode row, LinkReader links)
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
            var score = -order * 0.01 + Math.Min(ListingMarkup.Text(TitleNode(a)).Length, 200) / 1000.0
                // An item path (/resources/…, /pledge/…, /node/…) over an organisation's or a tag's.
                + (ItemSection(links.Read(a).Canonical!) ? 3 : 0);
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

    private static readonly HashSet<string> Sections = new(ResourceTypes.ByLabel.Values.SelectMany(t => new[] { t, t + "s" }).Append("node"), StringComparer.OrdinalIgnoreCase);

    /// <summary>A path whose first part names a content type the Hub lists (resources, practice, pledge, node…).</summary>
    private static bool ItemSection(Uri url) => url.Segments.Length > 1 && Sections.Contains(url.Segments[1].TrimEnd('/'));

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
        var anchor = (titlePath is null ? null : ListingMarkup.Follow(row, titlePath)) ?? TitleAnchor(row, links);
        var titleNode = anchor is null ? null : TitleNode(anchor);
        var taken = new[] { titleNode, typePath is null ? null : ListingMarkup.Follow(row, typePath), datePath is null ? null : ListingMarkup.Follow(row, datePath) }
            .OfType<HtmlNode>().ToList();
        var title = titleNode is null ? "" : ListingMarkup.Text(titleNode);
        HtmlNode? best = null;
        var bestLength = 0;
        foreach (var e in ListingMarkup.Elements(row).SelectMany(Candidates))
        {
            var text = SummaryText(e);
            if (IsSummaryText(text) && text != title && text.Length > bestLength && !MostlyLinks(e, text))
            {
                best = e;
                bestLength = text.Length;
            }
        }
        return best;

        // The element itself when it holds none of the taken ones, else its children (recursively).
        IEnumerable<HtmlNode> Candidates(HtmlNode e)
        {
            // A date line ("Last updated: 12 Mar 2026") is no summary.
            if (taken.Any(t => t == e || ListingMarkup.IsAncestorOf(t, e)) || IsDate(e))
            {
                return [];
            }
            return taken.Any(t => ListingMarkup.IsAncestorOf(e, t)) ? ListingMarkup.Elements(e).SelectMany(Candidates) : [e];
        }
    }

    /// <summary>Link text is not prose: an element whose text is mostly links (an organisation, tags) is no summary.</summary>
    private static bool MostlyLinks(HtmlNode e, string text) =>
        (e.Name == "a" ? text.Length : ListingMarkup.Descendants(e).Where(x => x.Name == "a").Sum(a => ListingMarkup.Text(a).Length)) * 2 > text.Length;

    /// <summary>A summary's text, without the "Read more" links that often close it.</summary>
    private static string SummaryText(HtmlNode e)
    {
        var text = ListingMarkup.Text(e, withoutLabels: true);
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

    /// <summary>
    /// A hint path when it fits most rows, else the path the rows agree on by content. <paramref name="fits"/> takes
    /// (row, node at the hint's path): a hint that never fits is searched for again on every page.
    /// </summary>
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
    private static string? FromConfig(IReadOnlyList<HtmlNode> rows, string selector, Func<HtmlNode, string?> reads)
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

    private static HtmlNode? Select(HtmlNode row, string selector) => ListingMarkup.SelectFirst(row, selector);

    [GeneratedRegex(@"^\s*(content\s+)?type\s*:\s*", RegexOptions.IgnoreCase)]
    private static partial Regex TypePrefix();

    [GeneratedRegex(@"^[^\d:]{1,30}:\s*")]
    private static partial Regex DateLabel();

    [GeneratedRegex(@"updated|modified|changed|revised|last edit|actualiz|mis à jour|modifi", RegexOptions.IgnoreCase)]
    private static partial Regex UpdatedWords();

    [GeneratedRegex(@"publish|posted|created|issued|publicad|publié", RegexOptions.IgnoreCase)]
    private static partial Regex PublishedWords();

    [GeneratedRegex(@"title|heading|name", RegexOptions.IgnoreCase)]
    private static partial Regex TitleClass();

    [GeneratedRegex(@"\s*[|·•/;]\s*|\s+[-–—]\s+|,\s+(?=\D)")]
    private static partial Regex Separators();
}
