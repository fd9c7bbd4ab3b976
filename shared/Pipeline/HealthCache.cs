namespace HubFeed.Pipeline;

/// <summary>
/// Anonymous health as the API serves it: one report shared by every caller for HubFeed:Health:CacheFor (a probe storm
/// costs one storage read every few seconds, not one per request), and null (the caller answers 503) when storage
/// does not answer within <see cref="Timeout"/>, instead of waiting out the storage client's retries.
/// </summary>
public sealed class HealthCache(HealthService health, Microsoft.Extensions.Options.IOptions<HealthOptions> options, TimeProvider clock)
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(4);
    public const int RecentRuns = 5;

    private readonly Lock _gate = new();
    private (DateTimeOffset At, Task<HealthReport?> Report)? _current;

    /// <summary>The report (without ops detail), or null when storage could not be read in time.</summary>
    public Task<HealthReport?> GetAsync()
    {
        lock (_gate)
        {
            var now = clock.GetUtcNow();
            if (_current is { } current && now - current.At < options.Value.CacheFor)
            {
                return current.Report;
            }
            var report = LoadAsync();
            _current = (now, report);
            return report;
        }
    }

    private async Task<HealthReport?> LoadAsync()
    {
        // Not the caller's token: the report is shared, and one caller leaving must not fail it for the others.
        using var timeout = new CancellationTokenSource(Timeout, clock);
        try
        {
            return await health.GetAsync(RecentRuns, detail: false, timeout.Token);
        }
        catch (Exception e) when (e is OperationCanceledException || HubFeedRunner.IsStorageFault(e))
        {
            return null;
        }
    }
}
