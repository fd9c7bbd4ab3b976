using System.Globalization;
using System.ServiceModel.Syndication;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using System.Xml;
using HubFeed.Catalog;
using HubFeed.Layout;

namespace HubFeed.Rendering;

/// <summary>
/// A feed's change history as JSON Feed 1.1 and Atom: one entry per event (added, changed with its fields, withdrawn),
/// newest first, within <see cref="ChangeWindow"/>. A sliding window, so not complete in RFC 5005's sense: older events
/// leave it. Its bytes depend on the events only, so a publish that changed nothing in them rewrites neither file.
/// </summary>
public static class ChangesFeedRenderer
{
    public static IReadOnlyList<PublishedFile> Render(FeedScope scope, IReadOnlyList<ChangeEvent> events, BlobLayout layout, DateTimeOffset publishedAt)
    {
        // Newest event first; with none yet, the publish time (an empty history changes only with the version).
        var updated = events.Count > 0 ? events.Max(e => e.At) : publishedAt;
        return [RenderJson(scope, events, layout, updated), RenderAtom(scope, events, layout, updated)];
    }

    public static string Title(FeedScope scope) => scope.Title + ": what changed";

    /// <summary>"Added: …", "Changed (title, date): …", "Withdrawn: …".</summary>
    public static string EntryTitle(ChangeEvent e) => e.Kind switch
    {
        ChangeKind.Changed => $"Changed ({string.Join(", ", e.Fields)}): {e.Title}",
        _ => $"{Kind(e)[..1].ToUpperInvariant()}{Kind(e)[1..]}: {e.Title}",
    };

    public static string Kind(ChangeEvent e) => e.Kind.ToString().ToLowerInvariant();

    private static string Text(ChangeEvent e) => e.Kind switch
    {
        ChangeKind.Added => string.Create(CultureInfo.InvariantCulture, $"{e.TypeLabel} added to the Hub's list for Objective {e.Objective}."),
        ChangeKind.Withdrawn => string.Create(CultureInfo.InvariantCulture, $"{e.TypeLabel} no longer on the Hub's list for Objective {e.Objective}."),
        _ => string.Create(CultureInfo.InvariantCulture, $"{e.TypeLabel} on the Hub's list for Objective {e.Objective}: {string.Join(", ", e.Fields)} changed."),
    };

    private static PublishedFile RenderJson(FeedScope scope, IReadOnlyList<ChangeEvent> events, BlobLayout layout, DateTimeOffset updated)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) }))
        {
            w.WriteStartObject();
            w.WriteString("version", "https://jsonfeed.org/version/1.1");
            w.WriteString("title", Title(scope));
            w.WriteString("home_page_url", scope.HomePage.AbsoluteUri);
            w.WriteString("feed_url", layout.Url(BlobLayout.ChangesJson(scope)).AbsoluteUri);
            w.WriteString("description", "Items added to, changed on and withdrawn from this list, newest first. " + scope.Description);
            w.WriteString("language", "en");
            WebSubLinks.WriteHubs(w, layout);
            w.WriteStartObject("_gcm");
            w.WriteString("kind", "changes");
            w.WriteBoolean("complete", false);
            w.WriteNumber("window_days", (int)ChangeWindow.MaxAge.TotalDays);
            w.WriteNumber("window_events", ChangeWindow.MaxEvents);
            w.WriteString("list", layout.Url(BlobLayout.JsonFeed(scope)).AbsoluteUri);
            w.WriteString("updated", JsonFeedRenderer.Rfc3339(updated));
            w.WriteEndObject();
            w.WriteStartArray("items");
            foreach (var e in events)
            {
                WriteEvent(w, e);
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return new PublishedFile(BlobLayout.ChangesJson(scope), buffer.ToArray(), MediaTypes.Of(BlobLayout.ChangesJson(scope)));
    }

    private static void WriteEvent(Utf8JsonWriter w, ChangeEvent e)
    {
        w.WriteStartObject();
        w.WriteString("id", e.Id);
        w.WriteString("url", e.Url);
        w.WriteString("title", EntryTitle(e));
        w.WriteString("content_text", Text(e));
        w.WriteString("date_published", JsonFeedRenderer.Rfc3339(e.At));
        if (e.Language is not null)
        {
            w.WriteString("language", e.Language);
        }
        w.WriteStartArray("tags");
        w.WriteStringValue(Kind(e));
        w.WriteEndArray();
        w.WriteStartObject("_gcm");
        w.WriteString("change", Kind(e));
        w.WriteStartArray("fields");
        foreach (var f in e.Fields)
        {
            w.WriteStringValue(f);
        }
        w.WriteEndArray();
        w.WriteString("item", e.Url);
        w.WriteString("item_title", e.Title);
        w.WriteString("type", e.Type);
        w.WriteNumber("objective", e.Objective);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static PublishedFile RenderAtom(FeedScope scope, IReadOnlyList<ChangeEvent> events, BlobLayout layout, DateTimeOffset updated)
    {
        var self = layout.Url(BlobLayout.ChangesAtom(scope));
        // As the list feed (AtomRenderer): each alternate typed, the Hub's page last (newsboat takes it as the website).
        var feed = new SyndicationFeed(Title(scope), "Items added to, changed on and withdrawn from this list, newest first.", null, self.AbsoluteUri, updated)
        {
            Language = "en",
        };
        feed.Authors.Add(new SyndicationPerson { Name = "United Nations Network on Migration", Uri = scope.CanonicalBase.AbsoluteUri });
        feed.Links.Add(new SyndicationLink(self, "self", null, "application/atom+xml", 0));
        feed.Links.Add(new SyndicationLink(layout.Url(BlobLayout.ChangesJson(scope)), "alternate", null, "application/feed+json", 0));
        feed.Links.Add(new SyndicationLink(scope.HomePage, "alternate", null, "text/html", 0));
        WebSubLinks.AddTo(feed, layout);
        feed.Items = events.Select(e =>
        {
            var item = new SyndicationItem(EntryTitle(e), (SyndicationContent?)null, Uri.TryCreate(e.Url, UriKind.Absolute, out var link) ? link : null, e.Id, e.At)
            {
                Summary = new TextSyndicationContent(Text(e)),
                PublishDate = e.At,
            };
            item.Categories.Add(new SyndicationCategory(Kind(e)));
            if (e.Language is not null)
            {
                item.AttributeExtensions.Add(new XmlQualifiedName("lang", "http://www.w3.org/XML/1998/namespace"), e.Language);
            }
            return item;
        }).ToList();

        using var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = false }))
        {
            feed.SaveAsAtom10(writer);
        }
        return new PublishedFile(BlobLayout.ChangesAtom(scope), buffer.ToArray(), MediaTypes.Of(BlobLayout.ChangesAtom(scope)));
    }
}
