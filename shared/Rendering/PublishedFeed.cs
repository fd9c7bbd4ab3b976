using HubFeed.Layout;

namespace HubFeed.Rendering;

/// <summary>One published feed as the index lists it.</summary>
public sealed record PublishedFeed(FeedScope Scope, int Items, PublishVersion Version);
