namespace HubFeed.Catalog;

/// <summary>
/// The runs (port): one record per run, saved as it moves on (queued, running, its end). A record reads back as
/// <see cref="RunLog.Stored"/> makes it (long lists and texts capped).
/// </summary>
public interface IRunLog
{
    /// <summary>Saves the run, replacing what was saved under its id.</summary>
    Task SaveAsync(RunRecord run, CancellationToken cancellationToken);

    /// <summary>The run with this id, or null (also for an id <see cref="RunLog.NewId"/> never gave out).</summary>
    Task<RunRecord?> FindAsync(string id, CancellationToken cancellationToken);

    /// <summary>The newest runs of a source, newest first.</summary>
    Task<IReadOnlyList<RunRecord>> RecentAsync(string source, int count, CancellationToken cancellationToken);
}
