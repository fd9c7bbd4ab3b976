using HtmlAgilityPack;

namespace HubFeed.Sources;

/// <summary>
/// Finds the listing's rows: the group of same-tag siblings, each holding a link, whose size is the number the results
/// line promises; among several, the one whose members look most like listing rows (a link to Hub content in each,
/// each a different item, type labels and dates). A configured selector or the structure found on an earlier page is
/// tried first and kept when it yields exactly that many rows.
/// </summary>
public static class RowFinder
{
    private sealed class Marks
    {
        public bool Anchor;
        public bool Content;
        public bool Type;
        public bool Date;
        public bool Prose;
        public string? Url;
    }

    public static RowGroup? Find(HtmlDocument doc, int? expected, LinkReader links, string? configured, string? hint, List<string> warnings)
    {
        var fromConfig = ByXPath(doc, configured, expected, links);
        if (fromConfig is not null)
        {
            return fromConfig;
        }
        var fromHint = hint == configured ? null : ByXPath(doc, hint, expected, links);
        if (fromHint is not null)
        {
            return fromHint;
        }
        var inferred = Infer(doc, expected, Mark(doc, links));
        if (inferred is not null && !string.IsNullOrWhiteSpace(configured))
        {
            warnings.Add($"The configured row selector {configured} found {Count(doc, configured)} rows where the page lists {expected?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "a listing"}; read with the structure {inferred.XPath} instead.");
        }
        return inferred;
    }

    private static int Count(HtmlDocument doc, string xpath) => ListingMarkup.Select(doc.DocumentNode, xpath).Count;

    private static RowGroup? ByXPath(HtmlDocument doc, string? xpath, int? expected, LinkReader links)
    {
        if (string.IsNullOrWhiteSpace(xpath))
        {
            return null;
        }
        var nodes = ListingMarkup.Select(doc.DocumentNode, xpath);
        if (nodes.Count == 0)
        {
            return null;
        }
        var anchors = nodes.ToDictionary(n => n, n => ListingMarkup.Descendants(n).Where(e => e.Name == "a" && e.Attributes.Contains("href")).ToList());
        var rows = nodes.Where(n => anchors[n].Count > 0).ToList();
        var content = rows.Count(n => anchors[n].Any(a => links.Read(a).IsContent));
        // Rows nested in rows (a selector that matches a wrapper and its items) are not a listing.
        var nested = rows.Any(r => rows.Any(o => o != r && ListingMarkup.IsAncestorOf(o, r)));
        var fits = expected is { } e ? rows.Count == e || (nodes.Count == e && rows.Count < e) : rows.Count > 0;
        return fits && content > 0 && !nested ? new RowGroup(expected is { } n && nodes.Count == n ? nodes : rows, xpath) : null;
    }

    /// <summary>Marks every element that holds a link, a content link, a type label or a date, from the bottom up.</summary>
    private static Dictionary<HtmlNode, Marks> Mark(HtmlDocument doc, LinkReader links)
    {
        var marks = new Dictionary<HtmlNode, Marks>();
        foreach (var e in ListingMarkup.Descendants(doc.DocumentNode))
        {
            MarkElement(e, links, marks);
            MarkTexts(e, marks);
        }
        return marks;
    }

    /// <summary>Sets a mark on an element and every element above it.</summary>
    private static void Up(Dictionary<HtmlNode, Marks> marks, HtmlNode from, Action<Marks> set)
    {
        for (var n = from; n is not null && n.NodeType != HtmlNodeType.Document; n = n.ParentNode)
        {
            if (!marks.TryGetValue(n, out var m))
            {
                marks[n] = m = new Marks();
            }
            set(m);
        }
    }

    /// <summary>What the element is: a link (to content or not), a machine-readable date, a type shown as a named icon.</summary>
    private static void MarkElement(HtmlNode e, LinkReader links, Dictionary<HtmlNode, Marks> marks)
    {
        if (e.Name == "a" && e.Attributes.Contains("href"))
        {
            var target = links.Read(e);
            Up(marks, e, m => m.Anchor = true);
            if (target.IsContent)
            {
                var url = target.Canonical!.AbsoluteUri;
                Up(marks, e, m =>
                {
                    m.Content = true;
                    m.Url ??= url;
                });
            }
        }
        else if (e.Name == "time" && e.Attributes.Contains("datetime"))
        {
            Up(marks, e, m => m.Date = true);
        }
        else if (!e.HasChildNodes && (e.GetAttributeValue("aria-label", null) ?? e.GetAttributeValue("title", null) ?? e.GetAttributeValue("alt", null)) is { } name
            && RowReader.IsTypeLabel(ListingMarkup.Clean(name)))
        {
            // A type shown as an icon, named for screen readers.
            Up(marks, e, m => m.Type = true);
        }
    }

