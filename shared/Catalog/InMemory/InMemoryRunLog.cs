namespace HubFeed.Catalog.InMemory;

/// <summary>The run log in memory: records kept as <see cref="RunLog.Stored"/> caps them, sorted as the table sorts them.</summary>
public sealed class InMemoryRunLog : IRunLog
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Source, string Key), RunRecord> _runs = [];

    public Task SaveAsync(RunRecord run, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            _runs[(run.Source, RunLog.SortKeyOf(run))] = RunLog.Stored(run);
        }
        return Task.CompletedTask;
    }

    public Task<RunRecord?> FindAsync(string id, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return Task.FromResult(RunLog.TrySplit(id, out var source, out var key) ? _runs.GetValueOrDefault((source, key)) : null);
        }
    }

    public Task<IReadOnlyList<RunRecord>> RecentAsync(string source, int count, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            IReadOnlyList<RunRecord> recent = _runs.Where(r => r.Key.Source == source)
                .OrderBy(r => r.Key.Key, StringComparer.Ordinal).Take(count).Select(r => r.Value).ToList();
            return Task.FromResult(recent);
        }
    }
}
