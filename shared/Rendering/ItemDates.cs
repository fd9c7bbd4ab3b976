
namespace HubFeed.Rendering;

/// <summary>How a feed dates one item: the Hub's calendar day (if any) and its published date (if any).</summary>
public sealed record ItemDates(DateOnly? Day, DateTimeOffset? Published);