    /// <summary>What the element's own text says: prose, a type label, a date.</summary>
    private static void MarkTexts(HtmlNode e, Dictionary<HtmlNode, Marks> marks)
    {
        foreach (var t in e.ChildNodes)
        {
            if (t.NodeType != HtmlNodeType.Text || ((HtmlTextNode)t).Text is not { } raw || raw.AsSpan().IsWhiteSpace())
            {
                continue;
            }
            var text = ListingMarkup.Clean(raw);
            if (text.Length > 40 && e.Name != "a")
            {
                Up(marks, e, m => m.Prose = true);
            }
            if (text.Length is 0 or > 80)
            {
                continue;
            }
            if (RowReader.IsTypeLabel(text))
            {
                Up(marks, e, m => m.Type = true);
            }
            // A date has a year: no digit, no date.
            if (text.AsSpan().IndexOfAnyInRange('0', '9') >= 0 && RowReader.IsDateText(text))
            {
                Up(marks, e, m => m.Date = true);
            }
        }
    }

    private static RowGroup? Infer(HtmlDocument doc, int? expected, Dictionary<HtmlNode, Marks> marks)
    {
        var best = new Choice(expected, marks);
        foreach (var members in ClassGroups(marks))
        {
            var classes = ListingMarkup.StableClasses(members[0]);
            best.Consider(members, Depth(members[0]) - 1,
                () => "//" + members[0].Name + string.Concat(classes.Select(c => $"[contains(concat(' ', normalize-space(@class), ' '), ' {c} ')]")));
        }
        foreach (var parent in ListingMarkup.Descendants(doc.DocumentNode).Prepend(doc.DocumentNode))
        {
            if (!marks.TryGetValue(parent, out var pm) && parent.NodeType != HtmlNodeType.Document || (pm is not null && !pm.Content))
            {
                continue;
            }
            foreach (var byTag in ListingMarkup.Elements(parent).GroupBy(e => e.Name))
            {
                var tag = byTag.Key;
                best.Consider(byTag.ToList(), Depth(parent), () => ListingMarkup.RowXPath(parent, tag));
            }
        }
        return best.Group;
    }

    /// <summary>
    /// Rows that share a class wherever they sit (a grid's cells, a featured first row in a container of its own), in
    /// document order; not siblings (the groups by parent find those), not members nested in members.
    /// </summary>
    private static IEnumerable<List<HtmlNode>> ClassGroups(Dictionary<HtmlNode, Marks> marks)
    {
        var byClass = new Dictionary<string, List<HtmlNode>>(StringComparer.Ordinal);
        foreach (var (e, mark) in marks)
        {
            if (e.NodeType == HtmlNodeType.Element && mark.Content && ListingMarkup.ClassKey(e) is { Length: > 0 } classes)
            {
                var key = e.Name + "." + classes;
                (byClass.TryGetValue(key, out var list) ? list : byClass[key] = []).Add(e);
            }
        }
        return byClass.Values.Where(members => members.Count >= 2
                && !members.Any(a => members.Any(b => a != b && ListingMarkup.IsAncestorOf(a, b)))
                && members.Select(x => x.ParentNode).Distinct().Count() > 1)
            .Select(members => members.OrderBy(x => x.StreamPosition).ToList());
    }

    /// <summary>The best group of rows seen so far: the highest score, the deepest on a tie.</summary>
    private sealed class Choice(int? expected, Dictionary<HtmlNode, Marks> marks)
    {
        private double _score = double.MinValue;
        private int _depth = -1;

        public RowGroup? Group { get; private set; }

        public void Consider(List<HtmlNode> members, int depth, Func<string> xpath)
        {
            var linked = members.Where(m => marks.TryGetValue(m, out var k) && k.Anchor).ToList();
            var rows = expected is { } e ? (linked.Count == e ? linked : members.Count == e ? members : []) : linked;
            if (rows.Count == 0 || Score(rows) is not { } score)
            {
                return;
            }
            // Equal scores: the deepest group, so a lone row is its own element, not the page around it.
            if (score > _score + 1e-9 || (Math.Abs(score - _score) <= 1e-9 && depth > _depth))
            {
                Group = new RowGroup(rows, xpath());
                _score = score;
                _depth = depth;
            }
        }

        /// <summary>How much the rows look like a listing's: content links in each, each a different item, types, dates, prose.</summary>
        private double? Score(List<HtmlNode> rows)
        {
            var m = rows.Select(r => marks.TryGetValue(r, out var k) ? k : new Marks()).ToList();
            var content = m.Count(x => x.Content);
            if (content == 0)
            {
                return null;
            }
            var distinct = m.Where(x => x.Url is not null).Select(x => x.Url).Distinct(StringComparer.Ordinal).Count();
            double Share(Func<Marks, bool> has) => m.Count(has) / (double)m.Count;
            return 4 * Share(x => x.Content) + Share(x => x.Type) + Share(x => x.Date) + 0.5 * Share(x => x.Prose) + (distinct == content ? 0.5 : 0)
                + (expected is null ? Math.Log(rows.Count) : 0);
        }
    }

    private static int Depth(HtmlNode n)
    {
        var depth = 0;
        for (; n.ParentNode is not null; n = n.ParentNode)
        {
            depth++;
        }
        return depth;
    }
}
