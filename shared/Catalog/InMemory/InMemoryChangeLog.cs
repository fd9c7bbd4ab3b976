namespace HubFeed.Catalog.InMemory;

/// <summary>The change history in memory: one event per item per moment, pruned to the window on each write.</summary>
public sealed class InMemoryChangeLog : IChangeLog
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Dictionary<(DateTimeOffset At, string ResourceId), ChangeEvent>> _sources = new(StringComparer.Ordinal);

    public Task RecordAsync(IReadOnlyList<ChangeEvent> events, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (events.Count == 0)
        {
            return Task.CompletedTask;
        }
        var newest = events.Max(e => e.At);
        lock (_gate)
        {
            foreach (var group in events.GroupBy(e => e.Source, StringComparer.Ordinal))
            {
                if (!_sources.TryGetValue(group.Key, out var source))
                {
                    _sources[group.Key] = source = [];
                }
                foreach (var e in group)
                {
                    source[(e.At.ToUniversalTime(), e.ResourceId)] = e;
                }
                Prune(source, newest);
            }
        }
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ChangeEvent>> LoadAsync(string source, DateTimeOffset upTo, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var events = _sources.TryGetValue(source, out var all) ? all.Values.Where(e => e.At <= upTo).ToList() : [];
            return Task.FromResult(ChangeWindow.Of(events, upTo));
        }
    }

    /// <summary>Keeps the newest <see cref="ChangeWindow.MaxEvents"/> that are not stale (newest first, then by item id).</summary>
    private static void Prune(Dictionary<(DateTimeOffset At, string ResourceId), ChangeEvent> source, DateTimeOffset newest)
    {
        var stale = source.Keys.OrderByDescending(k => k.At).ThenBy(k => k.ResourceId, StringComparer.Ordinal)
            .Where((k, i) => i >= ChangeWindow.MaxEvents || ChangeWindow.IsStale(k.At, newest)).ToList();
        foreach (var key in stale)
        {
            source.Remove(key);
        }
    }
}
