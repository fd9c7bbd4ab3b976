using System.Globalization;
using HubFeed.Sources;

namespace HubFeed.Rendering;

/// <summary>Where the published files are reachable from the outside, so renderings can link to each other.</summary>
public sealed record PublicLinks(Uri Root)
{
    public Uri ObjectiveFolder(int objective) => new(Root, string.Create(CultureInfo.InvariantCulture, $"objective-{objective}/"));
    public Uri JsonFeed(int objective, int page = 1) => new(ObjectiveFolder(objective), page == 1 ? "feed.json" : string.Create(CultureInfo.InvariantCulture, $"feed-{page}.json"));
    public Uri AtomFeed(int objective) => new(ObjectiveFolder(objective), "feed.atom");
    public Uri HtmlList(int objective) => new(ObjectiveFolder(objective), "index.html");
    public Uri EmbedScript(int objective) => new(ObjectiveFolder(objective), "embed.js");
    public Uri WidgetStable => new(Root, "widget/v1/gcm-resources.js");
    public Uri WidgetVersioned(string hash) => new(Root, $"widget/gcm-resources.{hash}.js");
    public Uri Demo => new(Root, "demo.html");
}

/// <summary>What every rendering of one objective shows: the active items, newest first, then by title.</summary>
public sealed record FeedModel(SourceDefinition Source, IReadOnlyList<Resource> Items, DateTimeOffset Updated)
{
    public static FeedModel From(SourceDefinition source, IEnumerable<Resource> resources)
    {
        var items = resources.Where(r => r.IsActive)
            .OrderByDescending(r => r.Date.HasValue)
            .ThenByDescending(r => r.Date)
            .ThenBy(r => r.Title, StringComparer.Create(CultureInfo.InvariantCulture, CompareOptions.IgnoreCase))
            .ThenBy(r => r.Url, StringComparer.Ordinal)
            .ToList();
        // The feed's time is the catalog's, not the clock's: the same catalog renders the same bytes.
        var updated = items.Count == 0 ? DateTimeOffset.UnixEpoch : items.Max(r => r.LastChanged);
        return new FeedModel(source, items, updated);
    }

    public string Description => string.Create(CultureInfo.InvariantCulture,
        $"Resources, practices and pledges the UN Network on Migration's Hub lists for GCM Objective {Source.Objective} ({Source.Name}).");
}
