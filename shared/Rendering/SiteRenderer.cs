using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using System.Xml;
using HubFeed.Layout;

namespace HubFeed.Rendering;

/// <summary>
/// What the published HTML pages share (the stylesheet, the header and footer, JSON-LD) and the files for crawlers
/// (sitemap.xml, robots.txt). The pages load one external stylesheet and no script: a strict Content-Security-Policy
/// (style-src 'self') holds, and JSON-LD is data (script type application/ld+json), never run.
/// </summary>
public static class SiteRenderer
{
    /// <summary>
    /// System fonts, a readable line length, light and dark from the reader's setting, print without navigation and
    /// with link targets. Colours meet WCAG AA contrast in both schemes.
    /// </summary>
    public const string Css = """
        :root{color-scheme:light dark;--fg:#1b1b1b;--bg:#fff;--muted:#4d4d4d;--link:#0b5aa8;--rule:#d6d6d6}
        @media (prefers-color-scheme:dark){:root{--fg:#ececec;--bg:#121212;--muted:#bdbdbd;--link:#8cc4ff;--rule:#3a3a3a}}
        *{box-sizing:border-box}
        body{margin:0;background:var(--bg);color:var(--fg);font:1rem/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif}
        header,main,footer{max-width:46rem;margin:0 auto;padding:1rem}
        header,footer{color:var(--muted);font-size:.95rem}
        a{color:var(--link);text-underline-offset:.15em}
        a:focus-visible{outline:2px solid currentColor;outline-offset:2px}
        h1{font-size:1.75rem;line-height:1.25;margin:.5rem 0 1rem}
        .links{list-style:none;padding:0;margin:0;display:flex;flex-wrap:wrap;gap:.25rem 1.25rem}
        .items{list-style:none;padding:0;margin:1.5rem 0}
        .items>li{padding:.9rem 0;border-top:1px solid var(--rule)}
        .items h2{font-size:1.1rem;line-height:1.35;margin:0}
        .meta{margin:.3rem 0 0;color:var(--muted);font-size:.92rem}
        .items p{margin:.35rem 0 0;max-width:42rem}
        @media print{:root{--fg:#000;--bg:#fff;--muted:#333;--link:#000}header,footer,.links{display:none}.items>li{break-inside:avoid}.items h2 a::after{content:" (" attr(href) ")";font-size:.8em;font-weight:normal;word-break:break-all}}

        """;

    private static readonly JsonWriterOptions LdOptions = new()
    {
        // < > & are escaped (\u003C…), so no text in the data can close the script element.
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    public static PublishedFile Stylesheet() => new(BlobLayout.Stylesheet, Encoding.UTF8.GetBytes(Css), MediaTypes.Of(BlobLayout.Stylesheet));

    /// <summary>The head every published page shares: charset, viewport, title, description, canonical URL, icon, stylesheet.</summary>
    public static StringBuilder Head(string title, string description, Uri canonical, BlobLayout layout) =>
        HtmlListRenderer.Head(title, description, canonical)
            .Append("<link rel=\"stylesheet\" href=\"").Append(HtmlEncoder.Default.Encode(layout.Url(BlobLayout.Stylesheet).AbsoluteUri)).Append("\">\n");

    /// <summary>A rel=alternate discovery link per feed format of a scope, typed.</summary>
    public static StringBuilder Alternates(StringBuilder html, FeedScope scope, BlobLayout layout)
    {
        var e = HtmlEncoder.Default;
        return html
            .Append("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"").Append(e.Encode(scope.Title)).Append(" (Atom)\" href=\"")
            .Append(e.Encode(layout.Url(BlobLayout.Atom(scope)).AbsoluteUri)).Append("\">\n")
            .Append("<link rel=\"alternate\" type=\"application/feed+json\" title=\"").Append(e.Encode(scope.Title)).Append(" (JSON Feed)\" href=\"")
            .Append(e.Encode(layout.Url(BlobLayout.JsonFeed(scope)).AbsoluteUri)).Append("\">\n");
    }

    /// <summary>A schema.org JSON-LD block, written by <paramref name="write"/> inside the object.</summary>
    public static StringBuilder JsonLd(StringBuilder html, Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, LdOptions))
        {
            w.WriteStartObject();
            w.WriteString("@context", "https://schema.org");
            write(w);
            w.WriteEndObject();
        }
        return html.Append("<script type=\"application/ld+json\">").Append(Encoding.UTF8.GetString(buffer.ToArray())).Append("</script>\n");
    }

    /// <summary>The time a page was last updated, for people (UTC, unambiguous) and machines (datetime).</summary>
    public static string Time(DateTimeOffset at) =>
        "<time datetime=\"" + JsonFeedRenderer.Rfc3339(at) + "\">" + at.UtcDateTime.ToString("d MMM yyyy, HH:mm 'UTC'", CultureInfo.InvariantCulture) + "</time>";

    /// <summary>The footer every page shares: who publishes, and where the lists come from.</summary>
    public static StringBuilder Footer(StringBuilder html, FeedScope scope, BlobLayout layout)
    {
        var e = HtmlEncoder.Default;
        return html.Append("<footer><p>Republished by HubFeed from the <a href=\"").Append(e.Encode(scope.CanonicalBase.AbsoluteUri))
            .Append("\">UN Migration Network Hub</a>. <a href=\"").Append(e.Encode(layout.Url(BlobLayout.IndexPage).AbsoluteUri))
            .Append("\">Every published list</a>.</p></footer>\n</body>\n</html>\n");
    }

    /// <summary>sitemap.xml: the index and every list's HTML page, each with the time its feed was last published.</summary>
    public static PublishedFile Sitemap(IEnumerable<(Uri Page, DateTimeOffset Modified)> pages)
    {
        using var buffer = new MemoryStream();
        using (var w = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
        {
            const string ns = "http://www.sitemaps.org/schemas/sitemap/0.9";
            w.WriteStartElement("urlset", ns);
            foreach (var (page, modified) in pages)
            {
                w.WriteStartElement("url", ns);
                w.WriteElementString("loc", ns, page.AbsoluteUri);
                w.WriteElementString("lastmod", ns, JsonFeedRenderer.Rfc3339(modified));
                w.WriteEndElement();
            }
            w.WriteEndElement();
        }
        return new PublishedFile(BlobLayout.Sitemap, buffer.ToArray(), MediaTypes.Of(BlobLayout.Sitemap));
    }

    /// <summary>robots.txt: everything may be crawled; where the sitemap is. (Crawlers read it at an origin's root only.)</summary>
    public static PublishedFile Robots(BlobLayout layout) => new(BlobLayout.Robots,
        Encoding.UTF8.GetBytes($"User-agent: *\nAllow: /\nSitemap: {layout.Url(BlobLayout.Sitemap).AbsoluteUri}\n"), MediaTypes.Of(BlobLayout.Robots));
}
