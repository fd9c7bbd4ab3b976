using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using HtmlAgilityPack;
using HubFeed.Tests.Faults;

namespace HubFeed.Tests.Sources;

/// <summary>
/// Plausible ways a Drupal site can change the Objective 11 listing's markup without changing its content: each is
/// the whole snapshot (22 pages) rewritten, so a correct reader gets exactly expected.json from every one (or refuses).
/// The judge's variants are not these: the reader must not be tuned to this list.
/// </summary>
public static partial class MarkupVariants
{
    public sealed record Variant(string Name, Func<IReadOnlyDictionary<int, string>, IReadOnlyDictionary<int, string>> Apply)
    {
        private readonly Lazy<IReadOnlyDictionary<int, string>> _ofSnapshot = new(() => Apply(Snapshot));

        /// <summary>The snapshot with this change applied, worked out once: the reader, pipeline and CLI tests all read it.</summary>
        public IReadOnlyDictionary<int, string> OfSnapshot => _ofSnapshot.Value;
    }

    public static IReadOnlyDictionary<int, string> Snapshot { get; } = Enumerable.Range(0, SnapshotTruth.Load().Pages)
        .ToDictionary(p => p, p => File.ReadAllText(Repo.Path("seeds", "snapshot", "objective-11", $"page-{p}.html")));

