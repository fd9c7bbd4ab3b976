using System.Collections.Concurrent;
using System.Globalization;
using HubFeed.Catalog.InMemory;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HubFeed.Tests.Infrastructure;

/// <summary>
/// The in-memory change history with a version per event row that moves on every write of it (as an ETag does), so a
/// test on the in-memory adapter can say "not one change row was written".
/// </summary>
public sealed class VersionedChangeLog : IChangeLog
{
    private readonly InMemoryChangeLog _events = new();
    private readonly ConcurrentDictionary<(string Source, DateTimeOffset At, string ResourceId), int> _versions = new();

    public static void Decorate(IServiceCollection services) =>
        services.RemoveAll<IChangeLog>().AddSingleton<IChangeLog, VersionedChangeLog>();

    public async Task RecordAsync(IReadOnlyList<ChangeEvent> events, CancellationToken cancellationToken)
    {
        await _events.RecordAsync(events, cancellationToken);
        foreach (var e in events)
        {
            _versions.AddOrUpdate((e.Source, e.At.ToUniversalTime(), e.ResourceId), 1, (_, v) => v + 1);
        }
    }

    public Task<IReadOnlyList<ChangeEvent>> LoadAsync(string source, DateTimeOffset upTo, CancellationToken cancellationToken) =>
        _events.LoadAsync(source, upTo, cancellationToken);

    /// <summary>Every row the history holds as "source/moment/item/version" (what the changes table lists with ETags).</summary>
    public async Task<List<string>> RowsAsync()
    {
        var rows = new List<string>();
        foreach (var source in _versions.Keys.Select(k => k.Source).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            foreach (var e in await _events.LoadAsync(source, DateTimeOffset.UtcNow.AddDays(1), CancellationToken.None))
            {
                var at = e.At.ToUniversalTime();
                rows.Add(string.Create(CultureInfo.InvariantCulture, $"{source}/{at.UtcTicks}/{e.ResourceId}/{_versions[(source, at, e.ResourceId)]}"));
            }
        }
        return rows;
    }
}
