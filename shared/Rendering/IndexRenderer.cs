using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using HubFeed.Publishing;
using HubFeed.Sources;

namespace HubFeed.Rendering;

/// <summary>One published feed as the index lists it.</summary>
public sealed record PublishedFeed(FeedScope Scope, int Items, PublishVersion Version);

/// <summary>
/// The index of what is published: objectives.json (for machines and the demo page's objective picker) and a static
/// index.html (for people), listing each published objective with the URLs of all its files and its snippet.
/// </summary>
public static class IndexRenderer
{
    public const string JsonMediaType = "application/json; charset=utf-8";

    public static IReadOnlyList<PublishedFile> Render(IReadOnlyList<PublishedFeed> objectives, PublishedFeed? all, BlobLayout layout, WidgetScript? pinned, PublishVersion version)
    {
        return [RenderJson(objectives, all, layout, pinned, version), RenderHtml(objectives, all, layout, pinned)];
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
            if (all is not null)
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
            w.WriteEndObject();
        }
        return new PublishedFile(BlobLayout.IndexJson, buffer.ToArray(), JsonMediaType);
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
        if (!scope.IsAll)
        {
            w.WriteString("atom", layout.Url(BlobLayout.Atom(scope)).AbsoluteUri);
            w.WriteString("html", layout.Url(BlobLayout.HtmlList(scope)).AbsoluteUri);
        }
        if (pinned is not null)
        {
            w.WriteString("snippet_url", layout.Url(BlobLayout.Snippet(scope)).AbsoluteUri);
            w.WriteString("snippet", EmbedRenderer.Snippet(new EmbedOptions(EmbedValue(scope)), scope, pinned));
        }
    }

    /// <summary>The widget's objective attribute for a feed: its number, or "all".</summary>
    public static string EmbedValue(FeedScope scope) => scope.Source?.Objective.ToString(CultureInfo.InvariantCulture) ?? "all";

    private static PublishedFile RenderHtml(IReadOnlyList<PublishedFeed> objectives, PublishedFeed? all, BlobLayout layout, WidgetScript? pinned)
    {
        var e = HtmlEncoder.Default;
        const string title = "GCM resources from the UN Migration Network Hub: published feeds";
        var html = HtmlListRenderer.Head(title,
                "JSON Feed, Atom and HTML lists of the resources the UN Network on Migration's Hub lists for each Global Compact for Migration objective, and the widget to embed them.",
                layout.Url(BlobLayout.IndexPage))
            .Append("</head>\n<body>\n<main>\n<h1>").Append(e.Encode(title)).Append("</h1>\n")
            .Append("<p>Each feed is the Hub's own list for one objective, checked and republished by HubFeed. ")
            .Append("<a href=\"").Append(e.Encode(layout.Url(BlobLayout.DemoPage).AbsoluteUri)).Append("\">Embed a list on your site</a> ")
            .Append("or read <a href=\"").Append(e.Encode(layout.Url(BlobLayout.IndexJson).AbsoluteUri)).Append("\">objectives.json</a>.</p>\n<ul>\n");
        foreach (var feed in objectives.OrderBy(f => f.Scope.Source!.Objective))
        {
            var scope = feed.Scope;
            html.Append("<li><a href=\"").Append(e.Encode(layout.Url(BlobLayout.HtmlList(scope)).AbsoluteUri)).Append("\">")
                .Append(e.Encode(scope.Title)).Append("</a>: ")
                .Append(CultureInfo.InvariantCulture, $"{feed.Items} items, updated ")
                .Append("<time datetime=\"").Append(JsonFeedRenderer.Rfc3339(feed.Version.At)).Append("\">")
                .Append(feed.Version.At.UtcDateTime.ToString("d MMM yyyy", CultureInfo.InvariantCulture)).Append("</time>. ")
                .Append("<a href=\"").Append(e.Encode(layout.Url(BlobLayout.JsonFeed(scope)).AbsoluteUri)).Append("\">JSON Feed</a>, ")
                .Append("<a href=\"").Append(e.Encode(layout.Url(BlobLayout.Atom(scope)).AbsoluteUri)).Append("\">Atom</a>, ")
                .Append("<a href=\"").Append(e.Encode(layout.Url(BlobLayout.ChangesAtom(scope)).AbsoluteUri)).Append("\">what changed</a>");
            if (pinned is not null)
            {
                html.Append(", <a href=\"").Append(e.Encode(layout.Url(BlobLayout.Snippet(scope)).AbsoluteUri)).Append("\">embed code</a>");
            }
            html.Append("</li>\n");
        }
        if (all is not null)
        {
            html.Append("<li><a href=\"").Append(e.Encode(layout.Url(BlobLayout.JsonFeed(all.Scope)).AbsoluteUri)).Append("\">")
                .Append(e.Encode(all.Scope.Title)).Append("</a>: ")
                .Append(CultureInfo.InvariantCulture, $"{all.Items} items, each listed once with the objectives it serves (JSON Feed). ")
                .Append("<a href=\"").Append(e.Encode(layout.Url(BlobLayout.ChangesAtom(all.Scope)).AbsoluteUri)).Append("\">What changed</a>.</li>\n");
        }
        html.Append("</ul>\n</main>\n</body>\n</html>\n");
        return new PublishedFile(BlobLayout.IndexPage, Encoding.UTF8.GetBytes(html.ToString()), HtmlListRenderer.MediaType);
    }
}
