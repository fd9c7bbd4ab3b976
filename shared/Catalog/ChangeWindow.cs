namespace HubFeed.Catalog;

/// <summary>How much history a changes feed shows (and the store keeps): the newest events of the last days.</summary>
public static class ChangeWindow
{
    public const int MaxEvents = 500;
    public static readonly TimeSpan MaxAge = TimeSpan.FromDays(90);

    /// <summary>The events a feed published at <paramref name="at"/> shows, newest first (ties by id, so renderings are stable).</summary>
    public static IReadOnlyList<ChangeEvent> Of(IEnumerable<ChangeEvent> events, DateTimeOffset at) => events
        .Where(e => e.At > at - MaxAge && e.At <= at)
        .OrderByDescending(e => e.At).ThenBy(e => e.Id, StringComparer.Ordinal)
        .Take(MaxEvents)
        .ToList();

    /// <summary>True when an event is too old to keep once <paramref name="newest"/> has happened.</summary>
    public static bool IsStale(DateTimeOffset at, DateTimeOffset newest) => at <= newest - MaxAge;
}
