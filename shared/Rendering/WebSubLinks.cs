using System.ServiceModel.Syndication;
using System.Text.Json;
using HubFeed.Layout;

namespace HubFeed.Rendering;

/// <summary>What a feed advertises when a WebSub hub is configured (W3C WebSub: rel="hub" next to rel="self").</summary>
public static class WebSubLinks
{
    /// <summary>Atom: link rel="hub" (the feed's rel="self" is already there).</summary>
    public static void AddTo(SyndicationFeed feed, BlobLayout layout)
    {
        if (layout.WebSubHub is { } hub)
        {
            feed.Links.Add(new SyndicationLink(hub, "hub", null, null, 0));
        }
    }

    /// <summary>JSON Feed 1.1: "hubs" (feed_url is the topic, the self link).</summary>
    public static void WriteHubs(Utf8JsonWriter w, BlobLayout layout)
    {
        if (layout.WebSubHub is not { } hub)
        {
            return;
        }
        w.WriteStartArray("hubs");
        w.WriteStartObject();
        w.WriteString("type", "WebSub");
        w.WriteString("url", hub.AbsoluteUri);
        w.WriteEndObject();
        w.WriteEndArray();
    }

    /// <summary>The feeds (WebSub topics) among published files: JSON Feed and Atom at stable names.</summary>
    public static bool IsTopic(PublishedFile file) => !file.Immutable
        && (file.ContentType == JsonFeedRenderer.MediaType || file.ContentType == AtomRenderer.MediaType);
}
