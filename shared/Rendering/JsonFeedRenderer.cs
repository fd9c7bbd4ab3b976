using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using HubFeed.Layout;

namespace HubFeed.Rendering;

/// <summary>
/// JSON Feed 1.1 (jsonfeed.org/version/1.1), paginated with next_url past a page size. The first page is the stable
/// feed.json; later pages are immutable, named by their hash, and rendered last to first so each page's next_url names
/// the exact bytes of the next one. The files come in that order too: uploaded so, no page ever names a missing one.
/// </summary>
public static class JsonFeedRenderer
{
    public const string MediaType = MediaTypes.JsonFeed;

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // Non-Latin titles stay readable and small; < > & ' are still escaped, and so is every control character.
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    public static IReadOnlyList<PublishedFile> Render(FeedModel model, BlobLayout layout, int itemsPerPage)
    {
        var chunks = model.Items.Chunk(itemsPerPage).ToList();
        if (chunks.Count == 0)
        {
            chunks.Add([]);
        }
        var feedUrl = layout.Url(BlobLayout.JsonFeed(model.Scope));
        var files = new PublishedFile[chunks.Count];
        Uri? next = null;
        for (var i = chunks.Count - 1; i >= 0; i--)
        {
            var bytes = RenderPage(model, chunks[i], feedUrl, next, layout);
            if (i == 0)
            {
                files[i] = new PublishedFile(BlobLayout.JsonFeed(model.Scope), bytes, MediaType);
            }
            else
            {
                var path = BlobLayout.JsonFeedPage(model.Scope, i + 1, PublishedFile.HashOf(bytes));
                files[i] = new PublishedFile(path, bytes, MediaType, Immutable: true);
                next = layout.Url(path);
            }
        }
        // In upload order: the last page first, so every page that exists names only pages that exist.
        return files.Reverse().ToList();
    }

    /// <summary>One page: the feed's header (with the _gcm extension) and these items.</summary>
    public static byte[] RenderPage(FeedModel model, IReadOnlyList<Resource> items, Uri feedUrl, Uri? nextUrl, BlobLayout? layout)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            // The published feed (not an API answer) is a WebSub topic, and complete: its pages hold every item.
            var published = layout is not null && feedUrl == layout.Url(BlobLayout.JsonFeed(model.Scope)) ? layout : null;
            w.WriteStartObject();
            WriteHeader(w, model.Scope, feedUrl, nextUrl, published);
            var firstSeen = WriteFeedExtension(w, model, layout, published);
            w.WriteStartArray("items");
            foreach (var r in items)
            {
                WriteItem(w, r, model.DatesOf(r), model.ObjectivesByUrl is { } map && map.TryGetValue(r.Url, out var objectives) ? objectives : null, firstSeen);
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return buffer.ToArray();
    }

    /// <summary>The standard top-level fields of JSON Feed 1.1.</summary>
    private static void WriteHeader(Utf8JsonWriter w, FeedScope scope, Uri feedUrl, Uri? nextUrl, BlobLayout? published)
    {
        w.WriteString("version", "https://jsonfeed.org/version/1.1");
        w.WriteString("title", scope.Title);
        w.WriteString("home_page_url", scope.HomePage.AbsoluteUri);
        w.WriteString("feed_url", feedUrl.AbsoluteUri);
        if (nextUrl is not null)
        {
            w.WriteString("next_url", nextUrl.AbsoluteUri);
        }
        w.WriteString("description", scope.Description);
        w.WriteString("language", "en");
        if (published is not null)
        {
            WebSubLinks.WriteHubs(w, published);
        }
        w.WriteString("favicon", new Uri(scope.CanonicalBase, "/favicon.ico").AbsoluteUri);
        w.WriteStartArray("authors");
        w.WriteStartObject();
        w.WriteString("name", "United Nations Network on Migration");
        w.WriteString("url", scope.CanonicalBase.AbsoluteUri);
        w.WriteEndObject();
        w.WriteEndArray();
    }

