using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using HubFeed.Layout;

namespace HubFeed.Rendering;

/// <summary>A static HTML list: the no-JavaScript fallback and what search engines index.</summary>
public static class HtmlListRenderer
{
    public const string MediaType = MediaTypes.Html;

    /// <summary>
    /// The most items a page lists, newest first (the feeds hold every item). A page for people, not an archive: the
    /// longest objective list so far (213) fits whole, and the combined list stays a page that loads fast (Lighthouse
    /// performance 1.0 on desktop at 808 items it is not).
    /// </summary>
    public const int MaxItems = 250;

    private static string Count(FeedModel model) => model.Items.Count > MaxItems
        ? string.Create(CultureInfo.InvariantCulture, $"The {MaxItems} newest of {model.Items.Count} items (the feeds list them all)")
        : string.Create(CultureInfo.InvariantCulture, $"{model.Items.Count} items");

    /// <summary>
    /// An inline icon: the pages ask for no /favicon.ico (which the container does not have), so the browser logs no
    /// failed request. A blue square, the widget's accent colour.
    /// </summary>
    public const string Favicon = "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'%3E%3Crect width='16' height='16' rx='3' fill='%230b5aa8'/%3E%3C/svg%3E";

    /// <summary>The head every published page shares: charset, viewport, title, description, canonical URL, icon (the stylesheet: <see cref="SiteRenderer.Head"/>).</summary>
    public static StringBuilder Head(string title, string description, Uri canonical)
    {
        var e = HtmlEncoder.Default;
        return new StringBuilder(64 * 1024)
            .Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(e.Encode(title)).Append("</title>\n")
            .Append("<meta name=\"description\" content=\"").Append(e.Encode(description)).Append("\">\n")
            .Append("<link rel=\"canonical\" href=\"").Append(e.Encode(canonical.AbsoluteUri)).Append("\">\n")
            .Append("<link rel=\"icon\" href=\"").Append(Favicon).Append("\">\n");
    }

    /// <summary>
    /// The list for people: the objective's name and description, when it was last updated, links to its feeds, its
    /// embed code (<paramref name="hasSnippet"/>), the index and the Hub; each item with its type, date and summary, in its
    /// language. Discovery links for both feed formats; the list as schema.org JSON-LD.
    /// </summary>
    public static PublishedFile Render(FeedModel model, BlobLayout layout, bool hasSnippet = false)
    {
        var e = HtmlEncoder.Default;
        var scope = model.Scope;
        var page = layout.Url(BlobLayout.HtmlList(scope));
        var html = SiteRenderer.Alternates(SiteRenderer.Head(scope.Title, scope.Description, page, layout), scope, layout)
            .Append(OEmbedRenderer.DiscoveryLink(scope, layout));
        html.Append("</head>\n<body>\n<header><p><a href=\"").Append(e.Encode(layout.Url(BlobLayout.IndexPage).AbsoluteUri))
            .Append("\">GCM resources: every published list</a></p></header>\n<main>\n<h1>").Append(e.Encode(scope.Title)).Append("</h1>\n<p>")
            .Append(e.Encode(scope.Description)).Append("</p>\n")
            .Append(CultureInfo.InvariantCulture, $"<p>{Count(model)}, last updated ").Append(SiteRenderer.Time(model.Updated)).Append(".</p>\n")
            .Append("<ul class=\"links\" aria-label=\"Follow this list\">\n");
        void Link(string href, string text) => html.Append("<li><a href=\"").Append(e.Encode(href)).Append("\">").Append(text).Append("</a></li>\n");
        Link(layout.Url(BlobLayout.Atom(scope)).AbsoluteUri, "Atom feed");
        Link(layout.Url(BlobLayout.JsonFeed(scope)).AbsoluteUri, "JSON Feed");
        if (hasSnippet)
        {
            Link(layout.Url(BlobLayout.Snippet(scope)).AbsoluteUri, "Embed code");
        }
        Link(scope.HomePage.AbsoluteUri, "The full list on the Migration Network Hub");
        html.Append("</ul>\n<ol class=\"items\">\n");
        foreach (var r in model.Items.Take(MaxItems))
        {
            Item(html, r, model.DatesOf(r));
        }
        html.Append("</ol>\n</main>\n");
        // Data about the list, after it: the page renders before this (large) block has arrived.
        SiteRenderer.JsonLd(html, w => WriteJsonLd(w, model, page));
        SiteRenderer.Footer(html, scope, layout);
        var path = BlobLayout.HtmlList(scope);
        return new PublishedFile(path, Encoding.UTF8.GetBytes(html.ToString()), MediaTypes.Of(path));
    }

