using System.Globalization;

namespace HubFeed.Catalog;

/// <summary>One thing that happened to one item of one objective: added (or back), changed (which fields), withdrawn.</summary>
public sealed record ChangeEvent(
    string Source,
    int Objective,
    string ResourceId,
    string Url,
    string Title,
    string Type,
    string TypeLabel,
    string? Language,
    ChangeKind Kind,
    IReadOnlyList<string> Fields,
    DateTimeOffset At)
{
    /// <summary>Stable and unique per event: the same event always has the same id in every feed.</summary>
    public string Id => string.Create(CultureInfo.InvariantCulture, $"tag:hubfeed,2026:{Source}/{ResourceId}/{At.UtcTicks}/{Kind.ToString().ToLowerInvariant()}");
}
