using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;

namespace HubFeed.Rendering;

/// <summary>A static HTML list: the no-JavaScript fallback and what search engines index.</summary>
public static class HtmlListRenderer
{
    public const string MediaType = "text/html; charset=utf-8";

    public static RenderedFile Render(FeedModel model, PublicLinks links)
    {
        var e = HtmlEncoder.Default;
        var source = model.Source;
        var html = new StringBuilder(64 * 1024);
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(e.Encode(source.Title)).Append("</title>\n")
            .Append("<meta name=\"description\" content=\"").Append(e.Encode(model.Description)).Append("\">\n")
            .Append("<link rel=\"canonical\" href=\"").Append(e.Encode(links.HtmlList(source.Objective).AbsoluteUri)).Append("\">\n")
            .Append("<link rel=\"alternate\" type=\"application/feed+json\" title=\"JSON Feed\" href=\"feed.json\">\n")
            .Append("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Atom\" href=\"feed.atom\">\n")
            .Append("</head>\n<body>\n<main>\n<h1>").Append(e.Encode(source.Title)).Append("</h1>\n<p>")
            .Append(e.Encode(model.Description)).Append(" <a href=\"").Append(e.Encode(source.HomePage.AbsoluteUri))
            .Append("\">See the full list on the Hub</a>.</p>\n")
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
        return new RenderedFile("index.html", Encoding.UTF8.GetBytes(html.ToString()), MediaType);
    }
}