    /// <summary>One item: its title (a link to the Hub, in its language), type and date, and the Hub's summary if any.</summary>
    private static void Item(StringBuilder html, Resource r, ItemDates dates)
    {
        var e = HtmlEncoder.Default;
        var lang = r.Language is null ? "" : " lang=\"" + e.Encode(r.Language) + "\"";
        html.Append("<li><h2><a href=\"").Append(e.Encode(r.Url)).Append('"');
        if (r.Language is not null)
        {
            html.Append(" hreflang=\"").Append(e.Encode(r.Language)).Append('"');
        }
        html.Append(lang).Append(" dir=\"auto\">").Append(e.Encode(r.Title)).Append("</a></h2>\n<p class=\"meta\">").Append(e.Encode(r.TypeLabel));
        if (dates.Day is { } d)
        {
            html.Append(" · <time datetime=\"").Append(JsonFeedRenderer.Day(d)).Append("\">")
                .Append(d.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)).Append("</time>");
        }
        else if (dates.Published is { } seen)
        {
            html.Append(" · first listed <time datetime=\"").Append(JsonFeedRenderer.Day(DateOnly.FromDateTime(seen.UtcDateTime))).Append("\">")
                .Append(seen.UtcDateTime.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)).Append("</time>");
        }
        html.Append("</p>\n");
        if (r.Summary is not null)
        {
            html.Append("<p").Append(lang).Append(" dir=\"auto\">").Append(e.Encode(r.Summary)).Append("</p>\n");
        }
        html.Append("</li>\n");
    }

    /// <summary>The page as a schema.org CollectionPage whose main entity is the ItemList of the items (URL, name, date, type).</summary>
    private static void WriteJsonLd(System.Text.Json.Utf8JsonWriter w, FeedModel model, Uri page)
    {
        var scope = model.Scope;
        w.WriteString("@type", "CollectionPage");
        w.WriteString("@id", page.AbsoluteUri);
        w.WriteString("url", page.AbsoluteUri);
        w.WriteString("name", scope.Title);
        w.WriteString("description", scope.Description);
        w.WriteString("inLanguage", "en");
        w.WriteString("dateModified", JsonFeedRenderer.Rfc3339(model.Updated));
        w.WriteString("isBasedOn", scope.HomePage.AbsoluteUri);
        w.WriteStartObject("mainEntity");
        w.WriteString("@type", "ItemList");
        var shown = Math.Min(model.Items.Count, MaxItems);
        w.WriteNumber("numberOfItems", shown);
        w.WriteStartArray("itemListElement");
        for (var i = 0; i < shown; i++)
        {
            WriteListItem(w, model, i);
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>One item of the ItemList: its URL, name, type (genre), Hub date and language.</summary>
    private static void WriteListItem(System.Text.Json.Utf8JsonWriter w, FeedModel model, int i)
    {
        var r = model.Items[i];
        w.WriteStartObject();
        w.WriteString("@type", "ListItem");
        w.WriteNumber("position", i + 1);
        w.WriteStartObject("item");
        w.WriteString("@type", "CreativeWork");
        w.WriteString("url", r.Url);
        w.WriteString("name", r.Title);
        w.WriteString("genre", r.TypeLabel);
        if (model.DatesOf(r).Day is { } d)
        {
            w.WriteString("datePublished", JsonFeedRenderer.Day(d));
        }
        if (r.Language is not null)
        {
            w.WriteString("inLanguage", r.Language);
        }
        w.WriteEndObject();
        w.WriteEndObject();
    }
}
