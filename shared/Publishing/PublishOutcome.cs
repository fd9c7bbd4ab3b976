using HubFeed.Rendering;

namespace HubFeed.Publishing;

/// <summary>What a publish did: the version the feeds show now, and whether this publish wrote it.</summary>
public sealed record PublishOutcome(PublishVersion Version, PublishResult Result, bool Published);