    /// <summary>The feed's _gcm: where it is explained, its objectives, totals and version. Returns the feed's first_seen.</summary>
    private static DateTimeOffset WriteFeedExtension(Utf8JsonWriter w, FeedModel model, BlobLayout? layout, BlobLayout? published)
    {
        w.WriteStartObject("_gcm");
        if (layout is not null)
        {
            w.WriteString("about", layout.Url(BlobLayout.DemoPage).AbsoluteUri);
        }
        if (model.Scope.Source is { } s)
        {
            WriteObjective(w, s);
        }
        else
        {
            w.WriteStartArray("objectives");
            foreach (var source in model.Scope.Sources)
            {
                w.WriteStartObject();
                WriteObjective(w, source);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        var firstSeen = published is not null ? WritePublished(w, model, published) : default;
        w.WriteNumber("total", model.Items.Count);
        w.WriteString("updated", Rfc3339(model.Updated));
        w.WriteString("version", model.Version.ToString());
        w.WriteEndObject();
        return firstSeen;
    }

    private static void WriteObjective(Utf8JsonWriter w, Sources.SourceDefinition s)
    {
        w.WriteNumber("objective", s.Objective);
        w.WriteNumber("term", s.Term);
        w.WriteString("short_name", s.ShortName);
        w.WriteString("name", s.Name);
    }

    public static string Rfc3339(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>What the item is (its type and the Hub's day): the content, which never repeats the title or the summary.</summary>
    public static string ContentLine(Resource r) =>
        r.Date is { } d ? $"{r.TypeLabel}, {d.ToString("d MMM yyyy", CultureInfo.InvariantCulture)}" : r.TypeLabel;

    /// <summary>
    /// What only the published feed says in its _gcm: it is complete (its pages hold every item), where its changes
    /// feed is, and when its earliest items were first seen (the catalog's first run), which its items then do not
    /// repeat: the feed stays under 100 KB. Returns that time.
    /// </summary>
    private static DateTimeOffset WritePublished(Utf8JsonWriter w, FeedModel model, BlobLayout layout)
    {
        w.WriteBoolean("complete", true);
        w.WriteString("changes", layout.Url(BlobLayout.ChangesJson(model.Scope)).AbsoluteUri);
        var earliest = model.Items.Where(r => r.FirstSeen != default).Select(r => r.FirstSeen).DefaultIfEmpty().Min();
        if (earliest != default)
        {
            w.WriteString("first_seen", Rfc3339(earliest));
        }
        return earliest;
    }

    public static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <param name="firstSeen">The feed's own first_seen: an item first seen then does not repeat it.</param>
    public static void WriteItem(Utf8JsonWriter w, Resource r, ItemDates dates, IReadOnlyList<int>? objectives = null, DateTimeOffset firstSeen = default)
    {
        w.WriteStartObject();
        w.WriteString("id", r.Url);
        w.WriteString("url", r.Url);
        w.WriteString("title", r.Title);
        // JSON Feed needs a content: what the item is. The Hub's summary, when it has one, is the summary (once).
        w.WriteString("content_text", ContentLine(r));
        if (r.Summary is not null)
        {
            w.WriteString("summary", r.Summary);
        }
        if (dates.Published is { } published)
        {
            w.WriteString("date_published", Rfc3339(published));
        }
        if (ItemTimes.Modified(r) is { } modified)
        {
            w.WriteString("date_modified", Rfc3339(modified));
        }
        if (r.Language is not null)
        {
            w.WriteString("language", r.Language);
        }
        w.WriteStartArray("tags");
        w.WriteStringValue(r.TypeLabel);
        w.WriteEndArray();
        WriteExtension(w, r, dates, objectives, firstSeen);
        w.WriteEndObject();
    }

    private static void WriteExtension(Utf8JsonWriter w, Resource r, ItemDates dates, IReadOnlyList<int>? objectives, DateTimeOffset firstSeen)
    {
        // Only what the standard fields do not carry (the label is in tags, the objective at feed level; the Hub's
        // calendar day, which date_published carries at 12:00 UTC), so the feed stays under 100 KB for Objective 11.
        w.WriteStartObject("_gcm");
        w.WriteString("type", r.Type);
        if (dates.Day is { } day)
        {
            w.WriteString("date", Day(day));
        }
        if (r.FirstSeen != default && r.FirstSeen != firstSeen)
        {
            w.WriteString("first_seen", Rfc3339(r.FirstSeen));
        }
        if (objectives is not null)
        {
            w.WriteStartArray("objectives");
            foreach (var o in objectives)
            {
                w.WriteNumberValue(o);
            }
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }
}
