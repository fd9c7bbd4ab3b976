using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using HubFeed.Layout;

namespace HubFeed.Rendering;

/// <summary>
/// A list's oEmbed document (https://oembed.com, type rich): the published oembed.json and the /api/oembed answer. Its
/// html is the one shape WordPress keeps from a provider it does not trust (wp_filter_oembed_result): a blockquote with
/// a link, then an empty iframe with only src, width, height, title, frameborder, marginwidth, marginheight and
/// scrolling; the src absolute and without a fragment (WordPress appends #?secret=…). Without the blockquote WordPress
/// never loads its resize script.
/// </summary>
public static class OEmbedRenderer
{
    public const string MediaType = MediaTypes.Json;
    public const string DiscoveryType = "application/json+oembed";
    public const int DefaultWidth = 500;
    public const int DefaultHeight = 600;

    /// <summary>The widest iframe offered and the tallest (WordPress clamps the protocol's heights to 200-1000 px).</summary>
    public const int MaxWidth = 1000;
    public const int MaxHeight = 1000;

    /// <summary>How long a consumer may cache the answer (seconds): the list changes at most with each run.</summary>
    public const int CacheAge = 3600;

    public const string ProviderName = "UN Network on Migration: Migration Network Hub resources (HubFeed)";

    /// <summary>The published oembed.json: the English embed page at the default size.</summary>
    public static PublishedFile Render(FeedScope scope, BlobLayout layout) =>
        new(BlobLayout.OEmbed(scope), Document(scope, layout, "en", DefaultWidth, DefaultHeight), MediaType);

    public static byte[] Document(FeedScope scope, BlobLayout layout, string lang, int width, int height)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("version", "1.0");
            w.WriteString("type", "rich");
            w.WriteString("title", scope.Title);
            w.WriteString("provider_name", ProviderName);
            w.WriteString("provider_url", scope.CanonicalBase.AbsoluteUri);
            w.WriteNumber("width", width);
            w.WriteNumber("height", height);
            w.WriteNumber("cache_age", CacheAge);
            w.WriteString("html", Html(scope, layout, lang, width, height));
            w.WriteEndObject();
        }
        return buffer.ToArray();
    }

    /// <summary>The blockquote (the link shown until the frame speaks) and the iframe, in WordPress's kept shape.</summary>
    public static string Html(FeedScope scope, BlobLayout layout, string lang, int width, int height)
    {
        var e = HtmlEncoder.Default;
        var link = layout.Url(BlobLayout.HtmlList(scope));
        return new StringBuilder()
            .Append("<blockquote><a href=\"").Append(e.Encode(link.AbsoluteUri)).Append("\">").Append(e.Encode(scope.Title)).Append("</a></blockquote>")
            .Append("<iframe src=\"").Append(e.Encode(layout.Url(BlobLayout.EmbedPage(scope, lang)).AbsoluteUri))
            .Append("\" width=\"").Append(width).Append("\" height=\"").Append(height).Append("\" title=\"").Append(e.Encode(scope.Title))
            .Append("\" frameborder=\"0\" marginwidth=\"0\" marginheight=\"0\" scrolling=\"auto\"></iframe>")
            .ToString();
    }

    /// <summary>The discovery link a page offered for embedding carries in its head (absolute: WordPress does not resolve it).</summary>
    public static string DiscoveryLink(FeedScope scope, BlobLayout layout) =>
        $"<link rel=\"alternate\" type=\"{DiscoveryType}\" href=\"{HtmlEncoder.Default.Encode(layout.Url(BlobLayout.OEmbed(scope)).AbsoluteUri)}\" title=\"{HtmlEncoder.Default.Encode(scope.Title)}\">\n";
}
