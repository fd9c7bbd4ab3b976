using HubFeed.Layout;
using HubFeed.Rendering;

namespace HubFeed.Publishing;

/// <summary>A published feed read back whole (every page): the version the feeds show and its items, in feed order.</summary>
public sealed record PublishedSnapshot(FeedScope Scope, PublishVersion Version, IReadOnlyList<Resource> Items, IReadOnlyDictionary<string, IReadOnlyList<int>>? ObjectivesByUrl)
{
    /// <summary>The feed's model; its first run is its earliest first-seen (undated items seen then stay undated).</summary>
    public FeedModel Model => new(Scope, Items, Version) { ObjectivesByUrl = ObjectivesByUrl, FirstRun = FeedModel.FirstRunOf(Items) };
}
