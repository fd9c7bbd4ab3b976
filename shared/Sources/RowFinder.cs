using HtmlAgilityPack;

namespace HubFeed.Sources;

/// <summary>The rows of a listing page, and the XPath that names them.</summary>
public sealed record RowGroup(IReadOnlyList<HtmlNode> Rows, string XPath);

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
        void Up(HtmlNode from, Action<Marks> set)
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
        foreach (var e in ListingMarkup.Descendants(doc.DocumentNode))
        {
            if (e.Name == "a" && e.Attributes.Contains("href"))
            {
                var target = links.Read(e);
                Up(e, m => m.Anchor = true);
                if (target.IsContent)
                {
                    var url = target.Canonical!.AbsoluteUri;
                    Up(e, m =>
                    {
                        m.Content = true;
                        m.Url ??= url;
                    });
                }
            }
            else if (e.Name == "time" && e.Attributes.Contains("datetime"))
            {
                Up(e, m => m.Date = true);
            }
            else if (!e.HasChildNodes && (e.GetAttributeValue("aria-label", null) ?? e.GetAttributeValue("title", null) ?? e.GetAttributeValue("alt", null)) is { } name
                && RowReader.IsTypeLabel(ListingMarkup.Clean(name)))
            {
                // A type shown as an icon, named for screen readers.
                Up(e, m => m.Type = true);
            }
            foreach (var t in e.ChildNodes.Where(c => c.NodeType == HtmlNodeType.Text))
            {
                var raw = ((HtmlTextNode)t).Text;
                if (raw.AsSpan().IsWhiteSpace())
                {
                    continue;
                }
                var text = ListingMarkup.Clean(raw);
                if (text.Length > 40 && e.Name != "a")
                {
                    Up(e, m => m.Prose = true);
                }
                if (text.Length is 0 or > 80)
                {
                    continue;
                }
                if (RowReader.IsTypeLabel(text))
                {
                    Up(e, m => m.Type = true);
                }
                // A date has a year: no digit, no date.
                if (text.AsSpan().IndexOfAnyInRange('0', '9') >= 0 && RowReader.IsDateText(text))
                {
                    Up(e, m => m.Date = true);
                }
            }
        }
        return marks;
    }

    private static RowGroup? Infer(HtmlDocument doc, int? expected, Dictionary<HtmlNode, Marks> marks)
    {
        RowGroup? best = null;
        var bestScore = double.MinValue;
        var bestDepth = -1;
        void Consider(List<HtmlNode> members, int depth, Func<string> xpath)
        {
            var linked = members.Where(m => marks.TryGetValue(m, out var k) && k.Anchor).ToList();
            var rows = expected is { } e ? (linked.Count == e ? linked : members.Count == e ? members : []) : linked;
            if (rows.Count == 0)
            {
                return;
            }
            var m = rows.Select(r => marks.TryGetValue(r, out var k) ? k : new Marks()).ToList();
            var content = m.Count(x => x.Content);
            if (content == 0)
            {
                return;
            }
            var distinct = m.Where(x => x.Url is not null).Select(x => x.Url).Distinct(StringComparer.Ordinal).Count();
            double Share(Func<Marks, bool> has) => m.Count(has) / (double)m.Count;
            var score = 4 * Share(x => x.Content) + Share(x => x.Type) + Share(x => x.Date) + 0.5 * Share(x => x.Prose) + (distinct == content ? 0.5 : 0)
                + (expected is null ? Math.Log(rows.Count) : 0);
            // Equal scores: the deepest group, so a lone row is its own element, not the page around it.
            if (score > bestScore + 1e-9 || (Math.Abs(score - bestScore) <= 1e-9 && depth > bestDepth))
            {
                best = new RowGroup(rows, xpath());
                bestScore = score;
                bestDepth = depth;
            }
        }

        // Rows that share a class wherever they sit (a grid's cells, a featured first row in a container of its own).
        var byClass = new Dictionary<string, List<HtmlNode>>(StringComparer.Ordinal);
        foreach (var e in marks.Keys.Where(k => k.NodeType == HtmlNodeType.Element && marks[k].Content))
        {
            if (ListingMarkup.StableClasses(e) is { Count: > 0 } classes)
            {
                var key = e.Name + "." + string.Join('.', classes);
                (byClass.TryGetValue(key, out var list) ? list : byClass[key] = []).Add(e);
            }
        }
        foreach (var (key, members) in byClass)
        {
            // Members nested in members are not a listing's rows.
            if (members.Count < 2 || members.Any(a => members.Any(b => a != b && ListingMarkup.IsAncestorOf(a, b))))
            {
                continue;
            }
            var parents = members.Select(x => x.ParentNode).Distinct().Count();
            if (parents == 1)
            {
                continue; // siblings: the group below finds them
            }
            var classes = ListingMarkup.StableClasses(members[0]);
            Consider(members.OrderBy(x => x.StreamPosition).ToList(), Depth(members[0]) - 1,
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
                Consider(byTag.ToList(), Depth(parent), () => ListingMarkup.RowXPath(parent, tag));
            }
        }
        return best;
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
