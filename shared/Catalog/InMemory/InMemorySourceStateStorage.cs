using System.Globalization;

namespace HubFeed.Catalog.InMemory;

/// <summary>
/// The per-source state in memory, with the table's conditional writes: every write names the version it read (a
/// counter here, an ETag there) and loses to any write in between.
/// </summary>
public sealed class InMemorySourceStateStorage : ISourceStateStorage
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Versioned<SourceStateRow>> _states = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Acceptance> _acceptances = new(StringComparer.Ordinal);
    private Versioned<DateTimeOffset>? _indexClock;
    private long _version;

    public Task<Versioned<SourceStateRow>?> ReadAsync(string source, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return Task.FromResult(_states.GetValueOrDefault(source));
        }
    }

    public Task<IReadOnlyDictionary<string, SourceStateRow>> ReadAllAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            IReadOnlyDictionary<string, SourceStateRow> all = _states.ToDictionary(s => s.Key, s => s.Value.Value, StringComparer.Ordinal);
            return Task.FromResult(all);
        }
    }

    public Task<string?> TryWriteAsync(string source, SourceStateRow state, string? expected, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var current = _states.GetValueOrDefault(source)?.Version;
            if (current is null && expected == RunLease.AnyVersion)
            {
                // Table Storage answers 404: there is no row to replace.
                throw new InvalidOperationException($"No state row of {source} to replace.");
            }
            if (!Matches(current, expected))
            {
                return Task.FromResult<string?>(null);
            }
            var version = NextVersion();
            _states[source] = new Versioned<SourceStateRow>(state, version);
            return Task.FromResult<string?>(version);
        }
    }

    public Task SaveAcceptanceAsync(string source, Acceptance acceptance, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            _acceptances[source] = acceptance;
        }
        return Task.CompletedTask;
    }

    public Task<Acceptance?> ReadAcceptanceAsync(string source, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return Task.FromResult(_acceptances.GetValueOrDefault(source));
        }
    }

    public Task DeleteAcceptanceAsync(string source, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            _acceptances.Remove(source);
        }
        return Task.CompletedTask;
    }

    public Task<Versioned<DateTimeOffset>?> ReadIndexClockAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return Task.FromResult(_indexClock);
        }
    }

    public Task<bool> TryWriteIndexClockAsync(DateTimeOffset at, string? expected, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (!Matches(_indexClock?.Version, expected))
            {
                return Task.FromResult(false);
            }
            _indexClock = new Versioned<DateTimeOffset>(at, NextVersion());
            return Task.FromResult(true);
        }
    }

    /// <summary>As Table Storage decides: no version expected means create only; "*" matches any existing row.</summary>
    private static bool Matches(string? current, string? expected) =>
        expected is null ? current is null : current is not null && (expected == RunLease.AnyVersion || expected == current);

    private string NextVersion() => (++_version).ToString(CultureInfo.InvariantCulture);
}