    public static IReadOnlyList<Variant> All { get; } =
    [
        Dom("renamed field classes", doc => RenameClasses(doc, new()
        {
            ["views-row"] = "node--teaser", ["views-field-title"] = "field--name-title", ["views-field-type"] = "field--name-type",
            ["views-field-created"] = "field--name-created", ["views-field-body"] = "field--name-body", ["field-content"] = "field__item",
            ["view-content"] = "view__content", ["view-header"] = "view__header", ["views-field"] = "field",
        })),
        Dom("rows as an HTML list", doc =>
        {
            foreach (var content in Nodes(doc, "//div[@class='view-content']"))
            {
                content.Name = "ul";
                content.SetAttributeValue("class", "item-list");
            }
            foreach (var row in Rows(doc))
            {
                row.Name = "li";
            }
        }),
        Dom("rows as articles with the title in a heading", doc =>
        {
            foreach (var row in Rows(doc))
            {
                row.Name = "article";
                row.SetAttributeValue("class", "node node--type-resource node--view-mode-teaser");
                var title = row.SelectSingleNode(".//div[contains(@class,'views-field-title')]")!;
                title.Name = "h3";
                title.SetAttributeValue("class", "node__title");
            }
        }),
        Dom("rows as a table", doc =>
        {
            foreach (var content in Nodes(doc, "//div[@class='view-content']"))
            {
                var table = HtmlNode.CreateNode("<table class=\"views-table\"><thead><tr><th>Title</th><th>Type</th><th>Date</th><th>Summary</th></tr></thead><tbody></tbody></table>");
                var body = table.SelectSingleNode(".//tbody")!;
                foreach (var row in Rows(doc).Where(r => r.ParentNode == content))
                {
                    var tr = HtmlNode.CreateNode("<tr></tr>");
                    foreach (var field in new[] { "title", "type", "created", "body" })
                    {
                        var td = HtmlNode.CreateNode($"<td class=\"views-field views-field-{field}\"></td>");
                        if (row.SelectSingleNode($".//div[contains(@class,'views-field-{field}')]") is { } cell)
                        {
                            td.InnerHtml = cell.InnerHtml;
                        }
                        tr.AppendChild(td);
                    }
                    body.AppendChild(tr);
                }
                content.RemoveAllChildren();
                content.AppendChild(table);
            }
        }),
        Text("dates with the month in full", html => ShortDate().Replace(html, m => Date(m).ToString("d MMMM yyyy", CultureInfo.InvariantCulture))),
        Text("ISO dates", html => ShortDate().Replace(html, m => Date(m).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))),
        Dom("every date in a time element, US style", doc =>
        {
            foreach (var field in Nodes(doc, "//div[contains(@class,'views-field-created')]//span[@class='field-content']"))
            {
                var time = field.SelectSingleNode(".//time");
                var text = Clean(time?.InnerText ?? field.InnerText);
                if (text.Length > 0)
                {
                    var date = DateOnly.ParseExact(text, "dd MMM yyyy", CultureInfo.InvariantCulture);
                    field.InnerHtml = $"<time datetime=\"{date:yyyy-MM-dd}T09:00:00Z\">{date.ToString("MMM d, yyyy", CultureInfo.InvariantCulture)}</time>";
                }
            }
        }),
        Dom("extra links inside rows", doc =>
        {
            var i = 0;
            foreach (var row in Rows(doc))
            {
                var link = row.SelectSingleNode(".//div[contains(@class,'views-field-title')]//a")!;
                var href = link.GetAttributeValue("href", "");
                // An icon link to the item before the title, "Read more" after it, tags and an organisation.
                row.PrependChild(HtmlNode.CreateNode($"<div class=\"views-field views-field-field-image\"><a href=\"{href}\"><span class=\"icon icon--doc\" aria-hidden=\"true\"></span></a></div>"));
                row.AppendChild(HtmlNode.CreateNode($"<div class=\"views-field views-field-field-organisation\"><a href=\"/organizations/{(i % 3 == 0 ? "iom" : i % 3 == 1 ? "ohchr" : "unodc")}\">{(i % 3 == 0 ? "International Organization for Migration (IOM)" : i % 3 == 1 ? "Office of the United Nations High Commissioner for Human Rights" : "United Nations Office on Drugs and Crime")}</a></div>"));
                row.AppendChild(HtmlNode.CreateNode("<div class=\"views-field views-field-field-tags\"><a href=\"/taxonomy/term/742\">National sovereignty</a>, <a href=\"/taxonomy/term/259\">Human rights</a></div>"));
                row.AppendChild(HtmlNode.CreateNode($"<div class=\"views-field views-field-view-node\"><a href=\"{href}\">Read more</a></div>"));
                i++;
            }
        }),
        Text("a reworded results line", html => Results().Replace(html, m => $"Showing {m.Groups[1].Value}–{m.Groups[2].Value} of {m.Groups[3].Value} results")),
        Dom("no results line", doc =>
        {
            foreach (var header in Nodes(doc, "//div[@class='view-header']"))
            {
                header.Remove();
            }
        }),
        Dom("other content links elsewhere on the page", doc =>
        {
            var main = doc.DocumentNode.SelectSingleNode("//main")!;
            var aside = new StringBuilder("<aside class=\"region-sidebar\"><h2>Latest from the Hub</h2><ul>");
            for (var n = 1; n <= 10; n++)
            {
                aside.Append(CultureInfo.InvariantCulture, $"<li><a href=\"/resources/latest-resource-on-migration-governance-{n}\">A recently added resource on migration governance, number {n}</a></li>");
            }
            aside.Append("</ul></aside>");
            main.PrependChild(HtmlNode.CreateNode(aside.ToString()));
            doc.DocumentNode.SelectSingleNode("//footer")!.AppendChild(HtmlNode.CreateNode("<p><a href=\"/news/network-newsletter-december\">Read the Network's December newsletter</a></p>"));
        }),
        new Variant("20 rows per page", _ => Listing.Render(Listing.Rows, pageSize: 20).ToDictionary(kv => kv.Key.Page, kv => kv.Value)),
        Text("BOM, CRLF and numeric entities", html => "\uFEFF" + string.Concat(html.Replace("\n", "\r\n", StringComparison.Ordinal)
            .EnumerateRunes().Select(r => r.Value > 127 ? $"&#{r.Value};" : r.ToString()))),
        Dom("cards with the type before the title", doc =>
        {
            foreach (var row in Rows(doc))
            {
                var type = row.SelectSingleNode(".//div[contains(@class,'views-field-type')]")!;
                type.Remove();
                row.PrependChild(type);
                var card = HtmlNode.CreateNode("<div class=\"card\"><div class=\"card__body\"></div></div>");
                var body = card.SelectSingleNode(".//div")!;
                foreach (var child in row.ChildNodes.ToList())
                {
                    child.Remove();
                    body.AppendChild(child);
                }
                row.AppendChild(card);
            }
        }),
        Dom("type and date on one meta line", doc =>
        {
            foreach (var row in Rows(doc))
            {
                var type = row.SelectSingleNode(".//div[contains(@class,'views-field-type')]")!;
                var date = row.SelectSingleNode(".//div[contains(@class,'views-field-created')]");
                var dateHtml = date?.SelectSingleNode(".//span")?.InnerHtml.Trim() ?? "";
                var meta = HtmlNode.CreateNode($"<p class=\"meta\">{type.SelectSingleNode(".//span")!.InnerHtml}{(Clean(dateHtml).Length > 0 ? " · " + dateHtml : "")}</p>");
                row.ReplaceChild(meta, type);
                date?.Remove();
            }
        }),
        Dom("whole-card links with a heading inside", doc =>
        {
            foreach (var row in Rows(doc))
            {
                var link = row.SelectSingleNode(".//div[contains(@class,'views-field-title')]//a")!;
                var card = HtmlNode.CreateNode($"<a class=\"card-link\" href=\"{link.GetAttributeValue("href", "")}\"{(link.Attributes.Contains("hreflang") ? $" hreflang=\"{link.GetAttributeValue("hreflang", "")}\"" : "")}></a>");
                card.AppendChild(HtmlNode.CreateNode($"<h3 class=\"card-title\">{link.InnerHtml}</h3>"));
                link.ParentNode!.ParentNode!.Remove();
                foreach (var child in row.ChildNodes.ToList())
                {
                    child.Remove();
                    if (child.NodeType == HtmlNodeType.Element)
                    {
                        child.Name = "div";
                        card.AppendChild(child);
                    }
                }
                row.AppendChild(card);
            }
        }),
        Dom("visually hidden text and inline field labels", doc =>
        {
            foreach (var row in Rows(doc))
            {
                row.SelectSingleNode(".//div[contains(@class,'views-field-title')]//a")!.PrependChild(HtmlNode.CreateNode("<span class=\"visually-hidden\">Open the item: </span>"));
                foreach (var (field, label) in new[] { ("type", "Type"), ("created", "Date"), ("body", "Summary") })
                {
                    row.SelectSingleNode($".//div[contains(@class,'views-field-{field}')]")?.PrependChild(HtmlNode.CreateNode($"<span class=\"views-label views-label-{field}\">{label}: </span>"));
                }
            }
        }),
        Dom("a grid of three columns", doc =>
        {
            foreach (var content in Nodes(doc, "//div[@class='view-content']"))
            {
                var rows = Rows(doc).Where(r => r.ParentNode == content).ToList();
                content.RemoveAllChildren();
                var grid = HtmlNode.CreateNode("<div class=\"views-view-grid horizontal cols-3\"></div>");
                foreach (var (chunk, i) in rows.Chunk(3).Select((c, i) => (c, i)))
                {
                    var line = HtmlNode.CreateNode($"<div class=\"views-row clearfix row-{i + 1}\"></div>");
                    foreach (var (row, j) in chunk.Select((r, j) => (r, j)))
                    {
                        var col = HtmlNode.CreateNode($"<div class=\"views-col col-{j + 1}\"></div>");
                        foreach (var child in row.ChildNodes.ToList())
                        {
                            child.Remove();
                            col.AppendChild(child);
                        }
                        line.AppendChild(col);
                    }
                    grid.AppendChild(line);
                }
                content.AppendChild(grid);
            }
        }),
        Dom("type shown as a labelled icon", doc =>
        {
            foreach (var type in Nodes(doc, "//div[contains(@class,'views-field-type')]//span[@class='field-content']"))
            {
                var label = Clean(type.InnerHtml);
                type.InnerHtml = $"<i class=\"icon icon-{label.ToLowerInvariant().Replace(' ', '-')}\" role=\"img\" aria-label=\"{label}\"></i>";
            }
        }),
        Text("dates with dots", html => ShortDate().Replace(html, m => Date(m).ToString("dd.MM.yyyy", CultureInfo.InvariantCulture))),
        .. ReadingVariants,
    ];

    /// <summary>What a person reads where the markup says more or less than the text (issue 15): each reads exactly.</summary>
    private static IReadOnlyList<Variant> ReadingVariants =>
    [
        Dom("titles cut with an ellipsis, the full title in the link's title attribute", doc =>
        {
            foreach (var link in Nodes(doc, "//div[contains(@class,'views-field-title')]//a"))
            {
                var full = Clean(link.InnerHtml);
                if (full.Length > 40)
                {
                    var cut = full[..full.LastIndexOf(' ', 39)];
                    link.SetAttributeValue("title", full);
                    link.InnerHtml = System.Net.WebUtility.HtmlEncode(cut) + "…";
                }
            }
        }),
        Dom("titles cut with three dots, the full title in an aria-label", doc =>
        {
            foreach (var link in Nodes(doc, "//div[contains(@class,'views-field-title')]//a"))
            {
                var full = Clean(link.InnerHtml);
                if (full.Length > 30)
                {
                    link.SetAttributeValue("aria-label", full);
                    link.InnerHtml = System.Net.WebUtility.HtmlEncode(full[..25].TrimEnd()) + "...";
                }
            }
        }),
        Dom("summaries followed by a more toggle button", doc =>
        {
            foreach (var body in Nodes(doc, "//div[contains(@class,'views-field-body')]/div"))
            {
                body.AppendChild(HtmlNode.CreateNode("<button type=\"button\" class=\"read-more-toggle\" aria-expanded=\"false\">more</button>"));
            }
        }),
        Dom("summaries in a details toggle with a less link", doc =>
        {
            foreach (var body in Nodes(doc, "//div[contains(@class,'views-field-body')]/div"))
            {
                body.InnerHtml = $"<details open><summary>Show summary</summary>{body.InnerHtml} <a href=\"#\" role=\"button\" class=\"toggle\">less</a></details>";
            }
        }),
        Dom("published and updated dates, labelled, published first", doc => DatePairs(doc, updatedFirst: false, list: false)),
        Dom("published and updated dates, labelled, updated first", doc => DatePairs(doc, updatedFirst: true, list: false)),
        Dom("published and updated dates in a definition list, updated first", doc => DatePairs(doc, updatedFirst: true, list: true)),
        Dom("Drupal short date format (m/d/Y - H:i)", doc => Dates(doc, d => d.ToString("MM/dd/yyyy' - 10:00'", CultureInfo.InvariantCulture))),
        Dom("Drupal medium date format (D, m/d/Y - H:i)", doc => Dates(doc, d => d.ToString("ddd, MM/dd/yyyy' - 14:35'", CultureInfo.InvariantCulture))),
        Dom("Drupal long date format (l, F j, Y - H:i)", doc => Dates(doc, d => d.ToString("dddd, MMMM d, yyyy' - 09:05'", CultureInfo.InvariantCulture))),
        Dom("d/m/Y dates", doc => Dates(doc, d => d.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture))),
        Dom("HTML datetime format (Y-m-d\\TH:i:sO)", doc => Dates(doc, d => d.ToString("yyyy-MM-dd'T08:00:00+0100'", CultureInfo.InvariantCulture))),
        Dom("the results line only for screen readers", doc =>
        {
            foreach (var header in Nodes(doc, "//div[@class='view-header']"))
            {
                header.InnerHtml = $"<span class=\"visually-hidden\">{header.InnerHtml}</span>";
            }
        }),
        Pager("a mini pager (previous / next only) and no results line", (page, count) =>
            $"<nav class=\"pager\" role=\"navigation\"><ul class=\"pager__items\">{(page > 0 ? $"<li class=\"pager__item pager__item--previous\"><a href=\"?page={page - 1}\" rel=\"prev\">‹ Previous</a></li>" : "")}<li class=\"pager__item is-active\">Page {page + 1}</li>{(page < count - 1 ? $"<li class=\"pager__item pager__item--next\"><a href=\"?page={page + 1}\" rel=\"next\">Next ›</a></li>" : "")}</ul></nav>",
            header: null),
        Pager("a load more pager with the count for screen readers only", (page, count) =>
            page < count - 1 ? $"<ul class=\"js-pager__items pager\" data-drupal-views-infinite-scroll-pager=\"\"><li class=\"pager__item\"><a class=\"button\" href=\"?page={page + 1}\" title=\"Load more items\" rel=\"next\">Load More</a></li></ul>" : "",
            header: line => $"<span class=\"visually-hidden\">{line}</span>"),
        Pager("a load more link to the views AJAX path and no results line", (page, count) =>
            page < count - 1 ? $"<div class=\"pager\"><a class=\"button\" href=\"/views/ajax?view_name=taxonomy_term&amp;view_display_id=page_1&amp;page={page + 1}\">Load more</a></div>" : "",
            header: null),
        Text("the listing on the second pager element (?page=,K)", html => html.Replace("href=\"?page=", "href=\"?page=%2C", StringComparison.Ordinal)),
        Pager("a mini pager on the second pager element and no results line", (page, count) =>
            page < count - 1 ? $"<nav class=\"pager\"><ul><li><a href=\"?page=0,{page + 1}\" rel=\"next\">Next ›</a></li></ul></nav>" : "",
            header: null),
        Dom("bidirectional controls around titles", doc =>
        {
            foreach (var link in Nodes(doc, "//div[contains(@class,'views-field-title')]//a"))
            {
                link.InnerHtml = "\u202B" + link.InnerHtml + "\u202C\u2066\u2069";
            }
        }),
    ];

    /// <summary>Every page's pager replaced by <paramref name="pager"/> (page, page count); its results line wrapped, or removed (null).</summary>
    private static Variant Pager(string name, Func<int, int, string> pager, Func<string, string>? header) => new(name, pages => pages.ToDictionary(kv => kv.Key, kv =>
    {
        var doc = new HtmlDocument();
        doc.LoadHtml(kv.Value);
        var nav = doc.DocumentNode.SelectSingleNode("//nav[contains(@class,'pager')]")!;
        nav.ParentNode!.ReplaceChild(HtmlNode.CreateNode("<div class=\"pager-slot\">" + pager(kv.Key, pages.Count) + "</div>"), nav);
        foreach (var line in Nodes(doc, "//div[@class='view-header']"))
        {
            if (header is null)
            {
                line.Remove();
            }
            else
            {
                line.InnerHtml = header(line.InnerHtml);
            }
        }
        return doc.DocumentNode.OuterHtml;
    }));

    /// <summary>Rewrites every row's date in <paramref name="format"/>.</summary>
    private static void Dates(HtmlDocument doc, Func<DateOnly, string> format)
    {
        foreach (var field in Nodes(doc, "//div[contains(@class,'views-field-created')]//span[@class='field-content']"))
        {
            var text = Clean(field.InnerText);
            if (text.Length > 0)
            {
                field.InnerHtml = System.Net.WebUtility.HtmlEncode(format(DateOnly.ParseExact(text, "dd MMM yyyy", CultureInfo.InvariantCulture)));
            }
        }
    }

    /// <summary>Every row gains a labelled "Last updated" date (rows without a published date too), before or after the published one.</summary>
    private static void DatePairs(HtmlDocument doc, bool updatedFirst, bool list)
    {
        foreach (var (row, i) in Rows(doc).Select((r, i) => (r, i)))
        {
            var created = row.SelectSingleNode(".//div[contains(@class,'views-field-created')]");
            var published = created is null ? null : Clean(created.InnerText);
            var updated = new DateOnly(2026, 2, 1 + i % 27).ToString("dd MMM yyyy", CultureInfo.InvariantCulture);
            HtmlNode node;
            if (list)
            {
                var pairs = new List<string> { $"<dt>Last updated</dt><dd>{updated}</dd>" };
                if (published is not null)
                {
                    pairs.Insert(updatedFirst ? 1 : 0, $"<dt>Published</dt><dd>{published}</dd>");
                }
                node = HtmlNode.CreateNode($"<dl class=\"meta\">{string.Concat(pairs)}</dl>");
                created?.Remove();
                row.AppendChild(node);
                continue;
            }
            created?.PrependChild(HtmlNode.CreateNode("<span class=\"views-label views-label-created\">Published: </span>"));
            node = HtmlNode.CreateNode($"<div class=\"views-field views-field-changed\"><span class=\"views-label views-label-changed\">Last updated: </span><span class=\"field-content\">{updated}</span></div>");
            if (created is not null && updatedFirst)
            {
                row.InsertBefore(node, created);
            }
            else
            {
                row.InsertAfter(node, created ?? row.SelectSingleNode(".//div[contains(@class,'views-field-type')]")!);
            }
        }
    }

    private static Variant Dom(string name, Action<HtmlDocument> change) => new(name, pages => pages.ToDictionary(kv => kv.Key, kv =>
    {
        var doc = new HtmlDocument();
        doc.LoadHtml(kv.Value);
        change(doc);
        return doc.DocumentNode.OuterHtml;
    }));

    private static Variant Text(string name, Func<string, string> change) => new(name, pages => pages.ToDictionary(kv => kv.Key, kv => change(kv.Value)));

    private static List<HtmlNode> Nodes(HtmlDocument doc, string xpath) => doc.DocumentNode.SelectNodes(xpath)?.ToList() ?? [];

    private static List<HtmlNode> Rows(HtmlDocument doc) => Nodes(doc, "//div[@class='views-row']");

    private static void RenameClasses(HtmlDocument doc, Dictionary<string, string> names)
    {
        foreach (var e in doc.DocumentNode.Descendants().Where(e => e.Attributes.Contains("class")))
        {
            e.SetAttributeValue("class", string.Join(' ', e.GetAttributeValue("class", "").Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Select(c => names.TryGetValue(c, out var renamed) ? renamed : c)));
        }
    }

    private static string Clean(string html) => System.Net.WebUtility.HtmlDecode(Regex.Replace(html, "<[^>]*>", "")).Trim();

    private static DateOnly Date(Match m) => DateOnly.ParseExact(m.Value, "dd MMM yyyy", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"\b\d{2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4}\b")]
    private static partial Regex ShortDate();

    [GeneratedRegex(@"Displaying results (\d+) - (\d+) of (\d+)")]
    private static partial Regex Results();
}
