using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using HubFeed.Layout;

namespace HubFeed.Rendering;

/// <summary>
/// The index of what is published: objectives.json (for machines and the demo page's objective picker) and a static
/// index.html (for people), listing each published list (every objective, and all of them) with the URLs of its HTML
/// page, Atom and JSON Feed, and its snippet; beside them the pages' stylesheet, sitemap.xml and robots.txt.
/// </summary>
public static class IndexRenderer
{
    public const string JsonMediaType = MediaTypes.Json;

    public static IReadOnlyList<PublishedFile> Render(IReadOnlyList<PublishedFeed> objectives, PublishedFeed? all, BlobLayout layout, WidgetScript? pinned, PublishVersion version)
    {
        var feeds = all is null ? objectives : [.. objectives, all];
        // The stylesheet first: the pages that name it come after it.
        return [.. SiteFiles(feeds, layout, version), RenderJson(objectives, all, layout, pinned, version), RenderHtml(objectives, all, layout, pinned, version)];
    }

    private static PublishedFile RenderJson(IReadOnlyList<PublishedFeed> objectives, PublishedFeed? all, BlobLayout layout, WidgetScript? pinned, PublishVersion version)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All) }))
        {
            w.WriteStartObject();
            w.WriteString("version", version.ToString());
            w.WriteString("updated", JsonFeedRenderer.Rfc3339(version.At));
            w.WriteString("demo", layout.Url(BlobLayout.DemoPage).AbsoluteUri);
            if (pinned is not null)
            {
                w.WriteString("embed_script", pinned.Url.AbsoluteUri);
                if (pinned.Integrity is not null)
                {
                    w.WriteString("embed_integrity", pinned.Integrity);
                }
            }
            WriteObjectives(w, objectives, layout, pinned);
            if (all is not null)
            {
                WriteAll(w, all, layout, pinned);
            }
            w.WriteEndObject();
        }
        return new PublishedFile(BlobLayout.IndexJson, buffer.ToArray(), JsonMediaType);
    }

    private static void WriteObjectives(Utf8JsonWriter w, IReadOnlyList<PublishedFeed> objectives, BlobLayout layout, WidgetScript? pinned)
    {
        w.WriteStartArray("objectives");
        foreach (var feed in objectives.OrderBy(f => f.Scope.Source!.Objective))
        {
            var s = feed.Scope.Source!;
            w.WriteStartObject();
            w.WriteNumber("objective", s.Objective);
            w.WriteNumber("term", s.Term);
            w.WriteString("short_name", s.ShortName);
            w.WriteString("name", s.Name);
            WriteFeed(w, feed, layout, pinned);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static void WriteAll(Utf8JsonWriter w, PublishedFeed all, BlobLayout layout, WidgetScript? pinned)
    {
        w.WriteStartObject("all");
        w.WriteStartArray("objectives");
        foreach (var s in all.Scope.Sources)
        {
            w.WriteNumberValue(s.Objective);
        }
        w.WriteEndArray();
        WriteFeed(w, all, layout, pinned);
        w.WriteEndObject();
    }

    private static void WriteFeed(Utf8JsonWriter w, PublishedFeed feed, BlobLayout layout, WidgetScript? pinned)
    {
        var scope = feed.Scope;
        w.WriteString("title", scope.Title);
        w.WriteString("home_page_url", scope.HomePage.AbsoluteUri);
        w.WriteNumber("items", feed.Items);
        w.WriteString("updated", JsonFeedRenderer.Rfc3339(feed.Version.At));
        w.WriteString("version", feed.Version.ToString());
        w.WriteString("json_feed", layout.Url(BlobLayout.JsonFeed(scope)).AbsoluteUri);
        w.WriteString("changes_json_feed", layout.Url(BlobLayout.ChangesJson(scope)).AbsoluteUri);
        w.WriteString("changes_atom", layout.Url(BlobLayout.ChangesAtom(scope)).AbsoluteUri);
        w.WriteString("atom", layout.Url(BlobLayout.Atom(scope)).AbsoluteUri);
        w.WriteString("html", layout.Url(BlobLayout.HtmlList(scope)).AbsoluteUri);
        if (pinned is not null)
        {
            w.WriteString("snippet_url", layout.Url(BlobLayout.Snippet(scope)).AbsoluteUri);
            // The three embed forms with default options, each from the one generator (the demo page offers them).
            var defaults = new EmbedOptions(EmbedValue(scope));
            w.WriteString("snippet", EmbedRenderer.Render(EmbedForm.Script, defaults, scope, layout, pinned));
            w.WriteString("iframe_snippet", EmbedRenderer.Render(EmbedForm.Iframe, defaults, scope, layout, pinned));
            w.WriteString("paste_url", EmbedRenderer.Render(EmbedForm.Url, defaults, scope, layout, pinned));
        }
    }

    /// <summary>The widget's objective attribute for a feed: its number, or "all".</summary>
    public static string EmbedValue(FeedScope scope) => scope.Source?.Objective.ToString(CultureInfo.InvariantCulture) ?? "all";

    private static PublishedFile RenderHtml(IReadOnlyList<PublishedFeed> objectives, PublishedFeed? all, BlobLayout layout, WidgetScript? pinned, PublishVersion version)
    {
        var e = HtmlEncoder.Default;
        const string title = "GCM resources from the UN Migration Network Hub: published feeds";
        var page = layout.Url(BlobLayout.IndexPage);
        var feeds = objectives.OrderBy(f => f.Scope.Source!.Objective).Concat(all is null ? [] : [all]).ToList();
        var html = SiteRenderer.Head(title,
                "JSON Feed, Atom and HTML lists of the resources the UN Network on Migration's Hub lists for each Global Compact for Migration objective, and the widget to embed them.",
                page, layout);
        SiteRenderer.JsonLd(html, w => WriteJsonLd(w, feeds, layout, page, title));
        html.Append("</head>\n<body>\n<main>\n<h1>").Append(e.Encode(title)).Append("</h1>\n")
            .Append("<p>Each list is the Hub's own list for one objective, checked and republished by HubFeed, as a page to read, an Atom feed and a JSON Feed for feed readers, and embed code for your site. ")
            .Append("<a href=\"").Append(e.Encode(layout.Url(BlobLayout.DemoPage).AbsoluteUri)).Append("\">Try the embed options</a> ")
            .Append("or read <a href=\"").Append(e.Encode(layout.Url(BlobLayout.IndexJson).AbsoluteUri)).Append("\">objectives.json</a>. ")
            .Append("Last updated ").Append(SiteRenderer.Time(version.At)).Append(".</p>\n<ul class=\"items\">\n");
        foreach (var feed in feeds)
        {
            Entry(html, feed, layout, pinned);
        }
        html.Append("</ul>\n</main>\n");
        SiteRenderer.Footer(html, all?.Scope ?? objectives[0].Scope, layout);
        return new PublishedFile(BlobLayout.IndexPage, Encoding.UTF8.GetBytes(html.ToString()), MediaTypes.Of(BlobLayout.IndexPage));
    }

    /// <summary>One list on the index page: its page, count and update time, its feeds, embed code and Hub page.</summary>
    private static void Entry(StringBuilder html, PublishedFeed feed, BlobLayout layout, WidgetScript? pinned)
    {
        var e = HtmlEncoder.Default;
        var scope = feed.Scope;
        html.Append("<li><h2><a href=\"").Append(e.Encode(layout.Url(BlobLayout.HtmlList(scope)).AbsoluteUri)).Append("\">")
            .Append(e.Encode(scope.Title)).Append("</a></h2>\n<p class=\"meta\">")
            .Append(CultureInfo.InvariantCulture, $"{feed.Items} items")
            .Append(scope.IsAll ? ", each listed once with the objectives it serves" : "")
            .Append(", updated ").Append(SiteRenderer.Time(feed.Version.At)).Append("</p>\n<ul class=\"links\">");
        void Link(string href, string text) =>
            html.Append("<li><a href=\"").Append(e.Encode(href)).Append("\">").Append(e.Encode(text)).Append("</a></li>");
        var name = scope.Source is { } s ? string.Create(CultureInfo.InvariantCulture, $"Objective {s.Objective}") : "all objectives";
        Link(layout.Url(BlobLayout.Atom(scope)).AbsoluteUri, $"Atom feed of {name}");
        Link(layout.Url(BlobLayout.JsonFeed(scope)).AbsoluteUri, $"JSON Feed of {name}");
        Link(layout.Url(BlobLayout.ChangesAtom(scope)).AbsoluteUri, $"What changed in {name} (Atom)");
        if (pinned is not null)
        {
            Link(layout.Url(BlobLayout.Snippet(scope)).AbsoluteUri, $"Embed code for {name}");
        }
        Link(scope.HomePage.AbsoluteUri, scope.IsAll ? "The Migration Network Hub" : $"{name} on the Hub");
        html.Append("</ul></li>\n");
    }

    /// <summary>The index as a schema.org CollectionPage listing each published list (URL, name, date).</summary>
    private static void WriteJsonLd(Utf8JsonWriter w, List<PublishedFeed> feeds, BlobLayout layout, Uri page, string title)
    {
        w.WriteString("@type", "CollectionPage");
        w.WriteString("@id", page.AbsoluteUri);
        w.WriteString("url", page.AbsoluteUri);
        w.WriteString("name", title);
        w.WriteString("inLanguage", "en");
        w.WriteStartObject("mainEntity");
        w.WriteString("@type", "ItemList");
        w.WriteNumber("numberOfItems", feeds.Count);
        w.WriteStartArray("itemListElement");
        for (var i = 0; i < feeds.Count; i++)
        {
            var url = layout.Url(BlobLayout.HtmlList(feeds[i].Scope)).AbsoluteUri;
            w.WriteStartObject();
            w.WriteString("@type", "ListItem");
            w.WriteNumber("position", i + 1);
            w.WriteStartObject("item");
            w.WriteString("@type", "CollectionPage");
            w.WriteString("@id", url);
            w.WriteString("url", url);
            w.WriteString("name", feeds[i].Scope.Title);
            w.WriteString("dateModified", JsonFeedRenderer.Rfc3339(feeds[i].Version.At));
            w.WriteEndObject();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>What the index job publishes beside the index: the pages' stylesheet, sitemap.xml (the index and every list's page) and robots.txt.</summary>
    public static IReadOnlyList<PublishedFile> SiteFiles(IReadOnlyList<PublishedFeed> feeds, BlobLayout layout, PublishVersion version) =>
    [
        SiteRenderer.Stylesheet(),
        SiteRenderer.Sitemap(feeds.Select(f => (layout.Url(BlobLayout.HtmlList(f.Scope)), f.Version.At)).Prepend((layout.Url(BlobLayout.IndexPage), version.At))),
        SiteRenderer.Robots(layout),
    ];
}
