using Azure;
using Azure.Data.Tables;

namespace HubFeed.Catalog;

/// <summary>Per-source state: the last good run, and who holds the run lease. Changed only with its ETag.</summary>
public sealed record SourceStateRow
{
    public string? LastGoodRunId { get; init; }
    public DateTimeOffset? LastGoodAt { get; init; }
    public int LastGoodCount { get; init; }
    public string? RunningRunId { get; init; }
    public DateTimeOffset? LeaseUntil { get; init; }
}

/// <summary>The run of a source holds this lease; a second run is refused while it is held.</summary>
public sealed class RunLease
{
    internal RunLease(string source, string runId, ETag etag, SourceStateRow state)
    {
        Source = source;
        RunId = runId;
        ETag = etag;
        State = state;
    }

    public string Source { get; }
    public string RunId { get; }
    internal ETag ETag { get; set; }
    /// <summary>The state as it was when the lease was taken (holds the last good run).</summary>
    public SourceStateRow State { get; internal set; }
}

/// <summary>Another run holds the source.</summary>
public sealed class RunInProgressException(string message) : Exception(message);

/// <summary>The sourcestate table: one row per source, every change guarded by If-Match on its ETag.</summary>
public sealed class SourceStateStore(StorageTables tables, TimeProvider clock)
{
    private const string Partition = "source";

    /// <summary>How long a lease outlives a run that died without releasing it.</summary>
    public static readonly TimeSpan LeaseDuration = TimeSpan.FromMinutes(15);

    public async Task<SourceStateRow> GetAsync(string source, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.SourceState, cancellationToken);
        var existing = await table.GetEntityIfExistsAsync<TableEntity>(Partition, source, cancellationToken: cancellationToken);
        return existing.HasValue ? FromEntity(existing.Value!) : new SourceStateRow();
    }

    /// <summary>Takes the source's lease or throws <see cref="RunInProgressException"/>.</summary>
    public async Task<RunLease> AcquireAsync(string source, string runId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.SourceState, cancellationToken);
        var now = clock.GetUtcNow();
        var existing = await table.GetEntityIfExistsAsync<TableEntity>(Partition, source, cancellationToken: cancellationToken);
        var state = existing.HasValue ? FromEntity(existing.Value!) : new SourceStateRow();
        if (state.RunningRunId is not null && state.LeaseUntil > now)
        {
            throw new RunInProgressException($"Run {state.RunningRunId} of {source} is in progress (lease until {state.LeaseUntil:O}).");
        }

        var taken = state with { RunningRunId = runId, LeaseUntil = now + LeaseDuration };
        try
        {
            var entity = ToEntity(source, taken);
            Response response = existing.HasValue
                ? await table.UpdateEntityAsync(entity, existing.Value!.ETag, TableUpdateMode.Replace, cancellationToken)
                : await table.AddEntityAsync(entity, cancellationToken);
            return new RunLease(source, runId, response.Headers.ETag ?? ETag.All, state);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            throw new RunInProgressException($"Another run of {source} took the lease first.");
        }
    }

    /// <summary>Gives the lease back; on success records the run as the last good one.</summary>
    public async Task ReleaseAsync(RunLease lease, RunRecord? succeeded, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.SourceState, cancellationToken);
        var next = lease.State with { RunningRunId = null, LeaseUntil = null };
        if (succeeded is not null)
        {
            next = next with { LastGoodRunId = succeeded.Id, LastGoodAt = succeeded.Ended, LastGoodCount = succeeded.ItemsListed };
        }
        try
        {
            await table.UpdateEntityAsync(ToEntity(lease.Source, next), lease.ETag, TableUpdateMode.Replace, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            // The lease expired and another run took it: that run owns the row now; ours must not overwrite it.
            throw new RunInProgressException($"The lease of {lease.Source} was lost during run {lease.RunId}; its result was not recorded as the last good run.");
        }
    }

    private static TableEntity ToEntity(string source, SourceStateRow s) => new(Partition, source)
    {
        ["LastGoodRunId"] = s.LastGoodRunId,
        ["LastGoodAt"] = s.LastGoodAt,
        ["LastGoodCount"] = s.LastGoodCount,
        ["RunningRunId"] = s.RunningRunId,
        ["LeaseUntil"] = s.LeaseUntil,
    };

    private static SourceStateRow FromEntity(TableEntity e) => new()
    {
        LastGoodRunId = e.GetString("LastGoodRunId"),
        LastGoodAt = e.GetDateTimeOffset("LastGoodAt"),
        LastGoodCount = e.GetInt32("LastGoodCount") ?? 0,
        RunningRunId = e.GetString("RunningRunId"),
        LeaseUntil = e.GetDateTimeOffset("LeaseUntil"),
    };
}
