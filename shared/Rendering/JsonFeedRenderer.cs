using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace HubFeed.Rendering;

/// <summary>A rendered file: where it goes below the objective folder (or the root), its bytes and media type.</summary>
public sealed record RenderedFile(string Name, byte[] Content, string ContentType);

/// <summary>JSON Feed 1.1 (jsonfeed.org/version/1.1), paginated with next_url past a page size.</summary>
public static class JsonFeedRenderer
{
    public const string MediaType = "application/feed+json; charset=utf-8";

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // Non-Latin titles stay readable and small; < > & ' are still escaped.
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    public static IReadOnlyList<RenderedFile> Render(FeedModel model, PublicLinks links, int itemsPerPage)
    {
        var objective = model.Source.Objective;
        var pages = model.Items.Chunk(itemsPerPage).ToList();
        if (pages.Count == 0)
        {
            pages.Add([]);
        }
        var files = new List<RenderedFile>(pages.Count);
        for (var i = 0; i < pages.Count; i++)
        {
            var number = i + 1;
            var next = number < pages.Count ? links.JsonFeed(objective, number + 1) : null;
            files.Add(new RenderedFile(
                number == 1 ? "feed.json" : string.Create(CultureInfo.InvariantCulture, $"feed-{number}.json"),
                RenderPage(model, pages[i], links.JsonFeed(objective, number), next, links),
                MediaType));
        }
        return files;
    }

    public static byte[] RenderPage(FeedModel model, IReadOnlyList<Resource> items, Uri feedUrl, Uri? nextUrl, PublicLinks? links)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            var source = model.Source;
            w.WriteStartObject();
            w.WriteString("version", "https://jsonfeed.org/version/1.1");
            w.WriteString("title", source.Title);
            w.WriteString("home_page_url", source.HomePage.AbsoluteUri);
            w.WriteString("feed_url", feedUrl.AbsoluteUri);
            if (nextUrl is not null)
            {
                w.WriteString("next_url", nextUrl.AbsoluteUri);
            }
            w.WriteString("description", model.Description);
            w.WriteString("language", "en");
            w.WriteString("favicon", new Uri(source.CanonicalBase, "/favicon.ico").AbsoluteUri);
            w.WriteStartArray("authors");
            w.WriteStartObject();
            w.WriteString("name", "United Nations Network on Migration");
            w.WriteString("url", source.CanonicalBase.AbsoluteUri);
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteStartObject("_gcm");
            if (links is not null)
            {
                w.WriteString("about", links.Demo.AbsoluteUri);
            }
            w.WriteNumber("objective", source.Objective);
            w.WriteNumber("term", source.Term);
            w.WriteString("short_name", source.ShortName);
            w.WriteString("name", source.Name);
            w.WriteNumber("total", model.Items.Count);
            w.WriteString("updated", model.Updated.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            w.WriteEndObject();

            w.WriteStartArray("items");
            foreach (var r in items)
            {
                WriteItem(w, r);
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private static string ContentLine(Resource r) =>
        r.Date is { } d ? $"{r.TypeLabel}, {d.ToString("d MMM yyyy", CultureInfo.InvariantCulture)}" : r.TypeLabel;

    public static void WriteItem(Utf8JsonWriter w, Resource r)
    {
        w.WriteStartObject();
        w.WriteString("id", r.Url);
        w.WriteString("url", r.Url);
        w.WriteString("title", r.Title);
        // Without a summary the text says what the item is, not the title again (keeps the feed under 100 KB).
        w.WriteString("content_text", r.Summary ?? ContentLine(r));
        if (r.Summary is not null)
        {
            w.WriteString("summary", r.Summary);
        }
        if (r.Date is { } date)
        {
            w.WriteString("date_published", date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T00:00:00Z");
        }
        if (r.Language is not null)
        {
            w.WriteString("language", r.Language);
        }
        w.WriteStartArray("tags");
        w.WriteStringValue(r.TypeLabel);
        w.WriteEndArray();
        // Only what the standard fields do not carry (the label is in tags, the date in date_published, the
        // objective at feed level), so the feed stays under 100 KB for Objective 11.
        w.WriteStartObject("_gcm");
        w.WriteString("type", r.Type);
        w.WriteEndObject();
        w.WriteEndObject();
    }
}
