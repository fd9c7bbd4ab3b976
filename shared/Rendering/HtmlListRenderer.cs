using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using HubFeed.Publishing;

namespace HubFeed.Rendering;

/// <summary>A static HTML list: the no-JavaScript fallback and what search engines index.</summary>
public static class HtmlListRenderer
{
    public const string MediaType = "text/html; charset=utf-8";

    /// <summary>
    /// An inline icon: the pages ask for no /favicon.ico (which the container does not have), so the browser logs no
    /// failed request. A blue square, the widget's accent colour.
    /// </summary>
    public const string Favicon = "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'%3E%3Crect width='16' height='16' rx='3' fill='%230b5aa8'/%3E%3C/svg%3E";

    /// <summary>The head every published page shares: charset, viewport, title, description, canonical URL, icon.</summary>
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

    public static PublishedFile Render(FeedModel model, BlobLayout layout)
    {
        var e = HtmlEncoder.Default;
        var scope = model.Scope;
        var html = Head(scope.Title, scope.Description, layout.Url(BlobLayout.HtmlList(scope)))
            .Append("<link rel=\"alternate\" type=\"application/feed+json\" title=\"JSON Feed\" href=\"feed.json\">\n");
        if (!scope.IsAll)
        {
            html.Append("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Atom\" href=\"feed.atom\">\n");
        }
        html.Append(OEmbedRenderer.DiscoveryLink(scope, layout));
        html.Append("</head>\n<body>\n<main>\n<h1>").Append(e.Encode(scope.Title)).Append("</h1>\n<p>")
            .Append(e.Encode(scope.Description)).Append(" <a href=\"").Append(e.Encode(scope.HomePage.AbsoluteUri))
            .Append("\">See the full list on the Migration Network Hub</a>.</p>\n")
            .Append(CultureInfo.InvariantCulture, $"<p>{model.Items.Count} items.</p>\n<ul>\n");
        foreach (var r in model.Items)
        {
            html.Append("<li><a href=\"").Append(e.Encode(r.Url)).Append('"');
            if (r.Language is not null)
            {
                html.Append(" hreflang=\"").Append(e.Encode(r.Language)).Append("\" lang=\"").Append(e.Encode(r.Language)).Append('"');
            }
            html.Append(" dir=\"auto\">").Append(e.Encode(r.Title)).Append("</a> <span>").Append(e.Encode(r.TypeLabel)).Append("</span>");
            if (r.Date is { } d)
            {
                html.Append(" <time datetime=\"").Append(d.ToString("O", CultureInfo.InvariantCulture)).Append("\">")
                    .Append(d.ToString("d MMM yyyy", CultureInfo.InvariantCulture)).Append("</time>");
            }
            html.Append("</li>\n");
        }
        html.Append("</ul>\n</main>\n</body>\n</html>\n");
        return new PublishedFile(BlobLayout.HtmlList(scope), Encoding.UTF8.GetBytes(html.ToString()), MediaType);
    }
}
